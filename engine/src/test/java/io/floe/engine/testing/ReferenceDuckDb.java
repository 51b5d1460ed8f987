package io.floe.engine.testing;

import io.floe.engine.api.catalog.ColumnType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain in-memory DuckDB holding the same data as a Floe table, to compare Floe's answers with
 * DuckDB's own.
 */
public final class ReferenceDuckDb implements AutoCloseable {
  private final Connection connection;

  public ReferenceDuckDb() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET TimeZone = 'UTC'");
        // Floe divides integers as PostgreSQL does (docs/sql.md); DuckDB's setting does the same.
        s.execute("SET integer_division = true");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates {@code schema.table} from column specs like {@code "id INTEGER"} and loads the CSV. */
  public void table(String schema, String table, String csv, String... columns) {
    List<String> defs = new ArrayList<>();
    for (String c : columns) {
      String spec = c.trim().endsWith(" PK") ? c.trim().substring(0, c.trim().length() - 3) : c.trim();
      int space = spec.indexOf(' ');
      defs.add(spec.substring(0, space) + " " + ColumnType.parse(spec.substring(space + 1)).toDuckDb());
    }
    try {
      Path file = Files.createTempFile("ref", ".csv");
      Files.writeString(file, csv);
      try (Statement s = connection.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        s.execute("CREATE TABLE " + schema + "." + table + " (" + String.join(", ", defs) + ")");
        s.execute("INSERT INTO " + schema + "." + table + " SELECT * FROM read_csv('" + file
            + "', header = true, auto_detect = false, allow_quoted_nulls = false, columns = {"
            + String.join(", ", defs.stream().map(d -> {
              int sp = d.indexOf(' ');
              return "'" + d.substring(0, sp) + "': '" + d.substring(sp + 1) + "'";
            }).toList()) + "})");
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows in Floe's value classes, so they compare equal to Floe's results. */
  public List<List<Object>> query(String sql) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Object[] row = new Object[md.getColumnCount()];
        for (int i = 0; i < row.length; i++) {
          Object v = rs.getObject(i + 1);
          if (v instanceof java.sql.Timestamp t) {
            v = t.toLocalDateTime();
          } else if (v instanceof OffsetDateTime o) {
            v = o.withOffsetSameInstant(ZoneOffset.UTC);
          } else if (v instanceof java.sql.Date d) {
            v = d.toLocalDate();
          } else if (v instanceof java.math.BigInteger b) {
            v = new BigDecimal(b);
          } else if (v instanceof java.util.UUID u) {
            v = u.toString();
          }
          row[i] = v;
        }
        rows.add(Arrays.asList(row));
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }


  @Override public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // in-memory
    }
  }
}

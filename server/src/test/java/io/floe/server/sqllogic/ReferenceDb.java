package io.floe.server.sqllogic;

import io.floe.server.sqllogic.IntendedDifferences.Setting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference: a fresh in-memory DuckDB per script, with the settings in
 * {@link IntendedDifferences#REFERENCE_SETTINGS}, one thread and no extension loading. It runs every
 * statement of the script, answers queries, describes its tables and writes them as CSV.
 */
final class ReferenceDb implements AutoCloseable {
  /**
   * A table of the reference and its columns' DuckDB types, in order; {@code collated} when a
   * column has a collation (which DuckDB's catalog functions do not show, but its DDL does).
   */
  record TableShape(String name, boolean mainSchema, boolean collated, Map<String, String> columns) {}

  private final Connection connection;

  ReferenceDb() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET threads = 1");
        s.execute("SET memory_limit = '1GB'");
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
        for (Setting setting : IntendedDifferences.REFERENCE_SETTINGS) {
          s.execute(setting.statement());
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start the reference DuckDB", e);
    }
  }

  /** Runs one statement; a query's rows come back (at most {@code maxRows}). */
  Outcome run(String sql, int timeoutSeconds, int maxRows) {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(timeoutSeconds);
      if (!s.execute(sql)) {
        return new Outcome.Rows(List.of(), List.of());
      }
      try (ResultSet rs = s.getResultSet()) {
        return new Outcome.Rows(labels(rs.getMetaData()), Cells.read(rs, maxRows));
      }
    } catch (SQLException e) {
      return Outcome.Failure.of(e);
    } catch (RuntimeException e) {
      return new Outcome.Failure("", e.toString());
    }
  }

  static List<String> labels(ResultSetMetaData md) throws SQLException {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      labels.add(md.getColumnLabel(i));
    }
    return labels;
  }

  /** Every user table, temporary ones included, with its columns. */
  List<TableShape> tables() throws SQLException {
    Map<String, TableShape> tables = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT c.table_name, c.schema_name, c.column_name, "
             + "c.data_type, t.sql ILIKE '%collate%' FROM duckdb_columns() c "
             + "JOIN duckdb_tables() t ON t.table_oid = c.table_oid "
             + "WHERE NOT c.internal AND NOT t.internal "
             + "ORDER BY c.database_name, c.schema_name, c.table_name, c.column_index")) {
      while (rs.next()) {
        String table = rs.getString(1);
        boolean main = rs.getString(2).equals("main");
        boolean collated = rs.getBoolean(5);
        String key = rs.getString(2) + "." + table;
        tables.computeIfAbsent(key, k -> new TableShape(table, main, collated, new LinkedHashMap<>()))
            .columns().put(rs.getString(3), rs.getString(4));
      }
    }
    return List.copyOf(tables.values());
  }

  /** Names of the user views. */
  List<String> views() throws SQLException {
    List<String> views = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("SELECT view_name FROM duckdb_views() WHERE NOT internal")) {
      while (rs.next()) {
        views.add(rs.getString(1));
      }
    }
    return views;
  }

  void execute(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * Writes {@code table} as CSV with a header: NULL as an empty unquoted field, every other string
   * quoted (so an empty string is {@code ""}), numbers as DuckDB prints them (floating point
   * round-trips exactly).
   */
  void writeCsv(String table, List<String> stringColumns, Path file) throws SQLException {
    StringBuilder quote = new StringBuilder();
    for (String c : stringColumns) {
      quote.append(quote.length() == 0 ? "" : ", ").append(ident(c));
    }
    execute("COPY (SELECT * FROM " + ident(table) + ") TO " + literal(file.toString())
        + " (FORMAT csv, HEADER true, DELIMITER ','"
        + (quote.length() == 0 ? "" : ", FORCE_QUOTE (" + quote + ")") + ")");
  }

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  @Override public void close() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // in-memory: nothing to keep
    }
  }
}

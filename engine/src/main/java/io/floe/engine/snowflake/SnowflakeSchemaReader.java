package io.floe.engine.snowflake;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Snowflake schema holds, as a registered bucket shows it: its tables and views, their
 * columns in order, each with the Floe type that holds its values. Read through Snowflake's JDBC
 * driver ({@link DatabaseMetaData}, which sends {@code SHOW OBJECTS} and {@code SHOW COLUMNS}),
 * so it sees what the connection's role may see.
 *
 * <p>Types ({@link #type}): {@code NUMBER(p,s)} is {@code DECIMAL(p,s)}, exact, so
 * {@code NUMBER(38,0)} keeps all 38 digits; {@code FLOAT}/{@code DOUBLE}/{@code REAL} are
 * {@code DOUBLE}; text types are {@code VARCHAR} (lengths are not enforced, as for DuckDB tables);
 * {@code BINARY} is {@code BLOB}; {@code BOOLEAN}, {@code DATE} and {@code TIME} are themselves;
 * {@code TIMESTAMP_NTZ} is {@code TIMESTAMP}, {@code TIMESTAMP_LTZ} and {@code TIMESTAMP_TZ} are
 * {@code TIMESTAMPTZ} (to the microsecond, DuckDB's precision); {@code VARIANT}, {@code OBJECT} and
 * {@code ARRAY} are {@code JSON}; {@code GEOGRAPHY} and {@code GEOMETRY} are {@code VARCHAR}
 * (GeoJSON text). A type Floe has nothing for ({@code VECTOR}, ...) leaves its column out, and the
 * table says so in {@link Table#skipped}.
 */
public final class SnowflakeSchemaReader {
  private SnowflakeSchemaReader() {}

  /** A table or view of the schema. */
  public record Table(String name, boolean view, String comment, List<Column> columns,
      List<String> skipped) {}

  /** A column, with its Snowflake type as the driver names it and the Floe type it maps to. */
  public record Column(String name, String snowflakeType, ColumnType type, boolean nullable,
      String comment) {}

  /** The tables and views of {@code database.schema}, by name, in Snowflake's order. */
  public static Map<String, Table> read(Connection c, String database, String schema) {
    try {
      DatabaseMetaData md = c.getMetaData();
      // The driver takes the schema as a LIKE pattern: RAW_DATA would also match RAW1DATA.
      String escape = md.getSearchStringEscape();
      String schemaPattern = escape == null || escape.isEmpty() ? schema
          : schema.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
      Map<String, Boolean> views = new LinkedHashMap<>();
      Map<String, String> comments = new LinkedHashMap<>();
      try (ResultSet rs = md.getTables(database, schemaPattern, null, new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          views.put(name, "VIEW".equalsIgnoreCase(rs.getString("TABLE_TYPE")));
          comments.put(name, rs.getString("REMARKS"));
        }
      }
      Map<String, List<Column>> columns = new LinkedHashMap<>();
      Map<String, List<String>> skipped = new LinkedHashMap<>();
      try (ResultSet rs = md.getColumns(database, schemaPattern, null, null)) {
        while (rs.next()) {
          String table = rs.getString("TABLE_NAME");
          String name = rs.getString("COLUMN_NAME");
          String typeName = rs.getString("TYPE_NAME");
          ColumnType type = type(typeName, (Integer) rs.getObject("COLUMN_SIZE"),
              (Integer) rs.getObject("DECIMAL_DIGITS"));
          if (type == null) {
            skipped.computeIfAbsent(table, k -> new ArrayList<>()).add(name + " " + typeName);
            continue;
          }
          columns.computeIfAbsent(table, k -> new ArrayList<>()).add(new Column(name, typeName, type,
              !"NO".equalsIgnoreCase(rs.getString("IS_NULLABLE")), rs.getString("REMARKS")));
        }
      }
      Map<String, Table> tables = new LinkedHashMap<>();
      for (Map.Entry<String, Boolean> t : views.entrySet()) {
        tables.put(t.getKey(), new Table(t.getKey(), t.getValue(), comments.get(t.getKey()),
            List.copyOf(columns.getOrDefault(t.getKey(), List.of())),
            List.copyOf(skipped.getOrDefault(t.getKey(), List.of()))));
      }
      return tables;
    } catch (SQLException e) {
      throw new FloeException(ErrorCode.EXTERNAL_ERROR, "cannot read Snowflake schema " + database
          + "." + schema + ": " + e.getMessage(), e);
    }
  }

  /**
   * The Floe type of a Snowflake column, from the type name Snowflake's driver reports and its
   * size and scale; null for a type Floe cannot hold.
   */
  public static ColumnType type(String typeName, Integer size, Integer digits) {
    String name = typeName == null ? "" : typeName.toUpperCase(Locale.ROOT).replace("_", "");
    return switch (name) {
      case "NUMBER", "DECIMAL", "NUMERIC", "FIXED" -> {
        int precision = size == null || size < 1 ? 38 : Math.min(size, ColumnType.MAX_DECIMAL_PRECISION);
        int scale = digits == null ? 0 : Math.min(Math.max(digits, 0), precision);
        yield ColumnType.decimal(precision, scale);
      }
      case "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "BYTEINT" -> ColumnType.decimal(38, 0);
      case "FLOAT", "FLOAT4", "FLOAT8", "DOUBLE", "DOUBLEPRECISION", "REAL" -> ColumnType.of(TypeName.DOUBLE);
      case "VARCHAR", "CHAR", "CHARACTER", "STRING", "TEXT", "NCHAR", "NVARCHAR", "NVARCHAR2",
          "CHARVARYING", "NCHARVARYING", "GEOGRAPHY", "GEOMETRY" -> ColumnType.of(TypeName.VARCHAR);
      case "BINARY", "VARBINARY" -> ColumnType.of(TypeName.BLOB);
      case "BOOLEAN" -> ColumnType.of(TypeName.BOOLEAN);
      case "DATE" -> ColumnType.of(TypeName.DATE);
      case "TIME" -> ColumnType.of(TypeName.TIME);
      case "TIMESTAMP", "TIMESTAMPNTZ", "DATETIME" -> ColumnType.of(TypeName.TIMESTAMP);
      case "TIMESTAMPLTZ", "TIMESTAMPTZ" -> ColumnType.of(TypeName.TIMESTAMPTZ);
      case "VARIANT", "OBJECT", "ARRAY" -> ColumnType.of(TypeName.JSON);
      default -> null;
    };
  }
}

package io.floe.engine.sql;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;

/**
 * Floe's column types as Snowflake names them in its metadata commands: the type text of
 * {@code DESCRIBE TABLE} ({@code NUMBER(10,0)}, {@code VARCHAR(16777216)},
 * {@code TIMESTAMP_NTZ(9)}) and the {@code data_type} JSON of {@code SHOW COLUMNS}
 * ({@code {"type":"FIXED","precision":10,"scale":0,"nullable":true}}), which snowflake-jdbc reads
 * for {@code getColumns}. Precisions and lengths are those the Snowflake front door reports for the
 * same types in a result's {@code rowtype}, so a table's metadata and a query's agree.
 */
final class SnowflakeTypeNames {
  /** Snowflake's longest VARCHAR, what it reports for text without a declared length. */
  static final int MAX_TEXT = 16_777_216;
  /** Snowflake's longest BINARY. */
  static final int MAX_BINARY = 8_388_608;
  /** Digits after the point of TIME and TIMESTAMP values (nanoseconds). */
  static final int TIME_SCALE = 9;

  private SnowflakeTypeNames() {}

  /** The type as {@code DESCRIBE TABLE} writes it. */
  static String sqlName(ColumnType t) {
    return switch (t.name()) {
      case BOOLEAN -> "BOOLEAN";
      case SMALLINT, INTEGER, BIGINT, DECIMAL -> "NUMBER(" + precision(t) + "," + scale(t) + ")";
      case REAL, DOUBLE -> "FLOAT";
      case VARCHAR, UUID -> "VARCHAR(" + MAX_TEXT + ")";
      case JSON -> "VARIANT";
      case DATE -> "DATE";
      case TIME -> "TIME(" + TIME_SCALE + ")";
      case TIMESTAMP -> "TIMESTAMP_NTZ(" + TIME_SCALE + ")";
      case TIMESTAMPTZ -> "TIMESTAMP_TZ(" + TIME_SCALE + ")";
      case BLOB -> "BINARY(" + MAX_BINARY + ")";
    };
  }

  /** The type as {@code SHOW COLUMNS} writes it in {@code data_type}: a JSON object. */
  static String dataType(ColumnType t, boolean nullable) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    switch (t.name()) {
      case BOOLEAN -> n.put("type", "BOOLEAN");
      case SMALLINT, INTEGER, BIGINT, DECIMAL -> {
        n.put("type", "FIXED");
        n.put("precision", precision(t));
        n.put("scale", scale(t));
      }
      case REAL, DOUBLE -> n.put("type", "REAL");
      case VARCHAR, UUID -> {
        n.put("type", "TEXT");
        n.put("length", MAX_TEXT);
        n.put("byteLength", MAX_TEXT);
        n.put("fixed", false);
      }
      case JSON -> n.put("type", "VARIANT");
      case DATE -> n.put("type", "DATE");
      case TIME, TIMESTAMP, TIMESTAMPTZ -> {
        n.put("type", switch (t.name()) {
          case TIME -> "TIME";
          case TIMESTAMP -> "TIMESTAMP_NTZ";
          default -> "TIMESTAMP_TZ";
        });
        n.put("precision", 0);
        n.put("scale", TIME_SCALE);
      }
      case BLOB -> {
        n.put("type", "BINARY");
        n.put("length", MAX_BINARY);
        n.put("byteLength", MAX_BINARY);
        n.put("fixed", false);
      }
    }
    n.put("nullable", nullable);
    return n.toString();
  }

  private static int precision(ColumnType t) {
    return switch (t.name()) {
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      default -> t.precision();
    };
  }

  private static int scale(ColumnType t) {
    return t.name() == TypeName.DECIMAL ? t.scale() : 0;
  }
}

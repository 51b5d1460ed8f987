package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.sql.Types;

/**
 * How a catalog type is described to clients, once for every front-end.
 *
 * @param type the type as the catalog stores it
 * @param sqlName the catalog's canonical text ({@code INTEGER}, {@code DECIMAL(12,2)},
 *     {@code TIMESTAMPTZ}), what Floe's own {@code information_schema} and REST report
 * @param typeName the type's name in JDBC metadata ({@code DECIMAL},
 *     {@code TIMESTAMP WITH TIME ZONE}); size and scale are separate
 * @param jdbcType the {@link Types} code
 * @param columnSize JDBC's column size: decimal digits for numbers (REAL and DOUBLE included),
 *     characters for text and temporal values
 * @param scale JDBC's scale: a DECIMAL's scale, 6 (microseconds) for times and timestamps, else 0
 * @param displaySize characters needed to show any value
 * @param numericPrecision the SQL standard's {@code numeric_precision}: bits for integers and
 *     floating point, digits for DECIMAL, null for the rest
 * @param numericScale the SQL standard's {@code numeric_scale}: 0 for integers, a DECIMAL's scale,
 *     null for the rest
 * @param datetimePrecision the SQL standard's {@code datetime_precision}, null for non-temporal types
 * @param pgDataType PostgreSQL's name in {@code information_schema.columns.data_type}
 *     ({@code character varying}, {@code timestamp with time zone})
 */
public record TypeDescription(ColumnType type, String sqlName, String typeName, int jdbcType,
    int columnSize, int scale, int displaySize, Integer numericPrecision, Integer numericScale,
    Integer datetimePrecision, String pgDataType) {
  public TypeDescription {
    requireNonNull(type, "type");
    requireNonNull(sqlName, "sqlName");
    requireNonNull(typeName, "typeName");
    requireNonNull(pgDataType, "pgDataType");
  }

  /** The description of {@code type}. */
  public static TypeDescription of(ColumnType type) {
    return new TypeDescription(type, type.toString(), typeName(type), jdbcType(type),
        columnSize(type), scale(type), displaySize(type), numericPrecision(type),
        numericScale(type), datetimePrecision(type), pgDataType(type));
  }

  /** Whether values are signed numbers. */
  public boolean signed() {
    return switch (type.name()) {
      case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /** Whether values compare case-sensitively: text, UUID and JSON values are text. */
  public boolean caseSensitive() {
    return switch (type.name()) {
      case VARCHAR, UUID, JSON -> true;
      default -> false;
    };
  }

  /** The radix {@link #numericPrecision} counts in (2 or 10), null where it is null. */
  public Integer numericPrecisionRadix() {
    return numericPrecision == null ? null : type.name() == TypeName.DECIMAL ? 10 : 2;
  }

  /** JDBC's {@code DECIMAL_DIGITS}: the scale of exact numbers and times, null for the rest. */
  public Integer decimalDigits() {
    return switch (type.name()) {
      case DECIMAL, TIME, TIMESTAMP, TIMESTAMPTZ, SMALLINT, INTEGER, BIGINT -> scale;
      default -> null;
    };
  }

  /** JDBC's {@code CHAR_OCTET_LENGTH}: the most bytes of a text value, null for other types. */
  public Integer charOctetLength() {
    return switch (type.name()) {
      case VARCHAR, JSON -> Integer.MAX_VALUE;
      case UUID -> 36;
      default -> null;
    };
  }

  private static String typeName(ColumnType type) {
    return switch (type.name()) {
      case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
      default -> type.name().name();
    };
  }

  private static int jdbcType(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> Types.BOOLEAN;
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case REAL -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case DECIMAL -> Types.DECIMAL;
      case VARCHAR, UUID, JSON -> Types.VARCHAR;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP, TIMESTAMPTZ -> Types.TIMESTAMP;
      case BLOB -> Types.VARBINARY;
    };
  }

  private static int columnSize(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> 1;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case DOUBLE -> 15;
      case DECIMAL -> type.precision();
      case VARCHAR, JSON, BLOB -> Integer.MAX_VALUE;
      case UUID -> 36;
      case DATE -> 10;
      case TIME -> 15;
      case TIMESTAMP -> 26;
      case TIMESTAMPTZ -> 32;
    };
  }

  private static int scale(ColumnType type) {
    return switch (type.name()) {
      case DECIMAL -> type.scale();
      case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
      default -> 0;
    };
  }

  private static int displaySize(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> 5;
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      case REAL -> 15;
      case DOUBLE -> 24;
      case DECIMAL -> type.precision() + 2;
      default -> columnSize(type);
    };
  }

  private static Integer numericPrecision(ColumnType type) {
    return switch (type.name()) {
      case SMALLINT -> 16;
      case INTEGER -> 32;
      case BIGINT -> 64;
      case REAL -> 24;
      case DOUBLE -> 53;
      case DECIMAL -> type.precision();
      default -> null;
    };
  }

  private static Integer numericScale(ColumnType type) {
    return switch (type.name()) {
      case SMALLINT, INTEGER, BIGINT -> 0;
      case DECIMAL -> type.scale();
      default -> null;
    };
  }

  private static Integer datetimePrecision(ColumnType type) {
    return switch (type.name()) {
      case DATE -> 0;
      case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
      default -> null;
    };
  }

  private static String pgDataType(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> "boolean";
      case SMALLINT -> "smallint";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case REAL -> "real";
      case DOUBLE -> "double precision";
      case DECIMAL -> "numeric";
      case VARCHAR -> "character varying";
      case DATE -> "date";
      case TIME -> "time without time zone";
      case TIMESTAMP -> "timestamp without time zone";
      case TIMESTAMPTZ -> "timestamp with time zone";
      case UUID -> "uuid";
      case JSON -> "json";
      case BLOB -> "bytea";
    };
  }
}

package io.floe.avatica;

import io.floe.engine.catalog.ColumnType;
import io.floe.engine.catalog.TypeName;
import io.floe.engine.sql.ResultColumn;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.ByteString;

/**
 * How Floe's types travel over Avatica: JDBC type, Avatica representation, and value encoding.
 *
 * <p>Avatica carries TIMESTAMP as epoch milliseconds and TIME as milliseconds of the day. Floe's
 * driver asks for microseconds ({@link FloeConnectionProperty#TIMESTAMP_MICROS}); then the same
 * columns carry epoch microseconds and microseconds of the day, and the driver decodes them.
 * TIMESTAMPTZ values are instants, sent as their UTC wall-clock time.
 */
final class AvaticaTypes {
  private AvaticaTypes() {}

  static int jdbcType(ColumnType type) {
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

  static Rep rep(ColumnType type, boolean micros) {
    return switch (type.name()) {
      case BOOLEAN -> Rep.BOOLEAN;
      case SMALLINT -> Rep.SHORT;
      case INTEGER -> Rep.INTEGER;
      case BIGINT -> Rep.LONG;
      case REAL -> Rep.FLOAT;
      case DOUBLE -> Rep.DOUBLE;
      case DECIMAL -> Rep.NUMBER;
      case VARCHAR, UUID, JSON -> Rep.STRING;
      case DATE -> Rep.INTEGER;
      case TIME -> micros ? Rep.LONG : Rep.INTEGER;
      case TIMESTAMP, TIMESTAMPTZ -> Rep.LONG;
      case BLOB -> Rep.BYTE_STRING;
    };
  }

  static String className(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> Boolean.class.getName();
      case SMALLINT -> Short.class.getName();
      case INTEGER -> Integer.class.getName();
      case BIGINT -> Long.class.getName();
      case REAL -> Float.class.getName();
      case DOUBLE -> Double.class.getName();
      case DECIMAL -> BigDecimal.class.getName();
      case VARCHAR, UUID, JSON -> String.class.getName();
      case DATE -> java.sql.Date.class.getName();
      case TIME -> java.sql.Time.class.getName();
      case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
      case BLOB -> byte[].class.getName();
    };
  }

  /** SQL type name as metadata reports it. */
  static String typeName(ColumnType type) {
    return switch (type.name()) {
      case TIMESTAMPTZ -> "TIMESTAMP WITH TIME ZONE";
      default -> type.name().name();
    };
  }

  /** Column size as {@code DatabaseMetaData.getColumns} defines it. */
  static int precision(ColumnType type) {
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

  static int scale(ColumnType type) {
    return switch (type.name()) {
      case DECIMAL -> type.scale();
      case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
      default -> 0;
    };
  }

  static int displaySize(ColumnType type) {
    return switch (type.name()) {
      case BOOLEAN -> 5;
      case SMALLINT -> 6;
      case INTEGER -> 11;
      case BIGINT -> 20;
      case REAL -> 15;
      case DOUBLE -> 24;
      case DECIMAL -> type.precision() + 2;
      default -> precision(type);
    };
  }

  static boolean signed(ColumnType type) {
    return switch (type.name()) {
      case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> true;
      default -> false;
    };
  }

  /**
   * A result column as {@code ResultSetMetaData} describes it: a plain column reference names its
   * project (catalog), bucket (schema), table and column; an expression has empty names and its
   * label as column name.
   */
  static ColumnMetaData column(int ordinal, ResultColumn c, boolean micros) {
    ColumnType t = c.type();
    ResultColumn.Origin o = c.origin();
    return new ColumnMetaData(ordinal, false, caseSensitive(t), true, false,
        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        signed(t), displaySize(t), c.label(), o == null ? c.label() : o.column(),
        o == null || o.schema() == null ? "" : o.schema(), precision(t), scale(t),
        o == null ? "" : o.table(), o == null || o.catalog() == null ? "" : o.catalog(),
        ColumnMetaData.scalar(jdbcType(t), typeName(t), rep(t, micros)), true, false, false,
        className(t));
  }

  /** Text compares case-sensitively; UUID and JSON values are text too. */
  static boolean caseSensitive(ColumnType type) {
    return switch (type.name()) {
      case VARCHAR, UUID, JSON -> true;
      default -> false;
    };
  }

  static AvaticaParameter parameter(ColumnType t) {
    return new AvaticaParameter(signed(t), precision(t), scale(t), jdbcType(t), typeName(t),
        className(t), "?");
  }

  /** A value from a row cursor, in the encoding the column's Avatica representation expects. */
  static Object encode(Object v, TypeName type, boolean micros) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case DATE:
        return (int) ((LocalDate) v).toEpochDay();
      case TIME: {
        long nanos = ((LocalTime) v).toNanoOfDay();
        return micros ? (Object) (nanos / 1_000L) : (Object) (int) (nanos / 1_000_000L);
      }
      case TIMESTAMP:
        return epoch((LocalDateTime) v, micros);
      case TIMESTAMPTZ:
        return epoch(((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime(), micros);
      case BLOB:
        return new ByteString((byte[]) v);
      default:
        return v;
    }
  }

  private static long epoch(LocalDateTime t, boolean micros) {
    Instant instant = t.toInstant(ZoneOffset.UTC);
    return micros
        ? ChronoUnit.MICROS.between(Instant.EPOCH, instant)
        : instant.toEpochMilli();
  }

  /**
   * A parameter as the client sent it, in a Java value the engine coerces to the parameter's type.
   * Avatica sends dates as epoch days, times as milliseconds of the day, and timestamps as epoch
   * milliseconds of the wall-clock time.
   */
  static Object decode(TypedValue value) {
    if (value == null || value.value == null) {
      return null;
    }
    Object v = value.value;
    switch (value.type) {
      case JAVA_SQL_DATE:
        return LocalDate.ofEpochDay(((Number) v).longValue());
      case JAVA_SQL_TIME:
        return LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L);
      case JAVA_SQL_TIMESTAMP:
      case JAVA_UTIL_DATE:
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(((Number) v).longValue()), ZoneOffset.UTC);
      case BYTE_STRING:
        return v instanceof ByteString b ? b.getBytes()
            : v instanceof String s ? ByteString.parseBase64(s) : v;
      default:
        return v;
    }
  }
}

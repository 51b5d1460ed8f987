package io.floe.avatica;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeDescription;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.ResultColumn;
import java.math.BigDecimal;
import java.sql.DatabaseMetaData;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.ByteString;

/**
 * How Floe's types travel over Avatica: the Avatica representation and Java class, and value
 * encoding; JDBC type, name, size and scale are the engine's {@link TypeDescription}.
 *
 * <p>Avatica carries TIMESTAMP as epoch milliseconds and TIME as milliseconds of the day. Floe's
 * driver asks for microseconds ({@link FloeConnectionProperty#TIMESTAMP_MICROS}); then the same
 * columns carry epoch microseconds and microseconds of the day, and the driver decodes them.
 * TIMESTAMPTZ values are instants, sent as their UTC wall-clock time.
 */
final class AvaticaTypes {
  private AvaticaTypes() {}

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

  /**
   * A result column as {@code ResultSetMetaData} describes it: a plain column reference names its
   * project (catalog), bucket (schema), table and column; an expression has empty names and its
   * label as column name.
   */
  static ColumnMetaData column(int ordinal, ResultColumn c, boolean micros) {
    ColumnType t = c.type();
    TypeDescription d = TypeDescription.of(t);
    ResultColumn.Origin o = c.origin();
    return new ColumnMetaData(ordinal, false, d.caseSensitive(), true, false,
        c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        d.signed(), d.displaySize(), c.label(), o == null ? c.label() : o.column(),
        o == null || o.schema() == null ? "" : o.schema(), d.columnSize(), d.scale(),
        o == null ? "" : o.table(), o == null || o.catalog() == null ? "" : o.catalog(),
        ColumnMetaData.scalar(d.jdbcType(), d.typeName(), rep(t, micros)), true, false, false,
        className(t));
  }

  static AvaticaParameter parameter(ColumnType t) {
    TypeDescription d = TypeDescription.of(t);
    return new AvaticaParameter(d.signed(), d.columnSize(), d.scale(), d.jdbcType(), d.typeName(),
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

  /**
   * Epoch microseconds (or milliseconds) of a wall-clock time, over DuckDB's whole range, from
   * {@code -infinity} (-2^63 + 1 microseconds, the year -290308) to {@code infinity} (2^63 - 1, the
   * year 294247); counting via nanoseconds would overflow past the year 2262. Before 1970 the
   * seconds borrow one second from the fraction, so the product stays in range where the sum does.
   */
  static long epoch(LocalDateTime t, boolean micros) {
    long unit = micros ? 1_000_000L : 1_000L;
    long seconds = t.toEpochSecond(ZoneOffset.UTC);
    long fraction = t.getNano() / (1_000_000_000L / unit);
    if (seconds < 0 && fraction > 0) {
      seconds++;
      fraction -= unit;
    }
    try {
      return Math.addExact(Math.multiplyExact(seconds, unit), fraction);
    } catch (ArithmeticException e) {
      throw FloeException.of(ErrorCode.DATETIME_OUT_OF_RANGE, "timestamp out of range: %s", t);
    }
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

package io.floe.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Parameter values Avatica's client cannot send itself: the java.time classes of JDBC 4.2 (its JSON
 * encoder fails on them), {@link UUID}, {@link BigInteger} and {@link Character}.
 *
 * <p>Dates travel as epoch days and times and timestamps as milliseconds, Avatica's encoding, when
 * that loses nothing; values with microseconds travel as ISO text, which the server parses into
 * the parameter's type (as it does for {@code setTimestamp}). Instants and offset date-times
 * travel as text with their offset, so the server sees the instant.
 */
final class Parameters {
  private Parameters() {}

  /** The value to send for {@code x}, or null if Avatica's own encoding handles it. */
  static TypedValue of(Object x) {
    if (x instanceof LocalDate d) {
      return TypedValue.ofSerial(Rep.JAVA_SQL_DATE, Math.toIntExact(d.toEpochDay()));
    }
    if (x instanceof LocalTime t) {
      return t.getNano() % 1_000_000 == 0
          ? TypedValue.ofSerial(Rep.JAVA_SQL_TIME, (int) (t.toNanoOfDay() / 1_000_000L))
          : text(t.toString());
    }
    if (x instanceof LocalDateTime t) {
      return t.getNano() % 1_000_000 == 0
          ? TypedValue.ofSerial(Rep.JAVA_SQL_TIMESTAMP, t.toInstant(ZoneOffset.UTC).toEpochMilli())
          : text(t.toString());
    }
    if (x instanceof OffsetDateTime t) {
      return text(t.toString());
    }
    if (x instanceof ZonedDateTime t) {
      return text(t.toOffsetDateTime().toString());
    }
    if (x instanceof Instant t) {
      return text(t.atOffset(ZoneOffset.UTC).toString());
    }
    if (x instanceof OffsetTime t) {
      return text(t.toString());
    }
    if (x instanceof UUID || x instanceof Character) {
      return text(x.toString());
    }
    if (x instanceof BigInteger b) {
      return TypedValue.ofLocal(Rep.NUMBER, new BigDecimal(b));
    }
    return null;
  }

  /**
   * The value to send for {@code x} with a JDBC target type, or null to leave it to Avatica. A
   * java.time value goes as itself (the server converts it to the parameter's type), or as text for
   * a character target.
   */
  static TypedValue of(Object x, int targetSqlType) {
    if (x == null) {
      return null;
    }
    TypedValue value = of(x);
    if (value == null) {
      return null;
    }
    switch (targetSqlType) {
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR,
          Types.LONGNVARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME_WITH_TIMEZONE:
        return x instanceof Instant t ? text(t.atOffset(ZoneOffset.UTC).toString())
            : x instanceof ZonedDateTime z ? text(z.toOffsetDateTime().toString()) : text(x.toString());
      default:
        return value;
    }
  }

  private static TypedValue text(String s) {
    return TypedValue.ofLocal(Rep.STRING, s);
  }

  /** Fails clearly for a class no encoding can send (Avatica would fail deep in its encoder). */
  static void checkSupported(Object x) throws SQLException {
    if (x != null && Rep.of(x.getClass()) == Rep.OBJECT && !(x instanceof java.sql.Array)) {
      throw new SQLFeatureNotSupportedException("cannot send a " + x.getClass().getName()
          + " as a parameter: use a String, number, Boolean, byte[], java.sql or java.time value",
          "0A000");
    }
  }

  static SQLException cannotConvert(Object x, int targetSqlType, RuntimeException cause) {
    return new SQLException("cannot send " + (x == null ? "null" : "a " + x.getClass().getName())
        + " as JDBC type " + targetSqlType + ": " + cause.getMessage(), "22023", cause);
  }

  static int vendorType(SQLType type) throws SQLException {
    Integer number = type == null ? null : type.getVendorTypeNumber();
    if (number == null) {
      throw new SQLFeatureNotSupportedException("SQL type " + type + " is not supported", "0A000");
    }
    return number;
  }
}

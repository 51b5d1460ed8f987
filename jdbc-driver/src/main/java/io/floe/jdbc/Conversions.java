package io.floe.jdbc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.Cursor.Accessor;

/**
 * {@code ResultSet.getObject(column, Class)}, which Avatica's accessors do not implement: the
 * conversions of JDBC 4.2 (tables B-5 and B-6, and the java.time classes), exact for numbers
 * (a value out of the target's range fails with 22003 rather than wrapping around).
 *
 * <p>Temporal values convert as Floe stores them: DATE to {@link LocalDate}, TIME to
 * {@link LocalTime}, TIMESTAMP to {@link LocalDateTime}, TIMESTAMP WITH TIME ZONE to
 * {@link OffsetDateTime} in UTC and {@link Instant}. A TIMESTAMP is also given as an
 * {@code OffsetDateTime} or {@code Instant}, read as UTC (Floe's engine runs in UTC), as
 * pgjdbc does.
 */
final class Conversions extends DelegatingAccessor {
  private final ColumnMetaData column;

  Conversions(Accessor base, ColumnMetaData column) {
    super(base);
    this.column = column;
  }

  @Override public <T> T getObject(Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class", "22023");
    }
    Object natural = base.getObject();
    if (natural == null || base.wasNull()) {
      return null;
    }
    Object v = convert(natural, type);
    if (v == null) {
      throw new SQLException("cannot convert a " + column.type.name + " value to "
          + type.getName(), "22023");
    }
    return type.cast(v);
  }

  private Object convert(Object natural, Class<?> type) throws SQLException {
    if (type.isInstance(natural)) {
      return natural;
    }
    if (type == String.class) {
      return base.getString();
    }
    if (base instanceof FloeAccessors.DateAccessor d) {
      return date(d.date(), type);
    }
    if (base instanceof FloeAccessors.TimeAccessor t) {
      return time(t.time(), type);
    }
    if (base instanceof FloeAccessors.TimestampAccessor t) {
      return timestamp(t.wall(), type);
    }
    if (type == Boolean.class) {
      return base.getBoolean();
    }
    if (Number.class.isAssignableFrom(type)) {
      return number(natural, type);
    }
    if (type == byte[].class) {
      return base.getBytes();
    }
    if (type == UUID.class && natural instanceof String s) {
      try {
        return UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        throw new SQLException("not a UUID: " + s, "22P02");
      }
    }
    if (type == Object.class) {
      return natural;
    }
    return null;
  }

  private Object date(LocalDate date, Class<?> type) {
    if (type == LocalDate.class) {
      return date;
    }
    if (type == LocalDateTime.class) {
      return date.atStartOfDay();
    }
    if (type == java.sql.Date.class || type == Object.class) {
      return java.sql.Date.valueOf(date);
    }
    if (type == Timestamp.class) {
      return Timestamp.valueOf(date.atStartOfDay());
    }
    return null;
  }

  private Object time(LocalTime time, Class<?> type) {
    if (type == LocalTime.class) {
      return time;
    }
    if (type == Time.class || type == Object.class) {
      return Time.valueOf(time);
    }
    return null;
  }

  /** {@code wall}: a TIMESTAMP's wall-clock time, or a TIMESTAMP WITH TIME ZONE's in UTC. */
  private Object timestamp(LocalDateTime wall, Class<?> type) throws SQLException {
    if (type == LocalDateTime.class) {
      return wall;
    }
    if (type == OffsetDateTime.class) {
      return wall.atOffset(ZoneOffset.UTC);
    }
    if (type == Instant.class) {
      return wall.toInstant(ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return wall.atZone(ZoneOffset.UTC);
    }
    if (type == LocalDate.class) {
      return wall.toLocalDate();
    }
    if (type == LocalTime.class) {
      return wall.toLocalTime();
    }
    if (type == Timestamp.class || type == Object.class) {
      return base.getTimestamp(null);
    }
    if (type == java.sql.Date.class) {
      return java.sql.Date.valueOf(wall.toLocalDate());
    }
    if (type == Time.class) {
      return Time.valueOf(wall.toLocalTime());
    }
    return null;
  }

  private Object number(Object natural, Class<?> type) throws SQLException {
    if (natural instanceof Number n && type == Double.class) {
      return n.doubleValue();
    }
    if (natural instanceof Number n && type == Float.class) {
      return n.floatValue();
    }
    BigDecimal value;
    try {
      if (natural instanceof BigDecimal d) {
        value = d;
      } else if (natural instanceof Double || natural instanceof Float) {
        value = BigDecimal.valueOf(((Number) natural).doubleValue());
      } else if (natural instanceof Number n) {
        value = new BigDecimal(n.toString());
      } else if (natural instanceof Boolean b) {
        value = b ? BigDecimal.ONE : BigDecimal.ZERO;
      } else if (natural instanceof String s) {
        value = new BigDecimal(s.trim());
      } else {
        return null;
      }
    } catch (NumberFormatException e) {
      throw new SQLException("not a number: " + natural, "22P02");
    }
    if (type == BigDecimal.class) {
      return value;
    }
    if (type == Double.class) {
      return value.doubleValue();
    }
    if (type == Float.class) {
      return value.floatValue();
    }
    // Integral targets: the fraction is dropped, as getInt does; the range is checked.
    BigInteger whole = value.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (type == BigInteger.class) {
      return whole;
    }
    try {
      if (type == Long.class) {
        return whole.longValueExact();
      }
      if (type == Integer.class) {
        return whole.intValueExact();
      }
      if (type == Short.class) {
        return whole.shortValueExact();
      }
      if (type == Byte.class) {
        return whole.byteValueExact();
      }
    } catch (ArithmeticException e) {
      throw new SQLException(value + " is out of range for " + type.getSimpleName(), "22003");
    }
    return null;
  }

  @Override public Object getObject() throws SQLException {
    return base.getObject();
  }
}

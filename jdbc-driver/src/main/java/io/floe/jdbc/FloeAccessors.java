package io.floe.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.Cursor.Accessor;

/**
 * Adapts Avatica's column accessors to Floe's encoding:
 * <ul>
 *   <li>TIMESTAMP and TIME columns carry microseconds (epoch microseconds, microseconds of the day),
 *       which Avatica's own accessors would read as milliseconds;</li>
 *   <li>{@code getObject} returns the column's JDBC class ({@code Double} for DOUBLE, {@code Long} for
 *       BIGINT, ...), where Avatica's JSON decoding would hand out {@code BigDecimal} or
 *       {@code Integer}.</li>
 * </ul>
 * Everything else goes to Avatica's accessor unchanged.
 */
final class FloeAccessors {
  static final DateTimeFormatter TIMESTAMP_TEXT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter();
  static final DateTimeFormatter TIME_TEXT = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
      .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter();

  private FloeAccessors() {}

  /** Handles the calls an adapter answers itself; null means "ask Avatica's accessor". */
  private interface Override {
    Object answer(Accessor base, Method method, Object[] args) throws SQLException;
  }

  static Accessor adapt(Accessor base, ColumnMetaData column, Calendar localCalendar) {
    int type = column.type.id;
    Override override;
    switch (type) {
      case Types.TIMESTAMP:
        override = (b, m, a) -> timestamp(b, m, a, localCalendar);
        break;
      case Types.TIME:
        override = (b, m, a) -> time(b, m, a, localCalendar);
        break;
      case Types.DOUBLE:
      case Types.FLOAT:
        override = objectAs(b -> b.getDouble());
        break;
      case Types.REAL:
        override = objectAs(b -> b.getFloat());
        break;
      case Types.BIGINT:
        override = objectAs(b -> b.getLong());
        break;
      case Types.INTEGER:
        override = objectAs(b -> b.getInt());
        break;
      case Types.SMALLINT:
        override = objectAs(b -> b.getShort());
        break;
      case Types.DECIMAL:
      case Types.NUMERIC:
        override = objectAs(b -> b.getBigDecimal());
        break;
      default:
        return base;
    }
    return (Accessor) Proxy.newProxyInstance(FloeAccessors.class.getClassLoader(),
        new Class<?>[] {Accessor.class}, (proxy, method, args) -> {
          Object answer = override.answer(base, method, args);
          if (answer != null) {
            return answer == NULL ? null : answer;
          }
          try {
            return method.invoke(base, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  /** Marks a deliberate null answer (a SQL NULL), as opposed to "not handled". */
  private static final Object NULL = new Object();

  /** Reads one value from an accessor. */
  private interface Read {
    Object read(Accessor base) throws SQLException;
  }

  private static Override objectAs(Read read) {
    return (base, method, args) -> {
      if (!method.getName().equals("getObject") || (args != null && args.length > 0)) {
        return null;
      }
      Object value = read.read(base);
      return base.wasNull() ? NULL : value;
    };
  }

  private static LocalDateTime epochMicros(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }

  private static Object timestamp(Accessor base, Method method, Object[] args, Calendar local)
      throws SQLException {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    boolean handled = switch (name) {
      case "getTimestamp", "getDate", "getTime", "getString", "getObject", "getLong" -> true;
      default -> false;
    };
    if (!handled) {
      return null;
    }
    long micros = base.getLong();
    if (base.wasNull()) {
      return NULL;
    }
    LocalDateTime wall = epochMicros(micros);
    switch (name) {
      case "getLong":
        return micros;
      case "getString":
        return TIMESTAMP_TEXT.format(wall);
      case "getDate":
        return Date.valueOf(wall.toLocalDate());
      case "getTime":
        return Time.valueOf(wall.toLocalTime());
      case "getTimestamp":
        return toTimestamp(wall, arity == 1 && args[0] != null ? (Calendar) args[0] : local);
      default:
        if (arity == 1 && args[0] instanceof Class<?> c) {
          if (c == LocalDateTime.class) {
            return wall;
          }
          if (c == OffsetDateTime.class) {
            return wall.atOffset(ZoneOffset.UTC);
          }
          if (c == Instant.class) {
            return wall.toInstant(ZoneOffset.UTC);
          }
          if (c == LocalDate.class) {
            return wall.toLocalDate();
          }
          if (c == String.class) {
            return TIMESTAMP_TEXT.format(wall);
          }
        }
        if (arity == 0 || (arity == 1 && args[0] == Timestamp.class)) {
          return toTimestamp(wall, local);
        }
        return null;
    }
  }

  /** The instant at which the wall-clock time {@code wall} occurs in the calendar's zone. */
  private static Timestamp toTimestamp(LocalDateTime wall, Calendar calendar) {
    Instant instant = wall.atZone(zone(calendar)).toInstant();
    Timestamp ts = new Timestamp(instant.toEpochMilli());
    ts.setNanos(wall.getNano());
    return ts;
  }

  private static Object time(Accessor base, Method method, Object[] args, Calendar local)
      throws SQLException {
    String name = method.getName();
    int arity = args == null ? 0 : args.length;
    boolean handled = switch (name) {
      case "getTime", "getString", "getObject", "getLong" -> true;
      default -> false;
    };
    if (!handled) {
      return null;
    }
    long micros = base.getLong();
    if (base.wasNull()) {
      return NULL;
    }
    LocalTime t = LocalTime.ofNanoOfDay(micros * 1000L);
    switch (name) {
      case "getLong":
        return micros;
      case "getString":
        return TIME_TEXT.format(t);
      case "getTime":
        return Time.valueOf(t);
      default:
        if (arity == 1 && args[0] == LocalTime.class) {
          return t;
        }
        if (arity == 1 && args[0] == String.class) {
          return TIME_TEXT.format(t);
        }
        if (arity == 0 || (arity == 1 && args[0] == Time.class)) {
          return Time.valueOf(t);
        }
        return null;
    }
  }

}

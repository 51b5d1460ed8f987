package io.floe.jdbc;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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
 *   <li>DuckDB's {@code infinity} and {@code -infinity} timestamps and dates (its latest and earliest
 *       values) read as those values, and as PostgreSQL's text {@code infinity} and
 *       {@code -infinity} with {@code getString};</li>
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

  static Accessor adapt(Accessor base, ColumnMetaData column, Calendar localCalendar) {
    return new Conversions(typed(base, column, localCalendar), column);
  }

  private static Accessor typed(Accessor base, ColumnMetaData column, Calendar localCalendar) {
    switch (column.type.id) {
      case Types.DATE:
        return new DateAccessor(base);
      case Types.TIMESTAMP:
        return new TimestampAccessor(base, localCalendar);
      case Types.TIME:
        return new TimeAccessor(base);
      case Types.DOUBLE:
      case Types.FLOAT:
        return new FloatingAccessor(base, false);
      case Types.REAL:
        return new FloatingAccessor(base, true);
      case Types.BIGINT:
        return new ObjectAs(base) {
          @Override public Object getObject() throws SQLException {
            long v = base.getLong();
            return base.wasNull() ? null : v;
          }
        };
      case Types.INTEGER:
        return new ObjectAs(base) {
          @Override public Object getObject() throws SQLException {
            int v = base.getInt();
            return base.wasNull() ? null : v;
          }
        };
      case Types.SMALLINT:
        return new ObjectAs(base) {
          @Override public Object getObject() throws SQLException {
            short v = base.getShort();
            return base.wasNull() ? null : v;
          }
        };
      case Types.DECIMAL:
      case Types.NUMERIC:
        return new ObjectAs(base) {
          @Override public Object getObject() throws SQLException {
            return base.getBigDecimal();
          }
        };
      default:
        return base;
    }
  }

  /** Avatica's accessor with {@code getObject()} answering in the column's JDBC class. */
  private abstract static class ObjectAs extends DelegatingAccessor {
    ObjectAs(Accessor base) {
      super(base);
    }

    @Override public abstract Object getObject() throws SQLException;
  }

  /**
   * DOUBLE, FLOAT and REAL columns. JSON has no NaN or infinity, so a frame carries them as the
   * text {@code "NaN"}, {@code "Infinity"} or {@code "-Infinity"}; they read as the numbers.
   */
  static final class FloatingAccessor extends DelegatingAccessor {
    private final boolean real;

    FloatingAccessor(Accessor base, boolean real) {
      super(base);
      this.real = real;
    }

    @Override public double getDouble() throws SQLException {
      Object v = base.getObject();
      if (v instanceof String text) {
        return Double.parseDouble(text);
      }
      return v == null ? 0d : ((Number) v).doubleValue();
    }

    @Override public float getFloat() throws SQLException {
      return (float) getDouble();
    }

    @Override public String getString() throws SQLException {
      Object v = base.getObject();
      return v instanceof String text ? text : base.getString();
    }

    @Override public BigDecimal getBigDecimal() throws SQLException {
      double v = getDouble();
      if (base.wasNull()) {
        return null;
      }
      if (!Double.isFinite(v)) {
        throw new SQLException("cannot read " + v + " as a DECIMAL", "22003");
      }
      return base.getBigDecimal();
    }

    @Override public Object getObject() throws SQLException {
      double v = getDouble();
      if (base.wasNull()) {
        return null;
      }
      return real ? (Object) (float) v : (Object) v;
    }
  }

  /** TIMESTAMP columns: epoch microseconds of the wall-clock time. */
  static final class TimestampAccessor extends DelegatingAccessor {
    private final Calendar local;

    TimestampAccessor(Accessor base, Calendar local) {
      super(base);
      this.local = local;
    }

    /** The value, or null for SQL NULL. */
    LocalDateTime wall() throws SQLException {
      long micros = base.getLong();
      return base.wasNull() ? null : epochMicros(micros);
    }

    @Override public long getLong() throws SQLException {
      return base.getLong();
    }

    /** PostgreSQL's text: {@code infinity} and {@code -infinity} for DuckDB's latest and earliest value. */
    @Override public String getString() throws SQLException {
      long micros = base.getLong();
      if (base.wasNull()) {
        return null;
      }
      return micros == Long.MAX_VALUE ? "infinity" : micros == -Long.MAX_VALUE ? "-infinity"
          : TIMESTAMP_TEXT.format(epochMicros(micros));
    }

    @Override public Date getDate(Calendar calendar) throws SQLException {
      LocalDateTime wall = wall();
      return wall == null ? null : Date.valueOf(wall.toLocalDate());
    }

    @Override public Time getTime(Calendar calendar) throws SQLException {
      LocalDateTime wall = wall();
      return wall == null ? null : Time.valueOf(wall.toLocalTime());
    }

    @Override public Timestamp getTimestamp(Calendar calendar) throws SQLException {
      LocalDateTime wall = wall();
      return wall == null ? null : toTimestamp(wall, calendar != null ? calendar : local);
    }

    @Override public Object getObject() throws SQLException {
      LocalDateTime wall = wall();
      return wall == null ? null : toTimestamp(wall, local);
    }
  }

  /** TIME columns: microseconds of the day. */
  static final class TimeAccessor extends DelegatingAccessor {
    TimeAccessor(Accessor base) {
      super(base);
    }

    /** The value, or null for SQL NULL. */
    LocalTime time() throws SQLException {
      long micros = base.getLong();
      return base.wasNull() ? null : LocalTime.ofNanoOfDay(micros * 1000L);
    }

    @Override public long getLong() throws SQLException {
      return base.getLong();
    }

    @Override public String getString() throws SQLException {
      LocalTime t = time();
      return t == null ? null : TIME_TEXT.format(t);
    }

    @Override public Time getTime(Calendar calendar) throws SQLException {
      LocalTime t = time();
      return t == null ? null : Time.valueOf(t);
    }

    @Override public Object getObject() throws SQLException {
      LocalTime t = time();
      return t == null ? null : Time.valueOf(t);
    }
  }

  /** DATE columns: epoch days. */
  static final class DateAccessor extends DelegatingAccessor {
    DateAccessor(Accessor base) {
      super(base);
    }

    /** The value, or null for SQL NULL. */
    LocalDate date() throws SQLException {
      long days = base.getLong();
      return base.wasNull() ? null : LocalDate.ofEpochDay(days);
    }

    /** PostgreSQL's text: {@code infinity} and {@code -infinity} for DuckDB's latest and earliest day. */
    @Override public String getString() throws SQLException {
      long days = base.getLong();
      if (base.wasNull()) {
        return null;
      }
      return days == Integer.MAX_VALUE ? "infinity" : days == -Integer.MAX_VALUE ? "-infinity"
          : base.getString();
    }
  }

  private static LocalDateTime epochMicros(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }

  private static ZoneId zone(Calendar calendar) {
    return calendar == null ? ZoneId.systemDefault() : calendar.getTimeZone().toZoneId();
  }

  /** The instant at which the wall-clock time {@code wall} occurs in the calendar's zone. */
  static Timestamp toTimestamp(LocalDateTime wall, Calendar calendar) {
    Instant instant = wall.atZone(zone(calendar)).toInstant();
    Timestamp ts = new Timestamp(instant.toEpochMilli());
    ts.setNanos(wall.getNano());
    return ts;
  }
}

package io.floe.engine.session;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.RowCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Conversions into the value classes {@link RowCursor} documents. */
public final class Values {
  private Values() {}

  /** Reads one column of the current row of a DuckDB result set. */
  @FunctionalInterface
  public interface Reader {
    Object read(ResultSet rs, int column) throws SQLException;
  }

  /**
   * The reader for a column Floe declared as {@code expected} and DuckDB delivers as
   * {@code duckDbType}. When they agree, values are read with DuckDB's typed getters; when they do
   * not (DuckDB widens {@code length()} to BIGINT, {@code date + interval} to TIMESTAMP, ...), the
   * value is read as an object and converted to the declared type.
   */
  public static Reader reader(ColumnType expected, String duckDbType) {
    String t = duckDbType == null ? "" : duckDbType.toUpperCase(java.util.Locale.ROOT);
    boolean direct = switch (expected.name()) {
      case BOOLEAN -> t.equals("BOOLEAN");
      case SMALLINT -> t.equals("SMALLINT") || t.equals("TINYINT");
      case INTEGER -> t.equals("INTEGER") || t.equals("SMALLINT") || t.equals("TINYINT");
      case BIGINT -> t.equals("BIGINT") || t.equals("INTEGER") || t.equals("SMALLINT") || t.equals("TINYINT");
      case REAL -> t.equals("FLOAT") || t.equals("REAL");
      case DOUBLE -> t.equals("DOUBLE") || t.equals("FLOAT");
      case DECIMAL, VARCHAR, UUID, JSON -> true;
      case DATE -> t.equals("DATE");
      case TIME -> t.equals("TIME");
      case TIMESTAMP -> t.equals("TIMESTAMP");
      case TIMESTAMPTZ -> t.equals("TIMESTAMP WITH TIME ZONE") || t.equals("TIMESTAMPTZ");
      case BLOB -> t.equals("BLOB");
    };
    if (direct) {
      return (rs, i) -> read(rs, i, expected);
    }
    return (rs, i) -> convert(rs.getObject(i), expected);
  }

  /** A JDBC date, time or timestamp as its java.time value; anything else as it is. */
  public static Object javaTime(Object v) {
    if (v instanceof java.sql.Timestamp ts) {
      return ts.toLocalDateTime();
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (v instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    return v;
  }

  /** Converts a value DuckDB returned in another type than Floe declared. */
  static Object convert(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    v = javaTime(v);
    switch (type.name()) {
      case DATE:
        if (v instanceof LocalDateTime t) {
          return t.toLocalDate();
        }
        if (v instanceof OffsetDateTime t) {
          return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        }
        return v instanceof LocalDate ? v : LocalDate.parse(v.toString());
      case TIMESTAMP:
        if (v instanceof LocalDate d) {
          return d.atStartOfDay();
        }
        if (v instanceof OffsetDateTime t) {
          return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        return v instanceof LocalDateTime ? v : LocalDateTime.parse(v.toString().replace(' ', 'T'));
      case TIMESTAMPTZ:
        if (v instanceof LocalDateTime t) {
          return t.atOffset(ZoneOffset.UTC);
        }
        if (v instanceof LocalDate d) {
          return d.atStartOfDay().atOffset(ZoneOffset.UTC);
        }
        return v instanceof OffsetDateTime t ? t.withOffsetSameInstant(ZoneOffset.UTC) : v;
      case TIME:
        if (v instanceof LocalDateTime t) {
          return t.toLocalTime();
        }
        return v instanceof LocalTime ? v : LocalTime.parse(v.toString());
      default:
        return ParameterValues.coerce(v instanceof BigInteger b ? new BigDecimal(b) : v, type);
    }
  }

  /** Reads column {@code i} (1-based) of a DuckDB result set as {@code type}. */
  public static Object read(ResultSet rs, int i, ColumnType type) throws SQLException {
    switch (type.name()) {
      case BOOLEAN: {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
      }
      case SMALLINT: {
        short v = rs.getShort(i);
        return rs.wasNull() ? null : v;
      }
      case INTEGER: {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
      }
      case BIGINT: {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
      }
      case REAL: {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : v;
      }
      case DOUBLE: {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
      }
      case DECIMAL:
        return decimal(rs.getObject(i));
      case DATE: {
        // DuckDB's getObject gives the LocalDate itself; getObject(i, LocalDate.class) would go
        // through java.sql.Date and a calendar, several times slower.
        Object v = rs.getObject(i);
        return v == null || v instanceof LocalDate ? v : convert(v, type);
      }
      case TIME:
        return rs.getObject(i, LocalTime.class);
      case TIMESTAMP:
        return rs.getObject(i, LocalDateTime.class);
      case TIMESTAMPTZ: {
        OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
        return v == null ? null : v.withOffsetSameInstant(ZoneOffset.UTC);
      }
      case BLOB:
        return rs.getBytes(i);
      default:
        return rs.getString(i);
    }
  }

  private static BigDecimal decimal(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof BigDecimal d) {
      return d;
    }
    if (o instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
      return BigDecimal.valueOf(((Number) o).longValue());
    }
    if (o instanceof Number n) {
      return BigDecimal.valueOf(n.doubleValue());
    }
    return new BigDecimal(o.toString());
  }

  /** Converts a value from Calcite's runtime representation (Enumerable plans). */
  public static Object fromCalcite(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    switch (type.name()) {
      case BOOLEAN:
        return v;
      case SMALLINT:
        return ((Number) v).shortValue();
      case INTEGER:
        return ((Number) v).intValue();
      case BIGINT:
        return ((Number) v).longValue();
      case REAL:
        return ((Number) v).floatValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case DECIMAL:
        return decimal(v);
      case DATE:
        return v instanceof Number n ? LocalDate.ofEpochDay(n.longValue())
            : v instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(v.toString());
      case TIME:
        return v instanceof Number n ? LocalTime.ofNanoOfDay(n.longValue() * 1_000_000L)
            : LocalTime.parse(v.toString());
      case TIMESTAMP:
        if (v instanceof Number n) {
          return LocalDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC);
        }
        return v instanceof Timestamp t ? t.toLocalDateTime() : v;
      case TIMESTAMPTZ:
        if (v instanceof Number n) {
          return OffsetDateTime.ofInstant(Instant.ofEpochMilli(n.longValue()), ZoneOffset.UTC);
        }
        return v;
      case BLOB:
        return v instanceof org.apache.calcite.avatica.util.ByteString b ? b.getBytes() : v;
      default:
        return v instanceof UUID ? v.toString() : v.toString();
    }
  }
}

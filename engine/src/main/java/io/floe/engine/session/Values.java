package io.floe.engine.session;

import io.floe.engine.catalog.ColumnType;
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
      case DATE:
        return rs.getObject(i, LocalDate.class);
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

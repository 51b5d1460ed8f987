package io.floe.snowflake;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.ResultColumn;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Floe's column types as Snowflake's clients read them: the {@code rowtype} entry of a column, and
 * each value as the string Snowflake's JSON result format carries (numbers as plain decimals,
 * dates as days since the epoch, times and timestamps as seconds with nine fraction digits,
 * TIMESTAMP_TZ with its offset index, binary as upper-case hex, booleans as 1/0).
 */
final class SnowflakeTypes {
  /** Snowflake's longest VARCHAR, what it reports for text without a declared length. */
  static final int MAX_TEXT = 16_777_216;
  /** The digits after the point of TIME and TIMESTAMP values (nanoseconds). */
  private static final int TIME_SCALE = 9;

  private SnowflakeTypes() {}

  /** The Snowflake type a Floe type reads as. */
  static String typeOf(ColumnType t) {
    return switch (t.name()) {
      case BOOLEAN -> "boolean";
      case SMALLINT, INTEGER, BIGINT, DECIMAL -> "fixed";
      case REAL, DOUBLE -> "real";
      case VARCHAR, UUID -> "text";
      case JSON -> "variant";
      case DATE -> "date";
      case TIME -> "time";
      case TIMESTAMP -> "timestamp_ntz";
      case TIMESTAMPTZ -> "timestamp_tz";
      case BLOB -> "binary";
    };
  }

  /** The statement's result column as a {@code rowtype} entry. */
  static ObjectNode rowType(ResultColumn c) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ColumnType t = c.type();
    n.put("name", c.label());
    n.put("type", typeOf(t));
    n.put("nullable", c.nullable());
    switch (t.name()) {
      case SMALLINT -> fixed(n, 5, 0);
      case INTEGER -> fixed(n, 10, 0);
      case BIGINT -> fixed(n, 19, 0);
      case DECIMAL -> fixed(n, t.precision() > 0 ? t.precision() : 38, Math.max(t.scale(), 0));
      case VARCHAR, UUID, JSON -> {
        int length = t.precision() > 0 ? t.precision() : MAX_TEXT;
        n.put("length", length);
        n.put("byteLength", Math.min((long) length * 4, MAX_TEXT));
        n.putNull("precision");
        n.putNull("scale");
      }
      case BLOB -> {
        n.put("length", 8_388_608);
        n.put("byteLength", 8_388_608);
        n.putNull("precision");
        n.putNull("scale");
      }
      case TIME, TIMESTAMP, TIMESTAMPTZ -> {
        n.putNull("length");
        n.putNull("byteLength");
        n.put("precision", 0);
        n.put("scale", TIME_SCALE);
      }
      default -> {
        n.putNull("length");
        n.putNull("byteLength");
        n.putNull("precision");
        n.putNull("scale");
      }
    }
    if (c.origin() != null) {
      n.put("database", c.origin().catalog());
      n.put("schema", c.origin().schema());
      n.put("table", c.origin().table());
    }
    return n;
  }

  private static void fixed(ObjectNode n, int precision, int scale) {
    n.putNull("length");
    n.putNull("byteLength");
    n.put("precision", precision);
    n.put("scale", scale);
  }

  /** A value as the string Snowflake's JSON rowset carries; null stays null. */
  static String encode(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b ? "1" : "0";
    }
    if (v instanceof BigDecimal d) {
      return type.scale() > d.scale() ? d.setScale(type.scale()).toPlainString() : d.toPlainString();
    }
    if (v instanceof Float || v instanceof Double) {
      return real(((Number) v).doubleValue());
    }
    if (v instanceof Number n) {
      return n.toString();
    }
    if (v instanceof LocalDate d) {
      return Long.toString(d.toEpochDay());
    }
    if (v instanceof LocalTime t) {
      return seconds(t.toSecondOfDay(), t.getNano());
    }
    if (v instanceof LocalDateTime ts) {
      return seconds(ts.toEpochSecond(ZoneOffset.UTC), ts.getNano());
    }
    if (v instanceof OffsetDateTime ts) {
      return seconds(ts.toEpochSecond(), ts.getNano()) + " " + (ts.getOffset().getTotalSeconds() / 60 + 1440);
    }
    if (v instanceof byte[] bytes) {
      return HexFormat.of().withUpperCase().formatHex(bytes);
    }
    return v.toString();
  }

  /**
   * A value as the SQL API's {@code jsonv2} result format carries it: as {@link #encode}, except
   * that booleans are {@code "true"} and {@code "false"}.
   */
  static String encodeJsonV2(Object v, ColumnType type) {
    if (v instanceof Boolean b) {
      return b ? "true" : "false";
    }
    return encode(v, type);
  }

  private static String real(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return Double.toString(d);
  }

  /** Seconds with nine fraction digits: {@code 1577836800.123456789}. */
  private static String seconds(long seconds, int nanos) {
    if (seconds < 0 && nanos > 0) {
      // -1.5 s is -2 s plus 500,000,000 ns; the string is the signed decimal value.
      return BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos, TIME_SCALE)).toPlainString();
    }
    return seconds + "." + String.format("%09d", nanos);
  }
}

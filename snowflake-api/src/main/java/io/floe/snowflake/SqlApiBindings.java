package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code bindings} of a SQL API request ({@code "1": {"type": "FIXED", "value": "7"}}) as the
 * engine's parameter values. Types are Snowflake's binding types; values are strings. Dates, times
 * and timestamps are accepted in the connector's numeric form (a DATE as epoch milliseconds, a TIME
 * as nanoseconds since midnight, a TIMESTAMP as epoch nanoseconds, TIMESTAMP_TZ with its offset
 * index) and as ISO text ({@code 2024-03-01}, {@code 10:00:00.5}, {@code 2024-03-01T10:00:00},
 * {@code 2024-03-01T10:00:00+01:00}).
 */
final class SqlApiBindings {
  private SqlApiBindings() {}

  /** The values of positions 1..n; a missing position, or a key that is not one, is refused. */
  static List<Object> of(JsonNode bindings) {
    if (bindings == null || bindings.isNull() || bindings.isMissingNode()) {
      return List.of();
    }
    if (!bindings.isObject()) {
      throw invalid("bindings must be an object of positions (\"1\", \"2\", ...) to {type, value}");
    }
    int n = bindings.size();
    List<Object> values = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      JsonNode b = bindings.get(Integer.toString(i));
      if (b == null || !b.isObject()) {
        throw invalid("bindings has " + n + " value(s) but none for position " + i
            + "; positions are \"1\" to \"" + n + "\" (named :variables are not supported)");
      }
      JsonNode type = b.get("type");
      values.add(value(type == null || type.isNull() ? "TEXT" : type.asText(), b.get("value"), i));
    }
    return values;
  }

  private static Object value(String type, JsonNode v, int position) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isContainerNode()) {
      throw invalid("binding " + position + ": the value must be a string, not an array or object");
    }
    String text = v.asText().trim();
    String t = type.toUpperCase(Locale.ROOT);
    try {
      return switch (t) {
        case "FIXED" -> text.contains(".") || text.contains("e") || text.contains("E")
            ? new BigDecimal(text) : (Object) Long.valueOf(text);
        case "REAL" -> real(text);
        case "TEXT" -> v.asText();
        case "BOOLEAN" -> bool(text);
        case "DATE" -> digits(text) ? Instant.ofEpochMilli(Long.parseLong(text)).atOffset(ZoneOffset.UTC)
            .toLocalDate() : LocalDate.parse(text);
        case "TIME" -> digits(text) ? LocalTime.ofNanoOfDay(Long.parseLong(text)) : LocalTime.parse(text);
        case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ" -> digits(text) ? LocalDateTime.ofEpochSecond(
            Math.floorDiv(Long.parseLong(text), 1_000_000_000L),
            (int) Math.floorMod(Long.parseLong(text), 1_000_000_000L), ZoneOffset.UTC)
            : LocalDateTime.parse(text.replace(' ', 'T'));
        case "TIMESTAMP_TZ" -> timestampTz(text);
        case "BINARY" -> HexFormat.of().parseHex(text);
        default -> throw invalid("binding " + position + ": unknown type " + type + " (FIXED, REAL, "
            + "TEXT, BOOLEAN, DATE, TIME, TIMESTAMP_NTZ, TIMESTAMP_LTZ, TIMESTAMP_TZ or BINARY)");
      };
    } catch (FloeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid("binding " + position + ": '" + text + "' is not a " + t + " value");
    }
  }

  private static Double real(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      case "nan" -> Double.NaN;
      default -> Double.valueOf(text);
    };
  }

  private static Boolean bool(String text) {
    if (text.equals("1") || text.equalsIgnoreCase("true")) {
      return true;
    }
    if (text.equals("0") || text.equalsIgnoreCase("false")) {
      return false;
    }
    throw new IllegalArgumentException(text);
  }

  private static boolean digits(String text) {
    return !text.isEmpty() && text.chars().skip(text.charAt(0) == '-' ? 1 : 0)
        .allMatch(Character::isDigit) && !text.equals("-");
  }

  /** {@code <epoch nanos> <offset minutes + 1440>}, epoch nanos alone (UTC), or ISO text. */
  private static OffsetDateTime timestampTz(String text) {
    String[] parts = text.split(" ");
    if (!digits(parts[0])) {
      return OffsetDateTime.parse(text.replace(' ', 'T'));
    }
    long nanos = Long.parseLong(parts[0]);
    ZoneOffset offset = parts.length > 1
        ? ZoneOffset.ofTotalSeconds((Integer.parseInt(parts[1]) - 1440) * 60) : ZoneOffset.UTC;
    return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L))
        .atOffset(offset);
  }

  private static FloeException invalid(String message) {
    return new FloeException(ErrorCode.INVALID_PARAMETER, message);
  }
}

package io.floe.engine.session;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.RowCursor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.ParsePosition;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;

/**
 * Coerces parameter values from front-ends (whatever Java value their protocol produced, often a
 * string) to the value class of the parameter's type, as {@link RowCursor} documents them. Text
 * that does not read as the type fails as in PostgreSQL ({@link ErrorCode#INVALID_DATA}, 22P02), a
 * number beyond the type with {@link ErrorCode#NUMERIC_OUT_OF_RANGE} (22003), and a value of
 * another kind with {@link ErrorCode#INVALID_PARAMETER}.
 */
public final class ParameterValues {
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral(' ').optionalEnd()
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .parseDefaulting(ChronoField.HOUR_OF_DAY, 0)
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  private static final String OUT_OF_RANGE = "out of range";

  private ParameterValues() {}

  public static List<Object> coerce(List<Object> values, List<ColumnType> types) {
    if (values.size() != types.size()) {
      throw FloeException.of(ErrorCode.INVALID_PARAMETER,
          "the statement has %d parameters, %d were given", types.size(), values.size());
    }
    Object[] out = new Object[values.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = coerce(values.get(i), types.get(i));
      } catch (FloeException e) {
        throw FloeException.of(e.code(), "parameter $%d: %s", i + 1, e.getMessage());
      }
    }
    return java.util.Arrays.asList(out);
  }

  public static Object coerce(Object v, ColumnType type) {
    if (v == null) {
      return null;
    }
    try {
      switch (type.name()) {
        case BOOLEAN:
          return bool(v);
        case SMALLINT:
          return (short) exactLong(v, Short.MIN_VALUE, Short.MAX_VALUE);
        case INTEGER:
          return (int) exactLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case BIGINT:
          return exactLong(v, Long.MIN_VALUE, Long.MAX_VALUE);
        case REAL:
          return v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString().trim());
        case DOUBLE:
          return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
        case DECIMAL:
          return decimal(v);
        case DATE:
          if (v instanceof LocalDate d) {
            return d;
          }
          if (v instanceof LocalDateTime t) {
            return t.toLocalDate();
          }
          return LocalDate.from(parse(v.toString().trim()));
        case TIME:
          if (v instanceof LocalTime t) {
            return t;
          }
          if (v instanceof LocalDateTime t) {
            return t.toLocalTime();
          }
          return LocalTime.parse(v.toString().trim());
        case TIMESTAMP:
          return timestamp(v);
        case TIMESTAMPTZ:
          return timestamptz(v);
        case BLOB:
          return v instanceof byte[] ? v : v.toString().getBytes(StandardCharsets.UTF_8);
        default:
          return v.toString();
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException | ClassCastException e) {
      String typeName = type.toString().toLowerCase(Locale.ROOT);
      if (e instanceof ArithmeticException && OUT_OF_RANGE.equals(e.getMessage())) {
        throw FloeException.of(ErrorCode.NUMERIC_OUT_OF_RANGE, "value \"%s\" is out of range for type %s",
            v, typeName);
      }
      if (v instanceof CharSequence) {
        // Text that does not read as the type, in PostgreSQL's words (22P02).
        throw FloeException.of(ErrorCode.INVALID_DATA, "invalid input syntax for type %s: \"%s\"",
            typeName, v);
      }
      throw FloeException.of(ErrorCode.INVALID_PARAMETER, "'%s' is not a valid %s", v, type);
    }
  }

  private static Boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    return switch (s) {
      case "t", "true", "1", "y", "yes", "on" -> true;
      case "f", "false", "0", "n", "no", "off" -> false;
      default -> throw new NumberFormatException(s);
    };
  }

  private static long exactLong(Object v, long min, long max) {
    long value;
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      value = ((Number) v).longValue();
    } else if (v instanceof Number n) {
      value = new BigDecimal(n.toString()).longValueExact();
    } else {
      value = new BigDecimal(v.toString().trim()).longValueExact();
    }
    if (value < min || value > max) {
      throw new ArithmeticException(OUT_OF_RANGE);
    }
    return value;
  }

  private static BigDecimal decimal(Object v) {
    if (v instanceof BigDecimal d) {
      return d;
    }
    if (v instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (v instanceof Double || v instanceof Float) {
      return BigDecimal.valueOf(((Number) v).doubleValue());
    }
    return new BigDecimal(v.toString().trim());
  }

  /** A timestamp without time zone: an offset in the text is ignored, as PostgreSQL ignores it. */
  private static LocalDateTime timestamp(Object v) {
    if (v instanceof LocalDateTime t) {
      return t;
    }
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (v instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    TemporalAccessor parsed = parse(v.toString().trim());
    return LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
  }

  /** A timestamp with time zone: an offset in the text is applied, none means UTC. */
  private static OffsetDateTime timestamptz(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.withOffsetSameInstant(ZoneOffset.UTC);
    }
    if (!(v instanceof CharSequence)) {
      return timestamp(v).atOffset(ZoneOffset.UTC);
    }
    TemporalAccessor parsed = parse(v.toString().trim());
    LocalDateTime local = LocalDateTime.of(LocalDate.from(parsed), LocalTime.from(parsed));
    ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
        ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
    return local.atOffset(offset).withOffsetSameInstant(ZoneOffset.UTC);
  }

  /**
   * Date and time text read strictly, as PostgreSQL does: a day the month lacks (2023-04-31) fails
   * with {@link ErrorCode#DATETIME_OUT_OF_RANGE} (22008) where Java's default would move it to the
   * month's last day.
   */
  private static TemporalAccessor parse(String text) {
    try {
      return TIMESTAMP.parse(text);
    } catch (DateTimeParseException e) {
      ParsePosition position = new ParsePosition(0);
      if (TIMESTAMP.parseUnresolved(text, position) == null || position.getIndex() != text.length()) {
        throw e;
      }
      // The text has a date's shape, but a field is beyond its range.
      throw FloeException.of(ErrorCode.DATETIME_OUT_OF_RANGE,
          "date/time field value out of range: \"%s\"", text);
    }
  }
}

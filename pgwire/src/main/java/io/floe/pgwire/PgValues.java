package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.Infinity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Values on the wire: PostgreSQL's text output for every type Floe sends, the binary forms of the
 * types clients read in binary (int2/4/8, float4/8, numeric, bool, date, time, timestamp(tz),
 * uuid, bytea, text), and decoding of text and binary parameters.
 */
final class PgValues {
  private static final LocalDate PG_EPOCH = LocalDate.of(2000, 1, 1);
  private static final LocalDateTime PG_EPOCH_TIME = PG_EPOCH.atStartOfDay();
  private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
      .appendPattern("HH:mm:ss").optionalStart()
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).toFormatter();
  private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
      .appendPattern("uuuu-MM-dd HH:mm:ss")
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true).toFormatter();

  private PgValues() {}

  // ---- text ----------------------------------------------------------------------------------

  /**
   * Writes a value's text output as a data-row field (length, then bytes): the same bytes as
   * {@link #text}, written straight into the message for the types bulk results are made of.
   */
  static void writeText(PgMessageWriter w, Object v, ZoneId zone, int extraFloatDigits) {
    if (v == null) {
      w.int32(-1);
      return;
    }
    int field = w.beginField();
    if (v instanceof Long l) {
      w.decimal(l);
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      w.decimal(((Number) v).longValue());
    } else if (v instanceof String s) {
      w.utf8(s);
    } else if (v instanceof LocalDate d && d.getYear() >= 1 && d.getYear() <= 9999) {
      w.digits(d.getYear(), 4).int8('-').digits(d.getMonthValue(), 2).int8('-').digits(d.getDayOfMonth(), 2);
    } else if (v instanceof BigDecimal d && d.scale() >= 0 && d.scale() <= 18 && d.precision() <= 18) {
      plainDecimal(w, d.unscaledValue().longValue(), d.scale());
    } else {
      w.utf8(text(v, zone, extraFloatDigits));
    }
    w.endField(field);
  }

  /** {@code unscaled / 10^scale} as {@link BigDecimal#toPlainString()} writes it. */
  private static void plainDecimal(PgMessageWriter w, long unscaled, int scale) {
    if (scale == 0) {
      w.decimal(unscaled);
      return;
    }
    if (unscaled < 0) {
      w.int8('-');
      unscaled = -unscaled;
    }
    long unit = LONG_TEN_POWERS[scale];
    w.decimal(unscaled / unit).int8('.').digits(unscaled % unit, scale);
  }

  private static final long[] LONG_TEN_POWERS = new long[19];

  static {
    LONG_TEN_POWERS[0] = 1;
    for (int i = 1; i < LONG_TEN_POWERS.length; i++) {
      LONG_TEN_POWERS[i] = LONG_TEN_POWERS[i - 1] * 10;
    }
  }

  /**
   * PostgreSQL's text output of a value ({@code zone} renders timestamptz, {@code extraFloatDigits}
   * is the session's extra_float_digits for float4 and float8).
   */
  static String text(Object v, ZoneId zone, int extraFloatDigits) {
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean b) {
      return b ? "t" : "f";
    }
    if (v instanceof Double d) {
      return PgFloats.float8(d, extraFloatDigits);
    }
    if (v instanceof Float f) {
      return PgFloats.float4(f, extraFloatDigits);
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof LocalTime t) {
      return TIME.format(t);
    }
    Infinity infinity = Infinity.of(v);
    if (infinity != null) {
      return infinity.text();
    }
    if (v instanceof LocalDateTime t) {
      return TIMESTAMP.format(t);
    }
    if (v instanceof OffsetDateTime t) {
      OffsetDateTime local = t.atZoneSameInstant(zone).toOffsetDateTime();
      return TIMESTAMP.format(local) + offset(local.getOffset());
    }
    if (v instanceof java.sql.Timestamp t) {
      return TIMESTAMP.format(t.toLocalDateTime());
    }
    if (v instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (v instanceof byte[] b) {
      return "\\x" + HexFormat.of().formatHex(b);
    }
    if (v instanceof java.sql.Array a) {
      try {
        return arrayText((Object[]) a.getArray(), zone, extraFloatDigits);
      } catch (java.sql.SQLException e) {
        return a.toString();
      }
    }
    if (v instanceof List<?> list) {
      return arrayText(list.toArray(), zone, extraFloatDigits);
    }
    if (v instanceof Object[] array) {
      return arrayText(array, zone, extraFloatDigits);
    }
    return v.toString();
  }

  private static String offset(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    String sign = seconds < 0 ? "-" : "+";
    int abs = Math.abs(seconds);
    String text = sign + String.format("%02d", abs / 3600);
    if (abs % 3600 != 0) {
      text += String.format(":%02d", (abs % 3600) / 60);
    }
    return text;
  }

  private static String arrayText(Object[] items, ZoneId zone, int extraFloatDigits) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String s = text(items[i], zone, extraFloatDigits);
      if (s == null) {
        b.append("NULL");
      } else if (s.isEmpty() || s.chars().anyMatch(c -> c == ',' || c == '"' || c == '\\'
          || c == '{' || c == '}' || Character.isWhitespace(c)) || s.equalsIgnoreCase("null")) {
        b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else {
        b.append(s);
      }
    }
    return b.append('}').toString();
  }

  // ---- binary --------------------------------------------------------------------------------

  /** Whether a type has a binary form here. */
  static boolean hasBinary(PgType t) {
    return switch (t) {
      case BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC, DATE, TIME, TIMESTAMP,
          TIMESTAMPTZ, UUID, BYTEA, TEXT, VARCHAR, BPCHAR, NAME, CHAR, JSON, UNKNOWN -> true;
      default -> false;
    };
  }

  /** The binary form of a value of type {@code t}. */
  static byte[] binary(Object v, PgType t) {
    switch (t) {
      case BOOL:
        return new byte[] {(byte) (truthy(v) ? 1 : 0)};
      case INT2:
        return ByteBuffer.allocate(2).putShort(((Number) v).shortValue()).array();
      case INT4:
      case OID:
        return ByteBuffer.allocate(4).putInt(((Number) v).intValue()).array();
      case INT8:
        return ByteBuffer.allocate(8).putLong(((Number) v).longValue()).array();
      case FLOAT4:
        return ByteBuffer.allocate(4).putFloat(((Number) v).floatValue()).array();
      case FLOAT8:
        return ByteBuffer.allocate(8).putDouble(((Number) v).doubleValue()).array();
      case NUMERIC:
        return numeric(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
      case DATE: {
        LocalDate d = v instanceof java.sql.Date sd ? sd.toLocalDate() : (LocalDate) v;
        Infinity infinity = Infinity.of(d);
        int days = infinity == Infinity.POSITIVE ? Integer.MAX_VALUE : infinity == Infinity.NEGATIVE
            ? Integer.MIN_VALUE : (int) ChronoUnit.DAYS.between(PG_EPOCH, d);
        return ByteBuffer.allocate(4).putInt(days).array();
      }
      case TIME: {
        LocalTime time = (LocalTime) v;
        return ByteBuffer.allocate(8).putLong(time.toNanoOfDay() / 1000).array();
      }
      case TIMESTAMP: {
        LocalDateTime ts = v instanceof java.sql.Timestamp st ? st.toLocalDateTime() : (LocalDateTime) v;
        return ByteBuffer.allocate(8).putLong(pgMicros(ts)).array();
      }
      case TIMESTAMPTZ: {
        LocalDateTime utc = ((OffsetDateTime) v).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return ByteBuffer.allocate(8).putLong(pgMicros(utc)).array();
      }
      case UUID: {
        UUID u = java.util.UUID.fromString(v.toString());
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
            .putLong(u.getLeastSignificantBits()).array();
      }
      case BYTEA:
        return v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
      default:
        return text(v, ZoneOffset.UTC, PgFloats.SHORTEST).getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Microseconds since PostgreSQL's epoch (2000-01-01); infinities are PostgreSQL's extreme longs,
   * as its binary format writes them.
   */
  private static long pgMicros(LocalDateTime t) {
    Infinity infinity = Infinity.of(t);
    return infinity == Infinity.POSITIVE ? Long.MAX_VALUE : infinity == Infinity.NEGATIVE ? Long.MIN_VALUE
        : ChronoUnit.MICROS.between(PG_EPOCH_TIME, t);
  }

    private static boolean truthy(Object v) {
    return v instanceof Boolean b ? b : "t".equals(text(v, ZoneOffset.UTC, PgFloats.SHORTEST));
  }

  /** PostgreSQL's binary numeric: base-10000 digits with weight, sign and display scale. */
  static byte[] numeric(BigDecimal value) {
    BigDecimal abs = value.abs();
    int scale = Math.max(0, abs.scale());
    BigInteger unscaled = abs.setScale(scale, RoundingMode.UNNECESSARY).unscaledValue();
    String digits = unscaled.toString();
    // Integer part and fraction as decimal strings, padded to groups of four.
    String intPart = digits.length() > scale ? digits.substring(0, digits.length() - scale) : "0";
    String fracPart = scale == 0 ? "" : String.format("%" + scale + "s",
        digits.length() > scale ? digits.substring(digits.length() - scale) : digits).replace(' ', '0');
    int intPad = (4 - intPart.length() % 4) % 4;
    intPart = "0".repeat(intPad) + intPart;
    int fracPad = (4 - fracPart.length() % 4) % 4;
    fracPart = fracPart + "0".repeat(fracPad);
    List<Short> groups = new ArrayList<>();
    for (int i = 0; i < intPart.length(); i += 4) {
      groups.add(Short.parseShort(intPart.substring(i, i + 4)));
    }
    int weight = groups.size() - 1;
    for (int i = 0; i < fracPart.length(); i += 4) {
      groups.add(Short.parseShort(fracPart.substring(i, i + 4)));
    }
    // Strip leading zero groups (adjusting the weight) and trailing zero groups.
    int start = 0;
    while (start < groups.size() && groups.get(start) == 0) {
      start++;
      weight--;
    }
    int end = groups.size();
    while (end > start && groups.get(end - 1) == 0) {
      end--;
    }
    List<Short> kept = groups.subList(start, end);
    if (kept.isEmpty()) {
      weight = 0;
    }
    ByteBuffer b = ByteBuffer.allocate(8 + 2 * kept.size());
    b.putShort((short) kept.size()).putShort((short) weight)
        .putShort((short) (value.signum() < 0 ? 0x4000 : 0)).putShort((short) scale);
    kept.forEach(b::putShort);
    return b.array();
  }

  // ---- parameters ----------------------------------------------------------------------------

  /**
   * A parameter as a Java value: text parameters stay strings (the engine coerces them to the
   * parameter's type); binary ones are decoded by their declared OID, after checking that their
   * bytes are a value of that type, as PostgreSQL's receive functions do: a wrong length or a
   * malformed numeric is 22P03, a value out of range 22003 or 22008.
   *
   * @param number the parameter's number, from 1, for messages
   */
  static Object parameter(int number, byte[] data, boolean binary, int oid) {
    if (data == null) {
      return null;
    }
    if (!binary) {
      return new String(data, StandardCharsets.UTF_8);
    }
    PgType t = PgType.byOid(oid);
    if (t == null) {
      throw FloeException.of(ErrorCode.FUNCTION_NOT_FOUND,
          "no binary input function available for type with oid %d (bind parameter %d)", oid, number);
    }
    int size = binarySize(t);
    if (size >= 0 ? data.length != size : (t == PgType.JSONB && data.length == 0)
        || (t == PgType.NUMERIC && data.length < 8)) {
      throw badBinary(number);
    }
    ByteBuffer b = ByteBuffer.wrap(data);
    try {
      return switch (t) {
        case BOOL -> data[0] != 0;
        case INT2 -> b.getShort();
        case INT4, OID -> b.getInt();
        case INT8 -> b.getLong();
        case FLOAT4 -> b.getFloat();
        case FLOAT8 -> b.getDouble();
        case NUMERIC -> decodeNumeric(number, b);
        case DATE -> inRange(PG_EPOCH.plusDays(b.getInt()).atStartOfDay()).toLocalDate();
        case TIME -> LocalTime.ofNanoOfDay(Math.multiplyExact(b.getLong(), 1000L));
        case TIMESTAMP -> inRange(PG_EPOCH_TIME.plus(b.getLong(), ChronoUnit.MICROS));
        case TIMESTAMPTZ -> inRange(PG_EPOCH_TIME.plus(b.getLong(), ChronoUnit.MICROS))
            .atOffset(ZoneOffset.UTC);
        case UUID -> new UUID(b.getLong(), b.getLong()).toString();
        case BYTEA -> data;
        case JSONB -> jsonb(number, data);
        default -> new String(data, StandardCharsets.UTF_8);
      };
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw FloeException.of(ErrorCode.DATETIME_OUT_OF_RANGE,
          "%s out of range in bind parameter %d", t.name().toLowerCase(java.util.Locale.ROOT), number);
    }
  }

  /**
   * {@code t} if PostgreSQL and DuckDB both hold it: from 4713 BC (PostgreSQL) to DuckDB's last
   * timestamp year, 294246. PostgreSQL's infinities (the extreme longs) are outside too.
   */
  private static LocalDateTime inRange(LocalDateTime t) {
    if (t.getYear() < -4712 || t.getYear() > 294246) {
      throw new java.time.DateTimeException("out of range");
    }
    return t;
  }

  /** The exact length of a binary value of {@code t}, or -1 when it varies. */
  private static int binarySize(PgType t) {
    return switch (t) {
      case BOOL -> 1;
      case INT2 -> 2;
      case INT4, OID, FLOAT4, DATE -> 4;
      case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
      case UUID -> 16;
      default -> -1;
    };
  }

  private static FloeException badBinary(int number) {
    return FloeException.of(ErrorCode.INVALID_BINARY_REPRESENTATION,
        "incorrect binary data format in bind parameter %d", number);
  }

  private static String jsonb(int number, byte[] data) {
    if (data[0] != 1) {
      throw FloeException.of(ErrorCode.INVALID_BINARY_REPRESENTATION,
          "unsupported jsonb version number %d in bind parameter %d", data[0], number);
    }
    return new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
  }

  /** Largest base-10000 weight Floe accepts: 10^308 and beyond fits no type Floe has (DOUBLE). */
  static final int MAX_NUMERIC_WEIGHT = 77;

  /**
   * PostgreSQL's numeric_recv: ndigits base-10000 digits, each 0..9999, a weight, a sign (positive,
   * negative, NaN or an infinity) and a display scale of at most 0x3FFF; digits the scale hides are
   * truncated away. NaN and infinities have no place in Floe's DECIMAL, and values beyond
   * {@link #MAX_NUMERIC_WEIGHT} none in any of its types: both are out of range.
   */
  static BigDecimal decodeNumeric(int number, ByteBuffer b) {
    int ndigits = b.getShort() & 0xffff;
    int weight = b.getShort();
    int sign = b.getShort() & 0xffff;
    int dscale = b.getShort() & 0xffff;
    if (b.remaining() != 2 * ndigits) {
      throw badBinary(number);
    }
    if (sign != 0 && sign != 0x4000 && sign != 0xC000 && sign != 0xD000 && sign != 0xF000) {
      throw FloeException.of(ErrorCode.INVALID_BINARY_REPRESENTATION,
          "invalid sign in external \"numeric\" value (bind parameter %d)", number);
    }
    if ((dscale & 0x3FFF) != dscale) {
      throw FloeException.of(ErrorCode.INVALID_BINARY_REPRESENTATION,
          "invalid scale in external \"numeric\" value (bind parameter %d)", number);
    }
    short[] digits = new short[ndigits];
    int firstNonZero = -1;
    for (int i = 0; i < ndigits; i++) {
      digits[i] = b.getShort();
      if (digits[i] < 0 || digits[i] >= 10000) {
        throw FloeException.of(ErrorCode.INVALID_BINARY_REPRESENTATION,
            "invalid digit in external \"numeric\" value (bind parameter %d)", number);
      }
      if (digits[i] != 0 && firstNonZero < 0) {
        firstNonZero = i;
      }
    }
    if (sign == 0xC000 || sign == 0xD000 || sign == 0xF000
        || (firstNonZero >= 0 && weight - firstNonZero > MAX_NUMERIC_WEIGHT)) {
      throw FloeException.of(ErrorCode.NUMERIC_OUT_OF_RANGE,
          "value overflows numeric format (bind parameter %d)", number);
    }
    // Digit i stands for digits[i] * 10000^(weight - i); those below the display scale go.
    int kept = Math.max(0, Math.min(ndigits, weight + 1 + (dscale + 3) / 4));
    BigInteger unscaled = BigInteger.ZERO;
    BigInteger base = BigInteger.valueOf(10000);
    for (int i = 0; i < kept; i++) {
      unscaled = unscaled.multiply(base).add(BigInteger.valueOf(digits[i]));
    }
    BigDecimal result = new BigDecimal(unscaled, -4 * (weight - kept + 1))
        .setScale(dscale, RoundingMode.DOWN);
    return sign == 0x4000 ? result.negate() : result;
  }
}

package io.floe.pgwire;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PostgreSQL's text output of float8 and float4 ({@code float8out}, {@code float4out}).
 *
 * <p>With {@code extra_float_digits} above zero (the default, 1; pgjdbc sets 3) a value is written
 * with the fewest significant digits that read back as the same value, the nearest such when there
 * are several, in positional notation when its decimal exponent is at least -4 and below 15 (float8)
 * or 6 (float4), else as {@code d.ddde+XX}. With {@code extra_float_digits} zero or below it is C's
 * {@code %.Ng} with N = 15 (float8) or 6 (float4) plus {@code extra_float_digits}, at least 1.
 */
final class PgFloats {
  /** extra_float_digits' default: the shortest text that reads back as the same value. */
  static final int SHORTEST = 1;
  /** Significant decimal digits a float8 always keeps ({@code DBL_DIG}). */
  private static final int DOUBLE_DIGITS = 15;
  /** Significant decimal digits a float4 always keeps ({@code FLT_DIG}). */
  private static final int FLOAT_DIGITS = 6;
  /** Significant decimal digits that always tell two float8 (so also float4) values apart. */
  private static final int MAX_DIGITS = 17;

  private PgFloats() {}

  /** float8's text, as PostgreSQL writes it with {@code extra_float_digits}. */
  static String float8(double d, int extraDigits) {
    String special = special(d);
    if (special != null) {
      return special;
    }
    BigDecimal exact = new BigDecimal(Math.abs(d));
    BigDecimal digits;
    int limit;
    if (extraDigits > 0) {
      double abs = Math.abs(d);
      digits = shortest(exact, BigDecimal.valueOf(abs).precision(),
          new Interval(exact, new BigDecimal(Math.nextDown(abs)), new BigDecimal(Math.ulp(abs))));
      limit = DOUBLE_DIGITS;
    } else {
      limit = Math.max(1, DOUBLE_DIGITS + extraDigits);
      digits = exact.round(new MathContext(limit, RoundingMode.HALF_EVEN));
    }
    return format(d < 0, digits, limit);
  }

  /** float4's text, as PostgreSQL writes it with {@code extra_float_digits}. */
  static String float4(float f, int extraDigits) {
    String special = special(f);
    if (special != null) {
      return special;
    }
    float abs = Math.abs(f);
    BigDecimal exact = new BigDecimal((double) abs);
    BigDecimal digits;
    int limit;
    if (extraDigits > 0) {
      digits = shortest(exact, new BigDecimal(Float.toString(abs)).precision(),
          new Interval(exact, new BigDecimal((double) Math.nextDown(abs)),
              new BigDecimal((double) Math.ulp(abs))));
      limit = FLOAT_DIGITS;
    } else {
      limit = Math.max(1, FLOAT_DIGITS + extraDigits);
      digits = exact.round(new MathContext(limit, RoundingMode.HALF_EVEN));
    }
    return format(f < 0, digits, limit);
  }

  /** NaN, the infinities and the zeros; null for any other value. */
  private static String special(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    return null;
  }

  /**
   * The decimals that read back as a value: those strictly between the midpoints to its
   * neighbours. PostgreSQL excludes the midpoints themselves, which read back only where the
   * reader rounds ties to even, so a text such as {@code 4.461239e+07} for the float4 44612392,
   * a midpoint, is not chosen; {@code 4.4612392e+07} is.
   */
  private record Interval(BigDecimal low, BigDecimal high) {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    Interval(BigDecimal exact, BigDecimal below, BigDecimal gapAbove) {
      this(exact.add(below).divide(TWO), exact.add(gapAbove.divide(TWO)));
    }

    boolean reads(BigDecimal candidate) {
      return candidate.compareTo(low) > 0 && candidate.compareTo(high) < 0;
    }
  }

  /**
   * The shortest decimal that reads back as {@code exact}'s value, the nearest of that length.
   * Java's own {@code toString} reads back but is at times a digit longer than needed
   * ({@code maxDigits} is its length); if n digits read back so do n + 1, so shorten until one fails.
   * (Java's text may itself be a midpoint, excluded here; then a longer one is found first.)
   */
  private static BigDecimal shortest(BigDecimal exact, int maxDigits, Interval roundTrip) {
    int n = maxDigits;
    BigDecimal best = nearest(exact, n, roundTrip);
    while (best == null && n < MAX_DIGITS) {
      best = nearest(exact, ++n, roundTrip);
    }
    if (best == null) {
      return exact;
    }
    while (--n >= 1) {
      BigDecimal shorter = nearest(exact, n, roundTrip);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    return best;
  }

  /** The n-digit decimal nearest {@code exact} that reads back, or null if none does. */
  private static BigDecimal nearest(BigDecimal exact, int n, Interval roundTrip) {
    BigDecimal even = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
    if (roundTrip.reads(even)) {
      return even;
    }
    // Next to a power of two the values reading back lie unevenly around the exact value: the
    // nearest n-digit decimal may miss while the one on the other side reads back.
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal other = exact.round(new MathContext(n, mode));
      if (other.compareTo(even) != 0 && roundTrip.reads(other)) {
        return other;
      }
    }
    return null;
  }

  /**
   * Writes {@code |value|}'s significant digits positionally when its decimal exponent is in
   * [-4, limit), else as {@code d.ddde±XX}; trailing zeros dropped.
   */
  private static String format(boolean negative, BigDecimal value, int limit) {
    BigDecimal stripped = value.stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    StringBuilder b = new StringBuilder(digits.length() + 8);
    if (negative) {
      b.append('-');
    }
    if (exponent < -4 || exponent >= limit) {
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        b.append('0');
      }
      return b.append(abs).toString();
    }
    if (exponent < 0) {
      b.append("0.");
      b.append("0".repeat(-exponent - 1));
      return b.append(digits).toString();
    }
    if (digits.length() <= exponent + 1) {
      return b.append(digits).append("0".repeat(exponent + 1 - digits.length())).toString();
    }
    return b.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length())
        .toString();
  }
}

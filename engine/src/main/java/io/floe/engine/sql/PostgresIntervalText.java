package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an interval written as PostgreSQL reads {@code interval '...'}: quantities with units
 * ({@code 3 days 2 hours}, {@code 1.5 hours}, {@code -1 day}, {@code 2 weeks}; units singular,
 * plural or abbreviated as PostgreSQL spells them), a time of day ({@code 1 day 02:00:00},
 * {@code -02:30}), a bare number of seconds ({@code '90'}), {@code @} before and {@code ago} after.
 *
 * <p>Fractions carry down as in PostgreSQL and DuckDB: a fraction of a month is days of 30, of a
 * week or a day is days and time ({@code 1.5 months} is 1 month 15 days). A fraction of a year
 * that is not whole months, or a value finer than a microsecond, is refused ({@code 0A000})
 * because PostgreSQL and DuckDB round it differently. The SQL standard's unit-less forms
 * ({@code '1-2'}, {@code '1 2:03'}) and ISO 8601 ({@code 'P1D'}), which DuckDB does not read,
 * are refused as invalid text ({@code 22007}).
 */
final class PostgresIntervalText {
  private PostgresIntervalText() {}

  /** A unit and how many of the next smaller field one of it is (for years: months). */
  private enum Unit {
    MICROSECOND(1), MILLISECOND(1_000), SECOND(1_000_000), MINUTE(60_000_000L),
    HOUR(3_600_000_000L), DAY(1), WEEK(7), MONTH(1), YEAR(12), DECADE(120), CENTURY(1_200),
    MILLENNIUM(12_000);

    final BigDecimal factor;

    Unit(long factor) {
      this.factor = BigDecimal.valueOf(factor);
    }
  }

  private static final Map<String, Unit> UNITS = Map.ofEntries(
      Map.entry("us", Unit.MICROSECOND), Map.entry("usec", Unit.MICROSECOND),
      Map.entry("usecs", Unit.MICROSECOND), Map.entry("microsecond", Unit.MICROSECOND),
      Map.entry("microseconds", Unit.MICROSECOND),
      Map.entry("ms", Unit.MILLISECOND), Map.entry("msec", Unit.MILLISECOND),
      Map.entry("msecs", Unit.MILLISECOND), Map.entry("millisecond", Unit.MILLISECOND),
      Map.entry("milliseconds", Unit.MILLISECOND),
      Map.entry("s", Unit.SECOND), Map.entry("sec", Unit.SECOND), Map.entry("secs", Unit.SECOND),
      Map.entry("second", Unit.SECOND), Map.entry("seconds", Unit.SECOND),
      Map.entry("m", Unit.MINUTE), Map.entry("min", Unit.MINUTE), Map.entry("mins", Unit.MINUTE),
      Map.entry("minute", Unit.MINUTE), Map.entry("minutes", Unit.MINUTE),
      Map.entry("h", Unit.HOUR), Map.entry("hr", Unit.HOUR), Map.entry("hrs", Unit.HOUR),
      Map.entry("hour", Unit.HOUR), Map.entry("hours", Unit.HOUR),
      Map.entry("d", Unit.DAY), Map.entry("day", Unit.DAY), Map.entry("days", Unit.DAY),
      Map.entry("w", Unit.WEEK), Map.entry("week", Unit.WEEK), Map.entry("weeks", Unit.WEEK),
      Map.entry("mon", Unit.MONTH), Map.entry("mons", Unit.MONTH), Map.entry("month", Unit.MONTH),
      Map.entry("months", Unit.MONTH),
      Map.entry("y", Unit.YEAR), Map.entry("yr", Unit.YEAR), Map.entry("yrs", Unit.YEAR),
      Map.entry("year", Unit.YEAR), Map.entry("years", Unit.YEAR),
      Map.entry("dec", Unit.DECADE), Map.entry("decs", Unit.DECADE), Map.entry("decade", Unit.DECADE),
      Map.entry("decades", Unit.DECADE),
      Map.entry("c", Unit.CENTURY), Map.entry("cent", Unit.CENTURY), Map.entry("century", Unit.CENTURY),
      Map.entry("centuries", Unit.CENTURY),
      Map.entry("mil", Unit.MILLENNIUM), Map.entry("mils", Unit.MILLENNIUM),
      Map.entry("millennium", Unit.MILLENNIUM), Map.entry("millennia", Unit.MILLENNIUM));

  private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  private static final Pattern TIME = Pattern.compile(
      "([+-]?)(\\d+):(\\d{1,2})(?::(\\d{1,2}(?:\\.\\d*)?))?");
  private static final BigDecimal SIXTY = BigDecimal.valueOf(60);
  private static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);
  private static final BigDecimal MICROS_PER_DAY = BigDecimal.valueOf(IntervalParts.MICROS_PER_DAY);

  /** The running sum of what the text says, kept exact until the end. */
  private static final class Sum {
    BigDecimal months = BigDecimal.ZERO;
    BigDecimal days = BigDecimal.ZERO;
    BigDecimal micros = BigDecimal.ZERO;

    /** Whole days, and the fraction of a day as microseconds. */
    void addDays(BigDecimal value) {
      BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
      days = days.add(whole);
      micros = micros.add(value.subtract(whole).multiply(MICROS_PER_DAY));
    }
  }

  /** The value of PostgreSQL's interval text; 22007 if it is not one, 22015 if it overflows. */
  static IntervalParts parse(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    int n = s.length();
    int i = skipSpaces(s, 0);
    if (i < n && s.charAt(i) == '@') {
      i++;
    }
    Sum sum = new Sum();
    EnumSet<Unit> seen = EnumSet.noneOf(Unit.class);
    boolean time = false;
    boolean ago = false;
    boolean bare = false;
    int items = 0;
    for (i = skipSpaces(s, i); i < n; i = skipSpaces(s, i)) {
      if (ago) {
        throw invalid(text);
      }
      int start = i;
      if (Character.isLetter(s.charAt(i))) {
        i = word(s, i);
        if (!s.substring(start, i).equals("ago")) {
          throw invalid(text);
        }
        ago = true;
        continue;
      }
      if (s.charAt(i) == '+' || s.charAt(i) == '-') {
        i++;
      }
      while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ':')) {
        i++;
      }
      String quantity = s.substring(start, i);
      items++;
      Matcher clock = TIME.matcher(quantity);
      if (clock.matches()) {
        if (time || seen.contains(Unit.HOUR) || seen.contains(Unit.MINUTE) || seen.contains(Unit.SECOND)) {
          throw invalid(text);
        }
        time = true;
        sum.micros = sum.micros.add(clock(clock, text));
        continue;
      }
      if (!NUMBER.matcher(quantity).matches()) {
        throw invalid(text);
      }
      BigDecimal value = new BigDecimal(quantity);
      int unitStart = skipSpaces(s, i);
      int unitEnd = word(s, unitStart);
      if (unitEnd == unitStart) {
        bare = true; // seconds, as PostgreSQL reads a lone number
        sum.micros = sum.micros.add(value.multiply(Unit.SECOND.factor));
        continue;
      }
      i = unitEnd;
      Unit unit = UNITS.get(s.substring(unitStart, unitEnd));
      if (unit == null || !seen.add(unit) || time && unit.compareTo(Unit.SECOND) >= 0
          && unit.compareTo(Unit.HOUR) <= 0) {
        throw invalid(text);
      }
      add(sum, unit, value, text);
    }
    if (items == 0 || bare && items > 1) {
      throw invalid(text);
    }
    return exact(sum, ago ? -1 : 1, text);
  }

  private static void add(Sum sum, Unit unit, BigDecimal value, String text) {
    switch (unit) {
    case MICROSECOND, MILLISECOND, SECOND, MINUTE, HOUR ->
        sum.micros = sum.micros.add(value.multiply(unit.factor));
    case DAY, WEEK -> sum.addDays(value.multiply(unit.factor));
    case MONTH -> {
      BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
      sum.months = sum.months.add(whole);
      sum.addDays(value.subtract(whole).multiply(DAYS_PER_MONTH));
    }
    default -> {
      BigDecimal months = value.multiply(unit.factor);
      if (months.stripTrailingZeros().scale() > 0) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "interval \"" + text + "\" is not a whole "
            + "number of months", "PostgreSQL and DuckDB round a fraction of a year differently; "
            + "write the months (interval '1 year 6 months').", null);
      }
      sum.months = sum.months.add(months);
    }
    }
  }

  /** Microseconds of {@code [-]h:mm[:ss[.fff]]}. */
  private static BigDecimal clock(Matcher m, String text) {
    BigDecimal minutes = new BigDecimal(m.group(3));
    BigDecimal seconds = m.group(4) == null ? BigDecimal.ZERO : new BigDecimal(m.group(4));
    if (minutes.compareTo(SIXTY) >= 0 || seconds.compareTo(SIXTY) >= 0) {
      throw overflow(text);
    }
    BigDecimal total = new BigDecimal(m.group(2)).multiply(SIXTY).add(minutes).multiply(SIXTY)
        .add(seconds).multiply(Unit.SECOND.factor);
    return m.group(1).equals("-") ? total.negate() : total;
  }

  private static IntervalParts exact(Sum sum, int sign, String text) {
    if (sum.micros.stripTrailingZeros().scale() > 0) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "interval \"" + text + "\" is finer than a "
          + "microsecond", "Intervals are exact to the microsecond; PostgreSQL and DuckDB round "
          + "finer values differently.", null);
    }
    try {
      return new IntervalParts(sum.months.intValueExact() * sign, sum.days.intValueExact() * sign,
          sum.micros.longValueExact() * sign);
    } catch (ArithmeticException e) {
      throw overflow(text);
    }
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int word(String s, int i) {
    while (i < s.length() && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i;
  }

  private static FloeException invalid(String text) {
    return new FloeException(ErrorCode.INVALID_DATETIME_FORMAT,
        "invalid input syntax for type interval: \"" + text + "\"",
        "Write quantities with units, as in interval '3 days 2 hours', '1.5 hours', "
            + "'1 day 02:00:00' or '-1 month'.", null);
  }

  private static FloeException overflow(String text) {
    return new FloeException(ErrorCode.INTERVAL_FIELD_OVERFLOW,
        "interval field value out of range: \"" + text + "\"");
  }
}

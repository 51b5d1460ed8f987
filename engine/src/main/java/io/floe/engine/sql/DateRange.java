package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's range of dates, 4714-11-24 BC to 5874897-12-31: a date written as text outside it
 * ({@code '5881580-07-10'::date}, {@code DATE '0000-01-01'}) fails as PostgreSQL fails it, with
 * 22008, where DuckDB's wider range would answer. The year 0 does not exist (1 BC precedes 1 AD).
 */
final class DateRange {
  /** {@code 5877642-06-25}, {@code 44-03-15 BC}, {@code 5877642-06-25 (BC)}. */
  private static final Pattern DATE =
      Pattern.compile("(?i)\\s*(\\d{1,18})-(\\d{1,2})-(\\d{1,2})\\s*(\\(\\s*BC\\s*\\)|BC|AD)?\\s*");
  /** The first and last dates PostgreSQL holds, as astronomical year, month and day. */
  private static final long[] FIRST = {-4713, 11, 24};
  private static final long[] LAST = {5_874_897, 12, 31};

  private DateRange() {}

  /** Fails with PostgreSQL's error when {@code text}, read as a date, lies outside the range. */
  static void check(String text) {
    FloeException e = outOfRange(text);
    if (e != null) {
      throw e;
    }
  }

  /** PostgreSQL's error for a date outside its range, or null (also for text that is no date). */
  static FloeException outOfRange(String text) {
    Matcher m = DATE.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long year = Long.parseLong(m.group(1));
    if (year == 0) {
      return new FloeException(ErrorCode.DATETIME_OUT_OF_RANGE,
          "date/time field value out of range: \"" + text + "\"");
    }
    boolean bc = m.group(4) != null && m.group(4).toUpperCase(java.util.Locale.ROOT).contains("BC");
    long[] date = {bc ? 1 - year : year, Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
    if (compare(date, FIRST) < 0 || compare(date, LAST) > 0) {
      return new FloeException(ErrorCode.DATETIME_OUT_OF_RANGE, "date out of range: \"" + text + "\"");
    }
    return null;
  }

  private static int compare(long[] a, long[] b) {
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return Long.compare(a[i], b[i]);
      }
    }
    return 0;
  }
}

package io.floe.engine.api.sql;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Infinite dates and timestamps as {@link RowCursor} values carry them: DuckDB stores
 * {@code infinity} and {@code -infinity} as its latest and earliest values (2^63 - 1 and
 * -(2^63 - 1) microseconds from 1970 for a timestamp, 2^31 - 1 and -(2^31 - 1) days for a date),
 * which sort after and before every other value. Front-ends that have a word for them (PostgreSQL's
 * {@code infinity}) recognise them here.
 */
public enum Infinity {
  /** {@code infinity}: after every other value. */
  POSITIVE("infinity"),
  /** {@code -infinity}: before every other value. */
  NEGATIVE("-infinity");

  /** {@code infinity} of a TIMESTAMP: {@code +294247-01-10T04:00:54.775807}. */
  public static final LocalDateTime TIMESTAMP = micros(Long.MAX_VALUE);
  /** {@code -infinity} of a TIMESTAMP: {@code -290308-12-21T19:59:05.224193}. */
  public static final LocalDateTime MINUS_TIMESTAMP = micros(-Long.MAX_VALUE);
  /** {@code infinity} of a DATE: {@code +5881580-07-11}. */
  public static final LocalDate DATE = LocalDate.ofEpochDay(Integer.MAX_VALUE);
  /** {@code -infinity} of a DATE: {@code -5877641-06-24}. */
  public static final LocalDate MINUS_DATE = LocalDate.ofEpochDay(-Integer.MAX_VALUE);

  private final String text;

  Infinity(String text) {
    this.text = text;
  }

  /** PostgreSQL's text for it: {@code infinity} or {@code -infinity}. */
  public String text() {
    return text;
  }

  /**
   * Which infinity a DATE, TIMESTAMP or TIMESTAMPTZ value is, or null for a finite value (or a
   * value of another class).
   */
  public static Infinity of(Object v) {
    if (v instanceof OffsetDateTime t) {
      v = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (v instanceof LocalDateTime t) {
      return t.equals(TIMESTAMP) ? POSITIVE : t.equals(MINUS_TIMESTAMP) ? NEGATIVE : null;
    }
    if (v instanceof LocalDate d) {
      return d.equals(DATE) ? POSITIVE : d.equals(MINUS_DATE) ? NEGATIVE : null;
    }
    return null;
  }

  private static LocalDateTime micros(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
  }
}

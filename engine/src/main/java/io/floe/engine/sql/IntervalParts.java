package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An interval as PostgreSQL and DuckDB hold one: months, days and microseconds, each with its own
 * sign ({@code '1 month -2 days'}), none carried into another (36 hours are not a day and a half).
 * Calcite holds an interval as one number of months or of milliseconds, with a qualifier saying
 * which fields were written; this record is the exact value in between, read from PostgreSQL's
 * text ({@link PostgresIntervalText}) or from a Calcite literal ({@link #of}), and written as a
 * Calcite literal ({@link #toCalcite}) or as DuckDB's text ({@link #toDuckDb}).
 *
 * @param months months (a year is 12)
 * @param days days
 * @param micros microseconds
 */
record IntervalParts(int months, int days, long micros) {
  static final long MICROS_PER_SECOND = 1_000_000L;
  static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
  /** Calcite keeps day-time intervals in milliseconds: finer values need {@link MicrosecondIntervals}. */
  static final long MICROS_PER_MILLI = 1_000L;
  /** The largest leading field Calcite accepts in a literal without a precision. */
  private static final long CALCITE_MAX_FIELD = Integer.MAX_VALUE;

  /** True if a Calcite literal holding the time part would drop some of it. */
  boolean finerThanMillis() {
    return micros % MICROS_PER_MILLI != 0;
  }

  /**
   * The exact value of a Calcite interval literal, or null if its text is not one Calcite reads
   * (Calcite's validator then reports it). Fractions of a second keep up to microseconds.
   */
  static @Nullable IntervalParts of(SqlIntervalLiteral.IntervalValue value) {
    SqlIntervalQualifier qualifier = value.getIntervalQualifier();
    String text = value.getIntervalLiteral().strip();
    int sign = value.getSign();
    if (text.startsWith("-") || text.startsWith("+")) {
      sign *= text.startsWith("-") ? -1 : 1;
      text = text.substring(1).strip();
    }
    String fraction = "";
    int dot = text.indexOf('.');
    if (dot >= 0) {
      fraction = text.substring(dot + 1);
      text = text.substring(0, dot);
    }
    String[] fields = text.split("[ :-]");
    List<TimeUnit> units = units(qualifier);
    if (units == null) {
      return null;
    }
    boolean fractionAllowed = units.get(units.size() - 1) == TimeUnit.SECOND;
    if (fields.length != units.size() || !fraction.chars().allMatch(Character::isDigit)
        || fraction.length() > 6 || !fraction.isEmpty() && !fractionAllowed) {
      return null;
    }
    BigDecimal months = BigDecimal.ZERO;
    BigDecimal days = BigDecimal.ZERO;
    BigDecimal micros = BigDecimal.ZERO;
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].isEmpty() || !fields[i].chars().allMatch(Character::isDigit)) {
        return null;
      }
      BigDecimal field = new BigDecimal(fields[i]);
      switch (units.get(i)) {
      case YEAR -> months = months.add(field.multiply(BigDecimal.valueOf(12)));
      case QUARTER -> months = months.add(field.multiply(BigDecimal.valueOf(3)));
      case MONTH -> months = months.add(field);
      case WEEK -> days = days.add(field.multiply(BigDecimal.valueOf(7)));
      case DAY -> days = days.add(field);
      case HOUR -> micros = micros.add(field.multiply(BigDecimal.valueOf(3_600 * MICROS_PER_SECOND)));
      case MINUTE -> micros = micros.add(field.multiply(BigDecimal.valueOf(60 * MICROS_PER_SECOND)));
      case SECOND -> micros = micros.add(new BigDecimal(fields[i] + "." + fraction + "0")
          .multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
      default -> {
        return null;
      }
      }
    }
    BigDecimal s = BigDecimal.valueOf(sign);
    try {
      return new IntervalParts(months.multiply(s).intValueExact(), days.multiply(s).intValueExact(),
          micros.multiply(s).longValueExact());
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * The fields a qualifier's literal text holds, in order ({@code DAY TO MINUTE}: day, hour,
   * minute); null for a qualifier no literal has.
   */
  private static @Nullable List<TimeUnit> units(SqlIntervalQualifier qualifier) {
    TimeUnit start = qualifier.getStartUnit();
    TimeUnit end = qualifier.getEndUnit() == null ? start : qualifier.getEndUnit();
    if (start == TimeUnit.QUARTER || start == TimeUnit.WEEK) {
      return List.of(start);
    }
    List<TimeUnit> all = start == TimeUnit.YEAR || start == TimeUnit.MONTH
        ? List.of(TimeUnit.YEAR, TimeUnit.MONTH)
        : List.of(TimeUnit.DAY, TimeUnit.HOUR, TimeUnit.MINUTE, TimeUnit.SECOND);
    if (!all.contains(start) || !all.contains(end)) {
      return null;
    }
    return all.subList(all.indexOf(start), all.indexOf(end) + 1);
  }

  /**
   * Calcite SQL for this value: one literal per kind of field ({@code INTERVAL '14' MONTH},
   * {@code INTERVAL '3 02:00:00' DAY TO SECOND}, {@code INTERVAL '5400' SECOND}), added up in
   * parentheses when there are several, months first, as PostgreSQL applies them. Calcite cannot
   * add months to days or times; {@link MixedIntervals} handles such a sum.
   */
  String toCalcite() {
    List<String> parts = new ArrayList<>();
    if (months != 0) {
      parts.add("INTERVAL '" + months + "' MONTH");
    }
    boolean together = days != 0 && micros != 0 && Long.signum(days) == Long.signum(micros)
        && Math.abs(micros) < MICROS_PER_DAY && !finerThanMillis();
    if (together) {
      parts.add("INTERVAL '" + (days < 0 ? "-" : "") + Math.abs(days) + " "
          + clock(Math.abs(micros)) + "' DAY TO SECOND");
    } else {
      if (days != 0) {
        parts.add("INTERVAL '" + days + "' DAY");
      }
      if (micros != 0) {
        parts.add(time());
      }
    }
    if (parts.isEmpty()) {
      return "INTERVAL '0' SECOND";
    }
    return parts.size() == 1 ? parts.get(0) : "(" + String.join(" + ", parts) + ")";
  }

  /** The time part as one Calcite literal: seconds, or hours to seconds when that many seconds do not fit. */
  private String time() {
    String sign = micros < 0 ? "-" : "";
    long abs = Math.abs(micros);
    if (abs / MICROS_PER_SECOND <= CALCITE_MAX_FIELD) {
      return "INTERVAL '" + sign + seconds(abs) + "' SECOND";
    }
    if (abs / (3_600 * MICROS_PER_SECOND) > CALCITE_MAX_FIELD && !finerThanMillis()) {
      // (A value finer than milliseconds becomes to_microseconds before Calcite validates it.)
      throw new FloeException(ErrorCode.INTERVAL_FIELD_OVERFLOW,
          "interval field value out of range: " + sign + abs / (3_600 * MICROS_PER_SECOND) + " hours");
    }
    return "INTERVAL '" + sign + clock(abs) + "' HOUR TO SECOND";
  }

  /** {@code h:mm:ss[.ffffff]} of a non-negative number of microseconds. */
  private static String clock(long micros) {
    long seconds = micros / MICROS_PER_SECOND;
    String s = seconds(micros % (60 * MICROS_PER_SECOND));
    return String.format(Locale.ROOT, "%d:%02d:%s", seconds / 3_600, seconds / 60 % 60,
        s.indexOf('.') == 1 || s.length() == 1 ? "0" + s : s);
  }

  /** Seconds with their fraction, without trailing zeros. */
  private static String seconds(long micros) {
    return BigDecimal.valueOf(micros, 6).stripTrailingZeros().toPlainString();
  }

  /**
   * DuckDB's text for this value, with a unit for each field and each field's own sign
   * ({@code 1 year 2 months}, {@code -1 day -2 hours -30 minutes}), which DuckDB reads for every
   * qualifier Calcite has ({@code DAY TO MINUTE} and the other ranges are not DuckDB syntax).
   */
  String toDuckDb() {
    List<String> fields = new ArrayList<>();
    add(fields, months / 12, "year");
    add(fields, months % 12, "month");
    add(fields, days, "day");
    long hours = micros / (3_600 * MICROS_PER_SECOND);
    long minutes = micros / (60 * MICROS_PER_SECOND) % 60;
    long rest = micros % (60 * MICROS_PER_SECOND);
    add(fields, hours, "hour");
    add(fields, minutes, "minute");
    if (rest != 0) {
      String s = seconds(rest);
      fields.add(s + (s.equals("1") || s.equals("-1") ? " second" : " seconds"));
    }
    return fields.isEmpty() ? "0 seconds" : String.join(" ", fields);
  }

  private static void add(List<String> fields, long value, String unit) {
    if (value != 0) {
      fields.add(value + " " + unit + (Math.abs(value) == 1 ? "" : "s"));
    }
  }
}

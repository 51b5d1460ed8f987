package io.floe.server.sqllogic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where Floe follows PostgreSQL and the SQL standard instead of DuckDB, kept small and explicit. Each
 * entry names its section of {@code docs/sql.md} ("Where Floe differs from DuckDB on purpose").
 *
 * <p>Some differences are settled by running the reference DuckDB with the standard's behaviour
 * ({@link #REFERENCE_SETTINGS}); the rest are classification rules ({@link #RULES}) that turn a
 * difference into {@link Category#INTENDED} instead of an error or a wrong answer.
 */
final class IntendedDifferences {
  /** A DuckDB setting of the reference, and the section of docs/sql.md that explains it. */
  record Setting(String statement, String section) {}

  /**
   * A difference Floe makes on purpose: Floe fails with {@code sqlState} where DuckDB answers, or
   * where DuckDB fails with a message matching {@code duckDbError} (then Floe's SQLSTATE must be
   * exactly this one, so the rule is checked even when both fail).
   */
  record Rule(String name, String sqlState, String section, Pattern duckDbError) {}

  static final List<Setting> REFERENCE_SETTINGS = List.of(
      new Setting("SET integer_division = true", "integer-division"),
      new Setting("SET default_null_order = 'nulls_last'", "null-ordering"),
      new Setting("SET TimeZone = 'UTC'", "time-zone"),
      // sign(x) computes with x's type, as PostgreSQL and Floe type it (DuckDB's sign is a
      // TINYINT), and is written as text without a fraction, as PostgreSQL writes it.
      new Setting("CREATE MACRO pg_sign(x) AS sign(x) + round(x * 0)", "sign-keeps-its-type"));

  /**
   * A rewrite of the query text the reference runs, so it means what the query means in Floe:
   * {@code FLOAT} is PostgreSQL's double precision, where DuckDB's FLOAT is four bytes.
   */
  record Rewrite(Pattern pattern, String replacement, String section) {
    String apply(String sql) {
      return pattern.matcher(sql).replaceAll(replacement);
    }
  }

  static final List<Rewrite> REFERENCE_REWRITES = List.of(
      new Rewrite(Pattern.compile("(?i)(::\\s*|\\bAS\\s+)FLOAT\\b(?!\\s*\\()"), "$1DOUBLE",
          "float-is-double-precision"),
      new Rewrite(Pattern.compile("(?i)\\bsign\\s*\\("), "pg_sign(", "sign-keeps-its-type"));

  /** SELECT * over a join USING or NATURAL join, whose columns PostgreSQL orders differently. */
  private static final Pattern STAR_OVER_USING =
      Pattern.compile("(?is)^\\s*select\\s+\\*.*\\b(using|natural)\\b");

  static final String USING_COLUMNS = "using-columns-come-first";

  static final List<Rule> RULES = List.of(
      new Rule("division by zero is an error", "22012", "division-by-zero",
          Pattern.compile("(?i)division by zero")));

  private IntendedDifferences() {}

  /** The query as the reference runs it. */
  static String forReference(String sql) {
    String out = sql;
    for (Rewrite r : REFERENCE_REWRITES) {
      out = r.apply(out);
    }
    return out;
  }

  /**
   * Why two different answers are both right, if they are: {@code SELECT *} over {@code USING}
   * or {@code NATURAL} joins lists the join columns first, in PostgreSQL's order, where DuckDB
   * keeps the tables' order; the rows are the same up to the order of their columns.
   */
  static Optional<String> explainsRows(String sql, Outcome.Rows floe, Outcome.Rows duck) {
    if (STAR_OVER_USING.matcher(sql).find() && sameUpToColumnOrder(floe.rows(), duck.rows())) {
      return Optional.of("SELECT * lists USING and NATURAL join columns first, as PostgreSQL does "
          + "(docs/sql.md#" + USING_COLUMNS + ")");
    }
    if (SIGN.matcher(sql).find() && sameWithWholeNumbersAsText(floe.rows(), duck.rows())) {
      return Optional.of("sign(x) is written as text without a fraction, as PostgreSQL writes it "
          + "(docs/sql.md#sign-keeps-its-type); the reference computes it as a DOUBLE");
    }
    if (DATE_ARITHMETIC.matcher(sql).find() && sameWithDatesAtMidnight(floe.rows(), duck.rows())) {
      return Optional.of("a date plus whole days, months or years stays a DATE, where DuckDB answers "
          + "the same instant as a TIMESTAMP (docs/sql.md#dates-and-intervals)");
    }
    return Optional.empty();
  }

  private static final Pattern SIGN = Pattern.compile("(?i)\\bsign\\s*\\(");
  private static final Pattern WHOLE_WITH_FRACTION = Pattern.compile("(-?\\d+)\\.0");

  /** A query that adds an interval, where a date may stay a date. */
  private static final Pattern DATE_ARITHMETIC = Pattern.compile("(?i)\\binterval\\b");

  /**
   * The same rows (as a multiset), once the reference's text {@code -1.0} is read as {@code -1}.
   */
  private static boolean sameWithWholeNumbersAsText(List<List<Object>> floe, List<List<Object>> duck) {
    List<List<Object>> plain = duck.stream().map(row -> row.stream()
        .map(v -> v instanceof String text && WHOLE_WITH_FRACTION.matcher(text).matches()
            ? (Object) text.substring(0, text.length() - 2) : v)
        .toList()).toList();
    return ResultComparator.multiset(floe, plain).isEmpty();
  }

  /** Equal rows, where Floe's DATE may stand for DuckDB's TIMESTAMP at midnight of that day. */
  private static boolean sameWithDatesAtMidnight(List<List<Object>> floe, List<List<Object>> duck) {
    return sameWith(floe, duck, (f, d) -> Cells.equal(
        f instanceof java.time.LocalDate day && d instanceof java.time.LocalDateTime ? day.atStartOfDay() : f, d));
  }

  /** Rows equal cell by cell, as {@code equal} (Floe's value, the reference's) decides. */
  private static boolean sameWith(List<List<Object>> floe, List<List<Object>> duck,
      java.util.function.BiPredicate<Object, Object> equal) {
    if (floe.size() != duck.size()) {
      return false;
    }
    for (int r = 0; r < floe.size(); r++) {
      List<Object> f = floe.get(r);
      List<Object> d = duck.get(r);
      if (f.size() != d.size()) {
        return false;
      }
      for (int c = 0; c < f.size(); c++) {
        if (!equal.test(f.get(c), d.get(c))) {
          return false;
        }
      }
    }
    return true;
  }


  private static boolean sameUpToColumnOrder(List<List<Object>> a, List<List<Object>> b) {
    return a.size() == b.size() && unordered(a).equals(unordered(b));
  }

  private static List<List<String>> unordered(List<List<Object>> rows) {
    return rows.stream()
        .map(row -> row.stream().map(String::valueOf).sorted().toList())
        .sorted(java.util.Comparator.comparing(Object::toString))
        .toList();
  }

  /** The rule that explains Floe failing where DuckDB answered, if any. */
  static Optional<Rule> floeFailure(Outcome.Failure floe) {
    return RULES.stream().filter(r -> r.sqlState().equals(floe.sqlState())).findFirst();
  }

  /** The rule both failures fall under whose SQLSTATE Floe did not give, if any. */
  static Optional<Rule> brokenWhenBothFail(Outcome.Failure floe, Outcome.Failure duck) {
    return RULES.stream()
        .filter(r -> r.duckDbError().matcher(duck.message()).find())
        .filter(r -> !r.sqlState().equals(floe.sqlState()))
        .findFirst();
  }
}

package io.floe.server.sqllogic;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
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
   * exactly this one, so the rule is checked even when both fail; null where DuckDB answers).
   * {@code applies} narrows the rule to the statements and Floe messages it speaks of.
   */
  record Rule(String name, String sqlState, String section, Pattern duckDbError, Applies applies) {
    Rule(String name, String sqlState, String section, Pattern duckDbError) {
      this(name, sqlState, section, duckDbError, (sql, message) -> true);
    }

    /** A rule for statements DuckDB answers, where Floe's message matches {@code floeMessage}. */
    static Rule refusal(String name, String sqlState, String section, String floeMessage,
        Applies applies) {
      Pattern message = Pattern.compile(floeMessage);
      return new Rule(name, sqlState, section, null,
          (sql, m) -> message.matcher(m).find() && applies.test(sql, m));
    }

    boolean explains(String sql, Outcome.Failure floe) {
      return sqlState.equals(floe.sqlState()) && applies.test(sql, String.valueOf(floe.message()));
    }
  }

  /**
   * A difference Floe makes on purpose where DuckDB fails with a message matching {@code
   * duckDbError} and Floe answers, as PostgreSQL does; {@code applies} narrows it to the statements
   * it speaks of, given the statement and DuckDB's message.
   */
  record Answer(String name, String section, Pattern duckDbError, Applies applies) {
    boolean explains(String sql, Outcome.Failure duck) {
      String message = String.valueOf(duck.message());
      return duckDbError.matcher(message).find() && applies.test(sql, message);
    }
  }

  /** Whether a rule speaks of a statement that failed in Floe with a message. */
  @FunctionalInterface
  interface Applies {
    boolean test(String sql, String floeMessage);
  }

  static final List<Setting> REFERENCE_SETTINGS = List.of(
      new Setting("SET integer_division = true", "integer-division"),
      new Setting("SET default_null_order = 'nulls_last'", "null-ordering"),
      new Setting("SET TimeZone = 'UTC'", "time-zone"),
      // sign(x) computes with x's type, as PostgreSQL and Floe type it (DuckDB's sign is a
      // TINYINT), and is written as text without a fraction, as PostgreSQL writes it.
      new Setting("CREATE TEMP MACRO pg_sign(x) AS sign(x) + round(x * 0)", "sign-keeps-its-type"));

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

  private static final String DIALECT = "what-floe-does-not-take-from-duckdbs-dialect";
  private static final Pattern MISSING = Pattern.compile(
      "(?:column|relation|function) \"?(?:[^\".\\s]+\\.)*([^\".(\\s]+)[\"(]");
  private static final Pattern UNGROUPED = Pattern.compile("column \"(?:\\w+\\.)?(\\w+)\" must appear");
  private static final Pattern SET_OPERATION_ORDER =
      Pattern.compile("(?is)\\b(union|intersect|except)\\b.*\\border\\s+by\\b");

  /** The section of docs/sql.md on square roots, logarithms and powers. */
  static final String MATH_DOMAINS = "square-roots-logarithms-and-powers-outside-their-domain";

  static final List<Rule> RULES = List.of(
      new Rule("division by zero is an error", "22012", "division-by-zero",
          Pattern.compile("(?i)division by zero")),
      Rule.refusal("DuckDB's own syntax", "0A000", DIALECT, "DuckDB's own syntax", (sql, m) -> true),
      Rule.refusal("square roots and powers in their domain", "2201F", MATH_DOMAINS,
          "cannot take square root|zero raised to a negative power|yields a complex result",
          (sql, m) -> true),
      Rule.refusal("logarithms in their domain", "2201E", MATH_DOMAINS,
          "cannot take logarithm", (sql, m) -> true),
      Rule.refusal("integer input as PostgreSQL reads it", "22P02", "integer-input",
          "invalid input syntax for type (smallint|integer|bigint)", IntendedDifferences::quotedInSql),
      Rule.refusal("integer input as PostgreSQL reads it", "22003", "integer-input",
          "is out of range for type (smallint|integer|bigint)", IntendedDifferences::quotedInSql),
      // PostgreSQL's own words: it has no ORDER BY among a window function's arguments either.
      Rule.refusal("no ORDER BY among a window function's arguments", "0A000", DIALECT,
          "aggregate ORDER BY is not implemented for window functions", (sql, m) -> true),
      Rule.refusal("alias. names a table", "42P01", DIALECT,
          "relation \"(alias|unnamed_subquery\\d*|recurring\\.\\w+)\"",
          (sql, m) -> true),
      Rule.refusal("alias. names a table", "42703", DIALECT, "column \"alias\\.", (sql, m) -> true),
      Rule.refusal("no method-call syntax", "42883", DIALECT, "function \\w+\\(",
          (sql, m) -> sql.matches("(?s).*\\w\\s*\\.\\s*" + Pattern.quote(missing(m)) + "\\s*\\(.*")),
      Rule.refusal("functions take PostgreSQL's arguments", "42883", "functions-take-postgresqls-arguments",
          "function (min|max|grouping|make_date) does not exist with this number|function (sum|avg)\\("
              + "(boolean|date|time|timestamp)", (sql, m) -> true),
      Rule.refusal("quoted names keep their case", "42703", "quoted-names-keep-their-case",
          "column \"", (sql, m) -> quotedWithCapitals(sql, missing(m))),
      // A select item's alias is followed by another item or by FROM (a table's is not).
      Rule.refusal("select-list aliases are not columns", "42703", "select-list-aliases",
          "column \"\\w+\" does not exist", (sql, m) -> Pattern.compile("(?i)\\bAS\\s+\"?"
              + Pattern.quote(missing(m)) + "\"?\\s*(,|\\bfrom\\b)").matcher(sql).find()),
      Rule.refusal("ORDER BY of a set operation names its result columns", "42703",
          "order-by-of-a-set-operation", "column \"", IntendedDifferences::setOperationOrderNames),
      Rule.refusal("ORDER BY of a set operation names its result columns", "42P01",
          "order-by-of-a-set-operation", "relation \"", IntendedDifferences::setOperationOrderNames),
      // Two result columns share the name; the query's table before it is not visible either.
      Rule.refusal("ORDER BY of a set operation names its result columns", "42702",
          "order-by-of-a-set-operation", "column reference \"",
          (sql, m) -> setOperationOrderQualifies(sql, ambiguous(m))),
      Rule.refusal("ambiguous names", "42702", "ambiguous-names", "column reference \"\\w+\" is ambiguous",
          (sql, m) -> ambiguousInPostgreSql(sql, ambiguous(m))),
      Rule.refusal("no implicit LATERAL", "42703", "no-implicit-lateral", "column \"",
          (sql, m) -> siblingDerivedTableNames(sql, missing(m))),
      Rule.refusal("no implicit LATERAL", "42P01", "no-implicit-lateral", "relation \"",
          (sql, m) -> siblingDerivedTableNames(sql, missing(m))),
      Rule.refusal("table names once per FROM", "42712", "table-names-once-per-from", "specified more than once",
          (sql, m) -> true),
      // PostgreSQL's words: text beside a number, a date or a boolean has no operator.
      Rule.refusal("text is not a number", "42883", "text-is-not-a-number",
          "operator does not exist: ([a-z ]+ [-+*/%=<>]+ text|text [-+*/%=<>]+ [a-z ]+)( \\(|$)", (sql, m) -> true),
      Rule.refusal("text is not a number", "42804", "text-is-not-a-number",
          "UNION types [a-z ]+ and text cannot be matched", (sql, m) -> true),
      Rule.refusal("a join column once on each side", "42702", "refused-as-postgresql-refuses-them",
          "common column name \"\\w+\" appears more than once in (left|right) table", (sql, m) -> true),
      Rule.refusal("window copies as PostgreSQL takes them", "42P20", "refused-as-postgresql-refuses-them",
          "cannot (override (PARTITION|ORDER) BY clause|copy window \"\\w+\" because it has a frame clause)",
          (sql, m) -> true),
      Rule.refusal("window copies as PostgreSQL takes them", "42704", "refused-as-postgresql-refuses-them",
          "window \"\\w+\" does not exist", (sql, m) -> true),
      // SELECT i 'x' is a literal of a type named i in PostgreSQL; SELECT 1 'x' a syntax error.
      Rule.refusal("no quoted aliases", "42704", DIALECT, "type \"\\w+\" does not exist",
          (sql, m) -> Pattern.compile("(?i)(?<![\\w.])" + Pattern.quote(missingType(m)) + "\\s+'").matcher(sql).find()),
      Rule.refusal("no quoted aliases", "42601", DIALECT, "syntax error at or near \"'",
          (sql, m) -> Pattern.compile("(?i)[\\w)]\\s+'[^']*'\\s*(,|\\bfrom\\b|$)").matcher(sql).find()),
      Rule.refusal("integers are not booleans", "42804", "integers-are-not-booleans",
          "must be type boolean", (sql, m) -> true),
      Rule.refusal("recursive parts as PostgreSQL takes them", "42P19", "recursive-queries",
          "recursive", (sql, m) -> true),
      Rule.refusal("SELECT DISTINCT sorts by what it selects", "42P10", "select-list-aliases",
          "for SELECT DISTINCT", (sql, m) -> true),
      Rule.refusal("VALUES columns are column1, column2, ...", "42703", DIALECT, "column \"col\\d+\" does not exist",
          (sql, m) -> Pattern.compile("(?i)\\bvalues\\b").matcher(sql).find()),
      // PostgreSQL stops at the unit in the same words and with the same SQLSTATE.
      Rule.refusal("no INTERVAL (n) unit", "42601", DIALECT, "syntax error at or near \"\\w+\"",
          (sql, m) -> Pattern.compile("(?i)\\binterval\\s*\\([^()]*\\)\\s*"
              + Pattern.quote(syntaxErrorToken(m)) + "\\b").matcher(sql).find()),
      Rule.refusal("frame offsets are constants", "42P10", "frame-offsets-are-constants",
          "argument of (ROWS|RANGE|GROUPS) must not contain variables", (sql, m) -> true),
      Rule.refusal("no comparison of rows of zero length", "0A000", "row-comparisons",
          "cannot compare rows of zero length", (sql, m) -> true),
      Rule.refusal("a row against a sub-query's columns", "42601", "row-comparisons",
          "subquery has too (few|many) columns", (sql, m) -> true),
      // PostgreSQL's words for a literal it could read as integer or bigint (to_hex('ab')).
      Rule.refusal("functions take PostgreSQL's arguments", "42725", "functions-take-postgresqls-arguments",
          "function \\w+\\(unknown\\) is not unique", (sql, m) -> true),
      Rule.refusal("dates within PostgreSQL's range", "22008", "dates-within-postgresqls-range",
          "date out of range|date/time field value out of range", (sql, m) -> true),
      Rule.refusal("text holds no null character", "54000", "text-holds-no-null-character",
          "null character not permitted", (sql, m) -> true),
      Rule.refusal("date_trunc takes PostgreSQL's units", "22023", "functions-take-postgresqls-arguments",
          "unit \"(yearweek|epoch)\" not recognized by date_trunc", (sql, m) -> true),
      Rule.refusal("types PostgreSQL has", "42704", "types-postgresql-has", "type \"(signed|unsigned|"
          + "u?(tinyint|smallint|integer|bigint|hugeint)|u?int(1|2|4|8|16|32|64|128)|int128|hugeint|time_ns|"
          + "timestamp_(s|ms|ns)|varint|bignum|struct|map|union)\" does not exist", (sql, m) -> true),
      // HAVING or a sort expression names a table's column that is also a select item's alias,
      // and is not grouped: PostgreSQL refuses it so, where DuckDB reads the alias.
      Rule.refusal("a column comes before an alias of its name", "42803", "select-list-aliases",
          "must appear in the GROUP BY clause", (sql, m) -> ungroupedAlias(sql, m)));

  /** Whether the ungrouped column the message names is also a select item's alias. */
  private static boolean ungroupedAlias(String sql, String message) {
    Matcher m = UNGROUPED.matcher(message);
    return m.find() && Pattern.compile("(?i)\\bAS\\s+\"?" + Pattern.quote(m.group(1))
        + "\"?\\s*(,|\\bfrom\\b)").matcher(sql).find();
  }

  /** An ORDER BY after a set operation, naming what the message says does not exist. */
  private static boolean setOperationOrderNames(String sql, String message) {
    Matcher m = SET_OPERATION_ORDER.matcher(sql);
    if (!m.find()) {
      return false;
    }
    String order = sql.substring(m.end());
    Matcher name = Pattern.compile("(?:column|relation) \"([^\"]+)\"").matcher(message);
    return name.find() && Pattern.compile("(?i)(?<![\\w.])" + Pattern.quote(name.group(1).split("\\.")[0])
        + "\\b").matcher(order).find();
  }

  /** The token a syntax error names ({@code syntax error at or near "microsecond"}: microsecond). */
  private static String syntaxErrorToken(String message) {
    Matcher m = Pattern.compile("at or near \"([^\"]+)\"").matcher(message);
    return m.find() ? m.group(1) : "\u0000";
  }

  private static final Pattern AMBIGUOUS = Pattern.compile("column reference \"(\\w+)\" is ambiguous");

  /** The name an "is ambiguous" message names. */
  private static String ambiguous(String message) {
    Matcher m = AMBIGUOUS.matcher(message);
    return m.find() ? m.group(1) : "\u0000";
  }

  /** An ORDER BY after a set operation that names {@code name} qualified by a table. */
  private static boolean setOperationOrderQualifies(String sql, String name) {
    Matcher m = SET_OPERATION_ORDER.matcher(sql);
    return m.find() && Pattern.compile("(?i)\\w\\s*\\.\\s*" + Pattern.quote(name) + "\\b")
        .matcher(sql.substring(m.end())).find();
  }

  /**
   * Whether PostgreSQL finds {@code name} ambiguous too: ORDER BY a name that is both a select-list
   * alias and a column ({@code SELECT i, i % 2 AS i ... ORDER BY i}), or an unqualified name that is
   * a USING column and another table's column ({@code ... USING (x) ... r.x ... WHERE x = r.x}).
   */
  private static boolean ambiguousInPostgreSql(String sql, String name) {
    String n = Pattern.quote(name);
    boolean alias = Pattern.compile("(?i)\\bAS\\s+\"?" + n + "\"?\\s*(,|\\bfrom\\b)").matcher(sql).find();
    boolean ordered = Pattern.compile("(?is)\\border\\s+by\\b.*(?<![\\w.])" + n + "\\b").matcher(sql).find();
    boolean using = Pattern.compile("(?is)\\busing\\s*\\([^)]*\\b" + n + "\\b").matcher(sql).find()
        && Pattern.compile("(?i)\\w\\." + n + "\\b").matcher(sql).find();
    // GROUP BY a name two tables have: PostgreSQL reads it as a column before any select item.
    boolean grouped = Pattern.compile("(?is)\\bgroup\\s+by\\b.*(?<![\\w.])" + n + "\\b").matcher(sql).find()
        && Pattern.compile("(?i)\\w\\." + n + "\\b").matcher(sql).find();
    return alias && ordered || using || grouped;
  }

  /** The type a {@code type "i" does not exist} message names. */
  private static String missingType(String message) {
    Matcher m = Pattern.compile("type \"(\\w+)\"").matcher(message);
    return m.find() ? m.group(1) : "\u0000";
  }

  /** The last part of the name a "does not exist" message names ({@code "test.HELLO"}: HELLO). */
  private static String missing(String message) {
    Matcher m = MISSING.matcher(message);
    return m.find() ? m.group(1) : "\u0000";
  }

  private static boolean quotedWithCapitals(String sql, String name) {
    return !name.equals(name.toLowerCase(java.util.Locale.ROOT)) && sql.contains("\"" + name + "\"");
  }

  /**
   * Whether {@code name} is used inside a derived table that follows another FROM item ({@code ,
   * (SELECT ...)} or {@code JOIN (SELECT ...)}) without LATERAL: PostgreSQL does not let such a
   * table see its siblings' columns.
   */
  private static boolean siblingDerivedTableNames(String sql, String name) {
    if (Pattern.compile("(?i)\\blateral\\b").matcher(sql).find()) {
      return false;
    }
    Matcher start = Pattern.compile("(?i)(,|\\bjoin)\\s*\\(\\s*select\\b").matcher(sql);
    Pattern word = Pattern.compile("(?i)(?<![\\w.])" + Pattern.quote(name) + "\\b");
    while (start.find()) {
      int depth = 1;
      int i = start.end();
      while (i < sql.length() && depth > 0) {
        char c = sql.charAt(i++);
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      }
      if (word.matcher(sql.substring(start.end(), i)).find()) {
        return true;
      }
    }
    return false;
  }

  private IntendedDifferences() {}

  /** The section of docs/sql.md that {@link RowComparisons} follows. */
  static final String ROW_COMPARISONS = "row-comparisons";

  /** The query as the reference runs it (row comparisons field by field, {@link RowComparisons}). */
  static String forReference(String sql) {
    String out = sql;
    for (Rewrite r : REFERENCE_REWRITES) {
      out = r.apply(out);
    }
    return SubstringReference.standard(SimilarToReference.standard(RowComparisons.standard(out)));
  }

  /** The section of docs/sql.md that {@link SubstringReference} follows. */
  static final String STRING_FUNCTIONS = "string-functions-answer-as-postgresqls";

  /** The section of docs/sql.md on whole-row references. */
  static final String WHOLE_ROWS = "whole-row-references";

  /** The section of docs/sql.md that {@link SimilarToReference} follows. */
  static final String SIMILAR_TO = "similar-to-patterns-are-sqls";

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
    List<List<Object>> unnamed = duck.rows().stream().map(row -> row.stream()
        .map(v -> v instanceof Cells.NamedRow named ? (Object) named.fields() : v).toList()).toList();
    if (!unnamed.equals(duck.rows()) && ResultComparator.multiset(floe.rows(), unnamed).isEmpty()) {
      return Optional.of("a whole-row reference is the row of the item's columns, as in PostgreSQL, "
          + "where DuckDB answers a struct with named fields (docs/sql.md#" + WHOLE_ROWS + ")");
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

  private static final Pattern DUCK_AMBIGUOUS = Pattern.compile("Ambiguous reference to column name \"([^\"]+)\"");

  /** Statements DuckDB refuses and Floe answers, as PostgreSQL answers them. */
  static final List<Answer> ANSWERS = List.of(
      // DuckDB computes an aggregate's argument before FILTER drops the row; PostgreSQL after.
      new Answer("FILTER comes before the arguments", "filter-comes-before-the-arguments",
          Pattern.compile("^Conversion Error"),
          (sql, m) -> Pattern.compile("(?is)\\bfilter\\s*\\(\\s*where\\b").matcher(sql).find()),
      // "HeLlO" and "HELLO" are two columns, one of each table.
      new Answer("quoted names keep their case", "quoted-names-keep-their-case", DUCK_AMBIGUOUS,
          (sql, m) -> {
            Matcher name = DUCK_AMBIGUOUS.matcher(m);
            return name.find() && quotedWithCapitals(sql, name.group(1));
          }),
      new Answer("a NATURAL JOIN without common columns is a cross join", "natural-joins",
          Pattern.compile("No columns found to join on in NATURAL JOIN"), (sql, m) -> true),
      new Answer("bytea literals in PostgreSQL's hex format", "bytea-literals-in-postgresqls-hex-format",
          Pattern.compile("Invalid hex escape code encountered in string -> blob conversion"),
          (sql, m) -> Pattern.compile("(?i)'\\\\x[0-9a-f\\s]*'\\s*::\\s*bytea\\b").matcher(sql).find()),
      new Answer("numeric precision beyond 38 digits", "numbers-beyond-38-digits",
          Pattern.compile("DECIMAL type width must be between 1 and 38|Overflow in ROUND of DECIMAL"),
          (sql, m) -> true));

  private static final Pattern QUOTED_VALUE = Pattern.compile("\"([^\"]*)\"");

  /** Whether the value Floe's message quotes is a string constant the statement writes. */
  private static boolean quotedInSql(String sql, String message) {
    Matcher value = QUOTED_VALUE.matcher(message);
    return value.find() && sql.contains("'" + value.group(1).replace("'", "''") + "'");
  }

  /** The rule that explains Floe answering where DuckDB failed, if any. */
  static Optional<Answer> floeAnswer(String sql, Outcome.Failure duck) {
    return ANSWERS.stream().filter(a -> a.explains(sql, duck)).findFirst();
  }

  /** The rule that explains Floe failing where DuckDB answered, if any. */
  static Optional<Rule> floeFailure(String sql, Outcome.Failure floe) {
    return RULES.stream().filter(r -> r.explains(sql, floe)).findFirst();
  }

  /** The rule both failures fall under whose SQLSTATE Floe did not give, if any. */
  static Optional<Rule> brokenWhenBothFail(Outcome.Failure floe, Outcome.Failure duck) {
    return RULES.stream()
        .filter(r -> r.duckDbError() != null && r.duckDbError().matcher(duck.message()).find())
        .filter(r -> !r.sqlState().equals(floe.sqlState()))
        .findFirst();
  }
}

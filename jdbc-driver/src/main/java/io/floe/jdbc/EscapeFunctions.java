package io.floe.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar functions of JDBC's {@code {fn ...}} escape (JDBC 4.3 appendix C) as Floe SQL.
 * Each translation is checked through a real server ({@code JdbcEscapesTest}). A function Floe does
 * not know here passes through as written, {@code {fn f(x)}} becoming {@code f(x)}, so Floe's own
 * functions work inside the escape too.
 *
 * <p>{@code DatabaseMetaData.getNumericFunctions()} and its siblings list the functions of this
 * table marked {@code listed}: those whose translation runs over table columns, also when the
 * query pushes down to DuckDB whole. The others are translated the standard way but fail in some
 * queries today; list them once the engine runs them everywhere.
 */
final class EscapeFunctions {
  enum Category { NUMERIC, STRING, TIME_DATE, SYSTEM }

  /** One escape function: its translations by number of arguments ({@code {0}} is the first). */
  private record Function(String name, Category category, boolean listed,
      Map<Integer, String> templates) {}

  private static final Map<String, Function> FUNCTIONS = new LinkedHashMap<>();

  private static void add(Category category, String name, String... templates) {
    add(category, true, name, templates);
  }

  /** {@code templates}: pairs of argument count and translation. */
  private static void add(Category category, boolean listed, String name, String... templates) {
    Map<Integer, String> byArity = new LinkedHashMap<>();
    for (int i = 0; i < templates.length; i += 2) {
      byArity.put(Integer.parseInt(templates[i]), templates[i + 1]);
    }
    FUNCTIONS.put(name, new Function(name, category, listed, byArity));
  }

  private static final String[] DAY_NAMES = {"Sunday", "Monday", "Tuesday", "Wednesday",
      "Thursday", "Friday", "Saturday"};
  private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May",
      "June", "July", "August", "September", "October", "November", "December"};

  private static String names(String field, String[] names, int first) {
    StringBuilder b = new StringBuilder("CASE extract(" + field + " FROM {0})");
    for (int i = 0; i < names.length; i++) {
      b.append(" WHEN ").append(i + first).append(" THEN '").append(names[i]).append('\'');
    }
    return b.append(" END").toString();
  }

  static {
    Category n = Category.NUMERIC;
    add(n, "ABS", "1", "abs({0})");
    add(n, "ACOS", "1", "acos({0})");
    add(n, "ASIN", "1", "asin({0})");
    add(n, "ATAN", "1", "atan({0})");
    add(n, "ATAN2", "2", "atan2({0}, {1})");
    add(n, "CEILING", "1", "ceil({0})");
    add(n, "COS", "1", "cos({0})");
    add(n, "COT", "1", "cot({0})");
    add(n, "DEGREES", "1", "degrees({0})");
    add(n, "EXP", "1", "exp({0})");
    add(n, "FLOOR", "1", "floor({0})");
    add(n, "LOG", "1", "ln({0})");
    add(n, "LOG10", "1", "log10({0})");
    add(n, "MOD", "2", "mod({0}, {1})");
    add(n, "PI", "0", "pi()");
    add(n, "POWER", "2", "power({0}, {1})");
    add(n, "RADIANS", "1", "radians({0})");
    add(n, "RAND", "0", "random()");
    add(n, "ROUND", "1", "round({0})", "2", "round({0}, {1})");
    add(n, "SIGN", "1", "sign({0})");
    add(n, "SIN", "1", "sin({0})");
    add(n, "SQRT", "1", "sqrt({0})");
    add(n, "TAN", "1", "tan({0})");
    // DuckDB calls it trunc; Floe's DuckDB dialect does not rename it yet.
    add(n, false, "TRUNCATE", "2", "truncate({0}, {1})");

    Category s = Category.STRING;
    add(s, "ASCII", "1", "ascii({0})");
    add(s, "CHAR", "1", "chr({0})");
    add(s, "CHAR_LENGTH", "1", "char_length({0})");
    add(s, "CHARACTER_LENGTH", "1", "char_length({0})");
    add(s, "CONCAT", "2", "({0} || {1})");
    add(s, "INSERT", "4", "overlay({0} PLACING {3} FROM {1} FOR {2})");
    add(s, "LCASE", "1", "lower({0})");
    add(s, "LEFT", "2", "left({0}, {1})");
    // JDBC: characters without trailing blanks.
    add(s, "LENGTH", "1", "char_length(rtrim({0}))");
    add(s, "LOCATE", "2", "position({0} IN {1})",
        "3", "CASE position({0} IN substring({1} FROM {2})) WHEN 0 THEN 0 "
            + "ELSE position({0} IN substring({1} FROM {2})) + {2} - 1 END");
    add(s, "LTRIM", "1", "ltrim({0})");
    add(s, "OCTET_LENGTH", "1", "octet_length({0})");
    add(s, "REPEAT", "2", "repeat({0}, {1})");
    add(s, "REPLACE", "3", "replace({0}, {1}, {2})");
    add(s, "RIGHT", "2", "right({0}, {1})");
    add(s, "RTRIM", "1", "rtrim({0})");
    add(s, "SPACE", "1", "repeat(' ', {0})");
    add(s, "SUBSTRING", "2", "substring({0} FROM {1})", "3", "substring({0} FROM {1} FOR {2})");
    add(s, "UCASE", "1", "upper({0})");
    // DuckDB has neither.
    add(s, false, "SOUNDEX", "1", "soundex({0})");
    add(s, false, "DIFFERENCE", "2", "difference({0}, {1})");

    Category t = Category.TIME_DATE;
    // The engine does not push CURRENT_DATE and friends down to DuckDB yet: they run only in
    // queries without a table.
    add(t, true, "CURDATE", "0", "CURRENT_DATE");
    add(t, true, "CURTIME", "0", "CURRENT_TIME");
    add(t, true, "NOW", "0", "CURRENT_TIMESTAMP");
    add(t, true, "CURRENT_DATE", "0", "CURRENT_DATE");
    add(t, true, "CURRENT_TIME", "0", "CURRENT_TIME");
    add(t, true, "CURRENT_TIMESTAMP", "0", "CURRENT_TIMESTAMP");
    add(t, "DAYNAME", "1", names("DOW", DAY_NAMES, 0));
    add(t, "DAYOFMONTH", "1", "extract(DAY FROM {0})");
    // JDBC counts from Sunday = 1; extract(DOW) from Sunday = 0.
    add(t, "DAYOFWEEK", "1", "(extract(DOW FROM {0}) + 1)");
    add(t, "DAYOFYEAR", "1", "extract(DOY FROM {0})");
    add(t, "HOUR", "1", "extract(HOUR FROM {0})");
    add(t, "MINUTE", "1", "extract(MINUTE FROM {0})");
    add(t, "MONTH", "1", "extract(MONTH FROM {0})");
    add(t, "MONTHNAME", "1", names("MONTH", MONTH_NAMES, 1));
    add(t, "QUARTER", "1", "extract(QUARTER FROM {0})");
    add(t, "SECOND", "1", "extract(SECOND FROM {0})");
    add(t, "WEEK", "1", "extract(WEEK FROM {0})");
    add(t, "YEAR", "1", "extract(YEAR FROM {0})");
    // EXTRACT, TIMESTAMPADD and TIMESTAMPDIFF are translated by code below.

    Category y = Category.SYSTEM;
    add(y, "IFNULL", "2", "coalesce({0}, {1})");
    // The engine's CURRENT_USER and CURRENT_CATALOG do not run yet.
    add(y, true, "USER", "0", "CURRENT_USER");
    add(y, true, "DATABASE", "0", "CURRENT_CATALOG");
  }

  /** Names of the functions that take an interval unit, listed with the time and date ones. */
  private static final List<String> INTERVAL_FUNCTIONS = List.of("EXTRACT", "TIMESTAMPADD");

  private EscapeFunctions() {}

  /** The listed escape names of a category, comma-separated, as DatabaseMetaData reports them. */
  static String names(Category category) {
    TreeSet<String> names = new TreeSet<>();
    FUNCTIONS.values().stream().filter(f -> f.category() == category && f.listed())
        .forEach(f -> names.add(f.name()));
    if (category == Category.TIME_DATE) {
      names.addAll(INTERVAL_FUNCTIONS);
    }
    if (category == Category.SYSTEM) {
      names.add("CONVERT");
    }
    return String.join(",", names);
  }

  private static final Pattern CALL = Pattern.compile("(?s)([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\((.*)\\))?");

  /** The body of a {@code {fn ...}} escape ({@code name(args)}) as Floe SQL. */
  static String translate(String body) throws SQLException {
    Matcher m = CALL.matcher(body);
    if (!m.matches()) {
      throw new SQLException("not a JDBC function escape: {fn " + body + "}", "42601");
    }
    String name = m.group(1).toUpperCase(Locale.ROOT);
    String argText = m.group(2) == null ? "" : m.group(2);
    switch (name) {
      case "EXTRACT":
      case "POSITION":
        // Their arguments are SQL syntax (field FROM value, a IN b), not a list.
        return name.toLowerCase(Locale.ROOT) + "(" + argText + ")";
      case "TIMESTAMPADD":
        return timestampFunction(name, JdbcEscapes.arguments(argText));
      case "TIMESTAMPDIFF":
        return timestampFunction(name, JdbcEscapes.arguments(argText));
      case "CONVERT":
        return convert(JdbcEscapes.arguments(argText));
      default:
        break;
    }
    Function f = FUNCTIONS.get(name);
    if (f == null) {
      return m.group(2) == null ? m.group(1) : m.group(1) + "(" + argText + ")";
    }
    List<String> args = JdbcEscapes.arguments(argText);
    String template = f.templates().get(args.size());
    if (template == null) {
      throw new SQLException("the JDBC function " + name + " takes "
          + String.join(" or ", f.templates().keySet().stream().map(String::valueOf).toList())
          + " argument(s), not " + args.size(), "42883");
    }
    return fill(template, args);
  }

  /** The template with each {@code {i}} replaced by argument i, parenthesized unless simple. */
  private static String fill(String template, List<String> args) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == '{' && i + 2 < template.length() && template.charAt(i + 2) == '}') {
        String arg = args.get(template.charAt(i + 1) - '0');
        out.append(simple(arg) ? arg : "(" + arg + ")");
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static final Pattern SIMPLE = Pattern.compile(
      "[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)*"
          + "|\"([^\"]|\"\")*\"(\\.\"([^\"]|\"\")*\")*|'([^']|'')*'|[0-9]+(\\.[0-9]*)?|\\?");

  private static final Pattern CALL_START = Pattern.compile("[A-Za-z_][A-Za-z0-9_$.]*\\s*\\(");

  /**
   * Whether an argument needs no parentheses of its own: a name, literal or parameter, or text
   * that one pair of parentheses (a function call's, or its own) encloses whole.
   */
  private static boolean simple(String arg) {
    if (SIMPLE.matcher(arg).matches()) {
      return true;
    }
    Matcher call = CALL_START.matcher(arg);
    int open = call.lookingAt() ? call.end() - 1 : arg.startsWith("(") ? 0 : -1;
    return open >= 0 && closingParen(arg, open) == arg.length() - 1;
  }

  /** The index of the parenthesis closing the one at {@code open}, skipping quoted text; or -1. */
  private static int closingParen(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int end = text.indexOf(c, i + 1);
        while (end >= 0 && end + 1 < text.length() && text.charAt(end + 1) == c) {
          end = text.indexOf(c, end + 2);
        }
        if (end < 0) {
          return -1;
        }
        i = end;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** TIMESTAMPADD(unit, count, ts) and TIMESTAMPDIFF(unit, ts1, ts2) with JDBC's unit names. */
  private static String timestampFunction(String name, List<String> args) throws SQLException {
    if (args.size() != 3) {
      throw new SQLException("the JDBC function " + name + " takes 3 arguments, not "
          + args.size(), "42883");
    }
    String unit = args.get(0).toUpperCase(Locale.ROOT);
    if (unit.startsWith("SQL_TSI_")) {
      unit = unit.substring("SQL_TSI_".length());
    }
    String fn = name.toLowerCase(Locale.ROOT);
    List<String> rest = args.subList(1, 3);
    switch (unit) {
      case "FRAC_SECOND":
        // JDBC counts fractions of a second in nanoseconds; Floe keeps microseconds.
        return name.equals("TIMESTAMPADD")
            ? fill("timestampadd(MICROSECOND, {0} / 1000, {1})", rest)
            : fill("(timestampdiff(MICROSECOND, {0}, {1}) * 1000)", rest);
      case "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR":
        return fill(fn + "(" + unit + ", {0}, {1})", rest);
      default:
        throw new SQLException("unknown interval " + args.get(0) + " in the JDBC function " + name
            + ": use SQL_TSI_FRAC_SECOND, SECOND, MINUTE, HOUR, DAY, WEEK, MONTH, QUARTER or YEAR",
            "22023");
    }
  }

  /** JDBC/ODBC type names of CONVERT and the Floe type each becomes. */
  private static final Map<String, String> CONVERT_TYPES = new LinkedHashMap<>();

  static {
    for (String[] pair : new String[][] {{"BIGINT", "BIGINT"}, {"BINARY", "VARBINARY"},
        {"VARBINARY", "VARBINARY"}, {"LONGVARBINARY", "VARBINARY"}, {"BIT", "BOOLEAN"},
        {"BOOLEAN", "BOOLEAN"}, {"CHAR", "VARCHAR"}, {"VARCHAR", "VARCHAR"},
        {"LONGVARCHAR", "VARCHAR"}, {"WCHAR", "VARCHAR"}, {"WVARCHAR", "VARCHAR"},
        {"WLONGVARCHAR", "VARCHAR"}, {"NCHAR", "VARCHAR"}, {"NVARCHAR", "VARCHAR"},
        {"LONGNVARCHAR", "VARCHAR"}, {"DATE", "DATE"}, {"TIME", "TIME"},
        {"TIMESTAMP", "TIMESTAMP"}, {"DECIMAL", "DECIMAL"}, {"NUMERIC", "DECIMAL"},
        {"DOUBLE", "DOUBLE"}, {"FLOAT", "DOUBLE"}, {"REAL", "REAL"}, {"INTEGER", "INTEGER"},
        {"SMALLINT", "SMALLINT"}, {"TINYINT", "SMALLINT"}}) {
      CONVERT_TYPES.put(pair[0], pair[1]);
    }
  }

  /** CONVERT(value, SQL_type) as a CAST. */
  private static String convert(List<String> args) throws SQLException {
    if (args.size() != 2) {
      throw new SQLException("the JDBC function CONVERT takes 2 arguments, not " + args.size(),
          "42883");
    }
    String type = args.get(1).toUpperCase(Locale.ROOT);
    String target = CONVERT_TYPES.get(type.startsWith("SQL_") ? type.substring(4) : type);
    if (target == null) {
      throw new SQLFeatureNotSupportedException("CONVERT to " + args.get(1)
          + " is not supported; types: SQL_" + String.join(", SQL_", CONVERT_TYPES.keySet()),
          "0A000");
    }
    return fill("CAST({0} AS " + target + ")", Arrays.asList(args.get(0)));
  }
}

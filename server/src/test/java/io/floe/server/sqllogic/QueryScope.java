package io.floe.server.sqllogic;

import io.floe.server.sqllogic.SqlText.Kind;
import io.floe.server.sqllogic.SqlText.Token;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which queries the harness compares: standard SQL and PostgreSQL that a Calcite-based engine should
 * answer. DuckDB-only syntax (lists, structs, maps, lambdas, {@code FROM}-first, {@code EXCLUDE},
 * {@code PIVOT}, ...), DuckDB-only types and functions, catalog queries and non-deterministic
 * functions are out of scope; each rule gives the reason the report counts.
 */
final class QueryScope {
  /** Functions of SQL:2016 and PostgreSQL (aggregates, windows, scalars) that DuckDB also has. */
  static final Set<String> STANDARD_FUNCTIONS = Set.of(
      // aggregates
      "COUNT", "SUM", "AVG", "MIN", "MAX", "EVERY", "BOOL_AND", "BOOL_OR", "BIT_AND", "BIT_OR",
      "BIT_XOR", "STRING_AGG", "LISTAGG", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE",
      "VAR_POP", "VAR_SAMP", "COVAR_POP", "COVAR_SAMP", "CORR", "REGR_SLOPE", "REGR_INTERCEPT",
      "REGR_COUNT", "REGR_R2", "REGR_AVGX", "REGR_AVGY", "REGR_SXX", "REGR_SYY", "REGR_SXY",
      "PERCENTILE_CONT", "PERCENTILE_DISC", "MODE", "ANY_VALUE", "GROUPING",
      // window functions
      "ROW_NUMBER", "RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD",
      "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
      // numbers
      "ABS", "CEIL", "CEILING", "FLOOR", "ROUND", "TRUNC", "SQRT", "CBRT", "EXP", "LN", "LOG",
      "LOG10", "POWER", "POW", "MOD", "SIGN", "PI", "DEGREES", "RADIANS", "SIN", "COS", "TAN", "COT",
      "ASIN", "ACOS", "ATAN", "ATAN2", "SINH", "COSH", "TANH", "ASINH", "ACOSH", "ATANH", "GCD", "LCM",
      "FACTORIAL", "WIDTH_BUCKET", "DIV", "BIT_COUNT",
      // strings
      "UPPER", "LOWER", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "BIT_LENGTH",
      "SUBSTRING", "SUBSTR", "POSITION", "STRPOS", "TRIM", "LTRIM", "RTRIM", "BTRIM", "LPAD", "RPAD",
      "REPLACE", "REVERSE", "REPEAT", "LEFT", "RIGHT", "CONCAT", "CONCAT_WS", "INITCAP", "SPLIT_PART",
      "STARTS_WITH", "MD5", "ASCII", "CHR", "TRANSLATE", "OVERLAY", "REGEXP_REPLACE", "TO_HEX",
      // date and time
      "EXTRACT", "DATE_PART", "DATE_TRUNC", "AGE", "MAKE_DATE", "MAKE_TIME", "MAKE_TIMESTAMP",
      "TO_TIMESTAMP", "ISFINITE",
      // conditional and casts
      "COALESCE", "NULLIF", "GREATEST", "LEAST", "CAST", "ROW");

  /** Type names, which look like calls in {@code DECIMAL(10,2)}. */
  private static final Set<String> TYPE_NAMES = Set.of("DECIMAL", "NUMERIC", "VARCHAR", "CHAR",
      "CHARACTER", "VARYING", "FLOAT", "TIMESTAMP", "TIME", "DEC", "INTERVAL", "BPCHAR", "TEXT");

  /** Words that a {@code (} follows without being a call. */
  private static final Set<String> NOT_CALLS = Set.of("IN", "EXISTS", "VALUES", "AS", "OVER", "FILTER",
      "ON", "USING", "AND", "OR", "NOT", "WHEN", "THEN", "ELSE", "CASE", "SELECT", "FROM", "WHERE",
      "JOIN", "ANY", "ALL", "SOME", "LATERAL", "WITHIN", "INTO", "BY", "WITH", "RECURSIVE", "DISTINCT",
      "IS", "LIKE", "ILIKE", "BETWEEN", "UNION", "EXCEPT", "INTERSECT", "HAVING", "END", "GROUP",
      "ORDER", "LIMIT", "OFFSET", "PARTITION", "SETS", "CUBE", "ROLLUP", "TABLE", "MATERIALIZED",
      "ESCAPE", "SIMILAR", "TO", "FOR", "AT", "ZONE", "NULLS", "ASC", "DESC", "EXCLUDE", "CURRENT",
      "PRECEDING", "FOLLOWING", "UNBOUNDED");

  /** Functions whose answer depends on the order of rows, which their call must then fix. */
  private static final Set<String> ORDER_DEPENDENT_WINDOWS = Set.of("ROW_NUMBER", "RANK", "DENSE_RANK",
      "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE");
  private static final Set<String> ORDER_DEPENDENT_AGGREGATES = Set.of("STRING_AGG", "LISTAGG",
      "ARRAY_AGG", "GROUP_CONCAT");
  private static final Set<String> STAR_MODIFIERS = Set.of("LIKE", "ILIKE", "NOT", "SIMILAR",
      "REPLACE", "RENAME", "~", "~*", "!~", "!~*", "GLOB");

  private static final Set<String> DUCKDB_TYPES = Set.of("TINYINT", "UTINYINT", "USMALLINT",
      "UINTEGER", "UBIGINT", "HUGEINT", "UHUGEINT", "INT1", "INT128", "UINT8", "UINT16", "UINT32",
      "UINT64", "UINT128", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS", "TIMESTAMP_US", "BIT",
      "BITSTRING", "VARINT", "BIGNUM", "STRUCT", "MAP", "LIST", "ENUM", "TIMETZ", "VARIANT");

  private static final Set<String> DUCKDB_WORDS = Set.of("EXCLUDE", "PIVOT", "UNPIVOT", "ASOF",
      "POSITIONAL", "QUALIFY", "SAMPLE", "TABLESAMPLE", "GLOB", "SEMI", "ANTI", "COLUMNS", "SUMMARIZE",
      "DESCRIBE", "PRAGMA", "UNNEST", "MACRO", "LAMBDA", "ROWID", "EXPORT_STATE", "COLLATE");

  private static final Set<String> NON_DETERMINISTIC = Set.of("RANDOM", "NOW", "CURRENT_DATE",
      "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP", "GEN_RANDOM_UUID", "UUID",
      "SETSEED", "NEXTVAL", "CURRVAL", "GET_CURRENT_TIME", "TODAY", "TRANSACTION_TIMESTAMP");

  private static final Set<String> CATALOGS = Set.of("INFORMATION_SCHEMA", "PG_CATALOG", "MAIN",
      "MEMORY", "TEMP", "SYSTEM", "SQLITE_MASTER", "SQLITE_SCHEMA");

  private QueryScope() {}

  /** Why the query is not compared, or empty when it is. */
  static Optional<String> outOfScope(String sql) {
    if (!SqlText.isQuery(sql)) {
      return SqlText.firstWord(sql).equals("FROM")
          ? Optional.of("FROM-first syntax (DuckDB)")
          : Optional.of("not a query");
    }
    List<Token> tokens = SqlText.tokens(sql);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      Token prev = i > 0 ? tokens.get(i - 1) : null;
      if (t.kind() == Kind.SYMBOL) {
        switch (t.text()) {
          case "[", "]", "{", "}" -> {
            return Optional.of("list, struct or map syntax (DuckDB)");
          }
          case "->", "->>" -> {
            return Optional.of("lambda or arrow operator (DuckDB)");
          }
          case "//", "**", "==" -> {
            return Optional.of("operator " + t.text() + " (DuckDB)");
          }
          case "?", "$" -> {
            return Optional.of("prepared statement parameter");
          }
          case "#" -> {
            return Optional.of("positional column reference (DuckDB)");
          }
          case ":" -> {
            return Optional.of("prefix alias 'name : expression' (DuckDB)");
          }
          case "!" -> {
            return Optional.of("postfix ! (DuckDB)");
          }
          case "*" -> {
            boolean exceptList = next != null && next.is("EXCEPT") && i + 2 < tokens.size()
                && tokens.get(i + 2).is("(");
            if (next != null && (STAR_MODIFIERS.contains(next.upper()) || exceptList)
                && (prev == null || prev.is("SELECT") || prev.is(",") || prev.is("."))) {
              return Optional.of("star expression * " + next.upper() + " (DuckDB)");
            }
          }
          case "%" -> {
            if (prev != null && prev.kind() == Kind.NUMBER && prev != tokens.get(0)
                && tokens.get(i - 2).is("LIMIT")) {
              return Optional.of("LIMIT with a percentage (DuckDB)");
            }
          }
          default -> { }
        }
        continue;
      }
      if (t.kind() != Kind.WORD) {
        continue;
      }
      String w = t.upper();
      boolean isDistinctFrom = prev != null && prev.is("DISTINCT") && i >= 2
          && (tokens.get(i - 2).is("IS") || tokens.get(i - 2).is("NOT"));
      if (w.equals("FROM") && prev != null && !isDistinctFrom && (prev.is("(") || prev.is("UNION")
          || prev.is("EXCEPT") || prev.is("INTERSECT") || prev.is("ALL") || prev.is("DISTINCT"))) {
        return Optional.of("FROM-first syntax (DuckDB)");
      }
      if (w.startsWith("$")) {
        return Optional.of("prepared statement parameter");
      }
      if (DUCKDB_TYPES.contains(w)) {
        return Optional.of("DuckDB-only type " + w);
      }
      if (DUCKDB_WORDS.contains(w)) {
        return Optional.of(w + " (DuckDB)");
      }
      if (NON_DETERMINISTIC.contains(w)) {
        return Optional.of("non-deterministic or stateful function " + w);
      }
      if (w.startsWith("DUCKDB_") || w.startsWith("PRAGMA_") || CATALOGS.contains(w) && next != null
          && next.is(".")) {
        return Optional.of("catalog or schema-qualified name (" + t.text() + ")");
      }
      if (w.equals("BY") && next != null && next.is("ALL") && prev != null
          && (prev.is("GROUP") || prev.is("ORDER"))) {
        return Optional.of(prev.upper() + " BY ALL (DuckDB)");
      }
      if (w.equals("BY") && next != null && next.is("NAME")) {
        return Optional.of("UNION BY NAME (DuckDB)");
      }
      if (w.equals("UNION") && next != null && next.is("(")) {
        return Optional.of("DuckDB-only type UNION");
      }
      if (next != null && next.is("(") && isCall(tokens, i)) {
        if (!STANDARD_FUNCTIONS.contains(w) && !TYPE_NAMES.contains(w)) {
          return Optional.of("function " + t.text().toLowerCase(java.util.Locale.ROOT)
              + " (not standard SQL or PostgreSQL)");
        }
        Optional<String> unordered = unordered(tokens, i);
        if (unordered.isPresent()) {
          return unordered;
        }
      }
    }
    return Optional.empty();
  }

  /** Whether the word at {@code i}, which a {@code (} follows, is a function call. */
  private static boolean isCall(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (NOT_CALLS.contains(t.upper())) {
      return false;
    }
    if (i > 0) {
      Token prev = tokens.get(i - 1);
      // a table alias with column names: "AS x(a, b)", ") x(a, b)", or a CTE "WITH x(a) AS"
      if (prev.is("AS") || prev.is(")") || prev.is("WITH") || prev.is("RECURSIVE")) {
        return false;
      }
      if (prev.is(".")) {
        return true;
      }
    }
    // a CTE with column names: "x(a, b) AS (" or "x(a) AS MATERIALIZED ("
    int close = closingParen(tokens, i + 1);
    if (close + 2 < tokens.size() && tokens.get(close + 1).is("AS")) {
      Token after = tokens.get(close + 2);
      return !(after.is("(") || after.is("MATERIALIZED") || after.is("NOT"));
    }
    return true;
  }

  /**
   * Why the call at {@code i} answers by the order rows happen to arrive in: a ranking or offset
   * window function whose OVER has no ORDER BY, a string aggregate without ORDER BY, AGE of one
   * argument (relative to today).
   */
  private static Optional<String> unordered(List<Token> tokens, int i) {
    String name = tokens.get(i).upper();
    int close = closingParen(tokens, i + 1);
    if (name.equals("AGE") && !containsAtDepth(tokens, i + 2, close, ",", tokens.get(i + 1).depth() + 1)) {
      return Optional.of("non-deterministic function AGE of one argument");
    }
    if (ORDER_DEPENDENT_AGGREGATES.contains(name)) {
      boolean ordered = containsAtDepth(tokens, i + 2, close, "ORDER", tokens.get(i + 1).depth() + 1)
          || close + 1 < tokens.size() && tokens.get(close + 1).is("WITHIN");
      return ordered ? Optional.empty()
          : Optional.of("order-dependent aggregate " + name + " without ORDER BY");
    }
    if (ORDER_DEPENDENT_WINDOWS.contains(name) && close + 2 < tokens.size()
        && tokens.get(close + 1).is("OVER") && tokens.get(close + 2).is("(")) {
      int end = closingParen(tokens, close + 2);
      if (!containsAtDepth(tokens, close + 3, end, "ORDER", tokens.get(close + 2).depth() + 1)) {
        return Optional.of("window function " + name + " without ORDER BY");
      }
    }
    return Optional.empty();
  }

  private static boolean containsAtDepth(List<Token> tokens, int from, int to, String word, int depth) {
    for (int j = from; j < to && j < tokens.size(); j++) {
      if (tokens.get(j).depth() == depth && tokens.get(j).is(word)) {
        return true;
      }
    }
    return false;
  }

  static int closingParen(List<Token> tokens, int open) {
    int depth = tokens.get(open).depth();
    for (int j = open + 1; j < tokens.size(); j++) {
      if (tokens.get(j).is(")") && tokens.get(j).depth() == depth) {
        return j;
      }
    }
    return tokens.size() - 1;
  }
}

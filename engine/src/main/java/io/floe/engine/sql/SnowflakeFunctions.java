package io.floe.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Snowflake's functions written in terms Floe already plans, for statements in the Snowflake
 * dialect only (each keeps Snowflake's semantics, which the tests compare with a Snowflake
 * emulator's answers):
 *
 * <ul>
 *   <li>{@code IFF(c, a, b)}: {@code CASE WHEN c THEN a ELSE b END};
 *   <li>{@code IFNULL(a, b)}: {@code COALESCE(a, b)}; {@code ZEROIFNULL(a)}: {@code COALESCE(a, 0)};
 *       {@code NULLIFZERO(a)}: {@code NULLIF(a, 0)};
 *   <li>{@code DIV0(a, b)}: 0 when {@code b} is 0, else {@code a / b}; {@code DIV0NULL(a, b)}: 0
 *       when {@code b} is 0 or NULL;
 *   <li>{@code EQUAL_NULL(a, b)}: {@code a IS NOT DISTINCT FROM b};
 *   <li>{@code CHARINDEX(s, t [, from])}: {@code POSITION(s IN t [FROM from])};
 *   <li>{@code TO_VARCHAR(x)} and {@code TO_CHAR(x)} without a format: {@code CAST(x AS VARCHAR)};
 *   <li>{@code [TRY_]TO_NUMBER|TO_DECIMAL|TO_NUMERIC(s [, p [, s]])}: a cast (for TRY_, one that
 *       answers NULL for what does not convert) to {@code DECIMAL(p, s)}, {@code DECIMAL(38, 0)} by
 *       default; {@code [TRY_]TO_DOUBLE}, {@code [TRY_]TO_BOOLEAN}, {@code [TRY_]TO_DATE},
 *       {@code [TRY_]TO_TIME} and {@code [TRY_]TO_TIMESTAMP[_NTZ]} of one argument likewise;
 *   <li>{@code COUNT_IF(c)}: {@code COUNT(CASE WHEN c THEN 1 END)};
 *   <li>{@code RLIKE} and {@code REGEXP_LIKE}: a match of the whole string, as Snowflake anchors it.
 * </ul>
 */
final class SnowflakeFunctions {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  private static final Map<String, SqlTypeName> CONVERSIONS = Map.of(
      "TO_DOUBLE", SqlTypeName.DOUBLE, "TO_BOOLEAN", SqlTypeName.BOOLEAN, "TO_DATE", SqlTypeName.DATE,
      "TO_TIME", SqlTypeName.TIME, "TO_TIMESTAMP", SqlTypeName.TIMESTAMP,
      "TO_TIMESTAMP_NTZ", SqlTypeName.TIMESTAMP);

  private SnowflakeFunctions() {}

  /**
   * The statement with a quoted unit as first argument of Snowflake's date functions unquoted:
   * {@code DATEDIFF('month', a, b)} as {@code DATEDIFF(month, a, b)}, which is how Calcite's parser
   * takes a unit.
   */
  static String unquoteUnits(String sql, SqlFlavor flavor) {
    if (flavor != SqlFlavor.SNOWFLAKE) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length());
    int state = 0; // 1: after a date function's name, 2: after its "("
    for (io.floe.engine.api.sql.SqlLexer.Token t : io.floe.engine.api.sql.SqlLexer.tokenize(sql)) {
      if (t.isBlank()) {
        out.append(t.text());
        continue;
      }
      String text = t.text();
      if (state == 2 && t.type() == io.floe.engine.api.sql.SqlLexer.Type.STRING) {
        String unit = text.substring(1, text.length() - 1);
        if (unit.matches("[A-Za-z_]+") && unit(new org.apache.calcite.sql.SqlIdentifier(unit, POS)) != null) {
          text = unit;
        }
      }
      out.append(text);
      if (t.type() == io.floe.engine.api.sql.SqlLexer.Type.WORD
          && DATE_FUNCTIONS.contains(t.text().toUpperCase(Locale.ROOT))) {
        state = 1;
      } else {
        state = state == 1 && t.isSymbol("(") ? 2 : 0;
      }
    }
    return out.toString();
  }

  /**
   * Snowflake's {@code NUMBER} in a cast ({@code CAST(x AS NUMBER(10, 2))}, {@code x::number}) as
   * the {@code DECIMAL} it is: {@code NUMBER(p, s)} is {@code DECIMAL(p, s)}, a bare {@code NUMBER}
   * is {@code DECIMAL(38, 0)}.
   */
  static String numberTypes(String sql, SqlFlavor flavor) {
    if (flavor != SqlFlavor.SNOWFLAKE || !sql.toUpperCase(Locale.ROOT).contains("NUMBER")) {
      return sql;
    }
    List<io.floe.engine.api.sql.SqlLexer.Token> t = io.floe.engine.api.sql.SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    io.floe.engine.api.sql.SqlLexer.Token previous = null;
    for (int i = 0; i < t.size(); i++) {
      io.floe.engine.api.sql.SqlLexer.Token x = t.get(i);
      if (x.is("number") && previous != null && (previous.is("as") || previous.isSymbol("::"))) {
        int next = next(t, i);
        out.append(next < t.size() && t.get(next).isSymbol("(") ? "DECIMAL" : "DECIMAL(38, 0)");
      } else {
        out.append(x.text());
      }
      if (!x.isBlank()) {
        previous = x;
      }
    }
    return out.toString();
  }

  /**
   * Snowflake's {@code SELECT [DISTINCT] TOP n ...} as {@code SELECT [DISTINCT] ... LIMIT n}: the
   * limit goes at the end of that query block (before the parenthesis that closes it, a set
   * operator at its level, or the end of the statement), after its ORDER BY.
   */
  static String topAsLimit(String sql, SqlFlavor flavor) {
    if (flavor != SqlFlavor.SNOWFLAKE || !sql.toUpperCase(Locale.ROOT).contains("TOP")) {
      return sql;
    }
    List<io.floe.engine.api.sql.SqlLexer.Token> t = io.floe.engine.api.sql.SqlLexer.tokenize(sql);
    for (int i = 0; i < t.size(); i++) {
      if (!t.get(i).is("select")) {
        continue;
      }
      int top = next(t, i);
      if (top < t.size() && (t.get(top).is("distinct") || t.get(top).is("all"))) {
        top = next(t, top);
      }
      int count = next(t, top);
      if (top >= t.size() || !t.get(top).is("top") || count >= t.size()
          || t.get(count).type() != io.floe.engine.api.sql.SqlLexer.Type.NUMBER) {
        continue;
      }
      int depth = 0;
      int end = count + 1;
      for (; end < t.size(); end++) {
        io.floe.engine.api.sql.SqlLexer.Token x = t.get(end);
        if (x.isSymbol("(")) {
          depth++;
        } else if (x.isSymbol(")")) {
          if (depth-- == 0) {
            break;
          }
        } else if (depth == 0 && (x.isSymbol(";") || x.is("union") || x.is("intersect") || x.is("except")
            || x.is("minus"))) {
          break;
        }
      }
      StringBuilder out = new StringBuilder();
      for (int k = 0; k < t.size(); k++) {
        if (k == end) {
          out.append(" LIMIT ").append(t.get(count).text()).append(' ');
        }
        if (k != top && k != count) {
          out.append(t.get(k).text());
        }
      }
      if (end == t.size()) {
        out.append(" LIMIT ").append(t.get(count).text());
      }
      return topAsLimit(out.toString(), flavor); // the next TOP, if any
    }
    return sql;
  }

  private static int next(List<io.floe.engine.api.sql.SqlLexer.Token> t, int from) {
    int i = from + 1;
    while (i < t.size() && t.get(i).isBlank()) {
      i++;
    }
    return i;
  }

  private static final java.util.Set<String> DATE_FUNCTIONS = java.util.Set.of("DATEADD", "DATEDIFF", "TIMEADD",
      "TIMEDIFF", "TIMESTAMPADD", "TIMESTAMPDIFF");

  static SqlNode apply(SqlNode node, SqlFlavor flavor) {
    if (flavor != SqlFlavor.SNOWFLAKE) {
      return node;
    }
    return CallRewrites.bottomUp(node, SnowflakeFunctions::rewrite);
  }

  private static SqlNode rewrite(SqlCall call) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    List<SqlNode> a = call.getOperandList();
    int n = a.size();
    switch (name) {
      case "IFF":
        return n == 3 ? caseWhen(a.get(0), a.get(1), a.get(2)) : call;
      case "IFNULL":
        return n == 2 ? SqlStdOperatorTable.COALESCE.createCall(POS, a.get(0), a.get(1)) : call;
      case "ZEROIFNULL":
        return n == 1 ? SqlStdOperatorTable.COALESCE.createCall(POS, a.get(0), zero()) : call;
      case "NULLIFZERO":
        return n == 1 ? SqlStdOperatorTable.NULLIF.createCall(POS, a.get(0), zero()) : call;
      case "DIV0":
        return n == 2 ? caseWhen(SqlStdOperatorTable.EQUALS.createCall(POS, a.get(1), zero()), zero(),
            SqlStdOperatorTable.DIVIDE.createCall(POS, a.get(0), a.get(1))) : call;
      case "DIV0NULL":
        return n == 2 ? caseWhen(SqlStdOperatorTable.OR.createCall(POS,
            SqlStdOperatorTable.EQUALS.createCall(POS, a.get(1), zero()),
            SqlStdOperatorTable.IS_NULL.createCall(POS, a.get(1))), zero(),
            SqlStdOperatorTable.DIVIDE.createCall(POS, a.get(0), a.get(1))) : call;
      case "EQUAL_NULL":
        return n == 2 ? SqlStdOperatorTable.IS_NOT_DISTINCT_FROM.createCall(POS, a.get(0), a.get(1)) : call;
      case "CHARINDEX":
        if (n == 2) {
          return SqlStdOperatorTable.POSITION.createCall(POS, a.get(0), a.get(1));
        }
        return n == 3 ? SqlStdOperatorTable.POSITION.createCall(POS, a.get(0), a.get(1), a.get(2)) : call;
      case "TO_VARCHAR", "TO_CHAR":
        if (n == 2 && format(a.get(1)) != null) {
          return STRFTIME.createCall(POS, a.get(0), SqlLiteral.createCharString(format(a.get(1)), POS));
        }
        return n == 1 ? cast(a.get(0), SqlTypeName.VARCHAR, false) : call;
      case "COUNT_IF":
        return n == 1 && call.getFunctionQuantifier() == null
            ? SqlStdOperatorTable.COUNT.createCall(POS, caseWhen(a.get(0), SqlLiteral.createExactNumeric("1", POS),
                SqlLiteral.createNull(POS))) : call;
      case "CONTAINS":
        return n == 2 ? SqlStdOperatorTable.GREATER_THAN.createCall(POS,
            SqlStdOperatorTable.POSITION.createCall(POS, a.get(1), a.get(0)), zero()) : call;
      case "BOOLOR_AGG":
        return n == 1 ? SqlLibraryOperators.BOOL_OR.createCall(call.getFunctionQuantifier(), POS, a.get(0)) : call;
      case "BOOLAND_AGG":
        return n == 1 ? SqlLibraryOperators.BOOL_AND.createCall(call.getFunctionQuantifier(), POS, a.get(0)) : call;
      case "DATEADD", "TIMEADD", "TIMESTAMPADD": {
        org.apache.calcite.avatica.util.TimeUnit unit = n == 3 ? unit(a.get(0)) : null;
        return unit == null ? call : SqlStdOperatorTable.TIMESTAMP_ADD.createCall(POS,
            new org.apache.calcite.sql.SqlIntervalQualifier(unit, null, POS), a.get(1), timestamp(a.get(2)));
      }
      case "DATEDIFF", "TIMEDIFF", "TIMESTAMPDIFF": {
        org.apache.calcite.avatica.util.TimeUnit unit = n == 3 ? unit(a.get(0)) : null;
        return unit == null ? call : DATE_DIFF.createCall(POS,
            SqlLiteral.createCharString(unit.name().toLowerCase(Locale.ROOT), POS),
            timestamp(a.get(1)), timestamp(a.get(2)));
      }
      case "REGEXP_REPLACE":
        return n == 3 ? REGEXP_REPLACE_ALL.createCall(POS, a.get(0), a.get(1), a.get(2)) : call;
      case "SHA2", "SHA2_HEX":
        return n == 1 || (n == 2 && a.get(1) instanceof SqlLiteral bits && "256".equals(bits.toValue()))
            ? SHA256.createCall(POS, a.get(0)) : call;
      case "MEDIAN":
        return n == 1 && call.getFunctionQuantifier() == null ? SqlStdOperatorTable.WITHIN_GROUP.createCall(POS,
            SqlStdOperatorTable.PERCENTILE_CONT.createCall(POS, SqlLiteral.createExactNumeric("0.5", POS)),
            SqlNodeList.of(a.get(0))) : call;
      case "DAY", "DAYOFMONTH":
        return n == 1 ? SqlStdOperatorTable.EXTRACT.createCall(POS,
            new org.apache.calcite.sql.SqlIntervalQualifier(org.apache.calcite.avatica.util.TimeUnit.DAY, null, POS),
            a.get(0)) : call;
      case "RLIKE", "REGEXP_LIKE":
        return n == 2 ? SimilarToPatterns.FULL_MATCH.createCall(POS, a.get(0), a.get(1)) : call;
      case "NOT RLIKE":
        return n == 2 ? SqlStdOperatorTable.NOT.createCall(POS,
            SimilarToPatterns.FULL_MATCH.createCall(POS, a.get(0), a.get(1))) : call;
      default:
        return conversion(name, call, a);
    }
  }

  /**
   * Snowflake's {@code DATEDIFF(unit, a, b)}: the unit boundaries crossed from {@code a} to
   * {@code b} (DuckDB's {@code date_diff} counts them the same way), a BIGINT.
   */
  static final org.apache.calcite.sql.SqlFunction DATE_DIFF = new org.apache.calcite.sql.SqlFunction(
      "SNOWFLAKE_DATEDIFF", org.apache.calcite.sql.SqlKind.OTHER_FUNCTION,
      org.apache.calcite.sql.type.ReturnTypes.BIGINT_NULLABLE, null,
      org.apache.calcite.sql.type.OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER,
          org.apache.calcite.sql.type.SqlTypeFamily.DATETIME, org.apache.calcite.sql.type.SqlTypeFamily.DATETIME),
      org.apache.calcite.sql.SqlFunctionCategory.TIMEDATE) {
    @Override public void unparse(org.apache.calcite.sql.SqlWriter writer, SqlCall call, int leftPrec,
        int rightPrec) {
      DuckDbText.call(writer, "date_diff", call.getOperandList());
    }
  };

  /** Snowflake's {@code REGEXP_REPLACE(s, pattern, replacement)}: every match replaced. */
  static final org.apache.calcite.sql.SqlFunction REGEXP_REPLACE_ALL = new org.apache.calcite.sql.SqlFunction(
      "SNOWFLAKE_REGEXP_REPLACE", org.apache.calcite.sql.SqlKind.OTHER_FUNCTION,
      org.apache.calcite.sql.type.ReturnTypes.ARG0_NULLABLE_VARYING, null,
      org.apache.calcite.sql.type.OperandTypes.STRING_STRING_STRING,
      org.apache.calcite.sql.SqlFunctionCategory.STRING) {
    @Override public void unparse(org.apache.calcite.sql.SqlWriter writer, SqlCall call, int leftPrec,
        int rightPrec) {
      java.util.List<SqlNode> operands = new java.util.ArrayList<>(call.getOperandList());
      operands.add(SqlLiteral.createCharString("g", POS));
      DuckDbText.call(writer, "regexp_replace", operands);
    }
  };

  /** Snowflake's {@code SHA2(s [, 256])}: the SHA-256 digest of the text, in hex. */
  static final org.apache.calcite.sql.SqlFunction SHA256 = duckDbFunction("SNOWFLAKE_SHA256", "sha256",
      org.apache.calcite.sql.type.ReturnTypes.VARCHAR_NULLABLE, org.apache.calcite.sql.type.OperandTypes.STRING);

  /** DuckDB's {@code strftime(value, format)}: a date or timestamp as text. */
  static final org.apache.calcite.sql.SqlFunction STRFTIME = duckDbFunction("SNOWFLAKE_STRFTIME", "strftime",
      org.apache.calcite.sql.type.ReturnTypes.VARCHAR_NULLABLE,
      org.apache.calcite.sql.type.OperandTypes.family(org.apache.calcite.sql.type.SqlTypeFamily.DATETIME,
          org.apache.calcite.sql.type.SqlTypeFamily.CHARACTER));

  /** DuckDB's {@code strptime(text, format)}: a TIMESTAMP, or an error for text that does not fit. */
  static final org.apache.calcite.sql.SqlFunction STRPTIME = duckDbFunction("SNOWFLAKE_STRPTIME", "strptime",
      org.apache.calcite.sql.type.ReturnTypes.explicit(SqlTypeName.TIMESTAMP)
          .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
      org.apache.calcite.sql.type.OperandTypes.STRING_STRING);

  /** DuckDB's {@code try_strptime}: as {@link #STRPTIME}, NULL for text that does not fit. */
  static final org.apache.calcite.sql.SqlFunction TRY_STRPTIME = duckDbFunction("SNOWFLAKE_TRY_STRPTIME",
      "try_strptime", org.apache.calcite.sql.type.ReturnTypes.explicit(SqlTypeName.TIMESTAMP)
          .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.FORCE_NULLABLE),
      org.apache.calcite.sql.type.OperandTypes.STRING_STRING);

  private static org.apache.calcite.sql.SqlFunction duckDbFunction(String name, String duckDbName,
      org.apache.calcite.sql.type.SqlReturnTypeInference returns,
      org.apache.calcite.sql.type.SqlOperandTypeChecker operands) {
    return new org.apache.calcite.sql.SqlFunction(name, org.apache.calcite.sql.SqlKind.OTHER_FUNCTION, returns,
        null, operands, org.apache.calcite.sql.SqlFunctionCategory.TIMEDATE) {
      @Override public void unparse(org.apache.calcite.sql.SqlWriter writer, SqlCall call, int leftPrec,
          int rightPrec) {
        DuckDbText.call(writer, duckDbName, call.getOperandList());
      }
    };
  }

  /**
   * A Snowflake date and time format (a string literal) as DuckDB's strftime/strptime format, or
   * null when it is not a literal or has a part DuckDB cannot write: {@code YYYY-MM-DD HH24:MI:SS.FF3}
   * is {@code %Y-%m-%d %H:%M:%S.%g}; text in double quotes is kept as it is.
   */
  static String format(SqlNode node) {
    if (!(node instanceof SqlLiteral literal && literal.getValue() instanceof org.apache.calcite.util.NlsString s)) {
      return null;
    }
    String f = s.getValue();
    StringBuilder out = new StringBuilder();
    String[][] parts = {{"YYYY", "%Y"}, {"MMMM", "%B"}, {"HH24", "%H"}, {"HH12", "%I"}, {"FF9", "%n"},
        {"FF6", "%f"}, {"FF3", "%g"}, {"TZH:TZM", "%z"}, {"TZHTZM", "%z"}, {"MON", "%b"}, {"DY", "%a"},
        {"YY", "%y"}, {"MM", "%m"}, {"DD", "%d"}, {"HH", "%H"}, {"MI", "%M"}, {"SS", "%S"}, {"AM", "%p"},
        {"PM", "%p"}, {"FF", "%n"}};
    int i = 0;
    outer:
    while (i < f.length()) {
      char c = f.charAt(i);
      if (c == '"') {
        int end = f.indexOf('"', i + 1);
        if (end < 0) {
          return null;
        }
        out.append(f, i + 1, end);
        i = end + 1;
        continue;
      }
      for (String[] p : parts) {
        if (f.regionMatches(true, i, p[0], 0, p[0].length())) {
          out.append(p[1]);
          i += p[0].length();
          continue outer;
        }
      }
      if (Character.isLetter(c)) {
        return null; // a format part Floe does not translate
      }
      out.append(c == '%' ? "%%" : String.valueOf(c));
      i++;
    }
    return out.toString();
  }

  /** Snowflake's unit names and abbreviations, as Calcite's time units. */
  private static org.apache.calcite.avatica.util.TimeUnit unit(SqlNode node) {
    String text;
    if (node instanceof org.apache.calcite.sql.SqlIntervalQualifier q) {
      return q.getStartUnit();
    } else if (node instanceof org.apache.calcite.sql.SqlIdentifier id && id.isSimple()) {
      text = id.getSimple();
    } else if (node instanceof SqlLiteral literal
        && literal.getValue() instanceof org.apache.calcite.util.NlsString s) {
      text = s.getValue();
    } else {
      return null;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "year", "years", "y", "yy", "yyy", "yyyy", "yr", "yrs" -> org.apache.calcite.avatica.util.TimeUnit.YEAR;
      case "quarter", "quarters", "q", "qtr", "qtrs" -> org.apache.calcite.avatica.util.TimeUnit.QUARTER;
      case "month", "months", "mm", "mon", "mons" -> org.apache.calcite.avatica.util.TimeUnit.MONTH;
      case "week", "weeks", "w", "wk", "weekofyear", "woy", "wy" -> org.apache.calcite.avatica.util.TimeUnit.WEEK;
      case "day", "days", "d", "dd", "dayofmonth" -> org.apache.calcite.avatica.util.TimeUnit.DAY;
      case "hour", "hours", "h", "hh", "hr", "hrs" -> org.apache.calcite.avatica.util.TimeUnit.HOUR;
      case "minute", "minutes", "m", "mi", "min", "mins" -> org.apache.calcite.avatica.util.TimeUnit.MINUTE;
      case "second", "seconds", "s", "sec", "secs" -> org.apache.calcite.avatica.util.TimeUnit.SECOND;
      case "millisecond", "milliseconds", "ms", "msec" -> org.apache.calcite.avatica.util.TimeUnit.MILLISECOND;
      case "microsecond", "microseconds", "us", "usec" -> org.apache.calcite.avatica.util.TimeUnit.MICROSECOND;
      default -> null;
    };
  }

  /** A string literal as the TIMESTAMP Snowflake reads it as in date arithmetic; anything else as it is. */
  private static SqlNode timestamp(SqlNode node) {
    if (node instanceof SqlLiteral literal && literal.getValue() instanceof org.apache.calcite.util.NlsString) {
      return cast(node, SqlTypeName.TIMESTAMP, false);
    }
    return node;
  }

  /** {@code [TRY_]TO_NUMBER} and the other conversions, or the call as it is. */
  private static SqlNode conversion(String name, SqlCall call, List<SqlNode> a) {
    boolean lenient = name.startsWith("TRY_");
    String base = lenient ? name.substring(4) : name;
    if (base.equals("TO_NUMBER") || base.equals("TO_DECIMAL") || base.equals("TO_NUMERIC")) {
      if (a.isEmpty() || a.size() > 3 || !a.subList(1, a.size()).stream().allMatch(SnowflakeFunctions::isInteger)) {
        return call;
      }
      int precision = a.size() > 1 ? ((SqlLiteral) a.get(1)).intValue(true) : 38;
      int scale = a.size() > 2 ? ((SqlLiteral) a.get(2)).intValue(true) : 0;
      SqlDataTypeSpec type = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, precision,
          scale, POS), POS);
      return (lenient ? SqlLibraryOperators.TRY_CAST : SqlStdOperatorTable.CAST).createCall(POS, a.get(0), type);
    }
    SqlTypeName target = CONVERSIONS.get(base);
    if (target != null && a.size() == 1) {
      return cast(a.get(0), target, lenient);
    }
    if ((base.equals("TO_DATE") || base.startsWith("TO_TIMESTAMP")) && !base.endsWith("_TZ")
        && !base.endsWith("_LTZ") && a.size() == 2 && format(a.get(1)) != null) {
      SqlNode parsed = (lenient ? TRY_STRPTIME : STRPTIME).createCall(POS, a.get(0),
          SqlLiteral.createCharString(format(a.get(1)), POS));
      return base.equals("TO_DATE") ? cast(parsed, SqlTypeName.DATE, false) : parsed;
    }
    return call;
  }

  private static boolean isInteger(SqlNode node) {
    return node instanceof SqlLiteral literal && literal.getTypeName() == SqlTypeName.DECIMAL
        && !literal.toValue().contains(".");
  }

  private static SqlNode cast(SqlNode value, SqlTypeName type, boolean lenient) {
    SqlDataTypeSpec spec = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, POS), POS);
    return (lenient ? SqlLibraryOperators.TRY_CAST : SqlStdOperatorTable.CAST).createCall(POS, value, spec);
  }

  private static SqlNode caseWhen(SqlNode condition, SqlNode then, SqlNode otherwise) {
    return new SqlCase(POS, null, SqlNodeList.of(condition), SqlNodeList.of(then), otherwise);
  }

  private static SqlNode zero() {
    return SqlLiteral.createExactNumeric("0", POS);
  }
}

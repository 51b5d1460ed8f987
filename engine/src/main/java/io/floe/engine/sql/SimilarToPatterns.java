package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code x [NOT] SIMILAR TO pattern [ESCAPE e]} as PostgreSQL answers it. DuckDB reads a SIMILAR TO
 * pattern as a regular expression ({@code %} and {@code _} are no wildcards there, {@code .} is
 * one), so a constant pattern is translated while planning into the anchored regular expression
 * PostgreSQL builds from it, and sent as {@code regexp_full_match(x, regex)}: {@code %} is
 * {@code .*}, {@code _} is {@code .}, {@code .}, {@code ^}, {@code $} and a backslash that is not
 * the escape character match themselves, {@code | * + ? {m,n} ( ) [...]} keep their meaning, and
 * the escape character (backslash unless ESCAPE says otherwise; none for {@code ESCAPE ''}) makes
 * the next character literal. A pattern that is not a constant is refused with {@code 0A000}.
 */
final class SimilarToPatterns {
  /** DuckDB's anchored matcher; not a function users can name. */
  static final SqlFunction FULL_MATCH = new SqlFunction("REGEXP_FULL_MATCH", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BOOLEAN_NULLABLE, null, OperandTypes.STRING_STRING, SqlFunctionCategory.STRING) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        validator.deriveType(scope, operand);
      }
      return validateOperands(validator, scope, call);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      DuckDbText.call(writer, "regexp_full_match", call.getOperandList());
    }
  };

  private SimilarToPatterns() {}

  static SqlNode apply(SqlNode node) {
    return CallRewrites.bottomUp(node,
        call -> call.getKind() == SqlKind.SIMILAR ? rewrite(call) : call);
  }

  private static SqlNode rewrite(SqlCall call) {
    SqlParserPos pos = call.getParserPosition();
    SqlNode pattern = call.operand(1);
    Character escape = '\\';
    boolean nullEscape = false;
    if (call.operandCount() == 3) {
      SqlNode clause = call.operand(2);
      if (SqlUtil.isNullLiteral(clause, false)) {
        nullEscape = true;
      } else if (clause instanceof SqlCharStringLiteral e) {
        String text = e.getValueAs(String.class);
        if (text.codePointCount(0, text.length()) > 1) {
          throw new FloeException(ErrorCode.INVALID_ESCAPE_SEQUENCE, "invalid escape string",
              "Escape string must be empty or one character.", null);
        }
        escape = text.isEmpty() ? null : text.charAt(0);
      } else {
        throw notConstant();
      }
    }
    SqlNode regex;
    if (nullEscape || SqlUtil.isNullLiteral(pattern, false)) {
      regex = SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos),
          new org.apache.calcite.sql.SqlDataTypeSpec(new org.apache.calcite.sql.SqlBasicTypeNameSpec(
              org.apache.calcite.sql.type.SqlTypeName.VARCHAR, pos), pos));
    } else if (pattern instanceof SqlCharStringLiteral p) {
      regex = SqlLiteral.createCharString(toRegex(p.getValueAs(String.class), escape), pos);
    } else {
      regex = new TranslatedPattern(escape).createCall(pos, pattern);
    }
    SqlNode match = FULL_MATCH.createCall(pos, call.operand(0), regex);
    return ((SqlLikeOperator) call.getOperator()).isNegated()
        ? SqlStdOperatorTable.NOT.createCall(pos, match) : match;
  }

  private static FloeException notConstant() {
    return new FloeException(ErrorCode.NOT_SUPPORTED, "SIMILAR TO with an escape that is not a "
        + "constant is not supported", "Write the escape character as a string literal.", null);
  }

  /**
   * A pattern that is not a constant (a column, a parameter's expression), translated by DuckDB
   * while the query runs, with the rules of {@link #toRegex}: the pattern is cut into tokens (an
   * escaped character, a bracket expression, any other character) by {@code regexp_extract_all},
   * each token becomes its piece of the regular expression, and the pieces are joined. An escaped
   * letter other than the class escapes fails the statement, as it does for a constant pattern.
   * The escape character is a constant, known while planning.
   */
  static final class TranslatedPattern extends SqlFunction {
    private final @Nullable Character escape;

    TranslatedPattern(@Nullable Character escape) {
      super("FLOE$SIMILAR_REGEX", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null,
          OperandTypes.STRING, SqlFunctionCategory.STRING);
      this.escape = escape;
    }

    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      validator.deriveType(scope, call.operand(0));
      return validateOperands(validator, scope, call);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      String t = "floe_similar_token";
      String tokens = (escape == null ? "" : regexQuote(escape) + ".|") + "\\[\\^?\\]?[^\\]]*\\]|.";
      writer.print("('(?s)^(?:' || array_to_string(list_transform(regexp_extract_all(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(", " + quote("(?s)" + tokens) + "), lambda " + t + ": CASE");
      if (escape != null) {
        String c = t + "[2]";
        writer.print(" WHEN length(" + t + ") = 2 AND " + t + "[1] = " + quote(String.valueOf(escape))
            + " THEN CASE WHEN " + c + " = '\"' THEN ''"
            + " WHEN " + c + " IN ('d', 'D', 's', 'S', 'w', 'W', 'n', 't', 'r', 'f', 'v') THEN '\\' || " + c
            + " WHEN regexp_matches(" + c + ", '^[A-Za-z0-9]$') THEN error("
            + quote("escape sequence " + escape) + " || " + c
            + " || ' in a SIMILAR TO pattern is not supported')"
            + " WHEN ord(" + c + ") >= 128 THEN " + c + " ELSE '\\' || " + c + " END");
      }
      writer.print(" WHEN length(" + t + ") > 1 THEN replace(" + t + ", '\\', '\\\\')"
          + " WHEN " + t + " = '%' THEN '.*' WHEN " + t + " = '_' THEN '.'"
          + " WHEN " + t + " = '(' THEN '(?:'"
          + " WHEN " + t + " IN ('\\', '.', '^', '$') THEN '\\' || " + t
          + " ELSE " + t + " END), '') || ')$')");
    }

    private static String regexQuote(char c) {
      return Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c;
    }

    private static String quote(String text) {
      return "'" + text.replace("'", "''") + "'";
    }
  }

  /** PostgreSQL's translation of a SIMILAR TO pattern into an anchored regular expression. */
  static String toRegex(String pattern, @Nullable Character escape) {
    StringBuilder regex = new StringBuilder("(?s)^(?:");
    boolean afterEscape = false;
    boolean inClass = false;
    int classLength = 0; // characters of the bracket expression read so far
    boolean negated = false;
    int quotes = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (afterEscape) {
        if (c == '"' && !inClass) {
          if (quotes == 0) {
            regex.append("){1,1}?(");
          } else if (quotes == 1) {
            regex.append("){1,1}(?:");
          } else {
            throw new FloeException(ErrorCode.INVALID_USE_OF_ESCAPE_CHARACTER, "SQL regular expression may "
                + "not contain more than two escape-double-quote separators");
          }
          quotes++;
        } else {
          regex.append(escaped(c));
        }
        afterEscape = false;
      } else if (escape != null && c == escape) {
        afterEscape = true;
      } else if (inClass) {
        regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
        // A ']' first in the brackets (after an optional '^') is a member, not the end.
        if (c == ']' && classLength > (negated ? 1 : 0)) {
          inClass = false;
        }
        negated |= c == '^' && classLength == 0;
        classLength++;
      } else if (c == '[') {
        regex.append(c);
        inClass = true;
        classLength = 0;
        negated = false;
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else if (c == '(') {
        regex.append("(?:");
      } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
        regex.append('\\').append(c);
      } else {
        regex.append(c);
      }
    }
    return regex.append(")$").toString();
  }

  /** A character after the escape character: itself, or one of the class escapes both engines know. */
  private static String escaped(char c) {
    if (c < 128 && !Character.isLetterOrDigit(c)) {
      return "\\" + c;
    }
    if (c >= 128) {
      return String.valueOf(c);
    }
    if ("dDsSwWntrfv".indexOf(c) >= 0) {
      return "\\" + c;
    }
    throw new FloeException(ErrorCode.NOT_SUPPORTED, "escape sequence \\" + c + " in a SIMILAR TO "
        + "pattern is not supported", "Escape only punctuation, or use the class escapes "
        + "\\d, \\s and \\w.", null);
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's (and DuckDB's) {@code a ^ b}, a raised to the power b, a DOUBLE. Calcite's parser
 * reads {@code ^} as a bitwise XOR of integers binding as loosely as {@code +}, where PostgreSQL
 * binds it tighter than {@code *} and more loosely only than a sign, a cast or a subscript, from
 * left to right: {@code 2 * 3 ^ 2} is 18, {@code -2 ^ 2} is 4, {@code 2 ^ 3 ^ 2} is 64. So before
 * parsing each {@code ^} and its operands (each one primary expression, with its sign) are put in
 * parentheses ({@link #group}); where an operand is something else, the statement is refused with
 * a hint, as a different grouping would answer wrongly. After parsing the operator becomes
 * {@link #POWER} ({@link #apply}), DuckDB's {@code power}.
 */
final class PowerOperator {
  private static final String OPERATOR = "^";

  private PowerOperator() {}

  /** {@code power(a, b)} as a DOUBLE, typed without looking the name up again. */
  static final SqlFunction POWER = new SqlFunction("POWER", SqlKind.OTHER_FUNCTION,
      ReturnTypes.DOUBLE_NULLABLE, null, OperandTypes.NUMERIC_NUMERIC, SqlFunctionCategory.NUMERIC) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }
  };

  /** The statement's text with each {@code a ^ b} in parentheses. */
  static String group(String sql) {
    if (sql.indexOf('^') < 0) {
      return sql;
    }
    List<SqlLexer.Token> tokens = new ArrayList<>(SqlLexer.tokenize(sql));
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if (t.type() != SqlLexer.Type.OPERATOR || !t.text().equals(OPERATOR)) {
        continue;
      }
      int leftEnd = PrimaryExpressions.previousSignificant(tokens, i - 1);
      int leftStart = leftEnd < 0 ? -1 : withSign(tokens, PrimaryExpressions.start(tokens, leftEnd));
      int rightStart = SqlLexer.nextSignificant(tokens, i + 1);
      int rightEnd = rightStart < 0 ? -1 : signedEnd(tokens, rightStart);
      if (leftStart < 0 || rightEnd < 0
          || !endsBefore(tokens, PrimaryExpressions.previousSignificant(tokens, leftStart - 1))
          || !followsAfter(tokens, SqlLexer.nextSignificant(tokens, rightEnd + 1))) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "^ is supported between two simple operands "
            + "only", "Write power(a, b), or put each operand of ^ in parentheses.", null);
      }
      tokens.add(rightEnd + 1, new SqlLexer.Token(SqlLexer.Type.PUNCT, ")", -1));
      tokens.add(leftStart, new SqlLexer.Token(SqlLexer.Type.PUNCT, "(", -1));
      i++;
      changed = true;
    }
    return changed ? SqlLexer.join(tokens) : sql;
  }

  /** The start of the operand starting at {@code start}, moved to any sign before it. */
  private static int withSign(List<SqlLexer.Token> tokens, int start) {
    int s = start;
    while (s >= 0) {
      int sign = PrimaryExpressions.previousSignificant(tokens, s - 1);
      if (sign < 0 || !isSign(tokens.get(sign))
          || !endsBefore(tokens, PrimaryExpressions.previousSignificant(tokens, sign - 1))) {
        break;
      }
      s = sign;
    }
    return s;
  }

  /** The end of the operand, with any signs, starting at {@code start}, or -1. */
  private static int signedEnd(List<SqlLexer.Token> tokens, int start) {
    int s = start;
    while (s >= 0 && isSign(tokens.get(s))) {
      s = SqlLexer.nextSignificant(tokens, s + 1);
    }
    return s < 0 ? -1 : PrimaryExpressions.end(tokens, s);
  }

  private static boolean isSign(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.OPERATOR && (t.text().equals("-") || t.text().equals("+"));
  }

  /**
   * Whether the token at {@code k} (or the start of the text) ends what comes before an operand:
   * an operator, an opening parenthesis, a comma or a keyword (a name there would make the operand
   * part of something else, such as the text of {@code DATE '2024-01-01'}).
   */
  private static boolean endsBefore(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return true;
    }
    SqlLexer.Token t = tokens.get(k);
    return switch (t.type()) {
      case OPERATOR -> true;
      case PUNCT -> t.isSymbol("(") || t.isSymbol(",");
      case WORD -> (!PrimaryExpressions.isName(t) || t.is("limit") || t.is("offset"))
          && !t.is("collate") && !t.is("at");
      default -> false;
    };
  }

  /**
   * Whether the token at {@code k} (or the end of the text) may follow an operand of {@code ^}
   * without binding it tighter: anything but a cast, a subscript, a field, COLLATE or AT.
   */
  private static boolean followsAfter(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return true;
    }
    SqlLexer.Token t = tokens.get(k);
    return !t.isSymbol("::") && !t.isSymbol("[") && !t.isSymbol(".") && !t.isSymbol("(")
        && !t.is("collate") && !t.is("at") && t.type() != SqlLexer.Type.STRING
        && t.type() != SqlLexer.Type.NUMBER;
  }

  /** The statement with every {@code ^} on {@link #POWER}. */
  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        return current.getOperator() == SqlStdOperatorTable.BITXOR_OPERATOR
            ? POWER.createCall(current.getParserPosition(), current.getOperandList())
            : current;
      }
    });
    return rewritten == null ? node : rewritten;
  }

  /** A power as Calcite's {@code POWER}, a DOUBLE, which DuckDB computes. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    return cx.getRexBuilder().makeCall(SqlStdOperatorTable.POWER,
        cx.convertExpression(call.operand(0)), cx.convertExpression(call.operand(1)));
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlPrefixOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's (and DuckDB's) bitwise operators on integers: {@code a | b}, {@code a & b},
 * {@code a # b} (exclusive or), {@code a << n}, {@code a >> n} and the prefix {@code ~a}. Calcite's
 * parser lacks {@code |}, {@code >>}, {@code #} and {@code ~}, and binds {@code &} and {@code <<}
 * otherwise than PostgreSQL, where all of them bind alike, from left to right, more loosely than
 * arithmetic and more tightly than comparisons: {@code 1 + 1 & 1} is 0, {@code 1 | 2 = 3} is true.
 *
 * <p>So before parsing each operator and its operands (each a primary expression, possibly in a
 * chain of arithmetic with signs) become a call of an internal function ({@link #rewrite}); where
 * a neighbour would bind in a way the rewrite cannot tell (a subscript, {@code ||} on the left),
 * the statement is refused with a hint to add parentheses. After parsing, the calls become this
 * class's operators ({@link #apply}), which DuckDB receives as its own operators ({@code #} as
 * DuckDB's {@code xor}).
 */
final class BitwiseOperators {
  /** Operators that bind less tightly than the bitwise ones. */
  private static final Set<String> LOOSER = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
  private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "^");
  private static final String PREFIX = "floe_bitwise_";
  /** Between comparisons (30) and addition (40), as PostgreSQL binds them. */
  private static final int PRECEDENCE = 35;

  static final SqlBinaryOperator OR = binary("|");
  static final SqlBinaryOperator AND = binary("&");
  static final SqlBinaryOperator SHIFT_LEFT = shift("<<");
  static final SqlBinaryOperator SHIFT_RIGHT = shift(">>");
  /** {@code #}, sent to DuckDB as {@code xor(a, b)} (DuckDB reads {@code #} otherwise). */
  static final SqlBinaryOperator XOR = new Binary("#", ReturnTypes.LARGEST_INT_OR_FIRST_NON_NULL) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startFunCall("xor");
      for (SqlNode operand : call.getOperandList()) {
        writer.sep(",");
        operand.unparse(writer, 0, 0);
      }
      writer.endFunCall(frame);
    }
  };
  static final SqlPrefixOperator NOT = new SqlPrefixOperator("~", SqlKind.OTHER, PRECEDENCE,
      ReturnTypes.ARG0_NULLABLE, InferTypes.RETURN_TYPE, OperandTypes.INTEGER) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      writer.print("~");
      call.operand(0).unparse(writer, getRightPrec(), getRightPrec());
      writer.endList(frame);
    }
  };

  /** Each operator's text and the internal function its rewrite calls. */
  private static final Map<String, SqlOperator> OPERATORS = Map.of("|", OR, "&", AND, "#", XOR,
      "<<", SHIFT_LEFT, ">>", SHIFT_RIGHT);
  private static final Map<String, String> NAMES = Map.of("|", "or", "&", "and", "#", "xor",
      "<<", "shift_left", ">>", "shift_right", "~", "not");
  private static final Map<String, SqlOperator> BY_NAME = Map.of(PREFIX + "or", OR, PREFIX + "and",
      AND, PREFIX + "xor", XOR, PREFIX + "shift_left", SHIFT_LEFT, PREFIX + "shift_right",
      SHIFT_RIGHT, PREFIX + "not", NOT);

  private BitwiseOperators() {}

  private static SqlBinaryOperator binary(String name) {
    return new Binary(name, ReturnTypes.LARGEST_INT_OR_FIRST_NON_NULL);
  }

  private static SqlBinaryOperator shift(String name) {
    return new Binary(name, ReturnTypes.ARG0_NULLABLE);
  }

  /** A binary bitwise operator, typed by itself (the operator table has none of that name). */
  private static class Binary extends SqlBinaryOperator {
    Binary(String name, SqlReturnTypeInference returns) {
      super(name, SqlKind.OTHER, PRECEDENCE, true, returns, InferTypes.FIRST_KNOWN,
          OperandTypes.INTEGER_INTEGER);
    }

    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }
  }

  /** The statement's text with each bitwise operator as a call of its internal function. */
  static String rewrite(String sql) {
    if (!containsOperatorCharacter(sql)) {
      return sql;
    }
    String text = sql;
    while (true) {
      List<SqlLexer.Token> tokens = SqlLexer.tokenize(text);
      int at = firstOperator(tokens);
      if (at < 0) {
        return text;
      }
      text = rewriteAt(tokens, at);
    }
  }

  private static boolean containsOperatorCharacter(String sql) {
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '|' || c == '&' || c == '#' || c == '~' || c == '<' || c == '>') {
        return true;
      }
    }
    return false;
  }

  /** The index of the first bitwise operator token, or -1. */
  private static int firstOperator(List<SqlLexer.Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if (t.type() != SqlLexer.Type.OPERATOR) {
        continue;
      }
      if (OPERATORS.containsKey(t.text())) {
        return i;
      }
      if (t.text().equals("~") && !endsOperand(tokens, PrimaryExpressions.previousSignificant(tokens, i - 1))) {
        return i;
      }
    }
    return -1;
  }

  private static String rewriteAt(List<SqlLexer.Token> tokens, int at) {
    String operator = tokens.get(at).text();
    boolean prefix = operator.equals("~");
    int leftStart = prefix ? at : leftOperandStart(tokens, at);
    int rightStart = SqlLexer.nextSignificant(tokens, at + 1);
    int rightEnd = rightStart < 0 ? -1 : rightOperandEnd(tokens, rightStart);
    if (leftStart < 0 || rightEnd < 0
        || !boundsBefore(tokens, PrimaryExpressions.previousSignificant(tokens, leftStart - 1))
        || !boundsAfter(tokens, SqlLexer.nextSignificant(tokens, rightEnd + 1))) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, operator + " is supported between operands "
          + "of arithmetic only", "Put each operand of " + operator + " in parentheses.", null);
    }
    String right = PrimaryExpressions.text(tokens, rightStart, rightEnd);
    String call = PREFIX + NAMES.get(operator) + "(" + (prefix ? right
        : PrimaryExpressions.text(tokens, leftStart, PrimaryExpressions.previousSignificant(tokens, at - 1))
            + ", " + right) + ")";
    return PrimaryExpressions.text(tokens, 0, leftStart - 1) + call
        + PrimaryExpressions.text(tokens, rightEnd + 1, tokens.size() - 1);
  }

  /**
   * The first token of the left operand of the operator at {@code at}: primary expressions joined
   * by arithmetic operators and signs; -1 if there is none.
   */
  private static int leftOperandStart(List<SqlLexer.Token> tokens, int at) {
    int end = PrimaryExpressions.previousSignificant(tokens, at - 1);
    while (end >= 0) {
      int start = PrimaryExpressions.start(tokens, end);
      if (start < 0) {
        return -1;
      }
      int before = PrimaryExpressions.previousSignificant(tokens, start - 1);
      while (before >= 0 && isArithmetic(tokens.get(before))) {
        int beforeSign = PrimaryExpressions.previousSignificant(tokens, before - 1);
        if (endsOperand(tokens, beforeSign)) {
          break;
        }
        // A sign.
        start = before;
        before = beforeSign;
      }
      if (before < 0 || !isArithmetic(tokens.get(before))) {
        return start;
      }
      end = PrimaryExpressions.previousSignificant(tokens, before - 1);
    }
    return -1;
  }

  /** The last token of the right operand that starts at {@code start}, or -1. */
  private static int rightOperandEnd(List<SqlLexer.Token> tokens, int start) {
    int k = start;
    while (k >= 0) {
      while (k >= 0 && (tokens.get(k).isSymbol("-") || tokens.get(k).isSymbol("+")
          || tokens.get(k).isSymbol("~"))) {
        k = SqlLexer.nextSignificant(tokens, k + 1);
      }
      int end = k < 0 ? -1 : PrimaryExpressions.end(tokens, k);
      if (end < 0) {
        return -1;
      }
      int next = SqlLexer.nextSignificant(tokens, end + 1);
      if (next < 0 || !isArithmetic(tokens.get(next))) {
        return end;
      }
      k = SqlLexer.nextSignificant(tokens, next + 1);
    }
    return -1;
  }

  private static boolean isArithmetic(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.OPERATOR && ARITHMETIC.contains(t.text());
  }

  /** Whether the token at {@code k} ends an operand (so an operator after it is not a sign). */
  private static boolean endsOperand(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return false;
    }
    SqlLexer.Token t = tokens.get(k);
    return t.isSymbol(")") || t.type() == SqlLexer.Type.NUMBER || t.type() == SqlLexer.Type.STRING
        || t.type() == SqlLexer.Type.PARAM || PrimaryExpressions.isName(t)
        || t.type() == SqlLexer.Type.WORD && t.is("end");
  }

  /** Whether the token at {@code k}, before an operand, binds less tightly (or alike, on the left). */
  private static boolean boundsBefore(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return true;
    }
    SqlLexer.Token t = tokens.get(k);
    return switch (t.type()) {
      case OPERATOR -> LOOSER.contains(t.text()) || t.text().equals("~");
      case PUNCT -> t.isSymbol(",") || t.isSymbol("(") || t.isSymbol(";");
      case WORD -> PrimaryExpressions.NOT_OPERANDS.contains(t.identifier()) && !t.is("collate")
          && !t.is("at") && !t.is("end");
      default -> false;
    };
  }

  /** Whether the token at {@code k}, after an operand, binds less tightly (or alike). */
  private static boolean boundsAfter(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return true;
    }
    SqlLexer.Token t = tokens.get(k);
    return switch (t.type()) {
      case OPERATOR -> LOOSER.contains(t.text()) || OPERATORS.containsKey(t.text())
          || t.text().equals("||");
      case PUNCT -> t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";");
      case WORD -> !t.is("collate") && !t.is("at");
      default -> false;
    };
  }

  /** The parse tree with each internal call as its operator. */
  static SqlNode apply(SqlNode parsed) {
    SqlNode result = parsed.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        if (visited != null && visited.getOperator() instanceof SqlUnresolvedFunction f
            && f.getName().toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
          SqlOperator operator = BY_NAME.get(f.getName().toLowerCase(Locale.ROOT));
          if (operator != null) {
            return new SqlBasicCall(operator, visited.getOperandList(), visited.getParserPosition());
          }
        }
        return visited;
      }
    });
    return result == null ? parsed : result;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Comparison operators do not chain, as in PostgreSQL, where they are non-associative: {@code
 * 1 = 1 = 1} and {@code a < b < c} are syntax errors at the second operator ({@code 42601}). Calcite
 * would read {@code (1 = 1) = 1} and compare a boolean with a number. A comparison made a value by
 * parentheses ({@code (a = b) = c}) compares as written. Two comparisons are chained when only an
 * operand's tokens stand between them (names, literals, arithmetic, casts, a call's parentheses):
 * AND, OR, NOT, IS, a comma or a clause's keyword ends a comparison.
 */
final class ChainedComparisons {
  private ChainedComparisons() {}

  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");
  private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "%", "||", "^", "::", ".", "[", "]");

  static void check(LexedStatement statement) {
    Deque<boolean[]> pending = new ArrayDeque<>();
    pending.push(new boolean[1]);
    for (SqlLexer.Token t : statement.significant()) {
      if (t.isSymbol("(")) {
        pending.push(new boolean[1]);
      } else if (t.isSymbol(")")) {
        if (pending.size() > 1) {
          pending.pop();
        }
      } else if (t.type() == SqlLexer.Type.OPERATOR && COMPARISONS.contains(t.text())) {
        if (pending.peek()[0]) {
          throw SqlErrors.syntax(statement.text(), t);
        }
        pending.peek()[0] = true;
      } else if (!isOperandToken(t)) {
        pending.peek()[0] = false;
      }
    }
  }

  private static boolean isOperandToken(SqlLexer.Token t) {
    return switch (t.type()) {
      case NUMBER, STRING, QUOTED, PARAM -> true;
      case WORD -> !t.text().matches("(?i)and|or|not|is|isnull|notnull|when|then|else|end|case|select|from|where"
          + "|on|having|group|order|by|limit|offset|fetch|union|intersect|except|as|join|using|between|in|like"
          + "|ilike|similar|any|all|some|exists|filter|over|within|returning|set|values|inner|left|right|full"
          + "|cross|natural|lateral|window|qualify|for|to|escape|collate|at|distinct|asc|desc|nulls|with"
          + "|into|update|delete|insert|rows|range|groups|and|overlaps|array|row");
      case OPERATOR, PUNCT -> ARITHMETIC.contains(t.text());
      default -> false;
    };
  }
}

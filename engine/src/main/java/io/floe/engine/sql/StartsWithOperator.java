package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Set;

/**
 * PostgreSQL's (and DuckDB's) {@code a ^@ b}, "a starts with b", as {@code starts_with(a, b)}:
 * Calcite's parser has no such operator. Each operand must be one primary expression (a literal, a
 * name, a function call or anything in parentheses) whose neighbours bind no tighter than
 * {@code ^@} (comparisons, keywords other than COLLATE and AT, commas): there the rewrite cannot
 * change what the operator applies to. Anything else ({@code a || b ^@ c}) is refused with a hint
 * to write the function.
 */
final class StartsWithOperator {
  private static final String OPERATOR = "^@";
  /** Operators that bind less tightly than {@code ^@}. */
  private static final Set<String> LOOSER = Set.of("=", "<>", "!=", "<", ">", "<=", ">=");

  private StartsWithOperator() {}

  static String rewrite(String sql) {
    if (!sql.contains(OPERATOR)) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).type() == SqlLexer.Type.OPERATOR && tokens.get(i).text().equals(OPERATOR)) {
        int leftEnd = PrimaryExpressions.previousSignificant(tokens, i - 1);
        int leftStart = leftEnd < 0 ? -1 : PrimaryExpressions.start(tokens, leftEnd);
        int rightStart = SqlLexer.nextSignificant(tokens, i + 1);
        int rightEnd = rightStart < 0 ? -1 : PrimaryExpressions.end(tokens, rightStart);
        if (leftStart < 0 || rightEnd < 0
            || !looser(tokens, PrimaryExpressions.previousSignificant(tokens, leftStart - 1))
            || !looser(tokens, SqlLexer.nextSignificant(tokens, rightEnd + 1))) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "^@ is supported between two simple operands "
              + "only", "Write starts_with(a, b), or put each operand of ^@ in parentheses.", null);
        }
        String call = "starts_with(" + PrimaryExpressions.text(tokens, leftStart, leftEnd) + ", "
            + PrimaryExpressions.text(tokens, rightStart, rightEnd) + ")";
        return rewrite(PrimaryExpressions.text(tokens, 0, leftStart - 1) + call
            + PrimaryExpressions.text(tokens, rightEnd + 1, tokens.size() - 1));
      }
    }
    return sql;
  }

  /** Whether the token at {@code k} (or the start or end of the text) binds less tightly than ^@. */
  private static boolean looser(List<SqlLexer.Token> tokens, int k) {
    if (k < 0) {
      return true;
    }
    SqlLexer.Token t = tokens.get(k);
    return switch (t.type()) {
      case OPERATOR -> LOOSER.contains(t.text());
      case PUNCT -> t.isSymbol(",") || t.isSymbol("(") || t.isSymbol(")") || t.isSymbol(";");
      case WORD -> !t.is("collate") && !t.is("at");
      default -> false;
    };
  }
}

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
  /** Words that end an expression rather than start or continue one. */
  private static final Set<String> NOT_OPERANDS = Set.of("select", "where", "and", "or", "not", "when",
      "then", "else", "case", "end", "on", "by", "having", "from", "as", "in", "is", "like", "between",
      "collate", "at", "with", "distinct", "all", "any", "some", "exists");

  private StartsWithOperator() {}

  static String rewrite(String sql) {
    if (!sql.contains(OPERATOR)) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).type() == SqlLexer.Type.OPERATOR && tokens.get(i).text().equals(OPERATOR)) {
        int leftEnd = previousSignificant(tokens, i - 1);
        int leftStart = leftEnd < 0 ? -1 : operandStart(tokens, leftEnd);
        int rightStart = SqlLexer.nextSignificant(tokens, i + 1);
        int rightEnd = rightStart < 0 ? -1 : operandEnd(tokens, rightStart);
        if (leftStart < 0 || rightEnd < 0 || !looser(tokens, previousSignificant(tokens, leftStart - 1))
            || !looser(tokens, SqlLexer.nextSignificant(tokens, rightEnd + 1))) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "^@ is supported between two simple operands "
              + "only", "Write starts_with(a, b), or put each operand of ^@ in parentheses.", null);
        }
        String call = "starts_with(" + text(tokens, leftStart, leftEnd) + ", "
            + text(tokens, rightStart, rightEnd) + ")";
        return rewrite(text(tokens, 0, leftStart - 1) + call + text(tokens, rightEnd + 1, tokens.size() - 1));
      }
    }
    return sql;
  }

  private static String text(List<SqlLexer.Token> tokens, int from, int to) {
    return from > to ? "" : SqlLexer.join(tokens.subList(from, to + 1));
  }

  private static int previousSignificant(List<SqlLexer.Token> tokens, int from) {
    for (int k = from; k >= 0; k--) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
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

  /** The first token of the primary expression that ends at {@code end}, or -1. */
  private static int operandStart(List<SqlLexer.Token> tokens, int end) {
    SqlLexer.Token t = tokens.get(end);
    int start = end;
    if (t.isSymbol(")")) {
      start = matching(tokens, end, -1);
      int name = start < 0 ? -1 : previousSignificant(tokens, start - 1);
      if (name >= 0 && isName(tokens.get(name))) {
        start = name;
      }
    } else if (!isName(t) && t.type() != SqlLexer.Type.STRING && t.type() != SqlLexer.Type.NUMBER) {
      return -1;
    }
    while (start > 1 && tokens.get(start - 1).isSymbol(".") && isName(tokens.get(start - 2))) {
      start -= 2;
    }
    return start;
  }

  /** The last token of the primary expression that starts at {@code start}, or -1. */
  private static int operandEnd(List<SqlLexer.Token> tokens, int start) {
    SqlLexer.Token t = tokens.get(start);
    if (t.isSymbol("(")) {
      return matching(tokens, start, 1);
    }
    if (t.type() == SqlLexer.Type.STRING || t.type() == SqlLexer.Type.NUMBER) {
      return start;
    }
    if (!isName(t)) {
      return -1;
    }
    int end = start;
    while (end + 2 < tokens.size() && tokens.get(end + 1).isSymbol(".") && isName(tokens.get(end + 2))) {
      end += 2;
    }
    int open = SqlLexer.nextSignificant(tokens, end + 1);
    return open >= 0 && tokens.get(open).isSymbol("(") ? matching(tokens, open, 1) : end;
  }

  private static boolean isName(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.QUOTED
        || t.type() == SqlLexer.Type.WORD && !NOT_OPERANDS.contains(t.identifier());
  }

  /** The index of the parenthesis matching the one at {@code at}, walking in {@code step}, or -1. */
  private static int matching(List<SqlLexer.Token> tokens, int at, int step) {
    int depth = 0;
    for (int k = at; k >= 0 && k < tokens.size(); k += step) {
      if (tokens.get(k).isSymbol("(")) {
        depth += step;
      } else if (tokens.get(k).isSymbol(")")) {
        depth -= step;
      }
      if (depth == 0) {
        return k;
      }
    }
    return -1;
  }
}

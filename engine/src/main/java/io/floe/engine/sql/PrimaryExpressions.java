package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Set;

/**
 * Finds the primary expressions (a literal, a name, a function call or anything in parentheses)
 * around an operator in a statement's {@link SqlLexer} tokens, for rewrites of operators that
 * Calcite's parser lacks or binds otherwise than PostgreSQL ({@link StartsWithOperator},
 * {@link PowerOperator}).
 */
final class PrimaryExpressions {
  /** Words that end an expression rather than start or continue one. */
  static final Set<String> NOT_OPERANDS = Set.of("select", "where", "and", "or", "not", "when",
      "then", "else", "case", "end", "on", "by", "having", "from", "as", "in", "is", "like", "between",
      "collate", "at", "with", "distinct", "all", "any", "some", "exists");

  private PrimaryExpressions() {}

  static String text(List<SqlLexer.Token> tokens, int from, int to) {
    return from > to ? "" : SqlLexer.join(tokens.subList(from, to + 1));
  }

  static int previousSignificant(List<SqlLexer.Token> tokens, int from) {
    for (int k = from; k >= 0; k--) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
  }

  /** The first token of the primary expression that ends at {@code end}, or -1. */
  static int start(List<SqlLexer.Token> tokens, int end) {
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
  static int end(List<SqlLexer.Token> tokens, int start) {
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

  /** A name (a column, a table, a function), not a keyword that ends an expression. */
  static boolean isName(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.QUOTED
        || t.type() == SqlLexer.Type.WORD && !NOT_OPERANDS.contains(t.identifier());
  }

  /** The index of the parenthesis matching the one at {@code at}, walking in {@code step}, or -1. */
  static int matching(List<SqlLexer.Token> tokens, int at, int step) {
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

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's explicit row constructor, {@code ROW(a, b)}, as the parenthesized list
 * {@code (a, b)} that means the same in PostgreSQL and that Calcite's parser reads (it takes the
 * {@code ROW} keyword only in conformances Floe does not use). {@code ROW(a)} becomes {@code (a)},
 * which compares with a one-column sub-query as PostgreSQL's one-field row does.
 *
 * <p>Only {@code ROW} in an expression is rewritten: not after {@code AS} or {@code ::} (a type
 * name), not after a dot (a qualified name), and not quoted. Works on {@link SqlLexer} tokens, so
 * literals and comments never match; the keyword becomes blanks, so positions in later errors still
 * point into the statement.
 */
final class RowConstructors {
  private static final java.util.Set<String> COMPARISONS = java.util.Set.of("=", "<>", "!=", "<", ">",
      "<=", ">=");

  private RowConstructors() {}

  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("row")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    boolean changed = false;
    SqlLexer.Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      int next = SqlLexer.nextSignificant(tokens, i + 1);
      if (t.is("row") && next >= 0 && tokens.get(next).isSymbol("(") && inExpression(previous)) {
        int close = SqlLexer.nextSignificant(tokens, next + 1);
        if (close >= 0 && tokens.get(close).isSymbol(")")) {
          // PostgreSQL's words where it compares one; Floe has no row of no fields at all.
          throw new FloeException(ErrorCode.NOT_SUPPORTED, compared(tokens, previous, close)
              ? "cannot compare rows of zero length" : "a row of zero length (ROW()) is not supported");
        }
        out.append(" ".repeat(t.text().length()));
        changed = true;
      } else {
        out.append(t.text());
      }
      if (!t.isBlank()) {
        previous = t;
      }
    }
    return changed ? out.toString() : sql;
  }

  /** Whether the empty row that ends at {@code close} is compared: a comparison before or after it. */
  private static boolean compared(List<SqlLexer.Token> tokens, SqlLexer.Token previous, int close) {
    int after = SqlLexer.nextSignificant(tokens, close + 1);
    return previous != null && COMPARISONS.contains(previous.text())
        || after >= 0 && COMPARISONS.contains(tokens.get(after).text());
  }

  /** Whether a token after {@code previous} starts an expression rather than a type or a name part. */
  private static boolean inExpression(SqlLexer.Token previous) {
    return previous == null || !(previous.is("as") || previous.isSymbol("::") || previous.isSymbol("."));
  }
}

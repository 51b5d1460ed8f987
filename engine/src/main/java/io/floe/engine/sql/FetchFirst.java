package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Locale;

/**
 * The standard's {@code FETCH FIRST ROW ONLY} (no count: one row), as PostgreSQL takes it; Calcite's
 * parser wants the count, so it is written in. {@code FETCH FIRST n ROWS WITH TIES} is refused with
 * a hint (Calcite has no such limit). Works on {@link SqlLexer} tokens.
 */
final class FetchFirst {
  private FetchFirst() {}

  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("fetch")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 2);
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      out.append(t.text());
      if (!t.is("first") && !t.is("next")) {
        continue;
      }
      int fetch = PrimaryExpressions.previousSignificant(tokens, i - 1);
      if (fetch < 0 || !tokens.get(fetch).is("fetch")) {
        continue;
      }
      int next = SqlLexer.nextSignificant(tokens, i + 1);
      if (next >= 0 && (tokens.get(next).is("row") || tokens.get(next).is("rows"))) {
        out.append(" 1");
      }
      int rows = next;
      while (rows >= 0 && !tokens.get(rows).is("row") && !tokens.get(rows).is("rows")) {
        rows = SqlLexer.nextSignificant(tokens, rows + 1);
      }
      int with = rows < 0 ? -1 : SqlLexer.nextSignificant(tokens, rows + 1);
      if (with >= 0 && tokens.get(with).is("with")) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "FETCH FIRST ... WITH TIES is not supported",
            "Rank the rows (rank() OVER (ORDER BY ...)) in a sub-query and keep those ranked within the "
            + "count.", null);
      }
    }
    return out.toString();
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;

import java.util.List;

/**
 * A comma after the last item of a select list, as DuckDB takes it ({@code SELECT a, b, FROM t}):
 * a comma right before FROM, or at the end of the statement, is dropped. Neither is valid SQL
 * otherwise, so nothing else changes. Works on {@link SqlLexer} tokens; the comma becomes a
 * blank, so positions in later errors still point into the statement.
 */
final class TrailingCommas {
  private TrailingCommas() {}

  static String rewrite(String sql) {
    if (sql.indexOf(',') < 0) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if (t.isSymbol(",") && trails(tokens, i + 1)) {
        out.append(' ');
      } else {
        out.append(t.text());
      }
    }
    return out.toString();
  }

  private static boolean trails(List<SqlLexer.Token> tokens, int from) {
    int k = SqlLexer.nextSignificant(tokens, from);
    return k < 0 || tokens.get(k).is("from") || tokens.get(k).isSymbol(";");
  }
}

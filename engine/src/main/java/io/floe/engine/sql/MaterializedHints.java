package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops PostgreSQL's {@code MATERIALIZED} and {@code NOT MATERIALIZED} from
 * {@code WITH name AS [NOT] MATERIALIZED (...)} before Calcite parses a statement: they only advise
 * the planner whether to compute a common table expression once, and DuckDB decides that itself.
 * Works on {@link SqlLexer} tokens, so literals, quoted names and comments are never touched.
 */
final class MaterializedHints {
  private MaterializedHints() {}

  static String strip(String sql) {
    if (!sql.toLowerCase(java.util.Locale.ROOT).contains("materialized")) {
      return sql;
    }
    List<SqlLexer.Token> in = SqlLexer.tokenize(sql);
    List<SqlLexer.Token> out = new ArrayList<>(in.size());
    for (int i = 0; i < in.size(); i++) {
      SqlLexer.Token t = in.get(i);
      out.add(t);
      if (!t.is("as")) {
        continue;
      }
      int k = SqlLexer.nextSignificant(in, i + 1);
      if (k >= 0 && in.get(k).is("not")) {
        k = SqlLexer.nextSignificant(in, k + 1);
      }
      if (k < 0 || !in.get(k).is("materialized")) {
        continue;
      }
      int open = SqlLexer.nextSignificant(in, k + 1);
      if (open >= 0 && in.get(open).isSymbol("(")) {
        out.add(new SqlLexer.Token(SqlLexer.Type.SPACE, " ", -1));
        i = open - 1; // continue with the parenthesis
      }
    }
    return SqlLexer.join(out);
  }
}

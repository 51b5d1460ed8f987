package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A SELECT without FROM may have a WHERE, as in PostgreSQL and DuckDB:
 * {@code SELECT 1 WHERE EXISTS (...)}, or {@code INSERT INTO t SELECT 1, 'x' WHERE NOT EXISTS (...)}.
 * Calcite's parser wants a FROM first, so one row of nothing is read: {@code FROM (VALUES (0)) AS
 * _floe_one} goes before such a WHERE (and a GROUP BY or HAVING). Works on {@link SqlLexer} tokens,
 * so literals, quoted names and comments are never touched.
 */
final class FromlessWhere {
  /** Words that end a SELECT's own clauses at its level. */
  private static final Set<String> ENDS = Set.of("union", "intersect", "except", "order", "limit",
      "offset", "fetch", "window", "qualify");
  private static final Set<String> NEEDS_FROM = Set.of("where", "group", "having");

  private FromlessWhere() {}

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("where") && !lower.contains("having") && !lower.contains("group")) {
      return sql;
    }
    List<SqlLexer.Token> in = SqlLexer.tokenize(sql);
    List<Integer> insertAt = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i).is("select")) {
        int at = clauseWithoutFrom(in, i + 1);
        if (at >= 0) {
          insertAt.add(at);
        }
      }
    }
    if (insertAt.isEmpty()) {
      return sql;
    }
    List<SqlLexer.Token> out = new ArrayList<>(in.size() + insertAt.size());
    for (int i = 0; i < in.size(); i++) {
      if (insertAt.contains(i)) {
        out.add(new SqlLexer.Token(SqlLexer.Type.WORD, "FROM (VALUES (0)) AS _floe_one ", -1));
      }
      out.add(in.get(i));
    }
    return SqlLexer.join(out);
  }

  /** The index of the WHERE, GROUP or HAVING of the SELECT whose list starts at {@code from}. */
  private static int clauseWithoutFrom(List<SqlLexer.Token> tokens, int from) {
    int depth = 0;
    for (int k = from; k < tokens.size(); k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        if (--depth < 0) {
          return -1;
        }
      } else if (depth == 0 && t.isSymbol(";")) {
        return -1;
      } else if (depth == 0 && t.type() == SqlLexer.Type.WORD) {
        String word = t.text().toLowerCase(Locale.ROOT);
        if (word.equals("from") || word.equals("into") || ENDS.contains(word)) {
          return -1;
        }
        if (NEEDS_FROM.contains(word) && (!word.equals("group") || nextIs(tokens, k + 1, "by"))) {
          return k;
        }
      }
    }
    return -1;
  }

  private static boolean nextIs(List<SqlLexer.Token> tokens, int from, String word) {
    int k = SqlLexer.nextSignificant(tokens, from);
    return k >= 0 && tokens.get(k).is(word);
  }
}

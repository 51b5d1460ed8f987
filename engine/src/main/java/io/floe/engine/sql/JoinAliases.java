package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A parenthesised join may have an alias, as in PostgreSQL: {@code FROM ((SELECT f1/2 AS x FROM t)
 * ss1 JOIN t i4 ON x = f1) j}, whose columns are then {@code j.x} and {@code j.f1}, and the names
 * inside the parentheses are hidden outside them. Calcite's parser takes no alias there, so such a
 * join is read as {@code (SELECT * FROM ss1 JOIN i4 ON ...) j}: the same columns, in the same
 * order, the same rows, and the same names hidden. Works on {@link SqlLexer} tokens.
 */
final class JoinAliases {
  /** Words that may follow a parenthesised FROM item and are not its alias. */
  private static final Set<String> NOT_ALIASES = Set.of("on", "using", "where", "group", "having",
      "order", "limit", "offset", "fetch", "window", "qualify", "union", "intersect", "except",
      "join", "inner", "left", "right", "full", "cross", "natural", "lateral", "tablesample",
      "returning", "for", "match_recognize", "pivot", "unpivot");
  /** Words a query in parentheses starts with. */
  private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table", "from");
  /** Tokens a FROM item follows. */
  private static final Set<String> ITEM_FOLLOWS = Set.of("from", "join", ",", "(");

  private JoinAliases() {}

  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("join")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    List<Integer> opens = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(") && isAliasedJoin(tokens, i)) {
        opens.add(i);
      }
    }
    if (opens.isEmpty()) {
      return sql;
    }
    List<SqlLexer.Token> out = new ArrayList<>(tokens.size() + opens.size());
    for (int i = 0; i < tokens.size(); i++) {
      out.add(tokens.get(i));
      if (opens.contains(i)) {
        out.add(new SqlLexer.Token(SqlLexer.Type.WORD, "SELECT * FROM ", -1));
      }
    }
    return SqlLexer.join(out);
  }

  /** Whether the parenthesis at {@code open} holds a join and is a FROM item with an alias. */
  private static boolean isAliasedJoin(List<SqlLexer.Token> tokens, int open) {
    int before = PrimaryExpressions.previousSignificant(tokens, open - 1);
    if (before < 0 || !ITEM_FOLLOWS.contains(tokens.get(before).text().toLowerCase(Locale.ROOT))) {
      return false;
    }
    int first = SqlLexer.nextSignificant(tokens, open + 1);
    if (first < 0 || tokens.get(first).type() == SqlLexer.Type.WORD
        && QUERY_STARTS.contains(tokens.get(first).identifier())) {
      return false;
    }
    int close = PrimaryExpressions.matching(tokens, open, 1);
    if (close < 0 || !joinsAtTop(tokens, open + 1, close)) {
      return false;
    }
    int next = SqlLexer.nextSignificant(tokens, close + 1);
    if (next < 0) {
      return false;
    }
    SqlLexer.Token alias = tokens.get(next);
    return alias.is("as") || alias.type() == SqlLexer.Type.QUOTED
        || alias.type() == SqlLexer.Type.WORD && !NOT_ALIASES.contains(alias.identifier());
  }

  /** Whether JOIN is among the tokens from {@code from} to before {@code to}, outside parentheses. */
  private static boolean joinsAtTop(List<SqlLexer.Token> tokens, int from, int to) {
    int depth = 0;
    for (int k = from; k < to; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && t.is("join")) {
        return true;
      }
    }
    return false;
  }
}

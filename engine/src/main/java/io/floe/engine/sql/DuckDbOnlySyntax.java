package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Set;

/**
 * Refuses, by name, the forms of DuckDB's own dialect that PostgreSQL does not have either and
 * Floe does not take (docs/sql.md, "What Floe does not take from DuckDB's dialect"): a statement
 * using one fails with {@code 0A000} naming the construct, instead of a syntax error somewhere
 * near it. Works on {@link SqlLexer} tokens, so literals, quoted names and comments never match.
 */
final class DuckDbOnlySyntax {
  private static final String HINT = "Floe speaks PostgreSQL's SQL; see docs/sql.md for what it does "
      + "not take from DuckDB's dialect.";
  private static final Set<String> JOIN_WORDS = Set.of("join", "left", "right", "inner", "full",
      "outer");
  private static final Set<String> CLAUSE_ENDS = Set.of("order", "having", "limit", "offset", "fetch",
      "window", "qualify", "union", "intersect", "except");

  /** What {@code *} may follow where it selects every column. */
  private static final Set<String> STAR_FOLLOWS = Set.of("select", ",", ".", "distinct", "all");
  /** DuckDB's star modifiers: {@code SELECT * EXCLUDE (a)}, {@code * REPLACE (...)}, ... */
  private static final Set<String> STAR_MODIFIERS = Set.of("except", "exclude", "replace", "rename");

  private DuckDbOnlySyntax() {}

  /** Throws if {@code sql} uses a DuckDB-only form this class knows; returns it otherwise. */
  static String check(String sql) {
    List<SqlLexer.Token> tokens = SqlLexer.significant(sql);
    boolean selected = false; // a SELECT or VALUES outside parentheses
    int depth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      SqlLexer.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      SqlLexer.Token after = i + 2 < tokens.size() ? tokens.get(i + 2) : null;
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && (t.is("select") || t.is("values"))) {
        selected = true;
      } else if (t.is("from") && depth == 0 && !selected && (i == 0 || tokens.get(i - 1).isSymbol(")"))) {
        refuse("FROM-first queries (FROM t [SELECT ...]) are DuckDB's own syntax", "Write SELECT ... FROM t.");
      } else if (t.isSymbol("*") && i > 0 && STAR_FOLLOWS.contains(tokens.get(i - 1).text().toLowerCase(
          java.util.Locale.ROOT)) && next != null && next.type() == SqlLexer.Type.WORD
          && STAR_MODIFIERS.contains(next.identifier())) {
        refuse("SELECT * " + next.identifier().toUpperCase(java.util.Locale.ROOT) + " is DuckDB's own syntax",
            "Name the columns to select.");
      } else if (startsTable(tokens, i) && next != null && next.is("values")) {
        refuse("VALUES in FROM without parentheses is DuckDB's own syntax",
            "Write FROM (VALUES (1), (2)) AS t(x).");
      } else if (startsTable(tokens, i) && next != null && next.type() == SqlLexer.Type.STRING) {
        refuse("reading a file named in FROM is DuckDB's own syntax", "Floe reads the tables of its buckets.");
      } else if (t.is("using") && next != null && next.is("key") && after != null && after.isSymbol("(")) {
        refuse("WITH RECURSIVE ... USING KEY is DuckDB's own syntax", null);
      } else if ((t.is("asof") || t.is("positional")) && next != null && next.type() == SqlLexer.Type.WORD
          && JOIN_WORDS.contains(next.identifier())) {
        refuse(t.identifier().toUpperCase(java.util.Locale.ROOT) + " joins are DuckDB's own syntax", null);
      } else if (t.is("join") && next != null && next.is("by") && after != null && after.isSymbol("(")) {
        refuse("JOIN BY (TYPE ...) is DuckDB's own syntax", null);
      } else if (t.is("nearest") && next != null && next.type() == SqlLexer.Type.NUMBER) {
        refuse("NEAREST joins are DuckDB's own syntax", null);
      } else if (t.is("percent") && i > 0 && (next == null || next.is("offset") || next.isSymbol(";")
          || next.isSymbol(")"))) {
        refuse("LIMIT ... PERCENT is DuckDB's own syntax", "Write a LIMIT of rows.");
      } else if (t.isSymbol("%") && endsClause(next) && inLimit(tokens, i)) {
        refuse("LIMIT ... % is DuckDB's own syntax", "Write a LIMIT of rows.");
      } else if (t.is("filter") && i > 0 && tokens.get(i - 1).isSymbol(")") && next != null && next.isSymbol("(")
          && after != null && !after.is("where")) {
        refuse("FILTER without WHERE is DuckDB's own syntax", "Write FILTER (WHERE condition).");
      } else if (t.is("as") && next != null && next.type() == SqlLexer.Type.STRING && !next.text().startsWith("$")) {
        refuse("a quoted string as an alias is DuckDB's own syntax",
            "Write the alias as a name, in double quotes if it needs them: AS \"hello world\".");
      } else if ((t.is("decimal") || t.is("dec") || t.is("numeric")) && next != null && next.isSymbol("(")
          && after != null && after.isSymbol(")")) {
        refuse(t.identifier().toUpperCase(java.util.Locale.ROOT) + "() with empty parentheses is DuckDB's own "
            + "syntax", "Write DECIMAL, or DECIMAL(precision, scale).");
      } else if (t.is("blob") && next != null && next.type() == SqlLexer.Type.STRING) {
        refuse("BLOB '...' literals are DuckDB's own syntax", "Write a bytea literal: '\\x616263'::bytea.");
      } else if ((t.is("group") || t.is("order")) && next != null && next.is("by") && after != null
          && (after.isSymbol("*") || after.is("all") && endsClause(i + 3 < tokens.size()
              ? tokens.get(i + 3) : null))) {
        String clause = t.is("group") ? "GROUP BY" : "ORDER BY";
        refuse(clause + " ALL (or *) is DuckDB's own syntax", "Name the " + (t.is("group")
            ? "grouping keys" : "sort keys") + ", or use positions: " + clause + " 1, 2.");
      }
    }
    return sql;
  }

  /**
   * Whether the token at {@code at} is a JOIN, or a FROM that starts a FROM clause: one of the
   * same SELECT, not of {@code IS DISTINCT FROM} nor of a function's arguments ({@code
   * extract(year FROM x)}, {@code substring(s FROM 2)}).
   */
  private static boolean startsTable(List<SqlLexer.Token> tokens, int at) {
    SqlLexer.Token t = tokens.get(at);
    if (t.is("join")) {
      return true;
    }
    if (!t.is("from") || at > 0 && tokens.get(at - 1).is("distinct")) {
      return false;
    }
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      SqlLexer.Token b = tokens.get(k);
      if (b.isSymbol(")")) {
        depth++;
      } else if (b.isSymbol("(")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (depth == 0 && b.is("select")) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsClause(SqlLexer.Token next) {
    return next == null || next.isSymbol(";") || next.isSymbol(")") || next.is("desc") || next.is("asc")
        || next.is("nulls") || next.type() == SqlLexer.Type.WORD && CLAUSE_ENDS.contains(next.identifier());
  }

  /** Whether the token at {@code at} follows a LIMIT at the same parenthesis depth. */
  private static boolean inLimit(List<SqlLexer.Token> tokens, int at) {
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol(")")) {
        depth++;
      } else if (t.isSymbol("(")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (depth == 0 && t.is("limit")) {
        return true;
      } else if (depth == 0 && t.type() == SqlLexer.Type.WORD && (t.is("select") || t.is("from")
          || t.is("where") || t.is("by"))) {
        return false;
      }
    }
    return false;
  }

  private static void refuse(String what, String hint) {
    throw new FloeException(ErrorCode.NOT_SUPPORTED, what + " and not supported",
        hint == null ? HINT : hint + " " + HINT, null);
  }
}

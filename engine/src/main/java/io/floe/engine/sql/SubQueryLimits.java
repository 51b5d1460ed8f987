package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * LIMIT and OFFSET given by a sub-query that reads a table ({@code LIMIT (SELECT min(i) FROM t)}),
 * as PostgreSQL takes them: the query they limit becomes a derived table filtered by its rows'
 * numbers, in the query's order, so DuckDB runs it as one statement:
 * {@code SELECT q.* FROM (<query>) AS q CROSS JOIN (SELECT <limit> AS l, <offset> AS o) AS b
 * QUALIFY row_number() OVER (ORDER BY <keys>) > b.o AND (b.l IS NULL OR row_number() OVER (...)
 * <= b.o + b.l) ORDER BY <keys>}; the query's columns are not visible to LIMIT and OFFSET, as in
 * PostgreSQL. A NULL
 * LIMIT is no limit and a NULL OFFSET none; a negative one fails as PostgreSQL fails
 * ({@code 2201W}, {@code 2201X}; see {@link #NEGATIVE_LIMIT}). The query's ORDER BY must name
 * columns it selects (by name) for its order to be kept.
 */
final class SubQueryLimits {
  /** The error DuckDB raises for a negative LIMIT while it runs the statement (see DuckDbErrors). */
  static final String NEGATIVE_LIMIT = "LIMIT must not be negative";
  static final String NEGATIVE_OFFSET = "OFFSET must not be negative";

  private SubQueryLimits() {}

  /** The statement with one query's LIMIT and OFFSET rewritten, or null if none needs it. */
  static String rewrite(String sql) {
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if ((t.is("limit") || t.is("offset")) && !LimitExpressions.isQualified(tokens, i)
          && !isConstant(tokens, i)) {
        return wrap(tokens, i);
      }
    }
    return null;
  }

  /** Whether the clause at {@code at} is plain or a constant (or fails as such, later). */
  private static boolean isConstant(List<SqlLexer.Token> tokens, int at) {
    int first = SqlLexer.nextSignificant(tokens, at + 1);
    int end = LimitExpressions.expressionEnd(tokens, first);
    if (first < 0 || end <= first || LimitExpressions.isPlain(tokens, first, end)) {
      return true;
    }
    if (tokens.subList(first, end).stream().noneMatch(t -> t.is("select"))) {
      return true; // no sub-query: a constant, or refused as none
    }
    try {
      LimitExpressions.evaluate(SqlLexer.join(tokens.subList(first, end)), tokens.get(at).is("limit"));
      return true;
    } catch (FloeException e) {
      return e.code() != ErrorCode.NOT_SUPPORTED;
    }
  }

  /** The text with the query whose LIMIT or OFFSET clause is at {@code at} filtered, or null. */
  private static String wrap(List<SqlLexer.Token> tokens, int at) {
    int start = queryStart(tokens, at);
    int first = SqlLexer.nextSignificant(tokens, start);
    if (first < 0 || !(tokens.get(first).is("select") || tokens.get(first).is("with")
        || tokens.get(first).is("values") || tokens.get(first).isSymbol("("))) {
      return null;
    }
    // The clauses at the query's level: [ORDER BY keys] then LIMIT and OFFSET in either order.
    int tail = -1;
    int depth = 0;
    for (int k = start; k <= at; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth--;
      } else if (depth == 0 && (t.is("order") || t.is("limit") || t.is("offset"))
          && !LimitExpressions.isQualified(tokens, k)) {
        tail = k;
        break;
      }
    }
    String keys = null;
    String limit = null;
    String offset = null;
    int k = tail;
    while (true) {
      k = SqlLexer.nextSignificant(tokens, k);
      if (k < 0 || tokens.get(k).isSymbol(")") || tokens.get(k).isSymbol(";")) {
        break;
      }
      SqlLexer.Token t = tokens.get(k);
      if (t.is("order") && keys == null && limit == null && offset == null) {
        int by = SqlLexer.nextSignificant(tokens, k + 1);
        if (by < 0 || !tokens.get(by).is("by")) {
          return null;
        }
        int end = keysEnd(tokens, by + 1);
        keys = orderKeys(tokens.subList(by + 1, end));
        if (keys == null) {
          return null;
        }
        k = end;
      } else if (t.is("limit") && limit == null || t.is("offset") && offset == null) {
        int from = SqlLexer.nextSignificant(tokens, k + 1);
        int end = LimitExpressions.expressionEnd(tokens, from);
        if (from < 0 || end <= from) {
          return null;
        }
        String value = value(tokens, from, end, t.is("limit"));
        if (t.is("limit")) {
          limit = value;
        } else {
          offset = value;
          int rows = SqlLexer.nextSignificant(tokens, end);
          if (rows >= 0 && (tokens.get(rows).is("row") || tokens.get(rows).is("rows"))) {
            end = rows + 1;
          }
        }
        k = end;
      } else {
        return null; // FETCH, FOR UPDATE and the like: left as they are
      }
    }
    int end = k < 0 ? tokens.size() : k;
    StringBuilder out = new StringBuilder();
    out.append(SqlLexer.join(tokens.subList(0, start)));
    // Sub-queries are computed beside the query, where its columns are not visible (PostgreSQL
    // refuses them there too).
    List<String> bounds = new ArrayList<>();
    if (limit != null && limit.startsWith("(")) {
      bounds.add(limit + " AS \"floe$limit\"");
      limit = "\"floe$bounds\".\"floe$limit\"";
    }
    if (offset != null && offset.startsWith("(")) {
      bounds.add(offset + " AS \"floe$offset\"");
      offset = "\"floe$bounds\".\"floe$offset\"";
    }
    String number = "row_number() OVER (" + (keys == null ? "" : "ORDER BY " + keys) + ")";
    List<String> conditions = new ArrayList<>();
    String skipped = offset == null ? null : "coalesce(" + offset + ", 0)";
    if (skipped != null) {
      conditions.add(number + " > " + skipped);
    }
    if (limit != null) {
      conditions.add("(" + limit + " IS NULL OR " + number + " <= "
          + (skipped == null ? "" : skipped + " + ") + limit + ")");
    }
    out.append(" SELECT \"floe$limited\".* FROM (").append(SqlLexer.join(tokens.subList(start, tail)).strip())
        .append(") AS \"floe$limited\"");
    if (!bounds.isEmpty()) {
      out.append(" CROSS JOIN (SELECT ").append(String.join(", ", bounds))
          .append(") AS \"floe$bounds\"");
    }
    if (!conditions.isEmpty()) {
      out.append(" QUALIFY ").append(String.join(" AND ", conditions));
    }
    if (keys != null) {
      out.append(" ORDER BY ").append(keys);
    }
    out.append(' ').append(SqlLexer.join(tokens.subList(end, tokens.size())));
    return out.toString();
  }

  /** Where the query holding the clause at {@code at} starts: after its parenthesis or a ';'. */
  private static int queryStart(List<SqlLexer.Token> tokens, int at) {
    int depth = 0;
    for (int k = at - 1; k >= 0; k--) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol(")")) {
        depth++;
      } else if (t.isSymbol("(")) {
        if (depth-- == 0) {
          return k + 1;
        }
      } else if (t.isSymbol(";") && depth == 0) {
        return k + 1;
      }
    }
    return 0;
  }

  /** The index after ORDER BY's keys starting at {@code from}. */
  private static int keysEnd(List<SqlLexer.Token> tokens, int from) {
    int depth = 0;
    int k = from;
    for (; k < tokens.size(); k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        if (depth-- == 0) {
          break;
        }
      } else if (depth == 0 && (t.isSymbol(";") || t.is("limit") || t.is("offset")
          || t.is("fetch"))) {
        break;
      }
    }
    return k;
  }

  /**
   * ORDER BY's keys as the derived table's columns, each a name (its qualifier dropped) with its
   * direction; null if a key is an expression or a position.
   */
  private static String orderKeys(List<SqlLexer.Token> keys) {
    List<String> out = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    String name = null;
    boolean named = false;
    List<SqlLexer.Token> significant = keys.stream().filter(t -> !t.isBlank()).toList();
    for (int i = 0; i <= significant.size(); i++) {
      SqlLexer.Token t = i < significant.size() ? significant.get(i) : null;
      if (t == null || t.isSymbol(",")) {
        if (name == null) {
          return null;
        }
        out.add(name + key);
        key.setLength(0);
        name = null;
        named = false;
        continue;
      }
      if (!named && (t.type() == SqlLexer.Type.QUOTED || t.type() == SqlLexer.Type.WORD)) {
        name = t.text();
        // A qualified name: its last part.
        while (i + 2 < significant.size() && significant.get(i + 1).isSymbol(".")) {
          name = significant.get(i + 2).text();
          i += 2;
        }
        named = true;
      } else if (named && t.type() == SqlLexer.Type.WORD && (t.is("asc") || t.is("desc")
          || t.is("nulls") || t.is("first") || t.is("last"))) {
        key.append(' ').append(t.text());
      } else {
        return null;
      }
    }
    return out.isEmpty() ? null : String.join(", ", out);
  }

  /** A clause's value as SQL: a constant's number, NULL, or the expression checked for sign. */
  private static String value(List<SqlLexer.Token> tokens, int from, int end, boolean limit) {
    String text = SqlLexer.join(tokens.subList(from, end)).strip();
    if (LimitExpressions.isPlain(tokens, from, end)) {
      return tokens.get(from).is("all") ? null : text;
    }
    try {
      BigDecimal v = LimitExpressions.evaluate(text, limit);
      if (v != null && v.signum() < 0) {
        throw new FloeException(limit ? ErrorCode.INVALID_ROW_COUNT_IN_LIMIT
            : ErrorCode.INVALID_ROW_COUNT_IN_OFFSET, limit ? NEGATIVE_LIMIT : NEGATIVE_OFFSET);
      }
      return v == null ? null : v.toPlainString();
    } catch (FloeException e) {
      if (e.code() != ErrorCode.NOT_SUPPORTED) {
        throw e;
      }
    }
    String count = "CAST((" + text + ") AS BIGINT)";
    return "(CASE WHEN " + count + " < 0 THEN " + RuntimeErrors.RAISE.getName() + "('"
        + (limit ? NEGATIVE_LIMIT : NEGATIVE_OFFSET) + "') ELSE " + count + " END)";
  }
}

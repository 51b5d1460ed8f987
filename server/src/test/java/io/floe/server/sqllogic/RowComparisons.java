package io.floe.server.sqllogic;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Row comparisons written as PostgreSQL computes them, for the reference DuckDB
 * (docs/sql.md#row-comparisons): DuckDB compares two rows as structs, where NULL fields are equal
 * ({@code (NULL, 2) = (NULL, 2)} is true); PostgreSQL, the standard and Floe compare them field by
 * field, so a NULL field makes the answer NULL unless another field differs. {@code (a, b) = (c, d)}
 * becomes {@code ((a) = (c) AND (b) = (d))}, and {@code <>} its negation. Works on {@link SqlLexer}
 * tokens; a list that is a function's arguments or a sub-query is left alone.
 */
final class RowComparisons {
  /** Words after which a parenthesis opens an expression, not a function's arguments. */
  private static final Set<String> BEFORE_EXPRESSION = Set.of("select", "where", "and", "or", "not", "on",
      "when", "then", "else", "having", "by", "case", "row", "distinct");

  private RowComparisons() {}

  static String standard(String sql) {
    String out = sql;
    for (int pass = 0; pass < 100; pass++) {
      String next = rewriteFirst(out);
      if (next == null) {
        next = rewriteFirstIn(out);
      }
      if (next == null) {
        return out;
      }
      out = next;
    }
    return out;
  }

  /** The text with its first row comparison rewritten, or null if it has none. */
  private static String rewriteFirst(String sql) {
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int k = 0; k < tokens.size(); k++) {
      SqlLexer.Token op = tokens.get(k);
      if (op.type() != SqlLexer.Type.OPERATOR || !Set.of("=", "<>", "!=").contains(op.text())) {
        continue;
      }
      int leftClose = previous(tokens, k - 1);
      int rightOpen = SqlLexer.nextSignificant(tokens, k + 1);
      if (leftClose < 0 || rightOpen < 0) {
        continue;
      }
      int rightStart = rightOpen;
      if (tokens.get(rightOpen).is("row")) {
        rightOpen = SqlLexer.nextSignificant(tokens, rightOpen + 1);
      }
      if (!tokens.get(leftClose).isSymbol(")") || rightOpen < 0 || !tokens.get(rightOpen).isSymbol("(")) {
        continue;
      }
      int leftOpen = matching(tokens, leftClose, -1);
      int rightClose = matching(tokens, rightOpen, 1);
      if (leftOpen < 0 || rightClose < 0) {
        continue;
      }
      int before = previous(tokens, leftOpen - 1);
      int leftStart = leftOpen;
      if (before >= 0 && tokens.get(before).type() == SqlLexer.Type.WORD) {
        if (!BEFORE_EXPRESSION.contains(tokens.get(before).identifier())) {
          continue;
        }
        if (tokens.get(before).is("row")) {
          leftStart = before;
        }
      }
      List<String> left = items(tokens, leftOpen, leftClose);
      List<String> right = items(tokens, rightOpen, rightClose);
      if (left == null || right == null || left.size() < 2 || left.size() != right.size()) {
        continue;
      }
      List<String> equal = new ArrayList<>();
      for (int i = 0; i < left.size(); i++) {
        equal.add("(" + left.get(i) + ") = (" + right.get(i) + ")");
      }
      String all = "(" + String.join(" AND ", equal) + ")";
      String replaced = op.text().equals("=") ? all : "(NOT " + all + ")";
      return SqlLexer.join(tokens.subList(0, leftStart)) + replaced
          + SqlLexer.join(tokens.subList(rightClose + 1, tokens.size()));
    }
    return null;
  }

  /**
   * The text with its first row tested with IN against a sub-query ({@code (a, b) [NOT] IN (SELECT
   * p, q FROM ...)}) written as a scalar sub-query DuckDB runs also where it is correlated, which
   * DuckDB's own IN with several columns is not: true if a row is equal, else NULL if a comparison
   * was NULL, else false (also for no rows); or null if the text has none.
   */
  private static String rewriteFirstIn(String sql) {
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int k = 0; k < tokens.size(); k++) {
      if (!tokens.get(k).is("in")) {
        continue;
      }
      int before = previous(tokens, k - 1);
      boolean not = before >= 0 && tokens.get(before).is("not");
      int leftClose = not ? previous(tokens, before - 1) : before;
      int open = SqlLexer.nextSignificant(tokens, k + 1);
      if (leftClose < 0 || !tokens.get(leftClose).isSymbol(")") || open < 0
          || !tokens.get(open).isSymbol("(")) {
        continue;
      }
      int leftOpen = matching(tokens, leftClose, -1);
      int close = matching(tokens, open, 1);
      int select = SqlLexer.nextSignificant(tokens, open + 1);
      if (leftOpen < 0 || close < 0 || select < 0 || !tokens.get(select).is("select")) {
        continue;
      }
      int beforeRow = previous(tokens, leftOpen - 1);
      if (beforeRow >= 0 && tokens.get(beforeRow).type() == SqlLexer.Type.WORD
          && !BEFORE_EXPRESSION.contains(tokens.get(beforeRow).identifier())) {
        continue; // a function's arguments
      }
      int leftStart = beforeRow >= 0 && tokens.get(beforeRow).is("row") ? beforeRow : leftOpen;
      List<String> left = items(tokens, leftOpen, leftClose);
      // The sub-query's select list, up to its FROM; nothing after FROM that works on its rows.
      int from = -1;
      int depth = 0;
      for (int i = select + 1; i < close && from < 0; i++) {
        SqlLexer.Token t = tokens.get(i);
        depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        if (depth == 0 && t.is("from")) {
          from = i;
        }
      }
      if (left == null || left.size() < 2
          || tokens.get(SqlLexer.nextSignificant(tokens, select + 1)).is("distinct")) {
        continue;
      }
      // A sub-query without FROM (one row of the outer query's values) ends at its parenthesis.
      int end = from < 0 ? close : from;
      List<String> right = items(tokens, select, end);
      boolean plainRows = true;
      depth = 0;
      for (int i = end; i < close; i++) {
        SqlLexer.Token t = tokens.get(i);
        depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        if (depth == 0 && (t.is("group") || t.is("having") || t.is("limit") || t.is("offset")
            || t.is("union") || t.is("except") || t.is("intersect") || t.is("order"))) {
          plainRows = false;
        }
      }
      if (right == null || right.size() != left.size() || !plainRows) {
        continue;
      }
      // The sub-query's rows as a derived table of fresh names, so that a column of the
      // sub-query's own tables cannot take the outer names the row on the left uses.
      List<String> equal = new ArrayList<>();
      List<String> columns = new ArrayList<>();
      for (int i = 0; i < left.size(); i++) {
        equal.add("(" + left.get(i) + ") = (_floe_in._r" + i + ")");
        columns.add(right.get(i) + " AS _r" + i);
      }
      String match = "(" + String.join(" AND ", equal) + ")";
      String rest = SqlLexer.join(tokens.subList(end, close)).strip();
      String in = "(SELECT CASE WHEN bool_or(" + match + ") THEN true WHEN bool_or(" + match
          + " IS NULL) THEN NULL ELSE false END FROM (SELECT " + String.join(", ", columns)
          + (rest.isEmpty() ? "" : " " + rest) + ") AS _floe_in)";
      return SqlLexer.join(tokens.subList(0, leftStart)) + (not ? "(NOT " + in + ")" : in)
          + SqlLexer.join(tokens.subList(close + 1, tokens.size()));
    }
    return null;
  }

  /** The texts of the comma-separated items between two parentheses, or null for a sub-query. */
  private static List<String> items(List<SqlLexer.Token> tokens, int open, int close) {
    int first = SqlLexer.nextSignificant(tokens, open + 1);
    if (first < 0 || tokens.get(first).is("select") || tokens.get(first).is("with")
        || tokens.get(first).is("values")) {
      return null;
    }
    List<String> items = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol(")") || t.isSymbol("]")) {
        depth--;
      }
      if (depth == 0 && t.isSymbol(",")) {
        items.add(item.toString().strip());
        item.setLength(0);
      } else {
        item.append(t.text());
      }
    }
    items.add(item.toString().strip());
    return items;
  }

  private static int previous(List<SqlLexer.Token> tokens, int from) {
    for (int k = from; k >= 0; k--) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
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

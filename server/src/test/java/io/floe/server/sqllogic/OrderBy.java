package io.floe.server.sqllogic;

import io.floe.server.sqllogic.SqlText.Kind;
import io.floe.server.sqllogic.SqlText.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a query's top-level ORDER BY and LIMIT say about its rows' order: whether there is an ORDER
 * BY, which result columns its leading keys are (as far as they map onto selected columns: by
 * ordinal, alias, expression text or column label), whether every key maps, and whether LIMIT,
 * OFFSET or FETCH cut the result.
 *
 * @param keyColumns result columns of the ORDER BY keys, up to the first key that maps to none
 */
record OrderBy(boolean present, List<Integer> keyColumns, boolean allKeysMapped, boolean limited) {
  static final OrderBy NONE = new OrderBy(false, List.of(), true, false);

  private static final Set<String> SELECT_LIST_END = Set.of("FROM", "WHERE", "GROUP", "HAVING",
      "ORDER", "LIMIT", "OFFSET", "FETCH", "UNION", "EXCEPT", "INTERSECT", "WINDOW", "QUALIFY");
  private static final Set<String> NOT_ALIASES = Set.of("END", "NULL", "TRUE", "FALSE", "ASC",
      "DESC", "FIRST", "LAST");
  private static final Set<String> OPERATOR_WORDS = Set.of("NOT", "AND", "OR", "IS", "LIKE", "ILIKE",
      "IN", "BETWEEN", "SELECT", "DISTINCT", "ALL", "CASE", "WHEN", "THEN", "ELSE", "INTERVAL",
      "DATE", "TIMESTAMP", "TIME", "ESCAPE", "SIMILAR", "TO", "COLLATE");

  /** Analyses {@code sql}; {@code labels} are the result's column labels (from the reference). */
  static OrderBy of(String sql, List<String> labels) {
    List<Token> tokens = SqlText.tokens(sql);
    boolean limited = false;
    int orderAt = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.depth() != 0) {
        continue;
      }
      if (t.is("LIMIT") || t.is("OFFSET") || t.is("FETCH")) {
        limited = true;
      }
      if (t.is("ORDER") && i + 1 < tokens.size() && tokens.get(i + 1).is("BY")) {
        orderAt = i + 2;
      }
    }
    if (orderAt < 0) {
      return new OrderBy(false, List.of(), true, limited);
    }
    List<SelectItem> select = selectList(tokens);
    List<Integer> keys = new ArrayList<>();
    boolean all = true;
    for (List<Token> item : split(tokens, orderAt, Set.of("LIMIT", "OFFSET", "FETCH", ";"))) {
      int column = column(stripDirection(item), select, labels);
      if (column < 0) {
        all = false;
        break;
      }
      keys.add(column);
    }
    return new OrderBy(true, List.copyOf(keys), all, limited);
  }

  private record SelectItem(String text, String alias, String columnName) {}

  /** The items of the first top-level SELECT's list. */
  private static List<SelectItem> selectList(List<Token> tokens) {
    int start = -1;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).depth() == 0 && tokens.get(i).is("SELECT")) {
        start = i + 1;
        break;
      }
    }
    List<SelectItem> items = new ArrayList<>();
    if (start < 0) {
      return items;
    }
    if (start < tokens.size() && (tokens.get(start).is("ALL") || tokens.get(start).is("DISTINCT"))) {
      start++;
      if (start < tokens.size() && tokens.get(start).is("ON")) {
        start = QueryScope.closingParen(tokens, start + 1) + 1;
      }
    }
    for (List<Token> item : split(tokens, start, SELECT_LIST_END)) {
      String alias = null;
      int end = item.size();
      if (item.size() >= 2) {
        Token last = item.get(item.size() - 1);
        Token before = item.get(item.size() - 2);
        if (last.isIdentifier() && before.is("AS")) {
          alias = last.name();
          end = item.size() - 2;
        } else if (last.isIdentifier() && !NOT_ALIASES.contains(last.upper())
            && (before.isIdentifier() && !OPERATOR_WORDS.contains(before.upper())
                || before.kind() == Kind.NUMBER
                || before.kind() == Kind.STRING || before.is(")"))) {
          alias = last.name();
          end = item.size() - 1;
        }
      }
      List<Token> expr = item.subList(0, end);
      items.add(new SelectItem(SqlText.join(expr, 0, expr.size()), alias, columnName(expr)));
    }
    return items;
  }

  /** The column a (qualified) column reference names, or null for other expressions. */
  private static String columnName(List<Token> expr) {
    if (expr.isEmpty() || !expr.get(expr.size() - 1).isIdentifier()) {
      return null;
    }
    for (int i = 0; i < expr.size(); i++) {
      boolean identifierSlot = i % 2 == 0;
      if (identifierSlot ? !expr.get(i).isIdentifier() : !expr.get(i).is(".")) {
        return null;
      }
    }
    return expr.get(expr.size() - 1).name();
  }

  /** Top-level, comma-separated lists from {@code start} to a depth-0 word in {@code stops}. */
  private static List<List<Token>> split(List<Token> tokens, int start, Set<String> stops) {
    List<List<Token>> items = new ArrayList<>();
    List<Token> current = new ArrayList<>();
    for (int i = start; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.depth() == 0 && (t.kind() == Kind.WORD || t.kind() == Kind.SYMBOL)
          && stops.contains(t.upper())) {
        break;
      }
      if (t.depth() == 0 && t.is(",")) {
        items.add(current);
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      items.add(current);
    }
    return items;
  }

  private static List<Token> stripDirection(List<Token> item) {
    int end = item.size();
    while (end > 0) {
      Token t = item.get(end - 1);
      if (t.is("ASC") || t.is("DESC") || t.is("FIRST") || t.is("LAST")) {
        end--;
        if (end > 0 && item.get(end - 1).is("NULLS")) {
          end--;
        }
      } else {
        break;
      }
    }
    return item.subList(0, end);
  }

  /** The result column an ORDER BY key names, or -1. */
  private static int column(List<Token> key, List<SelectItem> select, List<String> labels) {
    if (key.size() == 1 && key.get(0).kind() == Kind.NUMBER && key.get(0).text().matches("\\d+")) {
      int ordinal = Integer.parseInt(key.get(0).text()) - 1;
      return ordinal < labels.size() ? ordinal : -1;
    }
    String text = SqlText.join(key, 0, key.size());
    String name = columnName(key);
    boolean star = select.stream().anyMatch(s -> s.text().endsWith("*"));
    if (star || select.size() != labels.size()) {
      return name == null ? -1 : unique(labels.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList(),
          name.toLowerCase(Locale.ROOT));
    }
    if (name != null && key.size() == 1) {
      int found = unique(select.stream().map(s -> s.alias()).toList(), name);
      if (found >= 0) {
        return found;
      }
    }
    for (int i = 0; i < select.size(); i++) {
      if (select.get(i).text().equals(text)) {
        return i;
      }
    }
    return name == null ? -1 : unique(select.stream().map(s -> s.columnName()).toList(), name);
  }

  private static int unique(List<String> names, String name) {
    int found = -1;
    for (int i = 0; i < names.size(); i++) {
      if (name.equalsIgnoreCase(names.get(i))) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }
}

package io.floe.pgwire;

import io.floe.engine.api.sql.SqlLexer.Token;
import io.floe.engine.api.sql.SqlLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's names for the result columns of a catalog query, which the catalog mirror (DuckDB)
 * names after the expression's text: {@code select version()} is {@code version}, {@code select
 * current_user} is {@code current_user}, {@code select 'x'::name} is {@code name}, {@code select
 * 1 + 1} is {@code ?column?} (PostgreSQL's {@code FigureColname}).
 *
 * <p>Only a plain {@code SELECT} list whose items match the result's columns one to one is named;
 * an item with an alias keeps it, and anything else keeps the mirror's name.
 */
final class PgColumnNames {
  private static final String UNNAMED = "?column?";
  /** Words that end a SELECT list at its level. */
  private static final Set<String> LIST_ENDS = Set.of("from", "where", "group", "having", "window",
      "order", "limit", "offset", "fetch", "for", "into", "union", "intersect", "except");
  /** Keywords before a bracket that PostgreSQL names an expression after. */
  private static final Set<String> NAMED_FORMS = Set.of("array", "exists", "row", "coalesce",
      "greatest", "least", "nullif");
  /** Words that join expressions: a name after one is not an alias, a cast before one not whole. */
  private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "not", "is", "in", "like",
      "ilike", "similar", "between", "collate", "distinct", "from", "else", "then", "when", "case",
      "escape", "at", "operator");
  /** Words that end an expression or a type name, so are no bare alias. */
  private static final Set<String> NOT_ALIASES = Set.of("end", "null", "true", "false", "precision",
      "varying", "zone");
  /** Type names as PostgreSQL names a cast's column. */
  private static final Map<String, String> TYPE_NAMES = Map.ofEntries(Map.entry("integer", "int4"),
      Map.entry("int", "int4"), Map.entry("smallint", "int2"), Map.entry("bigint", "int8"),
      Map.entry("real", "float4"), Map.entry("float", "float8"), Map.entry("double", "float8"),
      Map.entry("boolean", "bool"), Map.entry("decimal", "numeric"), Map.entry("dec", "numeric"),
      Map.entry("character", "bpchar"), Map.entry("char", "bpchar"));

  private PgColumnNames() {}

  /** {@code columns} renamed as PostgreSQL names them for the statement {@code tokens}. */
  static List<PgColumn> of(List<Token> tokens, List<PgColumn> columns) {
    if (columns == null) {
      return null;
    }
    List<List<Token>> items = selectItems(tokens);
    if (items == null || items.size() != columns.size()) {
      return columns;
    }
    List<PgColumn> named = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      PgColumn c = columns.get(i);
      String name = name(items.get(i));
      named.add(name == null ? c : new PgColumn(name, c.type(), c.typmod()));
    }
    return named;
  }

  /** The items of a plain SELECT's list, or null when the statement is not one or has a star. */
  private static List<List<Token>> selectItems(List<Token> t) {
    if (t.isEmpty() || !t.get(0).is("select")) {
      return null;
    }
    int i = 1;
    if (i < t.size() && t.get(i).is("all")) {
      i++;
    } else if (i < t.size() && t.get(i).is("distinct")) {
      return null;
    }
    List<List<Token>> items = new ArrayList<>();
    List<Token> item = new ArrayList<>();
    int depth = 0;
    for (; i < t.size(); i++) {
      Token token = t.get(i);
      if (token.isSymbol("(") || token.isSymbol("[")) {
        depth++;
      } else if (token.isSymbol(")") || token.isSymbol("]")) {
        depth--;
      } else if (depth == 0 && (token.type() == Type.WORD && LIST_ENDS.contains(token.identifier())
          || token.isSymbol(";"))) {
        break;
      } else if (depth == 0 && token.isSymbol(",")) {
        items.add(item);
        item = new ArrayList<>();
        continue;
      } else if (depth == 0 && token.isSymbol("*")
          && (item.isEmpty() || item.get(item.size() - 1).isSymbol("."))) {
        return null;
      }
      item.add(token);
    }
    items.add(item);
    return items.stream().anyMatch(List::isEmpty) ? null : items;
  }

  /** PostgreSQL's name for an item, or null to keep the mirror's (an alias, or not understood). */
  private static String name(List<Token> item) {
    int n = item.size();
    Token last = item.get(n - 1);
    boolean bare = !(last.type() == Type.WORD && NOT_ALIASES.contains(last.identifier()));
    if (n >= 2 && last.isIdentifier() && (item.get(n - 2).is("as") || bare && endsValue(item.get(n - 2)))) {
      return null;
    }
    String name = figure(item);
    return name == null ? UNNAMED : name;
  }

  /** Whether a token can end an expression, so that a name after it is a bare alias. */
  private static boolean endsValue(Token t) {
    return t.isSymbol(")") || t.isSymbol("]") || t.type() == Type.STRING || t.type() == Type.NUMBER
        || t.type() == Type.QUOTED || t.type() == Type.WORD && !OPERATOR_WORDS.contains(t.identifier());
  }

  /** FigureColname over an expression's tokens: a name, or null where PostgreSQL says ?column?. */
  private static String figure(List<Token> e) {
    int n = e.size();
    // ( expression )
    if (n >= 3 && e.get(0).isSymbol("(") && closing(e, 0) == n - 1) {
      return figure(e.subList(1, n - 1));
    }
    int cast = lastTopLevelCast(e);
    if (cast > 0) {
      String inner = figure(e.subList(0, cast));
      return inner != null ? inner : typeName(e.subList(cast + 1, n));
    }
    // a (qualified) name
    int end = qualifiedEnd(e, 0);
    if (end == n - 1 && e.get(end).isIdentifier()) {
      // a column, or a keyword read as a value (current_user, current_catalog, ...)
      return e.get(end).identifier();
    }
    if (n >= 4 && e.get(0).is("cast") && e.get(1).isSymbol("(") && closing(e, 1) == n - 1) {
      int as = topLevelWord(e, 2, n - 1, "as");
      if (as < 0) {
        return null;
      }
      String inner = figure(e.subList(2, as));
      return inner != null ? inner : typeName(e.subList(as + 1, n - 1));
    }
    if (e.get(0).is("case") && e.get(n - 1).is("end")) {
      return "case";
    }
    if (e.get(0).type() == Type.WORD && NAMED_FORMS.contains(e.get(0).identifier()) && n >= 3
        && (e.get(1).isSymbol("(") || e.get(1).isSymbol("[")) && closing(e, 1) == n - 1) {
      return e.get(0).identifier();
    }
    // a function call: name ( ... ) and nothing after
    if (end + 1 < n && e.get(end).isIdentifier() && e.get(end + 1).isSymbol("(")
        && closing(e, end + 1) == n - 1) {
      return e.get(end).identifier();
    }
    return null;
  }

  /** The index of the last name of a possibly qualified name starting at {@code i}. */
  private static int qualifiedEnd(List<Token> e, int i) {
    int end = i;
    while (end + 2 < e.size() && e.get(end + 1).isSymbol(".") && e.get(end + 2).isIdentifier()) {
      end += 2;
    }
    return end;
  }

  /** The bracket closing the one at {@code open}, or -1. */
  private static int closing(List<Token> e, int open) {
    int depth = 0;
    for (int i = open; i < e.size(); i++) {
      if (e.get(i).isSymbol("(") || e.get(i).isSymbol("[")) {
        depth++;
      } else if ((e.get(i).isSymbol(")") || e.get(i).isSymbol("]")) && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The {@code ::} of a cast that is the whole expression ({@code a::int}, {@code f(x)::text[]}),
   * or -1 ({@code a::int + 1}, {@code 1 + a::int}: an operator is the whole expression).
   */
  private static int lastTopLevelCast(List<Token> e) {
    int depth = 0;
    int found = -1;
    for (int i = 0; i < e.size(); i++) {
      Token t = e.get(i);
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol(")") || t.isSymbol("]")) {
        depth--;
      } else if (depth == 0 && t.isSymbol("::")) {
        found = i;
      } else if (depth == 0 && (t.type() == Type.OPERATOR || t.type() == Type.WORD
          && OPERATOR_WORDS.contains(t.identifier()))) {
        return -1;
      }
    }
    return found;
  }

  private static int topLevelWord(List<Token> e, int from, int to, String word) {
    int depth = 0;
    for (int i = from; i < to; i++) {
      if (e.get(i).isSymbol("(") || e.get(i).isSymbol("[")) {
        depth++;
      } else if (e.get(i).isSymbol(")") || e.get(i).isSymbol("]")) {
        depth--;
      } else if (depth == 0 && e.get(i).is(word)) {
        return i;
      }
    }
    return -1;
  }

  /** A cast's column name: its type's name as PostgreSQL spells it ({@code integer} is int4). */
  private static String typeName(List<Token> type) {
    if (type.isEmpty() || !type.get(0).isIdentifier()) {
      return null;
    }
    int end = qualifiedEnd(type, 0);
    String name = type.get(end).identifier();
    if (type.get(end).type() == Type.QUOTED) {
      return name;
    }
    if (name.equals("character") || name.equals("char")) {
      return end + 1 < type.size() && type.get(end + 1).is("varying") ? "varchar" : "bpchar";
    }
    if (name.startsWith("timestamp") || name.equals("time")) {
      boolean zoned = type.stream().anyMatch(t -> t.is("with"));
      return name.equals("time") ? (zoned ? "timetz" : "time") : zoned ? "timestamptz" : "timestamp";
    }
    return TYPE_NAMES.getOrDefault(name, name);
  }
}

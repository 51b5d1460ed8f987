package io.floe.pgwire;

import io.floe.engine.api.sql.SqlLexer.Token;
import io.floe.engine.api.sql.SqlLexer.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides, from a statement's tokens, whether it reads PostgreSQL's catalog (and so runs in the
 * {@link PgCatalogMirror}) or is an ordinary statement for the engine.
 *
 * <ul>
 *   <li>A statement that names a catalog relation ({@code pg_catalog.x}, {@code
 *       information_schema.x}, an unqualified {@code pg_class}, ... in a FROM list) or casts to a
 *       {@code reg*} type reads the catalog. If it is not a query it is refused: the catalog is
 *       read-only, and the engine does not know those relations.</li>
 *   <li>A query that reads no relation but the catalog's, and calls a PostgreSQL catalog function
 *       ({@code version()}, {@code current_setting(...)}, {@code pg_get_userbyid(...)}) or reads
 *       {@code current_user}, also runs in the mirror: the engine does not know those functions.</li>
 *   <li>Everything else, including a query or write over the user's tables that happens to call
 *       such a function, goes to the engine.</li>
 * </ul>
 */
final class PgCatalogRouting {
  /** Where a statement runs. */
  enum Target {
    /** The catalog mirror. */
    CATALOG,
    /** A statement that would change the catalog: refused. */
    CATALOG_WRITE,
    /** The engine. */
    ENGINE
  }

  /**
   * Functions that only make sense over the catalog or the session. General functions that catalog
   * queries also call (generate_series, unnest, array_upper, quote_ident, ...) are not among them:
   * a statement calling only those is an ordinary one, with the engine's PostgreSQL semantics.
   */
  private static final Set<String> CATALOG_FUNCTIONS = Set.of("current_setting", "set_config",
      "version", "current_database", "current_schema", "current_schemas", "has_table_privilege",
      "has_schema_privilege", "has_database_privilege", "has_column_privilege",
      "has_function_privilege", "format_type", "obj_description", "col_description",
      "shobj_description", "to_regclass", "to_regtype", "txid_current", "inet_server_addr",
      "inet_server_port", "inet_client_addr");
  private static final Set<String> CATALOG_WORDS = Set.of("current_user", "session_user",
      "current_catalog", "current_role");
  static final Set<String> REG_TYPES = Set.of("regclass", "regtype", "regnamespace",
      "regproc", "regprocedure", "regrole", "regoper", "regoperator");
  /** PostgreSQL-only types that a statement without user relations casts to (catalog queries). */
  private static final Set<String> CATALOG_TYPES = Set.of("oid", "name");
  private static final Set<String> QUERIES = Set.of("select", "with", "values", "table");
  /** Words that end a FROM list at its level. */
  private static final Set<String> FROM_ENDS = Set.of("where", "group", "order", "limit",
      "having", "union", "except", "intersect", "on", "using", "window", "offset", "fetch",
      "returning", "set", "select", "values", "for");

  private PgCatalogRouting() {}

  /** Where the statement (its significant tokens, without a trailing semicolon) runs. */
  static Target route(List<Token> tokens) {
    if (tokens.isEmpty()) {
      return Target.ENGINE;
    }
    boolean query = tokens.get(0).isSymbol("(")
        || QUERIES.contains(tokens.get(0).identifier()) && tokens.get(0).type() == Type.WORD;
    Scan scan = new Scan(tokens);
    if (scan.catalogRelation) {
      return query ? Target.CATALOG : Target.CATALOG_WRITE;
    }
    if (query && scan.catalogFunction && !scan.userRelation) {
      return Target.CATALOG;
    }
    return Target.ENGINE;
  }

  static boolean isCatalogQuery(List<Token> tokens) {
    return route(tokens) == Target.CATALOG;
  }

  /** One pass over the tokens, noting what the statement names. */
  private static final class Scan {
    boolean catalogRelation;
    boolean catalogFunction;
    boolean userRelation;

    Scan(List<Token> t) {
      Set<String> ctes = cteNames(t);
      // Paren depth of each open FROM list; a relation follows FROM, JOIN or a comma in one.
      int depth = 0;
      int fromDepth = -1;
      boolean expectRelation = false;
      for (int i = 0; i < t.size(); i++) {
        Token token = t.get(i);
        boolean call = i + 1 < t.size() && t.get(i + 1).isSymbol("(");
        if (token.isSymbol("(")) {
          depth++;
          expectRelation = false;
          continue;
        }
        if (token.isSymbol(")")) {
          depth--;
          if (fromDepth > depth) {
            fromDepth = -1;
          }
          continue;
        }
        if (token.isSymbol("::") && i + 1 < t.size()) {
          String type = qualifiedLast(t, i + 1);
          if (REG_TYPES.contains(type)) {
            catalogRelation = true;
          } else if (CATALOG_TYPES.contains(type)) {
            catalogFunction = true;
          }
          continue;
        }
        if (token.is("from") || token.is("join") || token.is("into") || token.is("update")
            || (token.is("table") && i == 0)) {
          fromDepth = token.is("from") || token.is("join") ? depth : -1;
          expectRelation = true;
          continue;
        }
        if (token.isSymbol(",") && fromDepth == depth) {
          expectRelation = true;
          continue;
        }
        if (token.type() == Type.WORD && FROM_ENDS.contains(token.identifier()) && fromDepth == depth) {
          fromDepth = -1;
        }
        if (!token.isIdentifier()) {
          expectRelation = false;
          continue;
        }
        String name = token.identifier();
        boolean qualifier = i + 1 < t.size() && t.get(i + 1).isSymbol(".");
        if (qualifier && (name.equals("pg_catalog") || name.equals("information_schema"))
            && !followsCollateOrOperator(t, i) && !namesFunction(t, i)) {
          catalogRelation = true;
        }
        if (expectRelation && !token.is("lateral") && !token.is("only")) {
          expectRelation = false;
          int end = i;
          while (end + 2 < t.size() && t.get(end + 1).isSymbol(".")) {
            end += 2;
          }
          boolean function = end + 1 < t.size() && t.get(end + 1).isSymbol("(");
          String relation = t.get(end).identifier();
          if (end == i && PgCatalogMirror.relations().contains(relation)) {
            catalogRelation = true;
          } else if (function) {
            if (isCatalogFunction(relation)) {
              catalogFunction = true;
            }
          } else if (!(end == i && ctes.contains(relation))) {
            userRelation = true;
          }
          i = end;
          continue;
        }
        if (token.type() == Type.WORD && (CATALOG_WORDS.contains(name) || (call && isCatalogFunction(name)))) {
          catalogFunction = true;
        }
      }
    }

    /**
     * {@code pg_catalog.f(...)} names a function, which makes a catalog query only if the function
     * is a catalog one ({@code pg_catalog.generate_series(1, 3)} is not).
     */
    private static boolean namesFunction(List<Token> t, int i) {
      return i + 3 < t.size() && t.get(i + 2).isIdentifier() && t.get(i + 3).isSymbol("(");
    }

    /** {@code COLLATE pg_catalog.x} and {@code OPERATOR(pg_catalog.~)} name no relation. */
    private static boolean followsCollateOrOperator(List<Token> t, int i) {
      return i >= 1 && t.get(i - 1).is("collate")
          || i >= 2 && t.get(i - 1).isSymbol("(") && t.get(i - 2).is("operator");
    }

    private static boolean isCatalogFunction(String name) {
      return name.startsWith("pg_") || CATALOG_FUNCTIONS.contains(name);
    }

    /** The last name of a possibly qualified name starting at {@code i}. */
    private static String qualifiedLast(List<Token> t, int i) {
      int end = i;
      while (end + 2 < t.size() && t.get(end + 1).isSymbol(".")) {
        end += 2;
      }
      return t.get(end).isIdentifier() ? t.get(end).identifier() : "";
    }

    /** Names a WITH clause defines: {@code name [(columns)] AS [NOT] [MATERIALIZED] (}. */
    private static Set<String> cteNames(List<Token> t) {
      Set<String> names = new HashSet<>();
      for (int i = 0; i + 1 < t.size(); i++) {
        if (!t.get(i).isIdentifier()) {
          continue;
        }
        int j = i + 1;
        if (t.get(j).isSymbol("(")) {
          int depth = 0;
          for (; j < t.size(); j++) {
            if (t.get(j).isSymbol("(")) {
              depth++;
            } else if (t.get(j).isSymbol(")") && --depth == 0) {
              break;
            }
          }
          j++;
        }
        if (j < t.size() && t.get(j).is("as")) {
          int k = j + 1;
          while (k < t.size() && (t.get(k).is("not") || t.get(k).is("materialized"))) {
            k++;
          }
          if (k < t.size() && t.get(k).isSymbol("(")) {
            names.add(t.get(i).identifier());
          }
        }
      }
      return names;
    }
  }
}

package io.floe.server.sqllogic;

import io.floe.server.sqllogic.GeneratedTables.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random queries over {@link GeneratedTables}: projections, aggregates with and without
 * GROUP BY (with HAVING), DISTINCT, ORDER BY on unselected columns, LIMIT/OFFSET, scalar, IN and
 * EXISTS sub-queries (correlated or not), inner and left joins of two or three tables, set
 * operations and derived tables. Query {@code n} depends only on the seed and {@code n}, so any
 * failure replays with {@code -Dsqllogic.seed=S -Dsqllogic.ids=generated/seed-S:n}.
 *
 * <p>An ORDER BY is always completed to a total order (by the row ids, every selected column, or
 * every group key), so ordered results compare row by row and LIMIT picks the same rows.
 */
final class QueryGenerator {
  private final Random r;
  private final List<String> aliases = new ArrayList<>();
  private ExpressionGenerator g;

  private QueryGenerator(long seed, int n) {
    this.r = new Random(seed * 1_000_003L + n);
  }

  /** The script: the tables' setup, then {@code count} queries. */
  static SltScript script(long seed, int count) {
    String name = name(seed);
    List<SltRecord> records = new ArrayList<>();
    List<String> setup = GeneratedTables.setup(seed);
    for (int i = 0; i < setup.size(); i++) {
      records.add(new SltRecord.Statement(name + ":setup" + (i + 1), 0, setup.get(i), false));
    }
    for (int n = 1; n <= count; n++) {
      QueryGenerator q = new QueryGenerator(seed, n);
      String sql = q.query();
      records.add(new SltRecord.Query(name + ":" + n, n, sql, q.ordered ? SortMode.ORDERED : SortMode.NOSORT));
    }
    return new SltScript(name, records, null);
  }

  static String name(long seed) {
    return "generated/seed-" + seed;
  }

  private boolean ordered;

  private String query() {
    int shape = r.nextInt(20);
    if (shape < 6) {
      return projection();
    }
    if (shape < 9) {
      return aggregate();
    }
    if (shape < 14) {
      return grouped();
    }
    if (shape < 16) {
      return scalarSubquery();
    }
    if (shape < 18) {
      return setOperation();
    }
    return derived();
  }

  /** FROM with one to three tables, aliases a, b, c. */
  private String from() {
    aliases.clear();
    aliases.add("a");
    int tables = r.nextInt(10) < 5 ? 1 : r.nextInt(10) < 7 ? 2 : 3;
    StringBuilder sql = new StringBuilder(" FROM " + table() + " a");
    for (int t = 1; t < tables; t++) {
      String alias = t == 1 ? "b" : "c";
      String earlier = aliases.get(r.nextInt(aliases.size()));
      String join = r.nextBoolean() ? " JOIN " : " LEFT JOIN ";
      String left = List.of("i", "j", "id").get(r.nextInt(3));
      String right = left.equals("j") ? "j" : r.nextBoolean() ? "id" : "i";
      sql.append(join).append(table()).append(' ').append(alias).append(" ON ").append(earlier)
          .append('.').append(left).append(" = ").append(alias).append('.').append(right);
      aliases.add(alias);
      if (r.nextInt(4) == 0) {
        sql.append(" AND ").append(new ExpressionGenerator(r, aliases).bool(1).sql());
      }
    }
    g = new ExpressionGenerator(r, aliases);
    return sql.toString();
  }

  private String table() {
    return GeneratedTables.TABLES.get(r.nextInt(GeneratedTables.TABLES.size()));
  }

  private String where() {
    int k = r.nextInt(10);
    if (k < 3) {
      return "";
    }
    String predicate = k < 7 ? g.bool(2).sql() : subqueryPredicate();
    return " WHERE " + predicate;
  }

  /**
   * IN, NOT IN (also of a row of two values), EXISTS, NOT EXISTS or a comparison with a scalar
   * sub-query.
   */
  private String subqueryPredicate() {
    ExpressionGenerator inner = new ExpressionGenerator(r, List.of("x"));
    String outer = aliases.get(r.nextInt(aliases.size()));
    String correlation = r.nextBoolean() ? " AND x.j = " + outer + ".j" : "";
    String filter = " WHERE " + inner.bool(1).sql() + correlation;
    return switch (r.nextInt(5)) {
      case 4 -> "(" + outer + ".i, " + outer + ".j)" + (r.nextInt(3) == 0 ? " NOT" : "")
          + " IN (SELECT x.i, x.j FROM " + table() + " x" + filter + ")";
      case 0 -> outer + ".i" + (r.nextInt(3) == 0 ? " NOT" : "") + " IN (SELECT x."
          + List.of("i", "j", "id").get(r.nextInt(3)) + " FROM " + table() + " x" + filter + ")";
      case 1 -> (r.nextInt(3) == 0 ? "NOT " : "") + "EXISTS (SELECT 1 FROM " + table() + " x" + filter + ")";
      case 2 -> outer + ".d " + List.of("<", ">", "=").get(r.nextInt(3)) + " (SELECT "
          + List.of("avg", "max", "min", "sum").get(r.nextInt(4)) + "(x.d) FROM " + table() + " x" + filter + ")";
      default -> outer + ".s IN (SELECT x.s FROM " + table() + " x" + filter + ")";
    };
  }

  private String projection() {
    String from = from();
    boolean distinct = r.nextInt(5) == 0;
    int n = 1 + r.nextInt(4);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(g.any(3).sql() + " AS c" + (i + 1));
    }
    if (r.nextInt(8) == 0) {
      // A sub-query predicate as a value, where NULL and false differ.
      items.add("(" + subqueryPredicate() + ") AS c" + (n + 1));
    }
    String sql = "SELECT " + (distinct ? "DISTINCT " : "") + String.join(", ", items) + from + where();
    if (r.nextInt(10) < 3) {
      return sql;
    }
    ordered = true;
    List<String> keys = new ArrayList<>();
    if (distinct) {
      for (int i = 1; i <= items.size(); i++) {
        keys.add(i + direction());
      }
    } else {
      for (int k = r.nextInt(3); k > 0; k--) {
        keys.add((r.nextBoolean() ? Integer.toString(1 + r.nextInt(n)) : g.column(kinds()).sql())
            + direction());
      }
      for (String alias : aliases) {
        keys.add(alias + ".id" + direction());
      }
    }
    return sql + " ORDER BY " + String.join(", ", keys) + limit();
  }

  private String aggregate() {
    String from = from();
    int n = 1 + r.nextInt(3);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(g.aggregate().sql());
    }
    return "SELECT " + String.join(", ", items) + from + where();
  }

  private String grouped() {
    String from = from();
    int keys = 1 + r.nextInt(2);
    List<String> groups = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      String key = r.nextInt(3) == 0 ? g.any(1).sql() : g.column(kinds()).sql();
      // a key without a column is a constant, which DuckDB may read as a GROUP BY ordinal
      groups.add(key.contains(".") ? key : g.column(kinds()).sql());
    }
    List<String> items = new ArrayList<>(groups);
    int aggregates = 1 + r.nextInt(3);
    for (int i = 0; i < aggregates; i++) {
      items.add(g.aggregate().sql());
    }
    String sql = "SELECT " + String.join(", ", items) + from + where() + " GROUP BY "
        + String.join(", ", groups);
    if (r.nextInt(3) == 0) {
      sql += " HAVING " + having();
    }
    if (r.nextInt(10) < 3) {
      return sql;
    }
    ordered = true;
    List<String> order = new ArrayList<>();
    if (r.nextInt(3) == 0) {
      order.add(Integer.toString(keys + 1 + r.nextInt(aggregates)) + direction());
    }
    for (int i = 1; i <= keys; i++) {
      order.add(i + direction());
    }
    return sql + " ORDER BY " + String.join(", ", order) + limit();
  }

  private String having() {
    return switch (r.nextInt(4)) {
      case 0 -> "count(*) > " + r.nextInt(3);
      case 1 -> "sum(" + g.column(Kind.INT, Kind.DECIMAL).sql() + ") > " + (r.nextInt(41) - 20);
      case 2 -> "min(" + g.column(Kind.STRING).sql() + ") IS NOT NULL";
      default -> "avg(" + g.column(Kind.DOUBLE, Kind.DECIMAL).sql() + ") < " + r.nextInt(100);
    };
  }

  private String scalarSubquery() {
    String from = from();
    String outer = aliases.get(r.nextInt(aliases.size()));
    ExpressionGenerator inner = new ExpressionGenerator(r, List.of("x"));
    String correlation = r.nextInt(3) == 0 ? "" : " WHERE x." + List.of("i", "j").get(r.nextInt(2))
        + " = " + outer + "." + List.of("i", "j", "id").get(r.nextInt(3));
    String sub = "(SELECT " + inner.aggregate().sql() + " FROM " + table() + " x" + correlation + ")";
    String sql = "SELECT " + outer + ".id, " + sub + " AS sq, " + g.any(2).sql() + " AS c" + from + where();
    ordered = true;
    List<String> keys = new ArrayList<>();
    for (String alias : aliases) {
      keys.add(alias + ".id");
    }
    return sql + " ORDER BY " + String.join(", ", keys) + limit();
  }

  private String setOperation() {
    Kind[] kinds = {r.nextBoolean() ? Kind.INT : Kind.DECIMAL, Kind.STRING};
    String left = branch(kinds);
    String right = branch(kinds);
    String op = List.of("UNION", "UNION ALL", "EXCEPT", "INTERSECT").get(r.nextInt(4));
    ordered = r.nextBoolean();
    return left + " " + op + " " + right + (ordered ? " ORDER BY 1, 2" + limit() : "");
  }

  private String branch(Kind[] kinds) {
    String from = from();
    return "SELECT " + g.of(kinds[0], 2).sql() + ", " + g.of(kinds[1], 1).sql() + from + where();
  }

  private String derived() {
    aliases.clear();
    aliases.add("a");
    g = new ExpressionGenerator(r, aliases);
    String inner = "SELECT a.id, a.j AS k, " + g.numeric(2).sql() + " AS v, a.s AS w FROM " + table() + " a"
        + where();
    String sql = "SELECT t.k, count(*), sum(t.v), max(t.w) FROM (" + inner + ") t GROUP BY t.k";
    ordered = r.nextBoolean();
    return sql + (ordered ? " ORDER BY 1" + limit() : "");
  }

  private Kind[] kinds() {
    return Kind.values();
  }

  private String direction() {
    return r.nextInt(3) == 0 ? " DESC" : "";
  }

  private String limit() {
    int k = r.nextInt(10);
    if (k < 7) {
      return "";
    }
    return " LIMIT " + (1 + r.nextInt(10)) + (k == 9 ? " OFFSET " + r.nextInt(5) : "");
  }
}

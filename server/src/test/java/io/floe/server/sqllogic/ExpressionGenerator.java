package io.floe.server.sqllogic;

import io.floe.server.sqllogic.GeneratedTables.Column;
import io.floe.server.sqllogic.GeneratedTables.Kind;
import java.util.List;
import java.util.Random;

/**
 * Random typed expressions over the columns of some aliases of {@link GeneratedTables}: integer and
 * decimal arithmetic (integer division included, divisors mostly guarded with NULLIF), comparisons,
 * AND/OR/NOT, IS NULL, BETWEEN, IN lists (some with NULL), LIKE, CASE, COALESCE, NULLIF, CAST,
 * string and date functions, and aggregates.
 */
final class ExpressionGenerator {
  /** An expression's SQL and kind. */
  record Expr(String sql, Kind kind) {}

  private final Random r;
  private final List<String> aliases;

  ExpressionGenerator(Random r, List<String> aliases) {
    this.r = r;
    this.aliases = List.copyOf(aliases);
  }

  Expr of(Kind kind, int depth) {
    return switch (kind) {
      case STRING -> string(depth);
      case DATE -> date(depth);
      case BOOLEAN -> bool(depth);
      default -> numeric(depth);
    };
  }

  /** An expression of a random kind, numbers more often. */
  Expr any(int depth) {
    int k = r.nextInt(10);
    return k < 5 ? numeric(depth) : k < 7 ? string(depth) : k < 8 ? date(depth) : bool(depth);
  }

  Expr column(Kind... kinds) {
    List<Column> matching = GeneratedTables.COLUMNS.stream()
        .filter(c -> List.of(kinds).contains(c.kind())).toList();
    Column c = matching.get(r.nextInt(matching.size()));
    return new Expr(aliases.get(r.nextInt(aliases.size())) + "." + c.name(), c.kind());
  }

  Expr numeric(int depth) {
    if (depth <= 0 || r.nextInt(10) < 3) {
      return numericLeaf();
    }
    switch (r.nextInt(14)) {
      case 0, 1, 2 -> {
        Expr a = numeric(depth - 1);
        Expr b = r.nextBoolean() ? numericLeaf() : numeric(depth - 1);
        String op = List.of("+", "-", "*").get(r.nextInt(3));
        return new Expr("(" + a.sql() + " " + op + " " + b.sql() + ")", wider(a.kind(), b.kind()));
      }
      case 3, 4 -> {
        Expr a = numeric(depth - 1);
        Expr b = divisor();
        String op = r.nextInt(3) == 0 ? "%" : "/";
        return new Expr("(" + a.sql() + " " + op + " " + b.sql() + ")", wider(a.kind(), b.kind()));
      }
      case 5 -> {
        Expr a = numeric(depth - 1);
        return new Expr(r.nextBoolean() ? "(-" + a.sql() + ")" : "abs(" + a.sql() + ")", a.kind());
      }
      case 6 -> {
        Expr a = numeric(depth - 1);
        Expr b = numeric(depth - 1);
        return new Expr("CASE WHEN " + bool(depth - 1).sql() + " THEN " + a.sql()
            + (r.nextInt(4) == 0 ? "" : " ELSE " + b.sql()) + " END", wider(a.kind(), b.kind()));
      }
      case 7 -> {
        Expr a = numeric(depth - 1);
        Expr b = numeric(depth - 1);
        return new Expr("COALESCE(" + a.sql() + ", " + b.sql() + ")", wider(a.kind(), b.kind()));
      }
      case 8 -> {
        Expr a = numeric(depth - 1);
        return new Expr("NULLIF(" + a.sql() + ", " + numericLeaf().sql() + ")", a.kind());
      }
      case 9 -> {
        Expr a = numeric(depth - 1);
        int t = r.nextInt(4);
        String type = List.of("INTEGER", "BIGINT", "DECIMAL(12,3)", "DOUBLE").get(t);
        Kind kind = List.of(Kind.INT, Kind.BIGINT, Kind.DECIMAL, Kind.DOUBLE).get(t);
        return new Expr("CAST(" + a.sql() + " AS " + type + ")", kind);
      }
      case 10 -> {
        return new Expr("length(" + string(depth - 1).sql() + ")", Kind.INT);
      }
      case 11 -> {
        String field = List.of("YEAR", "MONTH", "DAY").get(r.nextInt(3));
        return new Expr("EXTRACT(" + field + " FROM " + date(depth - 1).sql() + ")", Kind.BIGINT);
      }
      case 12 -> {
        Expr a = numeric(depth - 1);
        return new Expr("round(" + a.sql() + ", " + r.nextInt(3) + ")", a.kind());
      }
      default -> {
        Expr a = numeric(depth - 1);
        String f = List.of("floor", "ceil", "sign").get(r.nextInt(3));
        return new Expr(f + "(" + a.sql() + ")", a.kind());
      }
    }
  }

  private Expr numericLeaf() {
    int k = r.nextInt(10);
    if (k < 7) {
      return column(Kind.INT, Kind.BIGINT, Kind.DECIMAL, Kind.DOUBLE);
    }
    if (k < 9) {
      int v = r.nextInt(21) - 5;
      return new Expr(v < 0 ? "(" + v + ")" : Integer.toString(v), Kind.INT);
    }
    return r.nextBoolean()
        ? new Expr(List.of("2.50", "0.1", "100.125", "3.0").get(r.nextInt(4)), Kind.DECIMAL)
        : new Expr(List.of("1.5e0", "0.25e0", "1e3").get(r.nextInt(3)), Kind.DOUBLE);
  }

  private Expr divisor() {
    int k = r.nextInt(40);
    if (k == 0) {
      return new Expr("0", Kind.INT);
    }
    if (k < 10) {
      return new Expr(List.of("2", "3", "7", "(-4)", "0.5", "2.5e0").get(r.nextInt(6)),
          k < 7 ? Kind.INT : Kind.DECIMAL);
    }
    Expr leaf = numericLeaf();
    return new Expr("NULLIF(" + leaf.sql() + ", 0)", leaf.kind());
  }

  private static Kind wider(Kind a, Kind b) {
    if (a == Kind.DOUBLE || b == Kind.DOUBLE) {
      return Kind.DOUBLE;
    }
    if (a == Kind.DECIMAL || b == Kind.DECIMAL) {
      return Kind.DECIMAL;
    }
    return a == Kind.BIGINT || b == Kind.BIGINT ? Kind.BIGINT : Kind.INT;
  }

  Expr string(int depth) {
    if (depth <= 0 || r.nextInt(10) < 4) {
      return r.nextInt(4) == 0
          ? new Expr("'" + GeneratedTables.STRINGS.get(r.nextInt(GeneratedTables.STRINGS.size())) + "'",
              Kind.STRING)
          : column(Kind.STRING);
    }
    Expr a = string(depth - 1);
    String sql = switch (r.nextInt(10)) {
      case 0 -> "upper(" + a.sql() + ")";
      case 1 -> "lower(" + a.sql() + ")";
      case 2 -> "(" + a.sql() + " || " + string(depth - 1).sql() + ")";
      case 3 -> "concat(" + a.sql() + ", " + string(depth - 1).sql() + ")";
      case 4 -> "substring(" + a.sql() + " FROM " + (1 + r.nextInt(3)) + " FOR " + r.nextInt(4) + ")";
      case 5 -> "trim(" + a.sql() + ")";
      case 6 -> "COALESCE(" + a.sql() + ", 'none')";
      case 7 -> "CASE WHEN " + bool(depth - 1).sql() + " THEN " + a.sql() + " ELSE "
          + string(depth - 1).sql() + " END";
      case 8 -> "replace(" + a.sql() + ", 'a', 'xy')";
      default -> {
        Expr n = numeric(depth - 1);
        yield "CAST(" + n.sql() + " AS VARCHAR)";
      }
    };
    return new Expr(sql, Kind.STRING);
  }

  Expr date(int depth) {
    if (depth <= 0 || r.nextInt(10) < 6) {
      return r.nextInt(5) == 0 ? new Expr("DATE '2022-06-15'", Kind.DATE) : column(Kind.DATE);
    }
    return switch (r.nextInt(3)) {
      case 0 -> new Expr("COALESCE(" + date(depth - 1).sql() + ", DATE '2000-01-01')", Kind.DATE);
      case 1 -> new Expr("CASE WHEN " + bool(depth - 1).sql() + " THEN " + date(depth - 1).sql()
          + " ELSE " + date(depth - 1).sql() + " END", Kind.DATE);
      default -> new Expr("CAST(" + date(depth - 1).sql() + " + INTERVAL '1' DAY AS DATE)", Kind.DATE);
    };
  }

  Expr bool(int depth) {
    if (depth <= 0) {
      return comparison(0);
    }
    return switch (r.nextInt(12)) {
      case 0, 1, 2 -> comparison(depth - 1);
      case 3 -> new Expr("(" + bool(depth - 1).sql() + " AND " + bool(depth - 1).sql() + ")", Kind.BOOLEAN);
      case 4 -> new Expr("(" + bool(depth - 1).sql() + " OR " + bool(depth - 1).sql() + ")", Kind.BOOLEAN);
      case 5 -> new Expr("(NOT " + bool(depth - 1).sql() + ")", Kind.BOOLEAN);
      case 6 -> new Expr(any(depth - 1).sql() + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL"),
          Kind.BOOLEAN);
      case 7 -> {
        Expr x = numeric(depth - 1);
        yield new Expr(x.sql() + (r.nextInt(4) == 0 ? " NOT" : "") + " BETWEEN " + numericLeaf().sql()
            + " AND " + numericLeaf().sql(), Kind.BOOLEAN);
      }
      case 8 -> {
        StringBuilder list = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.append(i == 0 ? "" : ", ").append(r.nextInt(6) == 0 ? "NULL" : r.nextInt(13));
        }
        yield new Expr(column(Kind.INT, Kind.BIGINT).sql() + (r.nextInt(3) == 0 ? " NOT" : "") + " IN ("
            + list + ")", Kind.BOOLEAN);
      }
      case 9 -> new Expr(string(depth - 1).sql() + (r.nextInt(4) == 0 ? " NOT" : "") + " LIKE '"
          + List.of("a%", "%b%", "_b%", "A%", "%", "%o W%").get(r.nextInt(6)) + "'", Kind.BOOLEAN);
      case 10 -> column(Kind.BOOLEAN);
      default -> {
        Kind kind = List.of(Kind.INT, Kind.DECIMAL, Kind.STRING, Kind.DATE).get(r.nextInt(4));
        yield new Expr(of(kind, 0).sql() + (r.nextBoolean() ? " IS DISTINCT FROM " : " IS NOT DISTINCT FROM ")
            + of(kind, 0).sql(), Kind.BOOLEAN);
      }
    };
  }

  private Expr comparison(int depth) {
    String op = List.of("=", "<>", "<", "<=", ">", ">=").get(r.nextInt(6));
    int k = r.nextInt(10);
    Kind kind = k < 6 ? Kind.INT : k < 8 ? Kind.STRING : Kind.DATE;
    Expr a = of(kind, depth);
    Expr b = r.nextBoolean() ? of(kind, 0) : of(kind, depth);
    return new Expr(a.sql() + " " + op + " " + b.sql(), Kind.BOOLEAN);
  }

  /** An aggregate over a simple expression. */
  Expr aggregate() {
    switch (r.nextInt(9)) {
      case 0:
        return new Expr("count(*)", Kind.BIGINT);
      case 1:
        return new Expr("count(" + any(1).sql() + ")", Kind.BIGINT);
      case 2:
        return new Expr("count(DISTINCT " + any(0).sql() + ")", Kind.BIGINT);
      case 3, 4: {
        Expr x = numeric(1);
        return new Expr("sum(" + (r.nextInt(5) == 0 ? "DISTINCT " : "") + x.sql() + ")", x.kind());
      }
      case 5: {
        Expr x = any(1);
        return new Expr("min(" + x.sql() + ")", x.kind());
      }
      case 6: {
        Expr x = any(1);
        return new Expr("max(" + x.sql() + ")", x.kind());
      }
      default:
        return new Expr("avg(" + numeric(1).sql() + ")", Kind.DOUBLE);
    }
  }
}

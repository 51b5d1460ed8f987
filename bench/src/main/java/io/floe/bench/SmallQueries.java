package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** P1: small BI queries (at most 100 rows out), Floe through jdbc:floe vs DuckDB in-process. */
final class SmallQueries {
  /** A small query; {@code ?} is bound to a random existing order key. */
  record Query(String name, String sql) {
    boolean parameterized() {
      return sql.contains("?");
    }
  }

  static final List<Query> QUERIES = List.of(
      new Query("point lookup", "select o_orderkey, o_custkey, o_totalprice, o_orderdate, o_orderstatus "
          + "from orders where o_orderkey = ?"),
      new Query("top-N", "select o_orderkey, o_totalprice from orders order by o_totalprice desc, o_orderkey limit 10"),
      new Query("small group-by", "select o_orderstatus, count(*) as n, sum(o_totalprice) as total "
          + "from orders group by o_orderstatus order by o_orderstatus"),
      new Query("join + group-by", "select n_name, count(*) as customers from customer join nation "
          + "on c_nationkey = n_nationkey group by n_name order by customers desc, n_name limit 10"),
      new Query("tiny table", "select * from nation where n_regionkey = 1 order by n_nationkey"));

  private SmallQueries() {}

  static List<Long> orderKeys(Connection duck, int n) throws SQLException {
    List<Long> keys = new ArrayList<>();
    try (Statement s = duck.createStatement();
         ResultSet rs = s.executeQuery("select o_orderkey from orders using sample " + n + " rows")) {
      while (rs.next()) {
        keys.add(rs.getLong(1));
      }
    }
    return keys;
  }

  /** Runs one query once, reading every value; nanoseconds. */
  static long time(Connection c, Query q, long key, Statement plain) throws SQLException {
    long t0 = System.nanoTime();
    if (q.parameterized()) {
      try (PreparedStatement ps = c.prepareStatement(q.sql())) {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          consume(rs);
        }
      }
    } else {
      try (ResultSet rs = plain.executeQuery(q.sql())) {
        consume(rs);
      }
    }
    return System.nanoTime() - t0;
  }

  static long consume(ResultSet rs) throws SQLException {
    int n = rs.getMetaData().getColumnCount();
    long rows = 0;
    while (rs.next()) {
      for (int i = 1; i <= n; i++) {
        rs.getObject(i);
      }
      rows++;
    }
    return rows;
  }

  /** How a client sends a query. */
  enum Kind {
    /** {@code prepareStatement}, bind, execute, close: what applications with parameters do. */
    PREPARED,
    /** {@code createStatement}, execute the text with its values in it, close: BI tools, editors. */
    PLAIN
  }

  /** Runs one query once as {@code kind}, with a fresh statement, reading every value; nanoseconds. */
  static long time(Connection c, Query q, long key, Kind kind) throws SQLException {
    long t0 = System.nanoTime();
    if (kind == Kind.PREPARED) {
      try (PreparedStatement ps = c.prepareStatement(q.sql())) {
        if (q.parameterized()) {
          ps.setLong(1, key);
        }
        try (ResultSet rs = ps.executeQuery()) {
          consume(rs);
        }
      }
    } else {
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery(q.sql().replace("?", Long.toString(key)))) {
        consume(rs);
      }
    }
    return System.nanoTime() - t0;
  }

  /** P1 for both kinds of statement: each query's median against DuckDB's, sent the same way. */
  static void run(Bench b) throws Exception {
    Log.info("P1: small queries, plain and prepared");
    ObjectNode section = b.report().section("p1_small_queries");
    List<Long> keys = orderKeys(b.duck().connection, 1000);
    Random random = new Random(7);
    try (Connection floe = b.driver().connect(Bench.BUCKET); Connection duck = b.duck().session()) {
      for (Kind kind : Kind.values()) {
        String suffix = " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        List<Double> allFloe = new ArrayList<>();
        List<Double> allDuck = new ArrayList<>();
        for (Query q : QUERIES) {
          for (int i = 0; i < 20; i++) {
            time(floe, q, keys.get(random.nextInt(keys.size())), kind);
            time(duck, q, keys.get(random.nextInt(keys.size())), kind);
          }
          List<Double> f = new ArrayList<>();
          List<Double> d = new ArrayList<>();
          for (int i = 0; i < b.settings().smallQueryRuns(); i++) {
            long key = keys.get(random.nextInt(keys.size()));
            if (i % 2 == 0) {
              f.add(Stats.millis(time(floe, q, key, kind)));
              d.add(Stats.millis(time(duck, q, key, kind)));
            } else {
              d.add(Stats.millis(time(duck, q, key, kind)));
              f.add(Stats.millis(time(floe, q, key, kind)));
            }
          }
          allFloe.addAll(f);
          allDuck.addAll(d);
          double fm = Stats.median(f);
          double dm = Stats.median(d);
          ObjectNode n = section.putObject(q.name() + suffix);
          n.put("sql", q.sql()).put("kind", kind.name()).put("floe_median_ms", fm)
              .put("duckdb_median_ms", dm).put("floe_p95_ms", Stats.percentile(f, 95))
              .put("duckdb_p95_ms", Stats.percentile(d, 95));
          n.putPOJO("floe_ms", f);
          n.putPOJO("duckdb_ms", d);
          b.report().add(new Report.Line("P1", q.name() + suffix + " median ms", fm, dm,
              "DuckDB JDBC", "<= 1.5x + 2 ms", fm <= 1.5 * dm + 2));
        }
        double fm = Stats.median(allFloe);
        double dm = Stats.median(allDuck);
        b.report().add(new Report.Line("P1", "all small queries" + suffix + " median ms", fm, dm,
            "DuckDB JDBC", "<= 1.5x + 2 ms", fm <= 1.5 * dm + 2));
      }
    }
  }
}

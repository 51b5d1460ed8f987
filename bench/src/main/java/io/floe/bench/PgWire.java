package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * P1 and P3 through Floe's PostgreSQL endpoint, read with pgjdbc through a workspace login, against
 * PostgreSQL itself holding the same tables. Names are qualified ({@code tpch.orders}): a workspace
 * resolves unqualified names in its own schema.
 */
final class PgWire {
  private PgWire() {}

  static String qualified(String sql) {
    return sql.replaceAll("\\b(from|join) (orders|customer|nation|bulk)\\b", "$1 " + Bench.BUCKET + ".$2");
  }

  /**
   * A pgjdbc connection to Floe's endpoint. Without TLS, like the reference PostgreSQL on
   * loopback: pgjdbc's default ({@code sslmode=prefer}) would encrypt Floe's side only.
   */
  static Connection floe(Bench b, FloeRest.Workspace ws) throws SQLException {
    return DriverManager.getConnection("jdbc:" + b.floe().pgUrl + "/" + ws.database()
        + "?sslmode=disable", ws.user(), ws.password());
  }

  /** P1 through the PostgreSQL endpoint: median latency per query, Floe vs PostgreSQL. */
  static void smallQueries(Bench b, FloeRest.Workspace ws) throws Exception {
    Log.info("P1 (PostgreSQL wire): small queries");
    for (String name : List.of("orders", "customer", "nation")) {
      TpchData.Table t = b.tables().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
      b.pg().load(t, b.tpchDir().resolve(name + ".csv"));
    }
    ObjectNode section = b.report().section("p1_small_queries_pgwire");
    List<Long> keys = SmallQueries.orderKeys(b.duck().connection, 1000);
    Random random = new Random(11);
    List<Double> allFloe = new ArrayList<>();
    List<Double> allPg = new ArrayList<>();
    try (Connection floe = floe(b, ws); Statement fs = floe.createStatement();
         Connection pg = b.pg().connect(); Statement ps = pg.createStatement()) {
      for (SmallQueries.Query q0 : SmallQueries.QUERIES) {
        SmallQueries.Query q = new SmallQueries.Query(q0.name(), qualified(q0.sql()));
        for (int i = 0; i < 20; i++) {
          SmallQueries.time(floe, q, keys.get(random.nextInt(keys.size())), fs);
          SmallQueries.time(pg, q, keys.get(random.nextInt(keys.size())), ps);
        }
        List<Double> f = new ArrayList<>();
        List<Double> p = new ArrayList<>();
        for (int i = 0; i < b.settings().smallQueryRuns(); i++) {
          long key = keys.get(random.nextInt(keys.size()));
          if (i % 2 == 0) {
            f.add(Stats.millis(SmallQueries.time(floe, q, key, fs)));
            p.add(Stats.millis(SmallQueries.time(pg, q, key, ps)));
          } else {
            p.add(Stats.millis(SmallQueries.time(pg, q, key, ps)));
            f.add(Stats.millis(SmallQueries.time(floe, q, key, fs)));
          }
        }
        allFloe.addAll(f);
        allPg.addAll(p);
        double fm = Stats.median(f);
        double pm = Stats.median(p);
        ObjectNode n = section.putObject(q.name());
        n.put("sql", q.sql()).put("floe_median_ms", fm).put("postgresql_median_ms", pm)
            .put("floe_p95_ms", Stats.percentile(f, 95)).put("postgresql_p95_ms", Stats.percentile(p, 95));
        b.report().add(new Report.Line("P1pg", q.name() + " median ms", fm, pm, "PostgreSQL pgjdbc",
            "<= 1.5x + 2 ms", fm <= 1.5 * pm + 2));
      }
    }
    double fm = Stats.median(allFloe);
    double pm = Stats.median(allPg);
    b.report().add(new Report.Line("P1pg", "all small queries median ms", fm, pm, "PostgreSQL pgjdbc",
        "<= 1.5x + 2 ms", fm <= 1.5 * pm + 2));
  }

  /** P3 through the PostgreSQL endpoint: rows/s with a cursor (10,000 rows per round trip). */
  static void bulkFetch(Bench b, FloeRest.Workspace ws) throws Exception {
    Log.info("P3 (PostgreSQL wire): bulk fetch of %,d rows", b.settings().bulkRows());
    ObjectNode section = b.report().section("p3_bulk_fetch_pgwire");
    String sql = qualified(BulkFetch.SQL);
    List<Double> floe = new ArrayList<>();
    List<Double> pg = new ArrayList<>();
    try (Connection f = floe(b, ws); Connection p = b.pg().connect()) {
      BulkFetch.rate(f, true, sql);
      BulkFetch.rate(p, true, sql);
      for (int i = 0; i < b.settings().repetitions(); i++) {
        floe.add(BulkFetch.rate(f, true, sql));
        pg.add(BulkFetch.rate(p, true, sql));
      }
    }
    double fm = Stats.median(floe);
    double pm = Stats.median(pg);
    section.putPOJO("floe_rows_per_s", floe).putPOJO("postgresql_rows_per_s", pg);
    b.report().add(new Report.Line("P3pg", "bulk fetch rows/s (PostgreSQL wire)", fm, pm,
        "PostgreSQL pgjdbc", ">= 1.0x", fm >= pm));
  }
}

package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;

/**
 * SF: what Floe's Snowflake front door adds to a statement. P1's small queries sent through
 * Snowflake's own JDBC driver (snowflake-jdbc, unchanged, plain HTTP to Floe) against the same
 * queries through Floe's thin JDBC driver, which reaches the same engine over Avatica; DuckDB's own
 * driver is the floor. Seed 002's goal: under 10 ms of overhead per statement.
 */
final class SnowflakeFrontDoor {
  private SnowflakeFrontDoor() {}

  static Connection connect(FloeProcess floe) throws Exception {
    Properties p = new Properties();
    p.put("user", "bench");
    p.put("password", FloeProcess.ADMIN_TOKEN);
    p.put("account", Bench.PROJECT);
    p.put("db", Bench.PROJECT);
    p.put("schema", Bench.BUCKET);
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true"); // never probe cloud metadata addresses
    return DriverManager.getConnection("jdbc:snowflake://" + floe.httpUrl.replaceFirst("^https?://", "")
        + "/", p);
  }

  static void run(Bench b) throws Exception {
    Log.info("SF: small queries through snowflake-jdbc against Floe's JDBC driver");
    ObjectNode section = b.report().section("sf_front_door");
    List<Long> keys = SmallQueries.orderKeys(b.duck().connection, 1000);
    Random random = new Random(11);
    try (Connection snowflake = connect(b.floe()); Connection floe = b.driver().connect(Bench.BUCKET);
         Connection duck = b.duck().session()) {
      for (SmallQueries.Kind kind : SmallQueries.Kind.values()) {
        String suffix = " (" + kind.name().toLowerCase(java.util.Locale.ROOT) + ")";
        List<Double> allSf = new ArrayList<>();
        List<Double> allFloe = new ArrayList<>();
        for (SmallQueries.Query q : SmallQueries.QUERIES) {
          for (int i = 0; i < 20; i++) {
            SmallQueries.time(snowflake, q, keys.get(random.nextInt(keys.size())), kind);
            SmallQueries.time(floe, q, keys.get(random.nextInt(keys.size())), kind);
          }
          List<Double> sf = new ArrayList<>();
          List<Double> fl = new ArrayList<>();
          List<Double> dk = new ArrayList<>();
          for (int i = 0; i < b.settings().smallQueryRuns(); i++) {
            long key = keys.get(random.nextInt(keys.size()));
            sf.add(Stats.millis(SmallQueries.time(snowflake, q, key, kind)));
            fl.add(Stats.millis(SmallQueries.time(floe, q, key, kind)));
            dk.add(Stats.millis(SmallQueries.time(duck, q, key, kind)));
          }
          allSf.addAll(sf);
          allFloe.addAll(fl);
          double sm = Stats.median(sf);
          double fm = Stats.median(fl);
          ObjectNode n = section.putObject(q.name() + suffix);
          n.put("sql", q.sql()).put("kind", kind.name()).put("snowflake_jdbc_median_ms", sm)
              .put("floe_jdbc_median_ms", fm).put("duckdb_median_ms", Stats.median(dk))
              .put("overhead_ms", sm - fm);
          b.report().add(new Report.Line("SF", q.name() + suffix + " median ms", sm, fm,
              "Floe JDBC", "<= +10 ms", sm - fm <= 10));
        }
        double sm = Stats.median(allSf);
        double fm = Stats.median(allFloe);
        b.report().add(new Report.Line("SF", "all small queries" + suffix + " median ms", sm, fm,
            "Floe JDBC", "<= +10 ms", sm - fm <= 10));
      }
    }
  }
}

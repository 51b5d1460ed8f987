package io.floe.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Random;

/**
 * Brings Floe's server to steady state before anything is timed: a server JVM interprets Jetty,
 * Jackson, Avatica and the planner until the JIT has compiled them, which takes thousands of
 * requests (one query costs ~7 ms cold and ~0.5 ms warm).
 */
final class Warmup {
  private Warmup() {}

  static void run(Bench b, int smallQueries, int tpchRounds) throws Exception {
    Log.info("warming up Floe: %d small queries, %d rounds of TPC-H", smallQueries, tpchRounds);
    List<Long> keys = SmallQueries.orderKeys(b.duck().connection, 200);
    Random random = new Random(1);
    try (Connection floe = b.driver().connect(Bench.BUCKET); Statement s = floe.createStatement();
         Connection duck = b.duck().session(); Statement ds = duck.createStatement()) {
      for (int i = 0; i < smallQueries; i++) {
        SmallQueries.Query q = SmallQueries.QUERIES.get(i % SmallQueries.QUERIES.size());
        long key = keys.get(random.nextInt(keys.size()));
        SmallQueries.time(floe, q, key, s);
        SmallQueries.time(duck, q, key, ds);
      }
      List<String> tpch = TpchQueries.all();
      for (int r = 0; r < tpchRounds; r++) {
        for (String sql : tpch) {
          TpchQueries.time(s, sql);
          TpchQueries.time(ds, sql);
        }
      }
    }
  }
}

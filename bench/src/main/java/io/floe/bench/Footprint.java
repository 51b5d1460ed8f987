package io.floe.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Server heap per idle JDBC connection, and start-up time to the first answer. */
final class Footprint {
  private Footprint() {}

  static void idleConnections(Bench b) throws Exception {
    int n = b.settings().idleConnections();
    Log.info("memory of %d idle connections", n);
    long before = b.floe().usedHeapAfterGc();
    List<Connection> open = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        open.add(b.driver().connect(Bench.BUCKET));
      }
      long after = b.floe().usedHeapAfterGc();
      double perConnection = (after - before) / (double) n / 1024;
      b.report().section("footprint").put("idle_connections", n).put("heap_before", before)
          .put("heap_after", after);
      b.report().add(new Report.Line("MEM", "server heap per idle JDBC connection KB", perConnection,
          Double.NaN, "", "< 256 KB", perConnection < 256));
    } finally {
      for (Connection c : open) {
        c.close();
      }
    }
  }

  /** Starts Floe again on the loaded data and times the first answer. */
  static void startup(Bench b, Path floeJar, Path dataDir, Path driverJar) throws Exception {
    Log.info("start-up time");
    long t0 = System.nanoTime();
    try (FloeProcess floe = FloeProcess.start(floeJar, dataDir, b.settings().threads(), List.of())) {
      FloeDriver driver = new FloeDriver(driverJar, floe.jdbcUrl, FloeProcess.ADMIN_TOKEN);
      long answered;
      try (Connection c = driver.connect(Bench.BUCKET); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from bench.tpch.region")) {
        rs.next();
        answered = System.nanoTime();
      }
      double ms = TimeUnit.NANOSECONDS.toMillis(answered - t0);
      b.report().section("footprint").put("startup_to_ready_ms", floe.startMillis)
          .put("startup_to_first_answer_ms", ms);
      b.report().add(new Report.Line("START", "start-up to first answer ms", ms, Double.NaN, "",
          "< 2000 ms", ms < 2000));
    }
  }
}

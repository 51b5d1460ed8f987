package io.floe.bench;

import java.nio.file.Files;
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

  /**
   * Times Floe's start-up: from launching {@code java -jar floe.jar} to the first answer of a query
   * through a driver that is already loaded, as in an application that was running when Floe
   * (re)started. Floe is started twice: the first start loads the driver into this JVM and times
   * its own cold first query (class loading on the client), reported separately; the second start is
   * the one timed.
   */
  static void startup(Bench b, Path floeJar, Path dataDir, Path driverJar) throws Exception {
    Log.info("start-up time");
    double clientCold;
    FloeDriver driver;
    try (FloeProcess floe = FloeProcess.start(floeJar, dataDir, b.settings().threads(), List.of())) {
      long t0 = System.nanoTime();
      driver = new FloeDriver(driverJar, floe.jdbcUrl, FloeProcess.ADMIN_TOKEN);
      firstAnswer(driver);
      clientCold = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }
    long t0 = System.nanoTime();
    try (FloeProcess floe = FloeProcess.start(floeJar, dataDir, b.settings().threads(), List.of())) {
      firstAnswer(driver.at(floe.jdbcUrl));
      double ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      b.report().section("footprint").put("startup_to_ready_ms", floe.startMillis)
          .put("startup_to_first_answer_ms", ms).put("driver_cold_first_answer_ms", clientCold);
      b.report().add(new Report.Line("START", "start-up to first answer ms", ms, Double.NaN, "",
          "< 2000 ms", ms < 2000));
      b.report().add(new Report.Line("START", "  of which until 'Floe ready' ms", floe.startMillis,
          Double.NaN, "", "", null));
      b.report().add(new Report.Line("START", "driver's first query, fresh class loader ms",
          clientCold, Double.NaN, "", "reported", null));
    }
    // The same with a class-data sharing archive of Floe's classes (JDK AppCDS): a training start
    // writes it at exit, the timed start maps it instead of loading and verifying ~9,000 classes.
    Path archive = dataDir.resolveSibling(dataDir.getFileName() + "-classes.jsa");
    Files.deleteIfExists(archive);
    try (FloeProcess floe = FloeProcess.start(floeJar, dataDir, b.settings().threads(),
        List.of("-XX:ArchiveClassesAtExit=" + archive))) {
      firstAnswer(driver.at(floe.jdbcUrl));
    }
    if (Files.exists(archive)) {
      long c0 = System.nanoTime();
      try (FloeProcess floe = FloeProcess.start(floeJar, dataDir, b.settings().threads(),
          List.of("-XX:SharedArchiveFile=" + archive))) {
        firstAnswer(driver.at(floe.jdbcUrl));
        double ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c0);
        b.report().section("footprint").put("startup_cds_to_first_answer_ms", ms);
        b.report().add(new Report.Line("START", "with a CDS archive (-XX:SharedArchiveFile) ms", ms,
            Double.NaN, "", "reported", null));
      }
      Files.deleteIfExists(archive);
    } else {
      Log.info("no class-data sharing archive was written; skipping the CDS start-up");
    }
  }

  private static void firstAnswer(FloeDriver driver) throws Exception {
    try (Connection c = driver.connect(Bench.BUCKET); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from bench.tpch.region")) {
      rs.next();
    }
  }
}

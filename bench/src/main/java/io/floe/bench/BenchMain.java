package io.floe.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark: generates TPC-H, loads it into Floe through the storage API and into DuckDB (and
 * PostgreSQL for the bulk fetch), runs the workloads with Floe and its reference alternating, prints
 * a table of ratios and writes every sample to {@code bench/results/}.
 */
@Command(name = "floe-bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures Floe against DuckDB in-process and PostgreSQL.")
public final class BenchMain implements Callable<Integer> {
  @Option(names = "--sf", description = "TPC-H scale factor. Default: 1 (0.1 with --quick)")
  Double scale;

  @Option(names = "--quick", description = "A fast run: SF 0.1, fewer repetitions, 1M bulk rows.")
  boolean quick;

  @Option(names = "--workloads", split = ",", defaultValue = "P1,P2,P3,P5,P6,SF,P1PG,P3PG,PLAN,MEM,START",
      description = "Which to run. Default: ${DEFAULT-VALUE}")
  List<String> workloads;

  @Option(names = "--repetitions", description = "Timed runs per TPC-H query and bulk fetch. Default: 5 (3 quick)")
  Integer repetitions;

  @Option(names = "--small-query-runs", description = "Timed runs per small query. Default: 200 (60 quick)")
  Integer smallQueryRuns;

  @Option(names = "--bulk-rows", description = "Rows of the bulk-fetch table. Default: 10000000 (1000000 quick)")
  Long bulkRows;

  @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients in P5. Default: ${DEFAULT-VALUE}")
  int clients;

  @Option(names = "--concurrency-seconds", description = "Seconds per side in P5. Default: 20 (8 quick)")
  Integer concurrencySeconds;

  @Option(names = "--idle-connections", defaultValue = "500", description = "Default: ${DEFAULT-VALUE}")
  int idleConnections;

  @Option(names = "--threads", description = "DuckDB threads for Floe and the reference. Default: cores")
  Integer threads;

  @Option(names = "--work-dir", defaultValue = "bench/work", description = "Generated data and Floe's data dir.")
  Path workDir;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes.")
  Path resultsDir;

  @Option(names = "--floe-jar", defaultValue = "server/target/floe.jar")
  Path floeJar;

  @Option(names = "--driver-jar", defaultValue = "jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar")
  Path driverJar;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  Bench.Settings settings() {
    double sf = scale != null ? scale : quick ? 0.1 : 1;
    return new Bench.Settings(sf,
        repetitions != null ? repetitions : quick ? 3 : 5,
        smallQueryRuns != null ? smallQueryRuns : quick ? 60 : 200,
        bulkRows != null ? bulkRows : quick ? 1_000_000 : 10_000_000,
        clients,
        concurrencySeconds != null ? concurrencySeconds : quick ? 8 : 20,
        quick ? Math.min(idleConnections, 200) : idleConnections,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
  }

  @Override public Integer call() throws Exception {
    Bench.Settings s = settings();
    Set<String> run = new LinkedHashSet<>();
    workloads.forEach(w -> run.add(w.trim().toUpperCase(Locale.ROOT)));
    ObjectNode settingsJson = new ObjectMapper().valueToTree(s);
    settingsJson.putPOJO("workloads", run);
    Report report = new Report(settingsJson);
    Files.createDirectories(workDir);

    Log.info("TPC-H SF %s", TpchData.format(s.scale()));
    Path tpchDir = TpchData.generate(workDir, s.scale());
    List<TpchData.Table> tables = TpchData.tables();
    Path floeData = workDir.resolve("floe-sf" + TpchData.format(s.scale())).toAbsolutePath();

    PostgresServer pg = null;
    if (run.contains("P3") || run.contains("P1PG") || run.contains("P3PG")) {
      Optional<Path> bin = PostgresServer.findBin();
      if (bin.isPresent()) {
        pg = PostgresServer.start(bin.get());
        Log.info("PostgreSQL started on port %d", pg.port);
      } else {
        Log.info("PostgreSQL is not installed (bench/run.sh installs it); P3 runs without it, "
            + "P1PG and P3PG not at all");
      }
    }
    try (FloeProcess floe = FloeProcess.start(floeJar.toAbsolutePath(), floeData, s.threads(),
        serverJvmOptions());
         Reference duck = Reference.load(tables, tpchDir, s.threads())) {
      Log.info("Floe ready in %d ms at %s", floe.startMillis, floe.httpUrl);
      FloeRest rest = new FloeRest(floe.httpUrl);
      load(rest, tables, tpchDir);
      FloeDriver driver = new FloeDriver(driverJar.toAbsolutePath(), floe.jdbcUrl, FloeProcess.ADMIN_TOKEN);
      Bench b = new Bench(s, tpchDir, tables, floe, driver, duck, pg, report);
      if (run.contains("P1") || run.contains("P2") || run.contains("P5") || run.contains("SF")) {
        Warmup.run(b, quick ? 2000 : 5000, quick ? 3 : 5);
      }
      if (run.contains("P1")) {
        SmallQueries.run(b);
      }
      if (run.contains("P2")) {
        TpchQueries.run(b);
      }
      if (run.contains("P3")) {
        BulkFetch.run(b, rest, workDir);
      }
      if (run.contains("P5")) {
        Concurrency.run(b);
      }
      if (run.contains("P6")) {
        Federation.run(b, rest, floeData, workDir);
      }
      if (run.contains("SF")) {
        SnowflakeFrontDoor.run(b);
      }
      if (pg != null && (run.contains("P1PG") || run.contains("P3PG"))) {
        FloeRest.Workspace ws = rest.workspace(Bench.PROJECT, "bench_" + System.currentTimeMillis());
        try {
          if (run.contains("P1PG")) {
            PgWire.smallQueries(b, ws);
          }
          if (run.contains("P3PG")) {
            if (!run.contains("P3")) {
              BulkFetch.load(b, rest, workDir);
            }
            PgWire.bulkFetch(b, ws);
          }
        } finally {
          rest.dropWorkspace(Bench.PROJECT, ws.id());
        }
      }
      if (run.contains("PLAN")) {
        Planning.run(b);
      }
      if (run.contains("MEM")) {
        Footprint.idleConnections(b);
      }
    } finally {
      if (pg != null) {
        pg.close();
      }
    }
    if (run.contains("START")) {
      Bench b = new Bench(s, tpchDir, tables, null, null, null, null, report);
      Footprint.startup(b, floeJar.toAbsolutePath(), floeData, driverJar.toAbsolutePath());
    }
    report.print(System.out);
    String name = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(LocalDateTime.now())
        + "-sf" + TpchData.format(s.scale());
    Path file = report.write(resultsDir, name);
    System.out.println();
    System.out.println("Raw figures: " + file);
    return 0;
  }

  /** Loads every TPC-H table into Floe through the storage API, unless already loaded. */
  static void load(FloeRest rest, List<TpchData.Table> tables, Path tpchDir) throws Exception {
    rest.project(Bench.PROJECT);
    rest.bucket(Bench.PROJECT, Bench.BUCKET);
    for (TpchData.Table t : tables) {
      Path csv = tpchDir.resolve(t.name() + ".csv");
      long expected;
      try (var lines = Files.lines(csv)) {
        expected = lines.count() - 1;
      }
      if (rest.rows(Bench.PROJECT, Bench.BUCKET, t.name()) == expected) {
        continue;
      }
      long t0 = System.nanoTime();
      rest.table(Bench.PROJECT, Bench.BUCKET, t);
      rest.importCsv(Bench.PROJECT, Bench.BUCKET, t.name(), csv);
      Log.info("loaded %s into Floe: %,d rows in %.1f s", t.name(), expected, (System.nanoTime() - t0) / 1e9);
    }
  }

  /**
   * Extra JVM options for the Floe server process, from {@code FLOE_BENCH_SERVER_JVM_OPTS}
   * (space-separated), e.g. a flight recording to see where server time goes.
   */
  private static List<String> serverJvmOptions() {
    String opts = System.getenv("FLOE_BENCH_SERVER_JVM_OPTS");
    return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
  }
}

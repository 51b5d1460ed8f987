package io.floe.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What every workload works with: settings, data, the running Floe, its driver, the references and
 * the report.
 */
record Bench(Settings settings, Path tpchDir, List<TpchData.Table> tables, FloeProcess floe,
    FloeDriver driver, Reference duck, PostgresServer pg, Report report) {

  static final String PROJECT = "bench";
  static final String BUCKET = "tpch";

  /**
   * Benchmark settings.
   *
   * @param scale TPC-H scale factor
   * @param repetitions timed runs per TPC-H query and per bulk fetch
   * @param smallQueryRuns timed runs per small query
   * @param bulkRows rows of the bulk-fetch table
   * @param clients concurrent clients in P5
   * @param concurrencySeconds how long each side of P5 runs
   * @param idleConnections connections opened to measure memory per idle connection
   * @param threads DuckDB threads, for Floe and the reference alike
   */
  record Settings(double scale, int repetitions, int smallQueryRuns, long bulkRows, int clients,
      int concurrencySeconds, int idleConnections, int threads) {}
}

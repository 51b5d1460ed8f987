package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.Engine;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.TableSpec;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.sql.SqlFlavor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Planning time per TPC-H query, measured on an embedded engine with the same tables (no data is
 * needed to plan): uncached (plan cache cleared before each run) and cached. Also records which
 * queries run as one pushed-down DuckDB statement.
 */
final class Planning {
  private Planning() {}

  static void run(Bench b) throws Exception {
    Log.info("planning time");
    Path dir = Files.createTempDirectory("floe-bench-plan");
    ObjectNode section = b.report().section("planning");
    try (Engine engine = Engine.start(EngineConfig.defaults(dir).withDuckDb("512MB", 1))) {
      engine.ensureAdminToken("plan-admin-token-123456");
      Principal admin = engine.authenticate("plan-admin-token-123456").orElseThrow();
      engine.projects().create(admin, Bench.PROJECT, Bench.PROJECT, null);
      engine.buckets().create(admin, Bench.PROJECT, Bench.BUCKET, "in", null);
      for (TpchData.Table t : b.tables()) {
        List<ColumnDef> columns = new ArrayList<>();
        for (TpchData.Column c : t.columns()) {
          columns.add(new ColumnDef(c.name(), ColumnType.parse(c.type()), true));
        }
        engine.tables().create(admin, Bench.PROJECT, Bench.BUCKET,
            new TableSpec(t.name(), null, columns, t.primaryKey()));
      }
      List<String> queries = TpchQueries.all();
      List<Double> uncached = new ArrayList<>();
      List<Double> cached = new ArrayList<>();
      int pushed = 0;
      try (EngineSession s = engine.openSession(admin, "bench", SqlFlavor.POSTGRES)) {
        s.setDefaultSchema(List.of(Bench.PROJECT, Bench.BUCKET));
        for (String sql : queries) {
          engine.planner().clearCache();
          s.prepare(sql); // warm the JIT on this shape
        }
        for (int q = 1; q <= 22; q++) {
          String sql = queries.get(q - 1);
          List<Double> times = new ArrayList<>();
          PlannedStatement plan = null;
          for (int i = 0; i < 5; i++) {
            engine.planner().clearCache();
            long t0 = System.nanoTime();
            plan = s.prepare(sql);
            times.add(Stats.millis(System.nanoTime() - t0));
          }
          List<Double> hits = new ArrayList<>();
          for (int i = 0; i < 50; i++) {
            long t0 = System.nanoTime();
            s.prepare(sql);
            hits.add(Stats.millis(System.nanoTime() - t0));
          }
          double median = Stats.median(times);
          uncached.add(median);
          cached.add(Stats.median(hits));
          if (plan.isPushedDown()) {
            pushed++;
          }
          section.putObject("q" + q).put("uncached_ms", median).put("cached_ms", Stats.median(hits))
              .put("pushed_down", plan.isPushedDown()).put("plan", plan.planText());
        }
      }
      section.put("pushed_down_queries", pushed);
      b.report().add(new Report.Line("PLAN", "TPC-H planning median ms (uncached)", Stats.median(uncached),
          Double.NaN, "", null, null));
      b.report().add(new Report.Line("PLAN", "TPC-H planning median ms (cached)", Stats.median(cached),
          Double.NaN, "", null, null));
      b.report().add(new Report.Line("PLAN", "TPC-H queries that are one DuckDB statement", pushed,
          22, "all 22", null, null));
    } finally {
      Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

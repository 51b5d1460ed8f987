package io.floe.engine;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.sql.SqlFlavor;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that can overlap: DuckDB's native library takes hundreds of milliseconds to unpack
 * and load, and Calcite's first plan loads thousands of classes and generates its metadata
 * handlers. Doing both in the background while the rest of the process starts shortens the time
 * to the first answer; nothing depends on them having finished.
 */
public final class Warmup {
  private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

  private Warmup() {}

  /** Starts loading DuckDB's native library; call first thing in {@code main}. */
  public static void preloadNativeLibraries() {
    Thread t = new Thread(() -> {
      try {
        Class.forName("org.duckdb.DuckDBNative", true, Warmup.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        LOG.debug("DuckDB preload failed; it loads on first use instead", e);
      }
    }, "floe-preload-duckdb");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Loads and exercises Calcite in the background while the engine starts: plans and runs a small
   * query through Calcite's own framework (parser, validator, Volcano planner, code generation),
   * which loads most of the classes every later plan needs. Independent of the engine, so it can
   * start before the catalog and DuckDB are open; call first thing in {@code main}.
   */
  public static void preloadPlanner() {
    Thread t = new Thread(() -> {
      try {
        org.apache.calcite.tools.FrameworkConfig config = org.apache.calcite.tools.Frameworks
            .newConfigBuilder()
            .parserConfig(io.floe.engine.sql.SqlFlavor.POSTGRES.parserConfig())
            .defaultSchema(org.apache.calcite.tools.Frameworks.createRootSchema(false))
            .build();
        org.apache.calcite.tools.Planner planner = org.apache.calcite.tools.Frameworks.getPlanner(config);
        org.apache.calcite.sql.SqlNode parsed = planner.parse(
            "select x, count(*) as n, sum(y) as s from (values (1, 2.5), (2, 3.5)) as v(x, y) "
            + "where x > 0 group by x order by x");
        org.apache.calcite.sql.SqlNode validated = planner.validate(parsed);
        org.apache.calcite.rel.RelNode rel = planner.rel(validated).project();
        org.apache.calcite.rel.RelNode best = planner.transform(0,
            rel.getTraitSet().replace(org.apache.calcite.adapter.enumerable.EnumerableConvention.INSTANCE),
            rel);
        org.apache.calcite.adapter.enumerable.EnumerableInterpretable.toBindable(
            new java.util.HashMap<>(), null,
            (org.apache.calcite.adapter.enumerable.EnumerableRel) best,
            org.apache.calcite.adapter.enumerable.EnumerableRel.Prefer.ARRAY);
        planner.close();
      } catch (Exception | LinkageError e) {
        LOG.debug("Planner warm-up failed (harmless)", e);
      }
    }, "floe-preload-planner");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Plans (and once runs) a few statements in the background, so the first client's statement
   * finds Calcite warm. Uses the admin's view; nothing it does is visible to clients.
   */
  public static void planInBackground(Engine engine, Principal admin) {
    Thread t = new Thread(() -> {
      try (EngineSession s = engine.openSession(admin, "warmup", SqlFlavor.POSTGRES)) {
        s.prepare("select table_schema, table_name from information_schema.tables "
            + "where table_name like 'x%' order by 1, 2");
        Optional<TableDef> any = engine.catalog().snapshot().allTables().stream().findFirst();
        if (any.isPresent()) {
          TableDef t1 = any.get();
          PlannedStatement plan = s.prepare("select count(*), min(1) from \"" + t1.projectId() + "\".\""
              + t1.bucketName() + "\".\"" + t1.name() + "\" where 1 = 0 group by 1 order by 1 limit 1");
          s.execute(plan, java.util.List.of()).cursor().close();
        }
      } catch (RuntimeException e) {
        LOG.debug("Warm-up plan failed (harmless)", e);
      }
    }, "floe-warmup");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }
}

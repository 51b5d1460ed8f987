package io.floe.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * P5: many concurrent clients running a mix of small queries and light TPC-H queries; throughput of
 * Floe (one jdbc:floe connection per client) vs DuckDB in-process (one session per thread).
 */
final class Concurrency {
  /** Opens one client's connection. */
  interface Opener {
    Connection open() throws Exception;
  }

  private Concurrency() {}

  static List<SmallQueries.Query> mix() throws Exception {
    List<SmallQueries.Query> mix = new ArrayList<>(SmallQueries.QUERIES);
    List<String> tpch = TpchQueries.all();
    mix.add(new SmallQueries.Query("tpch q6", tpch.get(5)));
    mix.add(new SmallQueries.Query("tpch q14", tpch.get(13)));
    return mix;
  }

  /** Queries per second of {@code clients} threads for {@code seconds}. */
  static double throughput(Opener opener, int clients, int seconds, List<SmallQueries.Query> mix,
      List<Long> keys) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicReference<Exception> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try (Connection c = opener.open(); Statement s = c.createStatement()) {
          Random random = new Random(id);
          ready.countDown();
          go.await();
          int i = id;
          while (!stop.get()) {
            SmallQueries.Query q = mix.get(i++ % mix.size());
            SmallQueries.time(c, q, keys.get(random.nextInt(keys.size())), s);
            done.incrementAndGet();
          }
        } catch (Exception e) {
          failure.compareAndSet(null, e);
          ready.countDown();
        }
      }, "p5-client-" + t);
      threads.add(thread);
      thread.start();
    }
    ready.await();
    long t0 = System.nanoTime();
    long start = done.get();
    go.countDown();
    Thread.sleep(seconds * 1000L);
    long finished = done.get() - start;
    double elapsed = (System.nanoTime() - t0) / 1e9;
    stop.set(true);
    for (Thread t : threads) {
      t.join(120_000);
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return finished / elapsed;
  }

  static void run(Bench b) throws Exception {
    int clients = b.settings().clients();
    Log.info("P5: %d concurrent clients, %d s each side", clients, b.settings().concurrencySeconds());
    List<SmallQueries.Query> mix = mix();
    List<Long> keys = SmallQueries.orderKeys(b.duck().connection, 1000);
    double floe = throughput(() -> b.driver().connect(Bench.BUCKET), clients,
        b.settings().concurrencySeconds(), mix, keys);
    double duck = throughput(() -> b.duck().session(), clients, b.settings().concurrencySeconds(),
        mix, keys);
    ObjectNode section = b.report().section("p5_concurrency");
    section.put("clients", clients).put("floe_queries_per_s", floe).put("duckdb_queries_per_s", duck);
    b.report().add(new Report.Line("P5", clients + " clients, queries/s", floe, duck,
        "DuckDB JDBC", ">= 0.9x", floe >= 0.9 * duck));
  }
}

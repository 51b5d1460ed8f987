package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.catalog.TableDef;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog does not make callers wait for each other: token checks, job polling and other reads
 * run beside a catalog write (SQLite in WAL mode, on reader connections), and a primary-key change
 * scans its table under the table's lock before it takes the catalog, so token checks, job polls
 * and other catalog reads and writes go on meanwhile.
 */
class CatalogConcurrencyApiTest {
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("cc");
    api.ok(api.post("/projects/cc/buckets", key, "{\"name\":\"in_c_c\"}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  @Test void readsDoNotWaitForACatalogWrite() throws Exception {
    String token = api.ok(api.post("/projects/cc/tokens", key, "{\"description\":\"fresh\"}"), 201)
        .json().get("token").asText();
    api.ok(api.post("/projects/cc/buckets/in_c_c/tables", key,
        "{\"name\":\"j\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}"), 201);
    String job = api.ok(api.csv("/projects/cc/buckets/in_c_c/tables/j/import?async=true", key, "id\n1\n"), 202)
        .json().get("id").asText();
    api.ok(api.get("/projects/cc/jobs/" + job + "?wait=30", key), 200);

    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() ->
        api.floe.engine().catalog().write(tx -> {
          tx.update("UPDATE projects SET updated_at = updated_at");
          writing.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        }));
    try {
      assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
      // A token the cache has not seen (created, then the catalog changed), a job, the job list.
      CompletableFuture<List<Integer>> reads = CompletableFuture.supplyAsync(() -> List.of(
          api.get("/tokens/verify", token).status(),
          api.get("/projects/cc/jobs/" + job, key).status(),
          api.get("/projects/cc/jobs", key).status()));
      assertThat(reads.get(5, TimeUnit.SECONDS)).as("answered while the write was open")
          .containsExactly(200, 200, 200);
      assertThat(writer).isNotDone();
    } finally {
      release.countDown();
      writer.get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * While a primary-key change scans 10 million rows under the table's lock, token checks, job
   * polls, catalog reads and other catalog writes all go on.
   */
  @Test void aPrimaryKeyChangeScansWithoutHoldingTheCatalog() throws Exception {
    api.ok(api.post("/projects/cc/buckets/in_c_c/tables", key, "{\"name\":\"big\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"v\",\"type\":\"BIGINT\"}]}"), 201);
    TableDef big = api.floe.engine().tables().get(api.floe.admin(), "cc", "in_c_c", "big");
    api.floe.engine().storage().ensureAttached(big);
    try (Connection c = api.floe.engine().storage().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + big.duckDbCatalog() + ".main.big SELECT range, range % 7 FROM range(10000000)");
    }
    String job = api.ok(api.post("/projects/cc/buckets/in_c_c/tables/big/export", key,
        "{\"async\":true,\"limit\":1}"), 202).json().get("id").asText();
    api.ok(api.get("/projects/cc/jobs/" + job + "?wait=30", key), 200);
    long started = System.nanoTime();
    CompletableFuture<RestClient.Answer> key1 = CompletableFuture.supplyAsync(() ->
        api.post("/projects/cc/buckets/in_c_c/tables/big/primary-key", key, "{\"columns\":[\"id\"]}"));
    List<Long> doneWhileScanning = new ArrayList<>();
    int n = 0;
    while (!key1.isDone()) {
      Thread.sleep(100);
      long sent = System.nanoTime();
      api.ok(api.get("/tokens/verify", key), 200);
      api.ok(api.get("/projects/cc/jobs/" + job, key), 200);
      api.ok(api.get("/projects/cc/buckets/in_c_c/tables/big", key), 200);
      api.ok(api.post("/projects/cc/buckets", key, "{\"name\":\"in_c_during_" + n++ + "\"}"), 201);
      if (!key1.isDone() && sent - started > TimeUnit.MILLISECONDS.toNanos(200)) {
        doneWhileScanning.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent));
      }
    }
    api.ok(key1.get(), 200);
    assertThat(api.floe.engine().tables().waitingWrites(big.id())).isZero();
    System.out.println("primary key took " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
        + " ms; token check, job poll, table read and bucket create during it: " + doneWhileScanning);
    assertThat(doneWhileScanning).as("token checks, job polls, catalog reads and writes answered "
        + "while the table's key was being checked").hasSizeGreaterThanOrEqualTo(2);
  }
}

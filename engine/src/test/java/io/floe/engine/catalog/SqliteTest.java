package io.floe.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The catalog database's connections, on a real SQLite file: reads on reader connections see every
 * write committed before them and never wait for a write in progress; a read inside a write sees
 * that write; reads nest without needing a second reader; writes do not nest.
 */
class SqliteTest {
  @TempDir Path dir;

  private Sqlite open() {
    Sqlite db = Sqlite.open(dir.resolve("catalog.db"));
    db.inTransaction(tx -> {
      tx.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
      for (int k = 0; k < 8; k++) {
        tx.update("INSERT INTO t VALUES (?, 0)", k);
      }
      return null;
    });
    return db;
  }

  /** Waits a while for a latch; a test thread interrupted meanwhile just goes on. */
  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int value(Sqlite.Tx tx, int key) throws java.sql.SQLException {
    return tx.queryOne("SELECT v FROM t WHERE k = ?", rs -> rs.getInt(1), key).orElseThrow();
  }

  @Test void readsSeeEveryCommitBeforeThemAndWritesSeeTheirOwnChanges() throws Exception {
    try (Sqlite db = open()) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<List<String>>> threads = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
          int key = k;
          threads.add(pool.submit(() -> {
            List<String> wrong = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
              int written = i;
              db.inTransaction(tx -> tx.update("UPDATE t SET v = ? WHERE k = ?", written, key));
              int read = db.read(tx -> value(tx, key));
              if (read != written) {
                wrong.add("key " + key + ": committed " + written + ", then read " + read);
              }
              int inside = db.inTransaction(tx -> {
                tx.update("UPDATE t SET v = v + 1000 WHERE k = ?", key);
                int own = db.read(t -> value(t, key));
                tx.update("UPDATE t SET v = v - 1000 WHERE k = ?", key);
                return own;
              });
              if (inside != written + 1000) {
                wrong.add("key " + key + ": inside its write read " + inside);
              }
            }
            return wrong;
          }));
        }
        for (Future<List<String>> thread : threads) {
          assertThat(thread.get(120, TimeUnit.SECONDS)).isEmpty();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test void readsRunBesideAnOpenWriteAndSeeItOnceCommitted() throws Exception {
    try (Sqlite db = open()) {
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch commit = new CountDownLatch(1);
      CompletableFuture<Object> writer = CompletableFuture.supplyAsync(() -> db.inTransaction(tx -> {
        tx.update("UPDATE t SET v = 42 WHERE k = 0");
        written.countDown();
        await(commit);
        return null;
      }));
      try {
        assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
        int during = CompletableFuture.supplyAsync(() -> db.read(tx -> value(tx, 0)))
            .get(5, TimeUnit.SECONDS);
        assertThat(during).as("the open write is not visible, and the read did not wait").isZero();
        assertThat(writer).isNotDone();
      } finally {
        commit.countDown();
      }
      writer.get(30, TimeUnit.SECONDS);
      assertThat(db.<Integer>read(tx -> value(tx, 0))).isEqualTo(42);
    }
  }

  @Test void readsNestOnTheirReaderEvenWhenEveryReaderIsBusy() throws Exception {
    try (Sqlite db = open()) {
      int threads = Sqlite.READERS * 2;
      CountDownLatch allInside = new CountDownLatch(Sqlite.READERS);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          results.add(pool.submit(() -> db.read(outer -> {
            allInside.countDown();
            // Every reader is taken once READERS threads are here; the nested read needs none.
            await(allInside);
            return value(outer, 1) + db.read(inner -> value(inner, 1) + 1);
          })));
        }
        for (Future<Integer> r : results) {
          assertThat(r.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test void aWriteInsideAWriteIsRefusedAndRollsTheOuterBack() {
    try (Sqlite db = open()) {
      assertThatThrownBy(() -> db.inTransaction(tx -> {
        tx.update("UPDATE t SET v = 7 WHERE k = 2");
        return db.inTransaction(inner -> inner.update("UPDATE t SET v = 8 WHERE k = 3"));
      })).isInstanceOfSatisfying(FloeException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR));
      assertThat(db.<Integer>read(tx -> value(tx, 2) + value(tx, 3))).isZero();
      db.inTransaction(tx -> tx.update("UPDATE t SET v = 9 WHERE k = 2"));
      assertThat(db.<Integer>read(tx -> value(tx, 2))).isEqualTo(9);
    }
  }
}

package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Mirrors in use are never closed, and building one never holds up users of the others. */
class PgCatalogMirrorsTest {
  static List<Object> firstRow(PgCatalogMirror mirror, String sql) {
    try (PgResult r = mirror.execute(sql, List.of(), s -> {})) {
      assertThat(r.next()).isTrue();
      List<Object> row = new ArrayList<>();
      for (int i = 0; i < r.columns().size(); i++) {
        row.add(r.get(i));
      }
      return row;
    }
  }

  @Test void aMirrorInUseOutlivesEvictionAndIsClosedWhenReleased() {
    List<PgCatalogMirror> built = new ArrayList<>();
    try (PgCatalogMirrors mirrors = new PgCatalogMirrors(db -> {
      PgCatalogMirror m = PgCatalogMirror.create(db);
      synchronized (built) {
        built.add(m);
      }
      return m;
    })) {
      PgCatalogMirrors.Lease held = mirrors.acquire("held", "db_held");
      PgResult rows = held.mirror().execute("select typname from pg_type order by oid", List.of(),
          s -> {});
      assertThat(rows.next()).isTrue();
      for (int i = 0; i < PgCatalogMirrors.MAX + 8; i++) {
        try (PgCatalogMirrors.Lease other = mirrors.acquire("k" + i, "db" + i)) {
          assertThat(firstRow(other.mirror(), "select count(*) from pg_type").get(0))
              .isNotEqualTo(0L);
        }
      }
      assertThat(mirrors.size()).as("unused mirrors beyond the maximum are closed")
          .isEqualTo(PgCatalogMirrors.MAX);
      // The held mirror still answers: its open rows and new statements.
      assertThat(rows.next()).isTrue();
      rows.close();
      assertThat(firstRow(held.mirror(), "select current_database()").get(0)).isEqualTo("db_held");
      held.close();
      try (PgCatalogMirrors.Lease last = mirrors.acquire("last", "db_last")) {
        assertThat(last.mirror()).isNotNull();
      }
      assertThat(mirrors.size()).isEqualTo(PgCatalogMirrors.MAX);
      // Released and least recently used: it was the one closed.
      try (PgCatalogMirrors.Lease again = mirrors.acquire("held", "db_held")) {
        assertThat(again.mirror()).isNotSameAs(held.mirror());
      }
    }
  }

  @Test void buildingAMirrorDoesNotBlockOtherViews() throws Exception {
    CountDownLatch building = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (PgCatalogMirrors mirrors = new PgCatalogMirrors(db -> {
      if (db.equals("slow")) {
        building.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return PgCatalogMirror.create(db);
    })) {
      try (PgCatalogMirrors.Lease fast = mirrors.acquire("fast", "fast")) {
        assertThat(fast.mirror()).isNotNull();
      }
      CompletableFuture<PgCatalogMirrors.Lease> slow =
          CompletableFuture.supplyAsync(() -> mirrors.acquire("slow", "slow"));
      CompletableFuture<PgCatalogMirrors.Lease> waiter =
          CompletableFuture.supplyAsync(() -> mirrors.acquire("slow", "slow"));
      assertThat(building.await(10, TimeUnit.SECONDS)).isTrue();
      // While "slow" is being built, other views are served at once.
      CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> {
        try (PgCatalogMirrors.Lease fast = mirrors.acquire("fast", "fast");
             PgCatalogMirrors.Lease fresh = mirrors.acquire("fresh", "fresh")) {
          return firstRow(fresh.mirror(), "select current_database()").get(0);
        }
      });
      assertThat(other.get(20, TimeUnit.SECONDS)).isEqualTo("fresh");
      assertThat(slow.isDone()).isFalse();
      release.countDown();
      try (PgCatalogMirrors.Lease a = slow.get(20, TimeUnit.SECONDS);
           PgCatalogMirrors.Lease b = waiter.get(20, TimeUnit.SECONDS)) {
        assertThat(a.mirror()).as("built once, shared").isSameAs(b.mirror());
      }
    }
  }
}

package io.floe.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.JobConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CsvOptions;
import io.floe.engine.api.admin.CsvSource;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Jobs on a real engine: results, errors, cancellation (waiting and running), timeouts, restarts. */
class JobServiceTest {
  static JobRecord await(TestEngine floe, Principal p, String job) {
    return floe.engine().jobs().await(p, "p", job, 30_000);
  }

  @Test void successErrorAndCancellingAWaitingJob() throws Exception {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      Principal admin = floe.admin();
      JobService jobs = floe.engine().jobs();
      JobRecord ok = jobs.submit(admin, "p", "test", "x", c -> Map.of("answer", 42));
      assertThat(await(floe, admin, ok.id()).result()).isEqualTo("{\"answer\":42}");
      JobRecord bad = jobs.submit(admin, "p", "test", "x", c -> {
        throw FloeException.invalid("no good");
      });
      JobRecord failed = await(floe, admin, bad.id());
      assertThat(failed.status()).isEqualTo(JobRecord.Status.ERROR);
      assertThat(failed.errorCode()).isEqualTo("invalid_argument");
      assertThat(failed.errorMessage()).isEqualTo("no good");

      // Two workers busy: the third job waits, and a cancel means it never runs.
      CountDownLatch release = new CountDownLatch(1);
      CountDownLatch ran = new CountDownLatch(1);
      JobRecord busy1 = jobs.submit(admin, "p", "test", "x", c -> {
        release.await();
        return Map.of();
      });
      JobRecord busy2 = jobs.submit(admin, "p", "test", "x", c -> {
        release.await();
        return Map.of();
      });
      JobRecord waiting = jobs.submit(admin, "p", "test", "x", c -> {
        ran.countDown();
        return Map.of();
      });
      assertThat(jobs.cancel(admin, "p", waiting.id()).status()).isEqualTo(JobRecord.Status.CANCELLED);
      release.countDown();
      assertThat(await(floe, admin, busy1.id()).status()).isEqualTo(JobRecord.Status.SUCCESS);
      assertThat(await(floe, admin, busy2.id()).status()).isEqualTo(JobRecord.Status.SUCCESS);
      assertThat(ran.await(300, TimeUnit.MILLISECONDS)).isFalse();
      assertThat(jobs.get(admin, "p", waiting.id()).status()).isEqualTo(JobRecord.Status.CANCELLED);
      assertThatThrownBy(() -> jobs.cancel(admin, "p", waiting.id()))
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
    }
  }

  @Test void cancellingARunningImportInterruptsDuckDbAndLeavesTheTable() throws Exception {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_big");
      floe.createTable("p", "in_c_big", "t", "id BIGINT PK", "v VARCHAR");
      floe.importCsv("p", "in_c_big", "t", TestEngine.csv("id,v", "1,kept"), false);
      Path file = floe.dataDir().resolve("big.csv");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
        s.execute("COPY (SELECT range AS id, md5(range::VARCHAR) AS v FROM range(6000000)) TO '"
            + file + "' (HEADER)");
      }
      Principal admin = floe.admin();
      JobRecord job = floe.engine().imports().importAsJob(admin,
          new TableImportService.ImportRequest("p", "in_c_big", "t",
              new CsvSource(file, CsvOptions.DEFAULT), false), () -> {});
      JobService jobs = floe.engine().jobs();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (jobs.get(admin, "p", job.id()).status() == JobRecord.Status.WAITING
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      java.util.OptionalDouble progress = java.util.OptionalDouble.empty();
      while (progress.isEmpty() && System.nanoTime() < deadline) {
        progress = jobs.progress(job);
        Thread.sleep(10);
      }
      assertThat(progress).as("a running import reports progress").isPresent();
      assertThat(progress.getAsDouble()).isBetween(0.0, 100.0);
      jobs.cancel(admin, "p", job.id());
      JobRecord done = await(floe, admin, job.id());
      assertThat(done.status()).as(done.toString()).isEqualTo(JobRecord.Status.CANCELLED);
      assertThat(done.errorCode()).isEqualTo("query_cancelled");
      assertThat(floe.engine().storage().rowCount(floe.engine().catalog().snapshot()
          .allTables().get(0))).isEqualTo(1);
    }
  }

  @Test void jobsTimeOut() throws Exception {
    Path dir = Files.createTempDirectory("floe-jobs");
    try (TestEngine floe = TestEngine.start(EngineConfig.defaults(dir).withDuckDb("1GB", 2),
        new JobConfig(1, 10, Duration.ofMillis(300), Duration.ofHours(1)))) {
      floe.createProject("p");
      Principal admin = floe.admin();
      JobRecord slow = floe.engine().jobs().submit(admin, "p", "test", "x", c -> {
        while (!c.isCancelled()) {
          Thread.sleep(10);
        }
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "stopped");
      });
      JobRecord done = await(floe, admin, slow.id());
      assertThat(done.status()).isEqualTo(JobRecord.Status.ERROR);
      assertThat(done.errorCode()).isEqualTo("statement_timeout");
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void aRestartFailsJobsItInterrupted() throws Exception {
    Path dir = Files.createTempDirectory("floe-jobs");
    try {
      String running;
      String waiting;
      try (TestEngine floe = TestEngine.start(EngineConfig.defaults(dir).withDuckDb("1GB", 2),
          new JobConfig(1, 10, Duration.ofHours(1), Duration.ofHours(1)))) {
        floe.createProject("p");
        Principal admin = floe.admin();
        CountDownLatch started = new CountDownLatch(1);
        running = floe.engine().jobs().submit(admin, "p", "test", "x", c -> {
          started.countDown();
          new CountDownLatch(1).await();
          return Map.of();
        }).id();
        waiting = floe.engine().jobs().submit(admin, "p", "test", "x", c -> Map.of()).id();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
      }
      try (TestEngine again = TestEngine.start(EngineConfig.defaults(dir).withDuckDb("1GB", 2))) {
        for (String id : new String[] {running, waiting}) {
          JobRecord job = again.engine().jobs().get(again.admin(), "p", id);
          assertThat(job.status()).isEqualTo(JobRecord.Status.ERROR);
          assertThat(job.errorCode()).isEqualTo("admin_shutdown");
          assertThat(job.finishedAt()).isNotNull();
        }
      }
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }
}

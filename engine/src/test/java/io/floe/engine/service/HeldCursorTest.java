package io.floe.engine.service;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.JobConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.StatementConfig;
import io.floe.engine.api.admin.ProjectTokens.TokenSpec;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.RunningStatement;
import io.floe.engine.api.sql.Session;
import io.floe.engine.api.sql.Statements;
import io.floe.engine.api.sql.Statements.HeldCursor;
import io.floe.engine.api.sql.Statements.State;
import io.floe.engine.api.sql.Statements.Status;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Results held as live cursors under a statement handle ({@link Statements#run}), as JDBC
 * results are: visible to whoever may see the statement, cancelled by handle, stopped by the job
 * timeout and by a revoked token, and expired when nobody reads them.
 */
class HeldCursorTest {
  private static TestEngine floe;
  private static Statements statements;
  private static Principal owner;
  private static Principal stranger;

  @BeforeAll static void setUp() throws Exception {
    EngineConfig config = EngineConfig.defaults(Files.createTempDirectory("floe-cursors"))
        .withDuckDb("1GB", 2)
        .withStatements(new StatementConfig(1000, 64 << 20, Duration.ofSeconds(2)));
    JobConfig jobs = new JobConfig(2, 10, Duration.ofSeconds(4), Duration.ofHours(1));
    floe = TestEngine.start(config, jobs);
    owner = floe.principal(floe.createProject("p"));
    stranger = floe.principal(floe.createProject("other"));
    floe.createBucket("p", "b");
    floe.createTable("p", "b", "t", "id INTEGER PK", "pad VARCHAR");
    floe.importCsv("p", "b", "t", csv("id,pad", IntStream.rangeClosed(1, 5000)
        .mapToObj(i -> i + ",x" + i).collect(Collectors.joining("\n"))), false);
    statements = floe.engine().statements();
  }

  @AfterAll static void tearDown() {
    floe.close();
    TestEngine.deleteRecursively(floe.dataDir());
  }

  private static Session session() {
    return floe.engine().openSession(owner, "test", Flavor.POSTGRES);
  }

  private static HeldCursor query(Session s, String sql, AtomicReference<RunningStatement> started) {
    QueryResult result = statements.run(s, s.prepare(sql), List.of(), started::set);
    return (HeldCursor) result.cursor();
  }

  @Test void aStreamingResultHasAHandleWithStatusWhileItIsRead() {
    AtomicReference<RunningStatement> started = new AtomicReference<>();
    try (Session s = session();
         HeldCursor cursor = query(s, "select id from b.t order by id", started)) {
      assertThat(started.get()).isNotNull();
      for (int i = 0; i < 10; i++) {
        assertThat(cursor.next()).isTrue();
      }
      Status status = statements.status(owner, cursor.handle());
      assertThat(status.state()).isEqualTo(State.RUNNING);
      assertThat(status.rows()).isEqualTo(10);
      assertThat(status.sql()).isEqualTo("select id from b.t order by id");
      assertThat(status.columns()).hasSize(1);
      assertThat(statements.list(owner)).extracting(Status::id).contains(cursor.handle());
      assertThat(statements.list(floe.admin())).extracting(Status::id).contains(cursor.handle());
      assertThat(statements.list(stranger)).extracting(Status::id).doesNotContain(cursor.handle());
      assertThatThrownBy(() -> statements.status(stranger, cursor.handle()))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      assertThatThrownBy(() -> statements.page(owner, cursor.handle(), 0, 10))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
      long read = 10;
      while (cursor.next()) {
        read++;
      }
      assertThat(read).isEqualTo(5000);
      assertThat(statements.status(owner, cursor.handle()).state()).isEqualTo(State.SUCCEEDED);
      String handle = cursor.handle();
      cursor.close();
      assertThatThrownBy(() -> statements.status(owner, handle))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }

  @Test void aStatementWithoutRowsLeavesNoHandle() {
    try (Session s = session()) {
      int before = statements.list(owner).size();
      QueryResult result = statements.run(s, s.prepare("select 1 where false"), List.of(), e -> { });
      try (RowCursor c = result.cursor()) {
        assertThat(c.next()).isFalse();
      }
      assertThat(statements.list(owner)).hasSize(before);
    }
  }

  @Test void cancellingTheHandleStopsTheReaderWith57014() {
    try (Session s = session(); HeldCursor cursor = query(s, "select id from b.t", new AtomicReference<>())) {
      assertThat(cursor.next()).isTrue();
      assertThatThrownBy(() -> statements.cancel(stranger, cursor.handle()))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
      Status cancelled = statements.cancel(floe.admin(), cursor.handle());
      assertThat(cancelled.state()).isEqualTo(State.CANCELLED);
      assertThatThrownBy(() -> {
        while (cursor.next()) {
          // read until the cancel is seen
        }
      }).isInstanceOfSatisfying(FloeException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED);
        assertThat(e.code().sqlState()).isEqualTo("57014");
      });
      assertThat(statements.status(owner, cursor.handle()).error()).isEqualTo(ErrorCode.QUERY_CANCELLED);
    }
  }

  @Test void aResultNobodyReadsExpiresAndFreesItsStatement() throws Exception {
    try (Session s = session(); HeldCursor cursor = query(s, "select id from b.t", new AtomicReference<>())) {
      assertThat(cursor.next()).isTrue();
      String handle = cursor.handle();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (statements.list(owner).stream().anyMatch(st -> st.id().equals(handle))
          && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(statements.list(owner)).extracting(Status::id).doesNotContain(handle);
      assertThatThrownBy(cursor::next).isInstanceOfSatisfying(FloeException.class, e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.UNDEFINED_CURSOR);
        assertThat(e.getMessage()).contains("was not read for PT2S");
      });
    }
  }

  @Test void aResultReadPastTheJobTimeoutIsStopped() throws Exception {
    try (Session s = session(); HeldCursor cursor = query(s, "select id from b.t", new AtomicReference<>())) {
      FloeException stopped = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      try {
        while (System.nanoTime() < deadline && cursor.next()) {
          Thread.sleep(200);
        }
      } catch (FloeException e) {
        stopped = e;
      }
      assertThat(stopped).as("stopped by the 4 s job timeout").isNotNull();
      assertThat(stopped.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
      assertThat(statements.status(owner, cursor.handle()).state()).isEqualTo(State.FAILED);
    }
  }

  @Test void aRevokedTokenStopsItsCursors() {
    String secret = floe.engine().storageServices().tokens().create(owner, "p",
        new TokenSpec("reader", Map.of("b", "read"), false, null)).secret();
    Principal reader = floe.principal(secret);
    try (Session s = floe.engine().openSession(reader, "test", Flavor.POSTGRES)) {
      HeldCursor cursor = (HeldCursor) statements.run(s, s.prepare("select id from b.t"), List.of(),
          e -> { }).cursor();
      assertThat(cursor.next()).isTrue();
      assertThat(statements.list(owner)).extracting(Status::id).contains(cursor.handle());
      assertThat(statements.list(reader)).extracting(Status::id).containsExactly(cursor.handle());
      floe.engine().storageServices().tokens().revoke(owner, "p", reader.tokenId());
      assertThatThrownBy(() -> {
        while (cursor.next()) {
          // read until the revocation is seen
        }
      }).isInstanceOfSatisfying(FloeException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
      cursor.close();
    }
  }
}

package io.floe.engine.service;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.StatementConfig;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.Statements.Page;
import io.floe.engine.api.sql.Statements.Request;
import io.floe.engine.api.sql.Statements.State;
import io.floe.engine.api.sql.Statements.Status;
import io.floe.engine.testing.MovableClock;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Detached statements: submitted, polled, cancelled, timed out, paged by partition and by offset,
 * refused when their result would take too much memory, and gone when their result expires.
 */
class StatementServiceTest {
  private static final MovableClock CLOCK = new MovableClock();
  private static TestEngine floe;
  private static StatementService statements;
  private static Principal owner;
  private static Principal stranger;

  @BeforeAll static void setUp() throws Exception {
    EngineConfig config = EngineConfig.defaults(Files.createTempDirectory("floe-statements"))
        .withDuckDb("1GB", 2)
        .withStatements(new StatementConfig(3, 64 << 10, Duration.ofMinutes(10)));
    floe = TestEngine.start(config, CLOCK);
    owner = floe.principal(floe.createProject("p"));
    stranger = floe.principal(floe.createProject("other"));
    floe.createBucket("p", "b");
    floe.createTable("p", "b", "t", "id INTEGER PK", "name VARCHAR");
    floe.importCsv("p", "b", "t", csv("id,name", IntStream.rangeClosed(1, 10)
        .mapToObj(i -> i + ",n" + i).collect(Collectors.joining("\n"))), false);
    floe.createTable("p", "b", "big", "id INTEGER PK", "pad VARCHAR");
    floe.importCsv("p", "b", "big", csv("id,pad", IntStream.rangeClosed(1, 2000)
        .mapToObj(i -> i + "," + "x".repeat(100)).collect(Collectors.joining("\n"))), false);
    statements = floe.engine().statements();
  }

  @AfterAll static void tearDown() {
    floe.close();
    TestEngine.deleteRecursively(floe.dataDir());
  }

  private static Request request(String sql, Duration timeout) {
    return new Request("p", sql, List.of(), Flavor.POSTGRES, "test", null, timeout);
  }

  private static Status finished(Status submitted) {
    Status s = statements.await(owner, submitted.id(), Duration.ofSeconds(30));
    assertThat(s.state().isFinal()).as("finished in time: %s", s).isTrue();
    return s;
  }

  private static List<Integer> ids(List<Object[]> rows) {
    return rows.stream().map(r -> (Integer) r[0]).toList();
  }

  @Test void aQueryRunsDetachedAndItsResultIsPagedByPartitionAndOffset() {
    Status submitted = statements.submit(owner,
        request("select id, name from b.t order by id", null));
    assertThat(submitted.columns()).extracting(ResultColumn::label).containsExactly("id", "name");

    Status done = finished(submitted);
    assertThat(done.state()).isEqualTo(State.SUCCEEDED);
    assertThat(done.rows()).isEqualTo(10);
    assertThat(done.partitions()).isEqualTo(4);
    assertThat(done.expiresAt()).isEqualTo(done.finishedAt().plus(Duration.ofMinutes(10)));
    assertThat(ids(statements.partition(owner, done.id(), 0))).containsExactly(1, 2, 3);
    assertThat(ids(statements.partition(owner, done.id(), 3))).containsExactly(10);
    assertThatThrownBy(() -> statements.partition(owner, done.id(), 4))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));

    Page middle = statements.page(owner, done.id(), 2, 5);
    assertThat(ids(middle.rows())).containsExactly(3, 4, 5, 6, 7);
    assertThat(middle.last()).isFalse();
    Page end = statements.page(owner, done.id(), 7, 100);
    assertThat(ids(end.rows())).containsExactly(8, 9, 10);
    assertThat(end.last()).isTrue();
    assertThat(Arrays.asList(end.rows().get(0))).containsExactly(8, "n8");
  }

  @Test void parametersAreBound() {
    Status done = finished(statements.submit(owner, new Request("p",
        "select count(*) from b.t where id > ?", List.of(7), Flavor.POSTGRES, "test", null, null)));
    assertThat(statements.page(owner, done.id(), 0, 10).rows().get(0)[0]).isEqualTo(3L);
  }

  @Test void planningErrorsAreAnsweredAtOnceAndNothingIsQueued() {
    assertThatThrownBy(() -> statements.submit(owner, request("selec 1", null)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR));
    assertThatThrownBy(() -> statements.submit(owner, request("select * from b.t where id > ?", null)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    assertThatThrownBy(() -> statements.submit(stranger, new Request("other", "select * from p.b.t",
        List.of(), Flavor.POSTGRES, "test", null, null)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.sqlState()).isEqualTo("42P01"));
    assertThatThrownBy(() -> statements.submit(stranger, request("select 1", null)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isIn(ErrorCode.NOT_FOUND, ErrorCode.ACCESS_DENIED));
  }

  @Test void anotherProjectCannotSeeTheHandle() {
    Status done = finished(statements.submit(owner, request("select 1 as one", null)));
    for (Runnable look : List.<Runnable>of(
        () -> statements.status(stranger, done.id()),
        () -> statements.page(stranger, done.id(), 0, 1),
        () -> statements.cancel(stranger, done.id()),
        () -> statements.close(stranger, done.id()))) {
      assertThatThrownBy(look::run).isInstanceOfSatisfying(FloeException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
    assertThat(statements.status(owner, done.id()).state()).isEqualTo(State.SUCCEEDED);
    assertThatThrownBy(() -> statements.status(owner, "job_nope"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  private static final String SLOW =
      "select count(*) from b.big a, b.big b, b.big c, b.big d where a.pad <> d.pad || b.pad";

  @Test void aRunningStatementCanBeCancelled() throws Exception {
    Status submitted = statements.submit(owner, request(SLOW, null));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (statements.status(owner, submitted.id()).state() != State.RUNNING
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200);
    statements.cancel(owner, submitted.id());
    Status done = finished(submitted);
    assertThat(done.state()).isEqualTo(State.CANCELLED);
    assertThat(done.error()).isEqualTo(ErrorCode.QUERY_CANCELLED);
    assertThatThrownBy(() -> statements.page(owner, done.id(), 0, 1))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY_CANCELLED));
  }

  @Test void aStatementStopsAtItsTimeout() {
    Status done = finished(statements.submit(owner, request(SLOW, Duration.ofMillis(300))));
    assertThat(done.state()).isEqualTo(State.FAILED);
    assertThat(done.error()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
  }

  @Test void aResultLargerThanFloeHoldsFailsTheStatementAndFreesItsMemory() {
    Status done = finished(statements.submit(owner, request("select * from b.big", null)));
    assertThat(done.state()).isEqualTo(State.FAILED);
    assertThat(done.error()).isEqualTo(ErrorCode.RESOURCE_EXHAUSTED);
    assertThat(done.message()).contains("add a LIMIT");
    assertThat(statements.heldBytes()).isLessThan(16 << 10);
  }

  @Test void aResultIsGoneAfterItsRetentionOrWhenClosed() {
    Status kept = finished(statements.submit(owner, request("select id from b.t", null)));
    Status closed = finished(statements.submit(owner, request("select id from b.t", null)));
    statements.close(owner, closed.id());
    assertThatThrownBy(() -> statements.page(owner, closed.id(), 0, 1))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(statements.page(owner, kept.id(), 0, 1).rows()).hasSize(1);

    CLOCK.advance(Duration.ofMinutes(11));
    statements.dropExpired();
    assertThatThrownBy(() -> statements.page(owner, kept.id(), 0, 1))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.getMessage()).contains("expired");
        });
    assertThat(statements.status(owner, kept.id()).state()).isEqualTo(State.SUCCEEDED);
  }
}

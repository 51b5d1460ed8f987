package io.floe.engine.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Long statements stop in DuckDB when cancelled or timed out. */
class CancellationTest {
  /** 3000^3 combinations: minutes of DuckDB work. */
  static final String LONG_QUERY = "select count(*) from in_c_sales.big a, in_c_sales.big b, "
      + "in_c_sales.big c where a.v + b.v + c.v > -1";

  static TestEngine floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    token = floe.createProject("p1");
    floe.createBucket("p1", "in_c_sales");
    floe.createTable("p1", "in_c_sales", "big", "v INTEGER");
    StringBuilder csv = new StringBuilder("v\n");
    for (int i = 0; i < 3000; i++) {
      csv.append(i).append('\n');
    }
    floe.importCsv("p1", "in_c_sales", "big", csv.toString(), false);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  @Test void statementTimeoutStopsDuckDbWork() {
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
      session.setStatementTimeout(Duration.ofSeconds(1));
      long start = System.nanoTime();
      assertThatThrownBy(() -> Rows.query(session, LONG_QUERY))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> {
            assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
            assertThat(((FloeException) e).sqlState()).isEqualTo("57014");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(floe.engine().sessions().running()).isEmpty();
      // The session stays usable.
      assertThat(Rows.query(session, "select count(*) from in_c_sales.big")).containsExactly(List.of(3000L));
    }
  }

  @Test void cancelStopsDuckDbWithinASecond() throws Exception {
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
      CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> Rows.query(session, LONG_QUERY));
      waitUntilRunning(session);
      long cancelledAt = System.nanoTime();
      session.cancelRunning();
      assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e.getCause()).code()).isEqualTo(ErrorCode.QUERY_CANCELLED));
      assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test void closingTheSessionStopsItsStatements() throws Exception {
    EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
    CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> Rows.query(session, LONG_QUERY));
    waitUntilRunning(session);
    session.close();
    assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(FloeException.class);
    assertThat(floe.engine().sessions().running()).isEmpty();
  }

  @Test void clientMayLowerButNotRaiseTheTimeout() {
    try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
      session.setStatementTimeout(Duration.ofDays(2));
      assertThat(session.statementTimeout()).isEqualTo(floe.engine().config().maxStatementTimeout());
      session.setStatementTimeout(Duration.ZERO);
      assertThat(session.statementTimeout()).isEqualTo(floe.engine().config().defaultStatementTimeout());
    }
  }

  static void waitUntilRunning(EngineSession session) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (session.runningExecutions().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    Thread.sleep(300); // let DuckDB start working
  }
}

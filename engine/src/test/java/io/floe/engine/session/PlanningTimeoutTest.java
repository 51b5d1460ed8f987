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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Planning is part of a statement: it stops at the statement timeout and at a cancel request, so a
 * statement Calcite's optimizer cannot settle never holds a thread for ever (one such statement of
 * a third-party corpus kept a server thread planning for ten minutes).
 */
class PlanningTimeoutTest {
  /** A join of many tables: Calcite's optimizer explores join orders for a long time. */
  private static String manyJoins(int n) {
    String from = IntStream.range(0, n).mapToObj(i -> "b.t t" + i).collect(Collectors.joining(", "));
    String where = IntStream.range(1, n).mapToObj(i -> "t" + (i - 1) + ".id = t" + i + ".id + " + i)
        .collect(Collectors.joining(" and "));
    return "select count(*) from " + from + " where " + where;
  }

  @Test void planningStopsAtTheStatementTimeoutAndAtCancel() throws Exception {
    try (TestEngine floe = TestEngine.start()) {
      String token = floe.createProject("p");
      floe.createBucket("p", "b");
      floe.createTable("p", "b", "t", "id INTEGER");
      try (EngineSession session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES)) {
        session.setStatementTimeout(Duration.ofMillis(1));
        assertThatThrownBy(() -> session.prepare(manyJoins(14)))
            .isInstanceOfSatisfying(FloeException.class, e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TIMEOUT);
              assertThat(e.getMessage()).contains("while planning");
            });

        session.setStatementTimeout(Duration.ofMinutes(5));
        java.util.concurrent.atomic.AtomicReference<Object> outcome =
            new java.util.concurrent.atomic.AtomicReference<>();
        Thread planner = new Thread(() -> {
          try {
            outcome.set(session.prepare(manyJoins(15)));
          } catch (FloeException e) {
            outcome.set(e.code());
          }
        });
        planner.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!session.cancelPlanning(false) && planner.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        planner.join(Duration.ofSeconds(30).toMillis());
        assertThat(planner.isAlive()).as("planning stopped at the cancel").isFalse();
        assertThat(outcome.get()).isEqualTo(ErrorCode.QUERY_CANCELLED);

        // The session goes on.
        assertThat(Rows.query(session, "select count(*) from b.t")).isEqualTo(List.of(List.of(0L)));
      }
    }
  }
}

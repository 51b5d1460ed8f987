package io.floe.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Enforces {@code Statement.setQueryTimeout} by cancelling the statement on the server. */
final class QueryTimer {
  private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "floe-jdbc-query-timeout");
    t.setDaemon(true);
    return t;
  });

  private QueryTimer() {}

  /** Work that may throw a SQL exception. */
  interface SqlWork<T> {
    T run() throws java.sql.SQLException;
  }

  static <T> T run(int timeoutSeconds, Runnable onTimeout, SqlWork<T> work) throws java.sql.SQLException {
    ScheduledFuture<?> timer = timeoutSeconds <= 0 ? null
        : TIMERS.schedule(onTimeout, timeoutSeconds, TimeUnit.SECONDS);
    try {
      return work.run();
    } catch (java.sql.SQLException e) {
      throw withState(e);
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /**
   * Avatica's client reports a statement it saw cancelled as "Statement canceled" without a
   * SQLSTATE; JDBC tools look for 57014.
   */
  static java.sql.SQLException withState(java.sql.SQLException e) {
    if (e.getSQLState() == null && "Statement canceled".equals(e.getMessage())) {
      java.sql.SQLException canceled =
          new java.sql.SQLException("canceling statement due to user request", "57014");
      canceled.initCause(e);
      return canceled;
    }
    return e;
  }
}

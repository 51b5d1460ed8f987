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
    if (timeoutSeconds <= 0) {
      return work.run();
    }
    ScheduledFuture<?> timer = TIMERS.schedule(onTimeout, timeoutSeconds, TimeUnit.SECONDS);
    try {
      return work.run();
    } finally {
      timer.cancel(false);
    }
  }
}

package io.floe.engine.api.sql;

import io.floe.engine.api.FloeException;
import java.sql.Statement;

/**
 * Work a front-end does outside the planner, inside one of the session's executions, so that it is
 * cancellable, bounded by the statement timeout and audited like any statement: a PostgreSQL
 * client's catalog query answered by the front-end's catalog mirror, which holds no data.
 */
public interface TrackedWork {
  long executionId();

  /** Records a JDBC statement doing the work, so cancel and timeout interrupt it. */
  void register(Statement statement);

  boolean isStopped();

  /** The error to report when the work failed because it was stopped. */
  FloeException stoppedError(Throwable cause);

  /** Ends the execution: audited with {@code rows} and {@code error} (null on success). */
  void finish(long rows, FloeException error);
}

package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import java.sql.Statement;

/**
 * Work a front-end does outside the planner, inside one of the session's executions, so that it is
 * cancellable, bounded by the statement timeout and audited like any statement: a PostgreSQL
 * client's catalog query answered by the front-end's catalog mirror, which holds no data.
 */
public final class TrackedWork {
  private final Execution execution;
  private final Completion completion;

  TrackedWork(Execution execution, Completion completion) {
    this.execution = execution;
    this.completion = completion;
  }

  public long executionId() {
    return execution.id();
  }

  /** Records a JDBC statement doing the work, so cancel and timeout interrupt it. */
  public void register(Statement statement) {
    execution.register(statement);
  }

  public boolean isStopped() {
    return execution.isStopped();
  }

  /** The error to report when the work failed because it was stopped. */
  public FloeException stoppedError(Throwable cause) {
    return execution.stoppedError(cause);
  }

  /** Ends the execution: audited with {@code rows} and {@code error} (null on success). */
  public void finish(long rows, FloeException error) {
    completion.done(rows, error);
  }
}

package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.TrackedWork;
import java.sql.Statement;

/** Tracked work on one of a session's executions. */
final class ExecutionWork implements TrackedWork {
  private final Execution execution;
  private final Completion completion;

  ExecutionWork(Execution execution, Completion completion) {
    this.execution = execution;
    this.completion = completion;
  }

  @Override public long executionId() {
    return execution.id();
  }

  @Override public void register(Statement statement) {
    execution.register(statement);
  }

  @Override public boolean isStopped() {
    return execution.isStopped();
  }

  @Override public FloeException stoppedError(Throwable cause) {
    return execution.stoppedError(cause);
  }

  @Override public void finish(long rows, FloeException error) {
    completion.done(rows, error);
  }
}

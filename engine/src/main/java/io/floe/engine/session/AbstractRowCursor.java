package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import java.util.List;

/**
 * What every cursor shares: the current row, the rows read so far, and ending once, however it
 * ends (read to the end, failed, closed early), with its outcome reported to the execution.
 */
abstract class AbstractRowCursor implements RowCursor {
  private final List<ResultColumn> columns;
  protected final Execution execution;
  private final Completion completion;
  /** The current row's values, filled by {@link #next()}. */
  protected final Object[] row;
  protected long rows;
  protected boolean closed;

  AbstractRowCursor(List<ResultColumn> columns, Execution execution, Completion completion) {
    this.columns = List.copyOf(columns);
    this.execution = execution;
    this.completion = completion;
    this.row = new Object[columns.size()];
  }

  @Override public final List<ResultColumn> columns() {
    return columns;
  }

  /**
   * Advances: stops when the execution was stopped, ends the cursor at the end of the result, and
   * ends it with the failure when reading fails (the stop, if that is why reading failed).
   */
  @Override public final boolean next() {
    if (closed) {
      return false;
    }
    try {
      if (execution.isStopped()) {
        throw execution.stoppedError(null);
      }
      if (!advance()) {
        finish(null);
        return false;
      }
      rows++;
      return true;
    } catch (FloeException e) {
      finish(e);
      throw e;
    } catch (Exception | Error e) {
      // Errors too: generated code of Calcite-run plans fails with them (class initializers).
      FloeException error = execution.isStopped() ? execution.stoppedError(e) : failure(e);
      finish(error);
      throw error;
    }
  }

  /** Reads the next row into {@link #row}; false at the end of the result. */
  protected abstract boolean advance() throws Exception;

  /**
   * What a failure while reading (not a stop) means to the client: a DuckDB error as translated,
   * anything else (DuckDB reports a closed result unchecked) an internal error.
   */
  protected FloeException failure(Throwable e) {
    return ExecutionErrors.of(e, "reading the result failed");
  }

  @Override public final Object get(int index) {
    return row[index];
  }

  @Override public final long rowCount() {
    return rows;
  }

  @Override public final void close() {
    finish(null);
  }

  /** Ends the cursor once: releases what it reads from, then reports its rows and outcome. */
  protected final void finish(FloeException error) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      release(error);
    } finally {
      completion.done(rows, error);
    }
  }

  /** Releases the result and what produced it; {@code error} ended the cursor, if any did. */
  protected abstract void release(FloeException error);

  /**
   * Releases a pushed-down statement's result: unregisters it from the execution, closes it, and
   * returns the pooled DuckDB connection (dropping the cached statement after a failure or a stop).
   */
  static void releasePushedDown(Execution execution, java.sql.Statement statement, AutoCloseable result,
      DuckDbConnections pool, DuckDbConnections.Pooled pooled, String sql, FloeException error) {
    execution.unregister(statement);
    JdbcRowCursor.closeQuietly(result);
    if (error != null || execution.isStopped()) {
      pooled.discard(sql);
    }
    pool.release(pooled);
  }
}

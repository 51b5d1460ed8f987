package io.floe.engine.session;

import io.floe.engine.catalog.ColumnType;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import io.floe.engine.sql.ResultColumn;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/** Reads rows from a Calcite Enumerable plan (federated or partly pushed-down statements). */
final class EnumerableRowCursor implements RowCursor {
  private final List<ResultColumn> columns;
  private final ColumnType[] types;
  private final int[] projection;
  private final Enumerator<Object> enumerator;
  private final Execution execution;
  private final Completion completion;
  private final Object[] row;
  private long rows;
  private boolean closed;

  EnumerableRowCursor(List<ResultColumn> columns, List<Integer> projection,
      Enumerator<Object> enumerator, Execution execution, Completion completion) {
    this.columns = List.copyOf(columns);
    this.types = columns.stream().map(ResultColumn::type).toArray(ColumnType[]::new);
    this.projection = projection.stream().mapToInt(Integer::intValue).toArray();
    this.enumerator = enumerator;
    this.execution = execution;
    this.completion = completion;
    this.row = new Object[types.length];
  }

  @Override public List<ResultColumn> columns() {
    return columns;
  }

  @Override public boolean next() {
    if (closed) {
      return false;
    }
    try {
      if (execution.isStopped()) {
        throw execution.stoppedError(null);
      }
      if (!enumerator.moveNext()) {
        finish(null);
        return false;
      }
      Object current = enumerator.current();
      Object[] values = current instanceof Object[] a ? a : new Object[] {current};
      for (int i = 0; i < types.length; i++) {
        row[i] = Values.fromCalcite(values[projection[i]], types[i]);
      }
      rows++;
      return true;
    } catch (FloeException e) {
      finish(e);
      throw e;
    } catch (RuntimeException e) {
      FloeException error = execution.isStopped()
          ? execution.stoppedError(e)
          : new FloeException(ErrorCode.EXTERNAL_ERROR, "query failed: " + rootMessage(e), e);
      finish(error);
      throw error;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }

  @Override public Object get(int index) {
    return row[index];
  }

  @Override public long rowCount() {
    return rows;
  }

  @Override public void close() {
    finish(null);
  }

  private void finish(FloeException error) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      enumerator.close();
    } catch (RuntimeException ignored) {
      // Closing releases DuckDB statements; failures there change nothing for the caller.
    }
    completion.done(rows, error);
  }
}

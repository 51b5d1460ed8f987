package io.floe.engine.session;

import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import java.util.List;

/** Rows already in memory (EXPLAIN output, metadata). */
public final class ListRowCursor implements RowCursor {
  private final List<ResultColumn> columns;
  private final List<Object[]> rows;
  private final Completion completion;
  private int position = -1;
  private boolean closed;

  ListRowCursor(List<ResultColumn> columns, List<Object[]> rows, Completion completion) {
    this.columns = List.copyOf(columns);
    this.rows = List.copyOf(rows);
    this.completion = completion;
  }

  /** A cursor over fixed rows with no execution behind it. */
  public static ListRowCursor of(List<ResultColumn> columns, List<Object[]> rows) {
    return new ListRowCursor(columns, rows, (n, e) -> {});
  }

  @Override public List<ResultColumn> columns() {
    return columns;
  }

  @Override public boolean next() {
    if (closed) {
      return false;
    }
    if (position + 1 >= rows.size()) {
      close();
      return false;
    }
    position++;
    return true;
  }

  @Override public Object get(int index) {
    return rows.get(position)[index];
  }

  @Override public long rowCount() {
    return position + 1L;
  }

  @Override public void close() {
    if (!closed) {
      closed = true;
      completion.done(rowCount(), null);
    }
  }
}

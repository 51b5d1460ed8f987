package io.floe.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.Cursor;

/**
 * Avatica's cursor, with each column's accessor adapted by {@link FloeAccessors} and fetch failures
 * reported as {@link SQLException}s.
 */
final class FloeCursor implements Cursor {
  private final Cursor delegate;
  private final FrameRows frames;
  /** The statement's max rows when the result started; 0 for no limit. */
  private final long maxRows;
  private long rows;

  /**
   * {@code frames}: the binary-fetched rows under {@code delegate}, or null; {@code maxRows}: where
   * the result ends (JDBC's {@code setMaxRows}; excess rows are dropped), 0 for no limit.
   */
  FloeCursor(Cursor delegate, FrameRows frames, long maxRows) {
    this.delegate = delegate;
    this.frames = frames;
    this.maxRows = maxRows;
  }

  @Override public List<Accessor> createAccessors(List<ColumnMetaData> types, Calendar localCalendar,
      ArrayImpl.Factory factory) {
    List<Accessor> base = delegate.createAccessors(types, localCalendar, factory);
    List<Accessor> result = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      result.add(FloeAccessors.adapt(base.get(i), types.get(i), localCalendar));
    }
    return result;
  }

  private boolean exhausted;

  /** Whether {@link #next} has reached the end of the result. */
  boolean exhausted() {
    return exhausted;
  }

  @Override public boolean next() throws SQLException {
    if (maxRows > 0 && rows >= maxRows) {
      if (frames != null) {
        frames.close();
      }
      return false;
    }
    try {
      boolean more = delegate.next();
      exhausted = !more;
      if (more) {
        rows++;
      }
      return more;
    } catch (FloeConnection.FetchFailure e) {
      throw QueryTimer.withState(e.sqlException());
    } catch (RuntimeException e) {
      // Avatica's own fetch fails with a runtime exception; JDBC callers expect a SQLException.
      throw FloeErrors.of(e);
    }
  }

  @Override public void close() {
    if (frames != null) {
      frames.close();
    }
    delegate.close();
  }

  @Override public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }
}

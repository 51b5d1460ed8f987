package io.floe.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.Cursor;

/**
 * A result set that reads Floe's microsecond timestamps, reports values in their JDBC classes, and
 * fetches the frames after the first in Floe's binary format ({@link FrameRows}).
 */
class FloeResultSet extends AvaticaResultSet {
  /** Rows after the first frame when the first frame was not the whole result. */
  private static final int DEFAULT_FRAME_ROWS = 10_000;

  FloeResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData resultSetMetaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
  }

  private FloeCursor floeCursor;

  /** Whether the server has sent the whole result (the statement holds no open cursor there). */
  boolean serverDone() {
    return firstFrame == null || firstFrame.done || (floeCursor != null && floeCursor.exhausted());
  }

  private static long size(Meta.Frame frame) {
    long n = 0;
    for (Object ignored : frame.rows) {
      n++;
    }
    return n;
  }

  @Override protected AvaticaResultSet execute() throws SQLException {
    FloeConnection connection = (FloeConnection) statement.getConnection();
    Meta meta = connection.meta();
    Iterable<Object> rows;
    FrameRows frameRows = null;
    long maxRows = statement.getLargeMaxRows();
    if (firstFrame != null && !firstFrame.done && connection.binaryFetch()
        && statement.handle != null && signature.cursorFactory.style == Meta.Style.LIST
        && (maxRows <= 0 || size(firstFrame) < maxRows)) {
      int fetchSize = statement.getFetchSize();
      frameRows = new FrameRows(connection, statement.handle.id, signature.columns, firstFrame,
          fetchSize > 0 ? fetchSize : DEFAULT_FRAME_ROWS, maxRows,
          from -> meta.createIterable(statement.handle, state, signature, List.of(), from).iterator());
      rows = frameRows;
    } else {
      rows = meta.createIterable(statement.handle, state, signature, List.of(), firstFrame);
    }
    Cursor cursor = MetaImpl.createCursor(signature.cursorFactory, rows);
    floeCursor = new FloeCursor(cursor, frameRows, maxRows);
    return execute2(floeCursor, columnMetaDataList);
  }
}

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

/** A result set that reads Floe's microsecond timestamps and reports values in their JDBC classes. */
class FloeResultSet extends AvaticaResultSet {
  FloeResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData resultSetMetaData, TimeZone timeZone, Meta.Frame firstFrame)
      throws SQLException {
    super(statement, state, signature, resultSetMetaData, timeZone, firstFrame);
  }

  @Override protected AvaticaResultSet execute() throws SQLException {
    FloeConnection connection = (FloeConnection) statement.getConnection();
    Iterable<Object> rows = connection.meta().createIterable(statement.handle, state, signature,
        List.of(), firstFrame);
    Cursor cursor = MetaImpl.createCursor(signature.cursorFactory, rows);
    return execute2(new FloeCursor(cursor), columnMetaDataList);
  }
}

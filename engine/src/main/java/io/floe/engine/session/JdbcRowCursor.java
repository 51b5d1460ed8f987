package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.ResultColumn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Streams rows straight from a DuckDB result set (pushed-down statements). */
final class JdbcRowCursor extends AbstractRowCursor {
  private final Values.Reader[] readers;
  private final DuckDbConnections pool;
  private final DuckDbConnections.Pooled pooled;
  private final String sql;
  private final Statement statement;
  private final ResultSet resultSet;

  JdbcRowCursor(List<ResultColumn> columns, DuckDbConnections pool, DuckDbConnections.Pooled pooled,
      String sql, Statement statement, ResultSet resultSet, Execution execution, Completion completion) {
    super(columns, execution, completion);
    this.pool = pool;
    this.pooled = pooled;
    this.sql = sql;
    this.statement = statement;
    this.resultSet = resultSet;
    this.readers = new Values.Reader[columns.size()];
    String[] duckDbTypes = new String[readers.length];
    try {
      var md = resultSet.getMetaData();
      for (int i = 0; i < readers.length; i++) {
        duckDbTypes[i] = md.getColumnTypeName(i + 1);
      }
    } catch (SQLException e) {
      // Without DuckDB's metadata every column is read as an object and converted.
    }
    for (int i = 0; i < readers.length; i++) {
      readers[i] = Values.reader(columns.get(i).type(), duckDbTypes[i]);
    }
  }

  @Override protected boolean advance() throws SQLException {
    if (!resultSet.next()) {
      return false;
    }
    for (int i = 0; i < readers.length; i++) {
      row[i] = readers[i].read(resultSet, i + 1);
    }
    return true;
  }

  @Override protected void release(FloeException error) {
    releasePushedDown(execution, statement, resultSet, pool, pooled, sql, error);
  }

  static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception ignored) {
      // Closing a finished DuckDB resource has nothing to report.
    }
  }
}

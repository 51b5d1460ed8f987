package io.floe.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * A statement whose {@code cancel()} and query timeout stop the work on the server, whose SQL has
 * its JDBC escapes translated (unless {@link #setEscapeProcessing} turned that off), and whose
 * failures carry Floe's message and SQLSTATE.
 */
class FloeStatement extends AvaticaStatement {
  private boolean escapeProcessing = true;
  /** The batch, as the application added it; Avatica's own list is private. */
  private final List<String> batch = new ArrayList<>();
  /** Where the connection keeps this statement's server side when it closes; null: close it. */
  StatementCache.Key cacheKey;

  FloeStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  /**
   * Runs {@code sql}, as Avatica does, with escapes translated and failures reported as Floe's
   * (Avatica's own puts "Error while executing SQL" and the SQL before the server's message).
   */
  @Override protected void executeInternal(String sql) throws SQLException {
    String translated = escapeProcessing ? JdbcEscapes.translate(sql) : sql;
    // A cancel ends one execution, not the statement: JDBC lets it run again.
    cancelFlag.set(false);
    QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), () -> {
      FloeErrors.call(() -> {
        run(translated);
        return null;
      });
      return null;
    });
  }

  private void run(String sql) throws SQLException {
    updateCount = -1;
    // JDBC's 0 is no limit; Avatica's is -1.
    long maxRows = getLargeMaxRows() <= 0 ? -1 : getLargeMaxRows();
    FloeConnection c = (FloeConnection) connection;
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        c.prepareAndExecute(this, sql, maxRows);
        return;
      } catch (NoSuchStatementException e) {
        resetStatement();
      }
    }
    throw new SQLException("the server lost this statement twice; create a new one", "08006");
  }

  /**
   * Keeps the statement open on the server for the connection's next plain statement, unless its
   * last result is still being read there or a cancel may still reach it.
   */
  @Override protected void close_() {
    if (closed) {
      return;
    }
    if (((FloeConnection) connection).keepForReuse(cacheKey, handle, cancelFlag.get(),
        openResultSet)) {
      closed = true;
      if (openResultSet != null) {
        openResultSet.close();
        openResultSet = null;
      }
      connection.statementMap.remove(handle.id);
      return;
    }
    super.close_();
  }

  @Override public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
    escapeProcessing = enable;
  }

  @Override public void setFetchSize(int rows) throws SQLException {
    StatementLimits.checkFetchSize(rows);
    super.setFetchSize(rows);
  }

  @Override public void setLargeMaxRows(long maxRows) throws SQLException {
    StatementLimits.checkMaxRows(maxRows);
    super.setLargeMaxRows(maxRows);
  }

  @Override public void addBatch(String sql) throws SQLException {
    checkOpen();
    if (sql == null) {
      throw new SQLException("addBatch(null)", "22004");
    }
    batch.add(escapeProcessing ? JdbcEscapes.translate(sql) : sql);
  }

  @Override public void clearBatch() throws SQLException {
    checkOpen();
    batch.clear();
  }

  /**
   * Runs the batch on the server in one request. Floe plans every statement first and runs none
   * if any fails to plan (a statement that returns rows, or a write to a project table, which
   * JDBC cannot change); the failure is a {@link java.sql.BatchUpdateException}.
   */
  @Override public long[] executeLargeBatch() throws SQLException {
    checkOpen();
    List<String> sqls = List.copyOf(batch);
    batch.clear();
    if (sqls.isEmpty()) {
      return new long[0];
    }
    try {
      return FloeErrors.call(() -> ((FloeConnection) connection).executeBatch(this, sqls));
    } catch (SQLException e) {
      throw FloeErrors.batchFailure(e);
    }
  }

  /** Closing a statement the server already dropped (revoked token, closed connection) succeeds. */
  @Override public synchronized void close() throws SQLException {
    try {
      super.close();
    } catch (SQLException e) {
      if (!FloeConnection.gone(e)) {
        throw FloeErrors.clean(e);
      }
    }
  }

  /**
   * Stops the statement on the server first: Avatica's {@code cancel()} waits for the statement's
   * monitor, which its running call holds until the server answers.
   */
  @Override public void cancel() throws SQLException {
    cancelOnServer(false);
    super.cancel();
  }

  private void cancelOnServer(boolean timeout) {
    ((FloeConnection) connection).cancelOnServer(handle.id, timeout);
  }
}

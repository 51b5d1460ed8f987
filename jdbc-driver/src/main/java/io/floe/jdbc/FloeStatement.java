package io.floe.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/** A statement whose {@code cancel()} and query timeout stop the work on the server. */
class FloeStatement extends AvaticaStatement {
  FloeStatement(AvaticaConnection connection, Meta.StatementHandle h, int resultSetType,
      int resultSetConcurrency, int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override protected void executeInternal(String sql) throws SQLException {
    // A cancel ends one execution, not the statement: JDBC lets it run again.
    cancelFlag.set(false);
    QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), () -> {
      super.executeInternal(sql);
      return null;
    });
  }

  /** Closing a statement the server already dropped (revoked token, closed connection) succeeds. */
  @Override public synchronized void close() throws SQLException {
    try {
      super.close();
    } catch (SQLException e) {
      if (!FloeConnection.gone(e)) {
        throw e;
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

package io.floe.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Timestamp;
import java.util.List;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * A prepared statement whose {@code cancel()} and query timeout stop the work on the server, and
 * whose timestamp parameters keep their microseconds (sent as text, which the server parses).
 */
class FloePreparedStatement extends AvaticaPreparedStatement {
  /** Where the connection keeps this statement's server side when it closes; null: close it. */
  StatementCache.Key cacheKey;
  /** Taken from the connection's cache and not yet run: prepared before the application asked. */
  boolean fromCache;
  /** Metadata after a re-prepare (Avatica's own field is final). */
  private ResultSetMetaData replacedMetaData;

  FloePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public ResultSet executeQuery() throws SQLException {
    return run(super::executeQuery);
  }

  @Override public boolean execute() throws SQLException {
    return run(super::execute);
  }

  @Override public long executeLargeUpdate() throws SQLException {
    return run(super::executeLargeUpdate);
  }

  /**
   * Runs the statement once per parameter set added with {@link #addBatch()}, in one request.
   * Floe refuses the whole batch before running any of it if the statement returns rows or
   * writes to a project table (JDBC cannot change those).
   */
  @Override public long[] executeLargeBatch() throws SQLException {
    try {
      return FloeErrors.call(super::executeLargeBatch);
    } catch (SQLException e) {
      throw FloeErrors.batchFailure(e);
    }
  }

  /** JDBC: escape processing has no effect on a statement that is already prepared. */
  @Override public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen();
  }

  @Override public void setFetchSize(int rows) throws SQLException {
    StatementLimits.checkFetchSize(rows);
    super.setFetchSize(rows);
  }

  @Override public void setLargeMaxRows(long maxRows) throws SQLException {
    StatementLimits.checkMaxRows(maxRows);
    super.setLargeMaxRows(maxRows);
  }

  private <T> T run(QueryTimer.SqlWork<T> work) throws SQLException {
    cancelFlag.set(false);
    try {
      return FloeErrors.call(() -> QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), work));
    } catch (SQLException e) {
      if (!PREPARED_TABLES_CHANGED.equals(e.getSQLState()) || cacheKey == null) {
        throw e;
      }
      // The statement's tables changed since it was prepared: its idle copies cannot run either.
      FloeConnection c = (FloeConnection) connection;
      c.forgetStatements(cacheKey.sql());
      if (!fromCache) {
        cacheKey = null;
        throw e;
      }
      // The application prepared after the change; only the cache had the old version.
      fromCache = false;
      reprepare(c, e);
      return FloeErrors.call(() -> QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), work));
    } finally {
      fromCache = false;
    }
  }

  /** Prepares the statement's SQL again on the server and continues with the new handle. */
  private void reprepare(FloeConnection c, SQLException cause) throws SQLException {
    Meta.StatementHandle old = handle;
    Meta.StatementHandle fresh;
    try {
      fresh = c.meta().prepare(c.handle, cacheKey.sql(), -1);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      throw cause;
    }
    if (fresh.signature.parameters.size() != slots.length) {
      c.closeOnServer(List.of(fresh));
      throw cause;
    }
    connection.statementMap.remove(old.id);
    connection.statementMap.put(fresh.id, this);
    handle = fresh;
    setSignature(fresh.signature);
    replacedMetaData = c.factory().newResultSetMetaData(this, fresh.signature);
    c.closeOnServer(List.of(old));
  }

  @Override public ResultSetMetaData getMetaData() throws SQLException {
    ResultSetMetaData replaced = replacedMetaData;
    return replaced != null ? replaced : super.getMetaData();
  }

  /** SQLSTATE the server answers when a prepared statement's result columns changed. */
  private static final String PREPARED_TABLES_CHANGED = "55000";

  /**
   * Keeps the statement open on the server for the next {@code prepareStatement} of the same SQL,
   * unless its last result is still being read there.
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

  @Override public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    if (x != null && x.getNanos() % 1_000_000 != 0) {
      // Avatica sends timestamps as milliseconds; the wall-clock text keeps the microseconds.
      setString(parameterIndex, x.toLocalDateTime().toString());
    } else {
      super.setTimestamp(parameterIndex, x);
    }
  }

  /** Also java.time values, which Avatica's client cannot send (see {@link Parameters}). */
  @Override public void setObject(int parameterIndex, Object x) throws SQLException {
    TypedValue value = Parameters.of(x);
    if (value != null) {
      set(parameterIndex, value);
    } else if (x instanceof Timestamp t) {
      setTimestamp(parameterIndex, t);
    } else {
      Parameters.checkSupported(x);
      FloeErrors.call(() -> {
        super.setObject(parameterIndex, x);
        return null;
      });
    }
  }

  @Override public void setObject(int parameterIndex, Object x, int targetSqlType)
      throws SQLException {
    TypedValue value = Parameters.of(x, targetSqlType);
    if (value != null) {
      set(parameterIndex, value);
      return;
    }
    try {
      super.setObject(parameterIndex, x, targetSqlType);
    } catch (RuntimeException e) {
      throw Parameters.cannotConvert(x, targetSqlType, e);
    }
  }

  @Override public void setObject(int parameterIndex, Object x, int targetSqlType,
      int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, targetSqlType);
  }

  @Override public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType)
      throws SQLException {
    setObject(parameterIndex, x, Parameters.vendorType(targetSqlType));
  }

  @Override public void setObject(int parameterIndex, Object x, java.sql.SQLType targetSqlType,
      int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, Parameters.vendorType(targetSqlType));
  }

  private void set(int parameterIndex, TypedValue value) throws SQLException {
    checkOpen();
    if (parameterIndex < 1 || parameterIndex > slots.length) {
      throw new SQLException("parameter index " + parameterIndex + " is out of range: the "
          + "statement has " + slots.length + " parameter(s)", "22023");
    }
    slots[parameterIndex - 1] = value;
  }

  // JDBC 4.1 setters Avatica leaves to the concrete class.

  @Override public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x, long length)
      throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x, long length)
      throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }

  @Override public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }
}

package io.floe.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Timestamp;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * A prepared statement whose {@code cancel()} and query timeout stop the work on the server, and
 * whose timestamp parameters keep their microseconds (sent as text, which the server parses).
 */
class FloePreparedStatement extends AvaticaPreparedStatement {
  FloePreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override public ResultSet executeQuery() throws SQLException {
    cancelFlag.set(false);
    return QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), super::executeQuery);
  }

  @Override public boolean execute() throws SQLException {
    cancelFlag.set(false);
    return QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), super::execute);
  }

  @Override public long executeLargeUpdate() throws SQLException {
    cancelFlag.set(false);
    return QueryTimer.run(getQueryTimeout(), () -> cancelOnServer(true), super::executeLargeUpdate);
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

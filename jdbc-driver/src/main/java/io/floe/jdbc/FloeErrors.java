package io.floe.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * The exceptions the application sees: Floe's message, SQLSTATE and vendor code, as the server sent
 * them. Avatica's client reports server errors as runtime exceptions, or as
 * {@link AvaticaSqlException}s whose message it decorates ("Error 1 (42P01) : Error while executing
 * SQL ..."); every Floe entry point that talks to the server passes its failures through here.
 */
final class FloeErrors {
  /** SQLSTATE of a failure to talk to the server. */
  static final String CONNECTION_FAILURE = "08006";

  private FloeErrors() {}

  /** A runtime failure of Avatica's client (or of Floe's transport under it) as a SQL exception. */
  static SQLException of(RuntimeException e) {
    if (e instanceof FloeConnection.FetchFailure f) {
      return f.sqlException();
    }
    if (e instanceof AvaticaClientRuntimeException a) {
      return new SQLException(a.getMessage(), a.getSqlState(), a.getErrorCode(), a);
    }
    if (e.getCause() instanceof SQLException s) {
      // Avatica wraps SQL exceptions of its callbacks in runtime exceptions.
      return clean(s);
    }
    if (e.getCause() instanceof AvaticaClientRuntimeException a) {
      return of(a);
    }
    return new SQLException(String.valueOf(e.getMessage()), CONNECTION_FAILURE, 0, e);
  }

  /**
   * Avatica's decorated exception as a plain one with the server's own message; any other
   * exception as it is.
   */
  static SQLException clean(SQLException e) {
    if (e instanceof AvaticaSqlException a) {
      String message = a.getErrorMessage();
      for (String prefix : AVATICA_PREFIXES) {
        if (message.startsWith(prefix)) {
          message = message.substring(prefix.length());
        }
      }
      return new SQLException(message, a.getSQLState(), a.getErrorCode(), a);
    }
    return e;
  }

  /** What Avatica's client puts before a server's message when it wraps an error again. */
  private static final String[] AVATICA_PREFIXES = {"exception while executing query: ",
      "Remote driver error: "};

  /**
   * A failed batch as JDBC reports it. Floe stops at the first failure; it plans every statement
   * before running any, so a batch that fails to plan changed nothing and has no update counts.
   */
  static java.sql.BatchUpdateException batchFailure(SQLException e) {
    if (e instanceof java.sql.BatchUpdateException b) {
      return b;
    }
    return new java.sql.BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
        new long[0], e);
  }

  /** Runs a call to Avatica's client, reporting its failures as Floe's. */
  static <T> T call(SqlCall<T> call) throws SQLException {
    try {
      return call.run();
    } catch (SQLException e) {
      throw clean(e);
    } catch (RuntimeException e) {
      throw of(e);
    }
  }

  /** A call that may fail either way. */
  interface SqlCall<T> {
    T run() throws SQLException;
  }
}

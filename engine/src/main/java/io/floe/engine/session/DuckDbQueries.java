package io.floe.engine.session;

import static java.util.Objects.requireNonNull;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB statements the engine writes itself, run for one {@link Execution} of a session (see
 * {@link EngineSession#runInDuckDb}): each is registered with the execution while it runs, so a
 * timeout or cancel interrupts it, and none starts once the execution is stopped.
 */
public final class DuckDbQueries {
  /** Work done with the queries; its SQL errors become Floe errors in one place. */
  @FunctionalInterface
  public interface Work<T> {
    T run(DuckDbQueries queries) throws SQLException;
  }

  /** Reads a query's whole result. */
  @FunctionalInterface
  public interface Reader<R> {
    R read(ResultSet rs) throws SQLException;
  }

  private final DuckDBConnection connection;
  private final Execution execution;

  DuckDbQueries(DuckDBConnection connection, Execution execution) {
    this.connection = requireNonNull(connection, "connection");
    this.execution = requireNonNull(execution, "execution");
  }

  /** Runs a query with {@code ?} parameters and reads its result. */
  public <R> R query(String sql, List<Object> parameters, Reader<R> reader) throws SQLException {
    checkRunning();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, EngineSession.toDuckDb(parameters.get(i)));
      }
      execution.register(statement);
      try (ResultSet rs = statement.executeQuery()) {
        return reader.read(rs);
      } finally {
        execution.unregister(statement);
      }
    }
  }

  /** Runs a statement without a result (a temporary table for a sample). */
  public void execute(String sql) throws SQLException {
    checkRunning();
    try (Statement statement = connection.createStatement()) {
      execution.register(statement);
      try {
        statement.execute(sql);
      } finally {
        execution.unregister(statement);
      }
    }
  }

  private void checkRunning() {
    if (execution.isStopped()) {
      throw execution.stoppedError(null);
    }
  }
}

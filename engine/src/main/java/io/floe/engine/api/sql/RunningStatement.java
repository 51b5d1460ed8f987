package io.floe.engine.api.sql;

/**
 * A statement while it runs, as its session reports it to the front-end that started it, so the
 * front-end can map its own statement ids to it for cancel requests.
 */
public interface RunningStatement {
  long id();

  boolean isStopped();

  /**
   * Stops the statement: its DuckDB work is interrupted and the run fails with SQLSTATE 57014
   * ({@code timeout} false: cancelled by the client) or as a statement timeout. Idempotent.
   */
  void stop(boolean timeout);
}

package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.sql.Prepared;
import java.util.List;

/**
 * A statement after Parse: how it runs and what Describe reports.
 *
 * @param sql the client's text
 * @param route where it runs
 * @param target the text sent there: the engine's SQL with {@code ?} markers, or the mirror's
 *     rewritten SQL
 * @param parameterOrder for each {@code ?} of the engine SQL, the client's parameter number - 1
 * @param parameterOids the OID of each client parameter {@code $1..$n}
 * @param columns result columns, or null when it returns no rows
 * @param command the session command (route SESSION)
 * @param plan the engine plan made at Parse (route ENGINE); executions prepare again (cached),
 *     which re-checks access
 */
record PgStatement(String sql, Route route, String target, List<Integer> parameterOrder,
    List<Integer> parameterOids, List<PgColumn> columns, PgSettings.Command command,
    Prepared plan) {

  /** Where a statement runs. */
  enum Route { EMPTY, SESSION, CATALOG, ENGINE }

  PgStatement {
    requireNonNull(sql, "sql");
    requireNonNull(route, "route");
    parameterOrder = List.copyOf(parameterOrder);
    parameterOids = List.copyOf(parameterOids);
  }
}

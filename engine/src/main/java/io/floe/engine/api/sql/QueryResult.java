package io.floe.engine.api.sql;

import java.util.List;

/**
 * What executing a statement produced: rows to read (a query), or a count of changed rows.
 *
 * @param executionId the execution, for cancel requests
 * @param cursor the rows, or null for statements without a result set
 * @param updateCount rows changed, or -1 for queries
 * @param command what ran, as a PostgreSQL command tag without counts ({@code SELECT},
 *     {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code CREATE TABLE}, {@code DROP VIEW}, ...)
 */
public record QueryResult(long executionId, RowCursor cursor, long updateCount, String command) {
  public QueryResult(long executionId, RowCursor cursor, long updateCount) {
    this(executionId, cursor, updateCount, cursor != null ? "SELECT" : "UPDATE");
  }

  public boolean hasRows() {
    return cursor != null;
  }

  public List<ResultColumn> columns() {
    return cursor == null ? List.of() : cursor.columns();
  }
}

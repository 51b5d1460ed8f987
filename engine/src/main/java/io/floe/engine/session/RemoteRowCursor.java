package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.ResultColumn;
import java.util.List;

/**
 * Streams rows straight from one Snowflake statement (a query that reads one connection's tables
 * and nothing Snowflake cannot compute): each row is read from Snowflake's result as the client
 * asks for it, nothing is held, and the first row is there as soon as Snowflake sends it.
 */
final class RemoteRowCursor extends AbstractRowCursor {
  private final RemoteLoads.Opened opened;
  private final int[] projection;
  private final ColumnType[] types;

  /**
   * @param projection for each result column, the index of the Snowflake statement's column
   * @param types each Snowflake column's Floe type
   */
  RemoteRowCursor(List<ResultColumn> columns, RemoteLoads.Opened opened, List<Integer> projection,
      List<ColumnType> types, Execution execution, Completion completion) {
    super(columns, execution, completion);
    this.opened = opened;
    this.projection = projection.stream().mapToInt(Integer::intValue).toArray();
    this.types = types.toArray(new ColumnType[0]);
  }

  @Override protected boolean advance() {
    if (!opened.next()) {
      return false;
    }
    for (int i = 0; i < projection.length; i++) {
      row[i] = opened.read(projection[i], types[projection[i]]);
    }
    return true;
  }

  @Override protected void release(FloeException error) {
    execution.fetchedFromSource(rows);
    if (error != null) {
      opened.failed();
    }
    opened.close();
  }
}

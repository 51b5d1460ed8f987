package io.floe.engine.testing;

import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.session.EngineSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads results into lists of rows for assertions. */
public final class Rows {
  private Rows() {}

  public static List<List<Object>> all(RowCursor cursor) {
    List<List<Object>> rows = new ArrayList<>();
    try (cursor) {
      while (cursor.next()) {
        Object[] row = new Object[cursor.columns().size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = cursor.get(i);
        }
        rows.add(Arrays.asList(row));
      }
    }
    return rows;
  }

  public static List<List<Object>> query(EngineSession session, String sql, Object... params) {
    QueryResult result = session.execute(sql, Arrays.asList(params));
    return all(result.cursor());
  }
}

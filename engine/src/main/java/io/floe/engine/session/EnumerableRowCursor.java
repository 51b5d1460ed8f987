package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.ResultColumn;
import java.util.List;
import org.apache.calcite.linq4j.Enumerator;

/** Reads rows from a Calcite Enumerable plan (federated or partly pushed-down statements). */
final class EnumerableRowCursor extends AbstractRowCursor {
  private final ColumnType[] types;
  private final int[] projection;
  private final Enumerator<Object> enumerator;

  EnumerableRowCursor(List<ResultColumn> columns, List<Integer> projection,
      Enumerator<Object> enumerator, Execution execution, Completion completion) {
    super(columns, execution, completion);
    this.types = columns.stream().map(ResultColumn::type).toArray(ColumnType[]::new);
    this.projection = projection.stream().mapToInt(Integer::intValue).toArray();
    this.enumerator = enumerator;
  }

  @Override protected boolean advance() {
    if (!enumerator.moveNext()) {
      return false;
    }
    Object current = enumerator.current();
    Object[] values = current instanceof Object[] a ? a : new Object[] {current};
    for (int i = 0; i < types.length; i++) {
      row[i] = Values.fromCalcite(values[projection[i]], types[i]);
    }
    return true;
  }

  @Override protected FloeException failure(Throwable e) {
    return ExecutionErrors.of(e, "query failed");
  }

  @Override protected void release(FloeException error) {
    try {
      enumerator.close();
    } catch (RuntimeException ignored) {
      // Closing releases DuckDB statements; failures there change nothing for the caller.
    }
  }
}

package io.floe.jdbc;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ArrayImpl;
import org.apache.calcite.avatica.util.Cursor;

/** Avatica's cursor, with each column's accessor adapted by {@link FloeAccessors}. */
final class FloeCursor implements Cursor {
  private final Cursor delegate;

  FloeCursor(Cursor delegate) {
    this.delegate = delegate;
  }

  @Override public List<Accessor> createAccessors(List<ColumnMetaData> types, Calendar localCalendar,
      ArrayImpl.Factory factory) {
    List<Accessor> base = delegate.createAccessors(types, localCalendar, factory);
    List<Accessor> result = new ArrayList<>(base.size());
    for (int i = 0; i < base.size(); i++) {
      result.add(FloeAccessors.adapt(base.get(i), types.get(i), localCalendar));
    }
    return result;
  }

  @Override public boolean next() throws SQLException {
    return delegate.next();
  }

  @Override public void close() {
    delegate.close();
  }

  @Override public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }
}

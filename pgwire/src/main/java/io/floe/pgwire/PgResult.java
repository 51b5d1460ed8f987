package io.floe.pgwire;

import java.util.List;

/**
 * What one statement produced, as the protocol sends it: rows (possibly none) with their columns,
 * or only a command tag. Rows are read one at a time, so large results stream and a portal can be
 * suspended between Execute messages.
 */
interface PgResult extends AutoCloseable {
  /** Columns, or null when the statement returns no rows (NoData). */
  List<PgColumn> columns();

  boolean next();

  Object get(int index);

  /** CommandComplete's tag once {@code rows} rows were sent. */
  String tag(long rows);

  @Override void close();

  /** A statement without rows. */
  static PgResult command(String tag) {
    return new PgResult() {
      @Override public List<PgColumn> columns() {
        return null;
      }

      @Override public boolean next() {
        return false;
      }

      @Override public Object get(int index) {
        throw new IndexOutOfBoundsException();
      }

      @Override public String tag(long rows) {
        return tag;
      }

      @Override public void close() {}
    };
  }

  /** Fixed rows, e.g. the answer to SHOW. */
  static PgResult rows(List<PgColumn> columns, List<Object[]> rows, String tag) {
    return new PgResult() {
      private int position = -1;

      @Override public List<PgColumn> columns() {
        return columns;
      }

      @Override public boolean next() {
        return ++position < rows.size();
      }

      @Override public Object get(int index) {
        return rows.get(position)[index];
      }

      @Override public String tag(long n) {
        return tag == null ? "SELECT " + n : tag;
      }

      @Override public void close() {}
    };
  }
}

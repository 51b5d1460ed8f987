package io.floe.pgwire;

import java.util.List;

/**
 * A bound statement: its parameters, the result formats the client asked for, and, once executed,
 * its open result, so that Execute with a row limit can be resumed after PortalSuspended.
 */
final class PgPortal {
  private final PgStatement statement;
  private final List<Object> parameters;
  private final short[] formats;
  private PgResult result;
  private long rows;
  private String tag;

  PgPortal(PgStatement statement, List<Object> parameters, short[] formats) {
    this.statement = statement;
    this.parameters = parameters;
    this.formats = formats;
  }

  PgStatement statement() {
    return statement;
  }

  List<Object> parameters() {
    return parameters;
  }

  short[] formats() {
    return formats;
  }

  /** Columns as Describe reports them (the prepared statement's). */
  List<PgColumn> columns() {
    return statement.columns();
  }

  PgResult result() {
    return result;
  }

  void open(PgResult r) {
    this.result = r;
  }

  long rows() {
    return rows;
  }

  void countRow() {
    rows++;
  }

  boolean isDone() {
    return tag != null;
  }

  String tag() {
    return tag;
  }

  /** Marks the portal complete with its CommandComplete tag and releases its result. */
  void finish(String commandTag) {
    this.tag = commandTag;
    if (result != null) {
      result.close();
    }
  }

  /** Whether column {@code i} goes out in binary. */
  boolean binary(int i) {
    List<PgColumn> columns = result != null && result.columns() != null ? result.columns()
        : statement.columns();
    return binary(formats, i, columns.get(i).type());
  }

  /** Bind's result formats applied to column {@code i}: one code for all, or one per column. */
  static boolean binary(short[] formats, int i, PgType type) {
    short f = formats.length == 0 ? 0 : formats.length == 1 ? formats[0]
        : i < formats.length ? formats[i] : 0;
    return f == 1 && PgValues.hasBinary(type);
  }

  void close() {
    if (result != null) {
      result.close();
      result = null;
    }
  }
}

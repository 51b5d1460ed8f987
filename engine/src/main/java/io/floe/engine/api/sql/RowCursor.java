package io.floe.engine.api.sql;

import java.util.List;

/**
 * Rows of a result, read one at a time as they stream from the source. Values come in the Java
 * representation of their column's type:
 *
 * <table>
 *   <caption>Value classes</caption>
 *   <tr><th>type</th><th>class</th></tr>
 *   <tr><td>BOOLEAN</td><td>Boolean</td></tr>
 *   <tr><td>SMALLINT, INTEGER, BIGINT</td><td>Short, Integer, Long</td></tr>
 *   <tr><td>REAL, DOUBLE</td><td>Float, Double</td></tr>
 *   <tr><td>DECIMAL</td><td>BigDecimal</td></tr>
 *   <tr><td>VARCHAR, UUID, JSON</td><td>String</td></tr>
 *   <tr><td>DATE, TIME, TIMESTAMP</td><td>LocalDate, LocalTime, LocalDateTime</td></tr>
 *   <tr><td>TIMESTAMPTZ</td><td>OffsetDateTime (UTC)</td></tr>
 *   <tr><td>BLOB</td><td>byte[]</td></tr>
 * </table>
 * NULL is {@code null}. A cursor must be closed; closing it ends the statement's execution.
 */
public interface RowCursor extends AutoCloseable {
  List<ResultColumn> columns();

  /** Advances to the next row; false at the end. Throws {@code FloeException} on failure. */
  boolean next();

  /** Value of column {@code index} (0-based) of the current row. */
  Object get(int index);

  /** Rows returned so far. */
  long rowCount();

  @Override void close();
}

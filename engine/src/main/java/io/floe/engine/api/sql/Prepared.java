package io.floe.engine.api.sql;

import io.floe.engine.api.catalog.ColumnType;
import java.util.List;

/**
 * A statement a {@link Session} prepared: what it returns and takes, and a handle to run it with
 * {@link Session#execute(Prepared, List)}. A front-end describes a statement from this and keeps it
 * to run again; preparing again after a catalog change is cheap (plans are cached) and re-checks
 * access.
 */
public interface Prepared {
  /** The statement as the client sent it. */
  String sql();

  /** The result's columns; empty for statements without rows. */
  List<ResultColumn> columns();

  /** The types of its {@code ?} parameters, in order. */
  List<ColumnType> parameterTypes();

  /**
   * The PostgreSQL command tag of a successful run ({@code SELECT}, {@code INSERT}, {@code UPDATE},
   * {@code DELETE}, {@code CREATE TABLE}, ...).
   */
  String command();

  /** True for statements whose run answers rows (queries and EXPLAIN). */
  boolean returnsRows();

  /** True for statements that change data or definitions. */
  boolean isWrite();
}

package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A branch's own copy of a main-branch table, made at the branch's first write to it. Its DuckDB
 * catalog is {@link #duckDbCatalog()}; the table inside keeps the main table's name and columns.
 */
public record BranchTable(String branchId, long tableId, long rowCount, long sizeBytes,
    Instant createdAt, Instant updatedAt) {
  public BranchTable {
    requireNonNull(branchId, "branchId");
    requireNonNull(createdAt, "createdAt");
  }

  public String duckDbCatalog() {
    return duckDbCatalog(branchId, tableId);
  }

  /** {@code b_<branch>_t_<table>}: branch ids are identifier-safe, table ids never reused. */
  public static String duckDbCatalog(String branchId, long tableId) {
    return "b_" + branchId + "_t_" + tableId;
  }
}

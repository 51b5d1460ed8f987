package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog knows it. Its data lives in its own DuckDB file, attached to Floe's DuckDB
 * instance as catalog {@link #duckDbCatalog()}, with the table {@code main.<name>} inside.
 */
public record TableDef(long id, long bucketId, String projectId, String bucketName, String name,
    String description, List<ColumnDef> columns, List<String> primaryKey, long rowCount,
    long sizeBytes, Instant createdAt, Instant updatedAt) {
  public TableDef {
    requireNonNull(projectId, "projectId");
    requireNonNull(bucketName, "bucketName");
    requireNonNull(name, "name");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(createdAt, "createdAt");
  }

  /** Name under which the table's file is attached in DuckDB. */
  public String duckDbCatalog() {
    return duckDbCatalog(id);
  }

  public static String duckDbCatalog(long tableId) {
    return "t_" + tableId;
  }

  public Optional<ColumnDef> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}

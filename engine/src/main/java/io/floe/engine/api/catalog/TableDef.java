package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A table as the catalog knows it. Its data lives in its own DuckDB file, attached to Floe's DuckDB
 * instance as catalog {@link #duckDbCatalog()}, with the table {@code main.<name>} inside; or, in a
 * registered bucket, in Snowflake, as the table or view {@link #remoteName()} of the bucket's
 * schema.
 *
 * @param remoteName for a table of a registered bucket, its name in Snowflake (exactly); else null
 * @param remoteView whether that Snowflake object is a view
 */
public record TableDef(long id, long bucketId, String projectId, String bucketName, String name,
    String description, List<ColumnDef> columns, List<String> primaryKey, long rowCount,
    long sizeBytes, Instant createdAt, Instant updatedAt, String remoteName, boolean remoteView) {
  public TableDef(long id, long bucketId, String projectId, String bucketName, String name,
      String description, List<ColumnDef> columns, List<String> primaryKey, long rowCount,
      long sizeBytes, Instant createdAt, Instant updatedAt) {
    this(id, bucketId, projectId, bucketName, name, description, columns, primaryKey, rowCount,
        sizeBytes, createdAt, updatedAt, null, false);
  }

  /** Whether its rows are in Snowflake (a table of a registered bucket), not in a DuckDB file. */
  public boolean isRemote() {
    return remoteName != null;
  }

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

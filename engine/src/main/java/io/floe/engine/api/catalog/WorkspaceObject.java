package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * A table or view a workspace's users created. The catalog is the source of truth for its columns
 * and types; a table's rows are in the workspace's DuckDB file as {@code main.<name>}, a view is
 * planned from {@link #definition()} on every use (so it reads only what the workspace may read at
 * that moment).
 *
 * @param id never reused; PostgreSQL clients see it as the object's oid
 * @param workspaceId its workspace
 * @param name its name in schema {@code public}
 * @param kind table or view
 * @param definition a view's query as written, null for tables
 * @param columns columns in order
 * @param primaryKey primary key columns (tables created with one)
 * @param createdAt creation time
 */
public record WorkspaceObject(long id, String workspaceId, String name, Kind kind,
    String definition, List<ColumnDef> columns, List<String> primaryKey, Instant createdAt) {

  /** What the object is. */
  public enum Kind { TABLE, VIEW }

  public WorkspaceObject {
    requireNonNull(workspaceId, "workspaceId");
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    requireNonNull(createdAt, "createdAt");
  }

  public boolean isView() {
    return kind == Kind.VIEW;
  }
}

package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A workspace as the catalog knows it. Its data lives in its own DuckDB file, attached to Floe's
 * DuckDB instance as catalog {@link #duckDbCatalog()} (the workspace id), tables in {@code main}.
 *
 * @param id {@code ws_<random>}, also its DuckDB catalog name
 * @param projectId the project whose data it reads
 * @param branchId the dev branch it reads, or null for the main branch
 * @param name a label for people
 * @param createdByToken id of the token whose read access the workspace has
 * @param createdAt when it was created
 * @param expiresAt when the reaper drops it, or null for never
 * @param sizeLimitBytes most bytes its file may take before writes are refused
 * @param status {@code active}, {@code expired} or {@code error}
 */
public record WorkspaceDef(String id, String projectId, String branchId, String name,
    String createdByToken, Instant createdAt, Instant expiresAt, long sizeLimitBytes,
    String status) {
  /** The schema a workspace's own tables and views appear in, beside the project's buckets. */
  public static final String SCHEMA = "public";

  public WorkspaceDef {
    requireNonNull(id, "id");
    requireNonNull(projectId, "projectId");
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(status, "status");
  }

  public String duckDbCatalog() {
    return id;
  }

  /** The database name clients connect to. */
  public String databaseName() {
    return "workspace_" + id;
  }

  public boolean isExpired(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}

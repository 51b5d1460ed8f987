package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A namespace of tables inside a project; a schema in SQL.
 *
 * @param remote for a registered bucket, the Snowflake schema whose tables it shows (read-only);
 *     null for a bucket of DuckDB tables
 */
public record Bucket(long id, String projectId, String name, String stage, String description,
    Instant createdAt, RemoteSchema remote) {
  public Bucket(long id, String projectId, String name, String stage, String description,
      Instant createdAt) {
    this(id, projectId, name, stage, description, createdAt, null);
  }

  /**
   * The Snowflake schema a registered bucket shows (Keboola's external bucket).
   *
   * @param connection the project's Snowflake connection
   * @param database the database, as Snowflake names it
   * @param schema the schema, as Snowflake names it
   */
  public record RemoteSchema(String connection, String database, String schema) {
    public RemoteSchema {
      requireNonNull(connection, "connection");
      requireNonNull(database, "database");
      requireNonNull(schema, "schema");
    }
  }

  /** Whether its tables are a Snowflake schema's (read-only), not DuckDB files. */
  public boolean isRegistered() {
    return remote != null;
  }

  public Bucket {
    requireNonNull(projectId, "projectId");
    requireNonNull(name, "name");
    requireNonNull(stage, "stage");
    requireNonNull(createdAt, "createdAt");
  }
}

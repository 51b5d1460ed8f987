package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A namespace of tables inside a project; a schema in SQL. */
public record Bucket(long id, String projectId, String name, String stage, String description,
    Instant createdAt) {
  public Bucket {
    requireNonNull(projectId, "projectId");
    requireNonNull(name, "name");
    requireNonNull(stage, "stage");
    requireNonNull(createdAt, "createdAt");
  }
}

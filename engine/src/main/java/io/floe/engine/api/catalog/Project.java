package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A tenant: holds buckets, tokens and (later) workspaces. */
public record Project(String id, String name, String description, Instant createdAt, Instant updatedAt) {
  public Project {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
  }
}

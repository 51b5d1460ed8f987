package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A dev branch of a project: reads the main branch's tables until it writes its own copy of one. */
public record Branch(String id, String projectId, String name, String description,
    Instant createdAt) {
  public Branch {
    requireNonNull(id, "id");
    requireNonNull(projectId, "projectId");
    requireNonNull(name, "name");
    requireNonNull(createdAt, "createdAt");
  }
}

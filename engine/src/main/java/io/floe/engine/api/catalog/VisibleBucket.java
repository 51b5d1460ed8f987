package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A bucket as one principal sees it.
 *
 * @param projectId the project it appears in (for a linked bucket, the linking project)
 * @param name the schema name it appears under (for a linked bucket, the link's name)
 * @param source the bucket that holds the tables
 * @param writable whether the principal may change its data
 */
public record VisibleBucket(String projectId, String name, Bucket source, boolean writable) {
  public VisibleBucket {
    requireNonNull(projectId, "projectId");
    requireNonNull(name, "name");
    requireNonNull(source, "source");
  }

  public boolean isLinked() {
    return !source.projectId().equals(projectId) || !source.name().equals(name);
  }
}

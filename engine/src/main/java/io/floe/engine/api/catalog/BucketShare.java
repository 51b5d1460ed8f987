package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;

/**
 * Permission for a project (or every project) to link a bucket.
 *
 * @param bucketId the shared bucket
 * @param targetProjectId the project that may link it, or null for every project
 * @param kind how the permission came about
 * @param createdAt when it was given
 */
public record BucketShare(long bucketId, String targetProjectId, Kind kind, Instant createdAt) {
  /** How a share came about. */
  public enum Kind {
    /** The owner shared the bucket; the target links it when it wants. */
    SHARE,
    /** The owner granted read-only access and linked the bucket into the target itself. */
    READONLY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind parse(String text) {
      return valueOf(text.toUpperCase(Locale.ROOT));
    }
  }

  public BucketShare {
    requireNonNull(kind, "kind");
    requireNonNull(createdAt, "createdAt");
  }

  public boolean allProjects() {
    return targetProjectId == null;
  }

  /** Whether this share lets {@code projectId} link the bucket. */
  public boolean admits(String projectId) {
    return targetProjectId == null || targetProjectId.equals(projectId);
  }
}

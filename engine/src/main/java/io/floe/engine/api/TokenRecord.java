package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;

/**
 * A stored API token. A project token is either the project's master token (everything in the
 * project) or limited to {@link #bucketPermissions()}. Only the SHA-256 of the secret is kept, in the
 * catalog; it is not part of this record, which principals carry to every front-end.
 */
public record TokenRecord(String id, Kind kind, String projectId, String description,
    boolean master, boolean canManageBuckets,
    Map<Long, BucketPermission> bucketPermissions, Instant createdAt, Instant expiresAt,
    Instant revokedAt) {

  /** What a token is for. */
  public enum Kind { ADMIN, PROJECT }

  public TokenRecord {
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
    requireNonNull(createdAt, "createdAt");
    bucketPermissions = Map.copyOf(bucketPermissions);
  }

  /** True when the token may be used at {@code now}. */
  public boolean isActive(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}

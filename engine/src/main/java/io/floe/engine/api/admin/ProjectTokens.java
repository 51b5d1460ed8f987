package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A project's API tokens: create (secret shown once), list, read, revoke, refresh, verify. */
public interface ProjectTokens {
  /**
   * What a client asks for.
   *
   * @param description free text, up to 256 characters
   * @param bucketPermissions bucket name to {@code read} or {@code write}
   * @param canManageBuckets create and drop buckets, and write every bucket
   * @param expiresIn lifetime, or null for a token that never expires
   */
  record TokenSpec(String description, Map<String, String> bucketPermissions,
      boolean canManageBuckets, Duration expiresIn) {
    public TokenSpec {
      bucketPermissions = Inputs.map("bucket_permissions", bucketPermissions);
    }
  }

  /** A token as the API shows it: permissions by bucket name, and its state now. */
  record TokenInfo(TokenRecord record, String projectName,
      Map<String, BucketPermission> bucketPermissions, Status status) {
    public TokenInfo {
      requireNonNull(record, "record");
      bucketPermissions = new TreeMap<>(bucketPermissions);
      requireNonNull(status, "status");
    }
  }

  /** Whether a token works now. */
  enum Status { ACTIVE, EXPIRED, REVOKED }

  /** A new token and its secret, shown once. */
  record CreatedToken(TokenInfo info, String secret) {
    @Override public String toString() {
      return "CreatedToken[" + info.record().id() + "]";
    }
  }

  CreatedToken create(Principal p, String projectId, TokenSpec spec);

  List<TokenInfo> list(Principal p, String projectId);

  TokenInfo get(Principal p, String projectId, String tokenId);

  /** Revokes a token; it stops working at once. The master token cannot be revoked. */
  TokenInfo revoke(Principal p, String projectId, String tokenId);

  /** Replaces a token's secret; the old one stops working at once. */
  CreatedToken refresh(Principal p, String projectId, String tokenId);

  /** The calling token itself (for {@code GET /tokens/verify}). */
  TokenInfo verify(Principal p);
}

package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.IssuedToken;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.api.admin.ProjectTokens;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.SnowflakeUserRows;
import io.floe.engine.catalog.TokenRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.TokenService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Project tokens, Keboola-style: limited tokens with read or write permission per bucket,
 * {@code can_manage_buckets} (every bucket, also future ones), an optional expiry. Only the admin
 * and the project's master token manage them. Secrets are returned once, at creation or refresh;
 * the catalog keeps their SHA-256 only. A revoked token stops working at once: the change
 * publishes a new catalog snapshot, which empties the token cache and closes the token's sessions.
 */
public final class ProjectTokenService implements ProjectTokens {
  /** Longest {@code expires_in}: ten years. */
  public static final Duration MAX_LIFETIME = Duration.ofDays(3653);
  public static final int MAX_BUCKET_PERMISSIONS = 10_000;

  private final Catalog catalog;
  private final TokenService tokens;
  private final StorageAudit audit;

  public ProjectTokenService(Catalog catalog, TokenService tokens, StorageAudit audit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tokens = requireNonNull(tokens, "tokens");
    this.audit = requireNonNull(audit, "audit");
  }

  @Override public CreatedToken create(Principal p, String projectId, TokenSpec spec) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    ProjectService.checkText("description", spec.description());
    Map<Long, BucketPermission> permissions = bucketPermissions(s, projectId,
        spec.bucketPermissions());
    Instant expiresAt = expiry(spec.expiresIn());
    IssuedToken issued = audit.record(p, "CREATE TOKEN IN PROJECT " + projectId, List.of(projectId),
        () -> catalog.mutate(tx -> tokens.issueProjectToken(tx, projectId, spec.description(), false,
            spec.canManageBuckets(), permissions, expiresAt)));
    return new CreatedToken(info(catalog.snapshot(), issued.record()), issued.secret());
  }

  /**
   * Permissions given by bucket name, by bucket id: every bucket exists in the project, and a
   * linked (shared-in) bucket may only be read.
   */
  public static Map<Long, BucketPermission> bucketPermissions(CatalogSnapshot s, String projectId,
      Map<String, String> byName) {
    if (byName.size() > MAX_BUCKET_PERMISSIONS) {
      throw FloeException.invalid("at most " + MAX_BUCKET_PERMISSIONS + " bucket permissions");
    }
    Map<Long, BucketPermission> permissions = new HashMap<>();
    for (Map.Entry<String, String> e : byName.entrySet()) {
      Bucket bucket = s.bucket(projectId, e.getKey()).orElseThrow(() -> new FloeException(
          ErrorCode.NOT_FOUND, "bucket '" + e.getKey() + "' not found in project '" + projectId + "'"));
      BucketPermission permission = BucketPermission.parse(e.getValue());
      if (permission.allowsWrite() && s.sharing().isLink(bucket.id())) {
        throw FloeException.invalid("bucket '" + bucket.name() + "' is linked and read-only; "
            + "grant 'read'");
      }
      permissions.put(bucket.id(), permission);
    }
    return permissions;
  }

  /** Bucket ids to permissions, by bucket name (buckets gone since are left out). */
  public static Map<String, BucketPermission> byBucketName(CatalogSnapshot s,
      Map<Long, BucketPermission> byId) {
    Map<String, BucketPermission> byName = new HashMap<>();
    byId.forEach((id, permission) -> s.bucketById(id).ifPresent(b -> byName.put(b.name(), permission)));
    return byName;
  }

  /** When a token of this lifetime expires: never without one; 0 is not "never" but refused. */
  private Instant expiry(Duration expiresIn) {
    if (expiresIn == null) {
      return null;
    }
    if (expiresIn.compareTo(Duration.ofSeconds(1)) < 0 || expiresIn.compareTo(MAX_LIFETIME) > 0) {
      throw FloeException.invalid("'expires_in' must be between 1 second and " + MAX_LIFETIME.toDays()
          + " days, in seconds (leave it out for a token that never expires)");
    }
    return tokens.clock().instant().plus(expiresIn);
  }

  @Override public List<TokenInfo> list(Principal p, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    return catalog.read(tx -> TokenRows.byProject(tx, projectId)).stream()
        .map(t -> info(s, t)).toList();
  }

  @Override public TokenInfo get(Principal p, String projectId, String tokenId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    return info(s, find(projectId, tokenId));
  }

  /** Revokes a token; it stops working at once. The master token cannot be revoked. */
  @Override public TokenInfo revoke(Principal p, String projectId, String tokenId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    TokenRecord token = find(projectId, tokenId);
    if (token.master()) {
      throw new FloeException(ErrorCode.INVALID_STATE,
          "the master token cannot be revoked; refresh it to replace its secret");
    }
    audit.record(p, "REVOKE TOKEN " + token.id(), List.of(projectId), () -> catalog.mutate(tx -> {
      TokenRows.revoke(tx, token.id(), tokens.clock().instant());
      return null;
    }));
    return info(catalog.snapshot(), find(projectId, tokenId));
  }

  /** Replaces a token's secret; the old one stops working at once. */
  @Override public CreatedToken refresh(Principal p, String projectId, String tokenId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    TokenRecord token = find(projectId, tokenId);
    if (!token.isActive(tokens.clock().instant())) {
      throw new FloeException(ErrorCode.INVALID_STATE, "token '" + tokenId + "' is "
          + status(token).name().toLowerCase(java.util.Locale.ROOT) + " and cannot be refreshed");
    }
    IssuedToken issued = audit.record(p, "REFRESH TOKEN " + token.id(), List.of(projectId),
        () -> catalog.mutate(tx -> tokens.refreshSecret(tx, token)));
    return new CreatedToken(info(catalog.snapshot(), issued.record()), issued.secret());
  }

  /** The calling token itself (for {@code GET /tokens/verify}). */
  @Override public TokenInfo verify(Principal p) {
    if (p.token() == null) {
      throw new FloeException(ErrorCode.UNAUTHENTICATED, "the caller has no token");
    }
    return info(catalog.snapshot(), p.token());
  }

  private TokenRecord find(String projectId, String tokenId) {
    // A Snowflake user's token is managed as the user (/snowflake-users), not as a token.
    return catalog.read(tx -> {
          Optional<TokenRecord> token = TokenRows.byId(tx, tokenId)
              .filter(t -> projectId.equals(t.projectId()));
          return token.isPresent() && SnowflakeUserRows.ownsToken(tx, tokenId)
              ? Optional.<TokenRecord>empty() : token;
        })
        .orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "token '" + tokenId + "' not found"));
  }

  private Status status(TokenRecord t) {
    if (t.revokedAt() != null) {
      return Status.REVOKED;
    }
    return t.isActive(tokens.clock().instant()) ? Status.ACTIVE : Status.EXPIRED;
  }

  private TokenInfo info(CatalogSnapshot s, TokenRecord t) {
    Map<String, BucketPermission> byName = byBucketName(s, t.bucketPermissions());
    String projectName = t.projectId() == null ? null
        : s.project(t.projectId()).map(pr -> pr.name()).orElse(null);
    return new TokenInfo(t, projectName, byName, status(t));
  }
}

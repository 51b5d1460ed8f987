package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.TokenRecord;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is calling. A front-end obtains it once, from the transport (a token, a password), and passes
 * it explicitly; nothing reads it from thread state. What the principal may do is decided by
 * {@link AccessPolicy} from this value and the current catalog snapshot.
 *
 * @param kind what authenticated the caller
 * @param name a stable identity for audit lines, e.g. {@code admin} or {@code token:tok_...}
 * @param projectId the principal's project, or null for the admin
 * @param token the token behind the principal, when there is one
 * @param workspaceId the workspace, for workspace principals
 */
public record Principal(Kind kind, String name, String projectId, TokenRecord token,
    String workspaceId) {

  /** Kinds of callers. */
  public enum Kind { ADMIN, PROJECT_TOKEN, WORKSPACE }

  public Principal {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    if (kind != Kind.ADMIN) {
      requireNonNull(projectId, "projectId");
    }
  }

  public static Principal admin(TokenRecord token) {
    return new Principal(Kind.ADMIN, "admin", null, token, null);
  }

  public static Principal projectToken(TokenRecord token) {
    return new Principal(Kind.PROJECT_TOKEN, "token:" + token.id(), token.projectId(), token, null);
  }

  /**
   * A workspace's user. It reads what {@code creator} (the token that created the workspace, as it
   * is now; null once that token is gone) may read, and writes only the workspace's own objects.
   */
  public static Principal workspace(String workspaceId, String projectId, TokenRecord creator) {
    return new Principal(Kind.WORKSPACE, "workspace:" + requireNonNull(workspaceId, "workspaceId"),
        projectId, creator, workspaceId);
  }

  public boolean isWorkspace() {
    return kind == Kind.WORKSPACE;
  }

  public boolean isAdmin() {
    return kind == Kind.ADMIN;
  }

  public String tokenId() {
    return token == null ? null : token.id();
  }

  /**
   * A key that changes whenever what this principal may see changes (permissions, revocation);
   * combined with the catalog version it keys cached schemas and plans.
   */
  public String accessKey() {
    StringBuilder b = new StringBuilder().append(kind).append('|').append(projectId)
        .append('|').append(workspaceId);
    if (token != null) {
      b.append('|').append(token.id()).append('|').append(token.master())
          .append('|').append(token.canManageBuckets())
          .append('|').append(new TreeMap<>(token.bucketPermissions()));
    }
    return b.toString();
  }

  @Override public String toString() {
    return name;
  }

  /** For logs that must not include the token record (and its hash). */
  public Map<String, Object> describe() {
    return Map.of("kind", kind.name(), "name", name, "project", String.valueOf(projectId));
  }
}

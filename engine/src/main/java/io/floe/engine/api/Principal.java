package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.TreeMap;

/**
 * Who is calling. A front-end obtains it once, from the transport (a token, a password), and passes
 * it explicitly; nothing reads it from thread state. What the principal may do is decided by
 * the engine's access policy from this value and the current catalog snapshot.
 *
 * <p>Immutable. Its {@link #accessKey()} is computed once: it keys cached schemas and plans, which
 * every statement looks up.
 */
public final class Principal {
  /** Kinds of callers. */
  public enum Kind { ADMIN, PROJECT_TOKEN, WORKSPACE }

  private final Kind kind;
  private final String name;
  private final String projectId;
  private final TokenRecord token;
  private final String workspaceId;
  private final String accessKey;

  /**
   * @param kind what authenticated the caller
   * @param name a stable identity for audit lines, e.g. {@code admin} or {@code token:tok_...}
   * @param projectId the principal's project, or null for the admin
   * @param token the token behind the principal, when there is one
   * @param workspaceId the workspace, for workspace principals
   */
  public Principal(Kind kind, String name, String projectId, TokenRecord token, String workspaceId) {
    this.kind = requireNonNull(kind, "kind");
    this.name = requireNonNull(name, "name");
    if (kind != Kind.ADMIN) {
      requireNonNull(projectId, "projectId");
    }
    this.projectId = projectId;
    this.token = token;
    this.workspaceId = workspaceId;
    this.accessKey = computeAccessKey();
  }

  public static Principal admin(TokenRecord token) {
    return new Principal(Kind.ADMIN, "admin", null, token, null);
  }

  public static Principal projectToken(TokenRecord token) {
    return new Principal(Kind.PROJECT_TOKEN, "token:" + token.id(), token.projectId(), token, null);
  }

  /**
   * A Snowflake key-pair user of {@code token}'s project, with the rights of {@code token} (the
   * user's secret-less token); named {@code snowflake-user:<project>.<USER>} in audit lines.
   */
  public static Principal snowflakeUser(TokenRecord token, String user) {
    return new Principal(Kind.PROJECT_TOKEN, snowflakeUserName(token.projectId(), user),
        token.projectId(), token, null);
  }

  /** How a Snowflake key-pair user is named in audit lines: {@code snowflake-user:<project>.<USER>}. */
  public static String snowflakeUserName(String projectId, String user) {
    return "snowflake-user:" + projectId + "." + user;
  }

  /** The same caller with its token as it is now (its rights may have changed). */
  public Principal withToken(TokenRecord current) {
    return new Principal(kind, name, projectId, current, workspaceId);
  }

  public Kind kind() {
    return kind;
  }

  public String name() {
    return name;
  }

  public String projectId() {
    return projectId;
  }

  public TokenRecord token() {
    return token;
  }

  public String workspaceId() {
    return workspaceId;
  }

  /**
   * A workspace's user. It reads what {@code creator} (the token that created the workspace, as it
   * is now; null once that token is gone) may read, and writes only the workspace's own objects.
   */
  public static Principal workspace(String workspaceId, String projectId, TokenRecord creator) {
    return new Principal(Kind.WORKSPACE, workspaceName(requireNonNull(workspaceId, "workspaceId")),
        projectId, creator, workspaceId);
  }

  /** How a workspace's user is named in audit lines: {@code workspace:<id>}. */
  public static String workspaceName(String workspaceId) {
    return "workspace:" + workspaceId;
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
    return accessKey;
  }

  private String computeAccessKey() {
    StringBuilder b = new StringBuilder().append(kind).append('|').append(projectId)
        .append('|').append(workspaceId);
    if (token != null) {
      b.append('|').append(token.id()).append('|').append(token.master())
          .append('|').append(token.canManageBuckets())
          .append('|').append(new TreeMap<>(token.bucketPermissions()));
    }
    return b.toString();
  }

  @Override public boolean equals(Object o) {
    return o instanceof Principal p && kind == p.kind && name.equals(p.name)
        && Objects.equals(projectId, p.projectId) && Objects.equals(token, p.token)
        && Objects.equals(workspaceId, p.workspaceId);
  }

  @Override public int hashCode() {
    return Objects.hash(kind, name, projectId, workspaceId);
  }

  /** The name only: principals appear in logs, and the token record holds a secret's hash. */
  @Override public String toString() {
    return name;
  }
}

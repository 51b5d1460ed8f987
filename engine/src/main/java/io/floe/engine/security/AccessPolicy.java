package io.floe.engine.security;

import io.floe.engine.api.BucketPermission;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.CatalogSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one place that decides what a principal may see and change. SQL schemas, JDBC metadata and
 * REST endpoints all ask here, so an object a principal may not read is absent everywhere.
 *
 * <ul>
 *   <li>The admin sees and changes everything, except that linked buckets are read-only for
 *       everyone.</li>
 *   <li>A project's master token sees and changes everything in its project.</li>
 *   <li>A limited project token sees the buckets it has a permission for (all of them with
 *       {@code can_manage_buckets}); it may write to those with {@code write}.</li>
 *   <li>A workspace user reads what the token that created the workspace may read now (Keboola's
 *       {@code readOnlyStorageAccess}): evaluated live, so revoking that token, or narrowing its
 *       permissions, narrows the workspace at once. It never writes project data; it writes only
 *       its own workspace's objects ({@link #canWriteWorkspace}).</li>
 *   <li>A linked bucket shows another project's bucket, read-only, under the link's name, for as
 *       long as the owner shares it with the linking project.</li>
 * </ul>
 */
public final class AccessPolicy {
  private AccessPolicy() {}

  /** Projects the principal can see. */
  public static List<Project> visibleProjects(Principal p, CatalogSnapshot s) {
    if (p.isAdmin()) {
      return s.projects();
    }
    return s.project(p.projectId()).map(List::of).orElse(List.of());
  }

  public static boolean canSeeProject(Principal p, String projectId) {
    return p.isAdmin() || p.projectId().equals(projectId);
  }

  /** Buckets of {@code projectId} the principal can read, as it sees them. */
  public static List<VisibleBucket> visibleBuckets(Principal p, CatalogSnapshot s, String projectId) {
    if (!canSeeProject(p, projectId)) {
      return List.of();
    }
    List<VisibleBucket> result = new ArrayList<>();
    for (Bucket b : s.buckets(projectId)) {
      Optional<Bucket> shown = shownBucket(s, b);
      if (shown.isEmpty()) {
        continue;
      }
      boolean linked = shown.get() != b;
      bucketAccess(p, b).ifPresent(writable ->
          result.add(new VisibleBucket(projectId, b.name(), shown.get(),
              writable && !linked && !b.isRegistered())));
    }
    return result;
  }

  /**
   * The bucket whose tables {@code b} shows: itself, or for a linked bucket its source, but only
   * while a share still admits the linking project (a link never outlives its share).
   */
  private static Optional<Bucket> shownBucket(CatalogSnapshot s, Bucket b) {
    Optional<Long> source = s.sharing().linkSource(b.id());
    if (source.isEmpty()) {
      return Optional.of(b);
    }
    if (!s.sharing().admits(source.get(), b.projectId())) {
      return Optional.empty();
    }
    return s.bucketById(source.get()).filter(src -> !s.sharing().isLink(src.id()));
  }

  /** Empty if the principal cannot read the bucket; otherwise whether it may write. */
  private static Optional<Boolean> bucketAccess(Principal p, Bucket b) {
    if (p.isAdmin()) {
      return Optional.of(true);
    }
    if (p.isWorkspace()) {
      if (p.token() == null || !b.projectId().equals(p.projectId())) {
        return Optional.empty();
      }
      // The creating token's read access; the admin token (no project) reads the whole project.
      Principal creator = p.token().kind() == io.floe.engine.api.TokenRecord.Kind.ADMIN
          ? Principal.admin(p.token()) : Principal.projectToken(p.token());
      return bucketAccess(creator, b).map(writable -> false);
    }
    if (!b.projectId().equals(p.projectId()) || p.token() == null) {
      return Optional.empty();
    }
    if (p.token().master()) {
      return Optional.of(true);
    }
    BucketPermission permission = p.token().bucketPermissions().get(b.id());
    if (permission != null) {
      return Optional.of(permission.allowsWrite());
    }
    if (p.token().canManageBuckets()) {
      return Optional.of(true);
    }
    return Optional.empty();
  }

  public static Optional<VisibleBucket> bucket(Principal p, CatalogSnapshot s, String projectId,
      String name) {
    return visibleBuckets(p, s, projectId).stream()
        .filter(b -> b.name().equals(name))
        .findFirst()
        .or(() -> visibleBuckets(p, s, projectId).stream()
            .filter(b -> b.name().equalsIgnoreCase(name)).findFirst());
  }

  // ---- workspaces ----------------------------------------------------------------------------

  /** Whether the principal may change the objects of workspace {@code ws} through SQL. */
  public static boolean canWriteWorkspace(Principal p, io.floe.engine.api.catalog.WorkspaceDef ws) {
    return p.isWorkspace() && ws.id().equals(p.workspaceId());
  }

  /**
   * Whether the principal may manage workspace {@code ws} through the API (see, drop, clear, load,
   * reset credentials): the admin, the project's master token, or the token that created it.
   */
  public static boolean canManageWorkspace(Principal p, io.floe.engine.api.catalog.WorkspaceDef ws) {
    if (p.isAdmin()) {
      return true;
    }
    if (p.isWorkspace() || p.token() == null || !ws.projectId().equals(p.projectId())) {
      return false;
    }
    return p.token().master() || p.token().id().equals(ws.createdByToken());
  }

  /**
   * Creating workspaces and branches in a project: the admin, the project's master token, or a
   * token that may write somewhere in the project (a bucket with {@code write}, or
   * {@code can_manage_buckets}). A read-only token cannot: a workspace holds data of its own.
   */
  public static void requireWorkspaceCreation(Principal p, CatalogSnapshot s, String projectId) {
    requireProject(p, s, projectId);
    if (p.isWorkspace()) {
      throw FloeException.denied("a workspace cannot create workspaces");
    }
    if (p.isAdmin() || p.token() == null) {
      return;
    }
    boolean writer = p.token().master() || p.token().canManageBuckets()
        || visibleBuckets(p, s, projectId).stream().anyMatch(VisibleBucket::writable);
    if (!writer) {
      throw FloeException.denied("the token may only read: creating workspaces needs the master "
          + "token or write access to a bucket");
    }
  }

  // ---- checks that throw ---------------------------------------------------------------------

  public static void requireAdmin(Principal p) {
    if (!p.isAdmin()) {
      throw FloeException.denied("this operation needs the admin token");
    }
  }

  /** The principal may see the project at all. */
  public static Project requireProject(Principal p, CatalogSnapshot s, String projectId) {
    if (!canSeeProject(p, projectId)) {
      throw FloeException.denied("the token has no access to project '" + projectId + "'");
    }
    return s.project(projectId).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND, "project '" + projectId + "' not found"));
  }

  /** Project administration: tokens, project settings, deletion. Admin or the master token. */
  public static void requireProjectAdmin(Principal p, CatalogSnapshot s, String projectId) {
    requireProject(p, s, projectId);
    if (!p.isAdmin() && (p.token() == null || !p.token().master())) {
      throw FloeException.denied("this operation needs the project's master token");
    }
  }

  /**
   * Whose audit lines the principal may read: every line for the admin (null), its own project's
   * for a project's master token. The log shows every token's statements and the project's token
   * and sharing changes, so reading it is project administration, like managing tokens; limited
   * tokens (with {@code can_manage_buckets} too) and workspace users may not.
   *
   * @return the project whose lines it may read, or null for all of them
   */
  public static String requireAuditReader(Principal p) {
    if (p.isAdmin()) {
      return null;
    }
    if (p.isWorkspace() || p.token() == null || !p.token().master()) {
      throw FloeException.denied("reading the audit log needs the admin token or the project's "
          + "master token");
    }
    return p.projectId();
  }

  /** Creating and dropping buckets. */
  public static void requireBucketManagement(Principal p, CatalogSnapshot s, String projectId) {
    requireProject(p, s, projectId);
    if (!p.isAdmin() && (p.token() == null
        || !(p.token().master() || p.token().canManageBuckets()))) {
      throw FloeException.denied("the token may not manage buckets");
    }
  }

  /** The bucket, if the principal can read it; not found otherwise. */
  public static VisibleBucket requireReadable(Principal p, CatalogSnapshot s, String projectId,
      String bucket) {
    requireProject(p, s, projectId);
    return bucket(p, s, projectId, bucket).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND, "bucket '" + bucket + "' not found"));
  }

  /** The bucket, if the principal can write it. */
  public static VisibleBucket requireWritable(Principal p, CatalogSnapshot s, String projectId,
      String bucket) {
    VisibleBucket b = requireReadable(p, s, projectId, bucket);
    if (!b.writable()) {
      throw FloeException.denied(b.source().isRegistered()
          ? "bucket '" + bucket + "' is registered from Snowflake connection '"
              + b.source().remote().connection() + "' and is read-only"
          : b.isLinked()
          ? "bucket '" + bucket + "' is linked from another project and is read-only"
          : "the token may only read bucket '" + bucket + "'");
    }
    return b;
  }

  /**
   * A job of the project, if the principal may see it: the admin and the master token see every
   * job of the project, other tokens their own. Others' jobs are "not found".
   */
  public static JobRecord requireJob(Principal p, CatalogSnapshot s, String projectId,
      Optional<JobRecord> job) {
    requireProject(p, s, projectId);
    return job.filter(j -> j.projectId().equals(projectId))
        .filter(j -> p.isAdmin() || (p.token() != null
            && (p.token().master() || p.token().id().equals(j.tokenId()))))
        .orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "job not found"));
  }

  public static TableDef requireTable(CatalogSnapshot s, VisibleBucket bucket, String table) {
    return s.table(bucket.source().id(), table).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND,
            "table '" + bucket.name() + "." + table + "' not found"));
  }
}

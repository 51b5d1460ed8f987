package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Sharing;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.BucketShare;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.catalog.SharingRows;
import io.floe.engine.security.AccessPolicy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sharing buckets between projects, Keboola-style. The owner <em>shares</em> a bucket with chosen
 * projects (or all); a target project then <em>links</em> it under a name of its own and reads it,
 * read-only, in every front-end. {@code grant-readonly} does both in one step for the owner.
 * Unsharing or revoking removes the links it no longer admits in the same catalog transaction, so
 * access ends at once, for open connections too (every statement is planned against the current
 * catalog).
 */
public final class SharingService implements Sharing {
  private final Catalog catalog;
  private final StorageAudit audit;

  public SharingService(Catalog catalog, StorageAudit audit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.audit = requireNonNull(audit, "audit");
  }

  /** Lets {@code targets} (or, with {@code allProjects}, every project) link the bucket. */
  @Override public ShareState share(Principal p, String projectId, String bucket, List<String> targets,
      boolean allProjects) {
    CatalogSnapshot s = catalog.snapshot();
    Bucket source = ownBucket(p, s, projectId, bucket);
    if (allProjects == (targets != null && !targets.isEmpty())) {
      throw FloeException.invalid("give either 'target_project_id', 'target_project_ids' or "
          + "'all_projects': true");
    }
    List<String> checked = allProjects ? List.of() : targetProjects(s, projectId, targets);
    String object = projectId + "." + source.name();
    change(p, "SHARE BUCKET " + object + " WITH "
        + (allProjects ? "ALL PROJECTS" : String.join(", ", checked)), object, tx -> {
      if (allProjects) {
        SharingRows.insertShare(tx, source.id(), null, BucketShare.Kind.SHARE);
      }
      for (String target : checked) {
        SharingRows.insertShare(tx, source.id(), target, BucketShare.Kind.SHARE);
      }
      return null;
    });
    return state(p, projectId, bucket);
  }

  /**
   * Stops sharing with {@code target} (or, with {@code allProjects}, the share to every project);
   * links that no share admits any more are removed. Returns the links removed.
   */
  @Override public List<Link> unshare(Principal p, String projectId, String bucket, String target,
      boolean allProjects) {
    CatalogSnapshot s = catalog.snapshot();
    Bucket source = ownBucket(p, s, projectId, bucket);
    if (allProjects == (target != null)) {
      throw FloeException.invalid("give either 'target_project_id' or 'all_projects=true'");
    }
    String object = projectId + "." + source.name();
    return change(p, "UNSHARE BUCKET " + object + " FROM " + (allProjects ? "ALL PROJECTS" : target),
        object, tx -> {
          int removed = SharingRows.deleteShares(tx, source.id(), allProjects ? null : target,
              BucketShare.Kind.SHARE);
          if (removed == 0) {
            throw new FloeException(ErrorCode.NOT_FOUND, "bucket '" + source.name()
                + "' is not shared with " + (allProjects ? "all projects" : "project '" + target + "'"));
          }
          return links(SharingRows.pruneLinks(tx, source.id()));
        });
  }

  /** Links a bucket shared with {@code projectId} into it as {@code name}, read-only. */
  @Override public VisibleBucket link(Principal p, String projectId, String name, String sourceProjectId,
      String sourceBucket) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(p, s, projectId);
    Names.bucket(name);
    if (sourceProjectId == null || sourceBucket == null) {
      throw FloeException.invalid("'source_project_id' and 'source_bucket_name' are required");
    }
    if (sourceProjectId.equals(projectId)) {
      throw FloeException.invalid("a project cannot link its own bucket");
    }
    Bucket source = sharedSource(s, projectId, sourceProjectId, sourceBucket);
    String object = sourceProjectId + "." + source.name();
    change(p, "LINK BUCKET " + object + " AS " + projectId + "." + name, object, tx -> {
      insertLink(tx, catalog.snapshot(), projectId, name, source);
      return null;
    });
    return AccessPolicy.requireReadable(p, catalog.snapshot(), projectId, name);
  }

  /** Removes a linked bucket from {@code projectId}; the source is untouched. */
  @Override public void unlink(Principal p, String projectId, String name) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(p, s, projectId);
    Bucket link = s.bucket(projectId, name).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND, "bucket '" + name + "' not found"));
    if (!s.sharing().isLink(link.id())) {
      throw new FloeException(ErrorCode.INVALID_STATE,
          "bucket '" + link.name() + "' is not a linked bucket; delete it instead");
    }
    String object = projectId + "." + link.name();
    change(p, "UNLINK BUCKET " + object, object, tx -> {
      Catalog.deleteBucket(tx, link.id());
      return null;
    });
  }

  /**
   * The owner grants {@code target} read-only access: a share of kind {@code readonly} and a link
   * in the target project, named {@code linkName} (the bucket's own name by default).
   */
  @Override public Link grantReadOnly(Principal p, String projectId, String bucket, String target,
      String linkName) {
    CatalogSnapshot s = catalog.snapshot();
    Bucket source = ownBucket(p, s, projectId, bucket);
    String checkedTarget = targetProjects(s, projectId, target == null ? null : List.of(target)).get(0);
    String name = linkName == null ? source.name() : linkName;
    Names.bucket(name);
    String object = projectId + "." + source.name();
    return change(p, "GRANT READ ON BUCKET " + object + " TO " + checkedTarget + " AS " + name, object,
        tx -> {
          SharingRows.insertShare(tx, source.id(), checkedTarget, BucketShare.Kind.READONLY);
          CatalogSnapshot now = catalog.snapshot();
          Optional<Bucket> existing = existingLink(now, checkedTarget, source);
          if (existing.isPresent()) {
            return new Link(checkedTarget, existing.get().name());
          }
          insertLink(tx, now, checkedTarget, name, source);
          return new Link(checkedTarget, name);
        });
  }

  /** Takes back a read-only grant; the target's link goes unless a share still admits it. */
  @Override public List<Link> revokeReadOnly(Principal p, String projectId, String bucket, String target) {
    CatalogSnapshot s = catalog.snapshot();
    Bucket source = ownBucket(p, s, projectId, bucket);
    if (target == null) {
      throw FloeException.invalid("'target_project_id' is required");
    }
    String object = projectId + "." + source.name();
    return change(p, "REVOKE READ ON BUCKET " + object + " FROM " + target, object, tx -> {
      if (SharingRows.deleteShares(tx, source.id(), target, BucketShare.Kind.READONLY) == 0) {
        throw new FloeException(ErrorCode.NOT_FOUND, "project '" + target
            + "' has no read-only grant on bucket '" + source.name() + "'");
      }
      return links(SharingRows.pruneLinks(tx, source.id()));
    });
  }

  /** A catalog change, audited as {@code operation} on {@code object}. */
  private <T> T change(Principal p, String operation, String object,
      io.floe.engine.catalog.Sqlite.TransactionWork<T> work) {
    return audit.record(p, operation, List.of(object), () -> catalog.mutate(work));
  }

  /** Shares and links of an own bucket (project administrators only). */
  @Override public ShareState state(Principal p, String projectId, String bucket) {
    CatalogSnapshot s = catalog.snapshot();
    Bucket source = ownBucket(p, s, projectId, bucket);
    List<Link> links = new ArrayList<>();
    for (long id : s.sharing().linksTo(source.id())) {
      s.bucketById(id).ifPresent(b -> links.add(new Link(b.projectId(), b.name())));
    }
    return new ShareState(AccessPolicy.requireReadable(p, s, projectId, source.name()),
        s.sharing().shares(source.id()), links);
  }

  /** Buckets of other projects that {@code projectId} may link, with the link if it has one. */
  @Override public List<Offer> offers(Principal p, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(p, s, projectId);
    List<Offer> offers = new ArrayList<>();
    for (var project : s.projects()) {
      if (project.id().equals(projectId)) {
        continue;
      }
      for (Bucket b : s.buckets(project.id())) {
        s.sharing().shares(b.id()).stream().filter(share -> share.admits(projectId)).findFirst()
            .ifPresent(share -> offers.add(new Offer(b.projectId(), b.name(), b.stage(),
                b.description(), share.kind(), existingLink(s, projectId, b).map(Bucket::name))));
      }
    }
    return offers;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A bucket of the project that its administrator may share: a real one, not a link. */
  private static Bucket ownBucket(Principal p, CatalogSnapshot s, String projectId, String bucket) {
    AccessPolicy.requireProjectAdmin(p, s, projectId);
    VisibleBucket visible = AccessPolicy.requireReadable(p, s, projectId, bucket);
    if (visible.isLinked()) {
      throw new FloeException(ErrorCode.INVALID_STATE,
          "bucket '" + visible.name() + "' is linked from another project; only its owner can share it");
    }
    return visible.source();
  }

  private static List<String> targetProjects(CatalogSnapshot s, String projectId, List<String> targets) {
    if (targets == null || targets.isEmpty()) {
      throw FloeException.invalid("'target_project_id' is required");
    }
    if (targets.size() > 1000) {
      throw FloeException.invalid("at most 1000 target projects at once");
    }
    Set<String> result = new LinkedHashSet<>();
    for (String target : targets) {
      if (target == null || target.isEmpty()) {
        throw FloeException.invalid("target project ids must not be empty");
      }
      Names.projectId(target);
      if (target.equals(projectId)) {
        throw FloeException.invalid("a project cannot share a bucket with itself");
      }
      if (s.project(target).isEmpty()) {
        throw new FloeException(ErrorCode.NOT_FOUND, "project '" + target + "' not found");
      }
      result.add(target);
    }
    return List.copyOf(result);
  }

  /**
   * The source of a link, if it exists and is shared with {@code projectId}; otherwise "not found",
   * whether it is missing or merely not shared, so links reveal nothing about unshared buckets.
   */
  private static Bucket sharedSource(CatalogSnapshot s, String projectId, String sourceProjectId,
      String sourceBucket) {
    return s.bucket(sourceProjectId, sourceBucket)
        .filter(b -> !s.sharing().isLink(b.id()))
        .filter(b -> s.sharing().admits(b.id(), projectId))
        .orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "bucket '" + sourceBucket
            + "' of project '" + sourceProjectId + "' not found or not shared with project '"
            + projectId + "'"));
  }

  private static Optional<Bucket> existingLink(CatalogSnapshot s, String projectId, Bucket source) {
    return s.sharing().linksTo(source.id()).stream()
        .map(s::bucketById).flatMap(Optional::stream)
        .filter(b -> b.projectId().equals(projectId))
        .findFirst();
  }

  private static void insertLink(io.floe.engine.catalog.Sqlite.Tx tx, CatalogSnapshot s,
      String projectId, String name, Bucket source) throws java.sql.SQLException {
    Optional<Bucket> existing = existingLink(s, projectId, source);
    if (existing.isPresent()) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS,
          "project '%s' links bucket '%s' already, as '%s'", projectId, source.name(),
          existing.get().name());
    }
    SharingRows.insertLink(tx, projectId, name, source);
  }

  private static List<Link> links(List<String[]> rows) {
    return rows.stream().map(r -> new Link(r[0], r[1])).toList();
  }
}

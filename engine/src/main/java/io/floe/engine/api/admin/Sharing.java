package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.BucketShare;
import io.floe.engine.api.catalog.VisibleBucket;
import java.util.List;
import java.util.Optional;

/** Sharing buckets between projects, and linking shared buckets into a project. */
public interface Sharing {
  /** A link as the source's owner sees it: which project shows the bucket under which name. */
  record Link(String projectId, String name) {}

  /** The shares and links of one bucket. */
  record ShareState(VisibleBucket bucket, List<BucketShare> shares, List<Link> links) {}

  /** A bucket some project may link: the source as its owner names it. */
  record Offer(String sourceProjectId, String sourceBucket, String stage, String description,
      BucketShare.Kind kind, Optional<String> linkedAs) {}

  /** Lets {@code targets} (or, with {@code allProjects}, every project) link the bucket. */
  ShareState share(Principal p, String projectId, String bucket, List<String> targets,
      boolean allProjects);

  /**
   * Stops sharing with {@code target} (or, with {@code allProjects}, the share to every project);
   * links that no share admits any more are removed. Returns the links removed.
   */
  List<Link> unshare(Principal p, String projectId, String bucket, String target,
      boolean allProjects);

  /** Links a bucket shared with {@code projectId} into it as {@code name}, read-only. */
  VisibleBucket link(Principal p, String projectId, String name, String sourceProjectId,
      String sourceBucket);

  /** Removes a linked bucket from {@code projectId}; the source is untouched. */
  void unlink(Principal p, String projectId, String name);

  /**
   * The owner grants {@code target} read-only access: a share of kind {@code readonly} and a link
   * in the target project, named {@code linkName} (the bucket's own name by default).
   */
  Link grantReadOnly(Principal p, String projectId, String bucket, String target,
      String linkName);

  /** Takes back a read-only grant; the target's link goes unless a share still admits it. */
  List<Link> revokeReadOnly(Principal p, String projectId, String bucket, String target);

  /** Shares and links of an own bucket (project administrators only). */
  ShareState state(Principal p, String projectId, String bucket);

  /** Buckets of other projects that {@code projectId} may link, with the link if it has one. */
  List<Offer> offers(Principal p, String projectId);
}

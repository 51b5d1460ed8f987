package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.VisibleBucket;
import java.util.List;

/** Buckets of a project as the principal sees them (its own and linked ones). */
public interface Buckets {
  Bucket create(Principal principal, String projectId, String name, String stage,
      String description);

  /** Changes a bucket's description (a linked bucket shows its source's, and cannot change it). */
  VisibleBucket update(Principal principal, String projectId, String name, String description);

  List<VisibleBucket> list(Principal principal, String projectId);

  VisibleBucket get(Principal principal, String projectId, String name);

  /** Deletes a bucket with its tables and their files. */
  void delete(Principal principal, String projectId, String name);

  /**
   * Deletes a bucket with its tables and their files, dev branches' copies of those tables
   * included (detached from DuckDB first). A bucket that other projects link is deleted only with
   * {@code force}, which removes those links too. Waits for imports and changes of its tables.
   */
  void delete(Principal principal, String projectId, String name, boolean force);
}

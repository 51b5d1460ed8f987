package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.VisibleBucket;
import java.util.List;

/** Buckets of a project as the principal sees them (its own and linked ones). */
public interface Buckets {
  Bucket create(Principal principal, String projectId, String name, String stage,
      String description);

  /**
   * Registers a Snowflake schema as a read-only bucket (Keboola's external bucket): its tables and
   * views, with their columns, are read from Snowflake through the project's connection.
   *
   * @param path the database and schema, as Snowflake names them (an unquoted-style lower-case
   *     name also finds Snowflake's upper-case one)
   */
  Registration register(Principal principal, String projectId, String name, String connection,
      List<String> path, String description);

  /** Reads a registered bucket's schema from Snowflake again: tables and columns added, dropped, changed. */
  Registration refresh(Principal principal, String projectId, String name);

  /**
   * What a registration or a refresh found.
   *
   * @param bucket the bucket
   * @param added tables new in the bucket
   * @param dropped tables no longer in Snowflake, removed from the bucket
   * @param changed tables whose columns changed
   * @param skipped objects and columns left out, each with the reason (a type Floe cannot hold, a
   *     name Floe cannot use)
   */
  record Registration(VisibleBucket bucket, List<String> added, List<String> dropped,
      List<String> changed, List<String> skipped) {
    public Registration {
      added = List.copyOf(added);
      dropped = List.copyOf(dropped);
      changed = List.copyOf(changed);
      skipped = List.copyOf(skipped);
    }
  }

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

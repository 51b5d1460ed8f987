package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;

/** What a project holds: buckets, tables, rows, bytes. */
public interface ProjectStats {
  /**
   * Counts of one project.
   *
   * @param buckets own buckets
   * @param linkedBuckets buckets linked from other projects
   * @param tables tables in own buckets
   * @param rows rows in those tables
   * @param bytes bytes their files take on disk
   */
  record Stats(int buckets, int linkedBuckets, int tables, long rows, long bytes) {}

  Stats stats(Principal p, String projectId);
}

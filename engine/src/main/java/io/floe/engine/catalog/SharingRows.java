package io.floe.engine.catalog;

import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.BucketShare;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL for {@code bucket_shares} and for linked buckets (rows of {@code buckets} with a source). */
public final class SharingRows {
  private SharingRows() {}

  static Sharing load(Sqlite.Tx tx) throws SQLException {
    Map<Long, Long> links = new HashMap<>();
    for (long[] row : tx.query("SELECT id, source_bucket_id FROM buckets WHERE source_bucket_id IS NOT NULL",
        rs -> new long[] {rs.getLong(1), rs.getLong(2)})) {
      links.put(row[0], row[1]);
    }
    List<BucketShare> shares = tx.query("SELECT bucket_id, target_project_id, kind, created_at "
        + "FROM bucket_shares", rs -> new BucketShare(rs.getLong(1), rs.getString(2),
            BucketShare.Kind.parse(rs.getString(3)), Catalog.instant(rs, 4)));
    return new Sharing(links, shares);
  }

  /** Records a share; false if the same share exists already. */
  public static boolean insertShare(Sqlite.Tx tx, long bucketId, String targetProjectId,
      BucketShare.Kind kind) throws SQLException {
    return tx.update("INSERT OR IGNORE INTO bucket_shares (bucket_id, target_project_id, kind, created_at) "
        + "VALUES (?, ?, ?, ?)", bucketId, targetProjectId, kind.wireName(), Instant.now().toString()) > 0;
  }

  /** Removes shares of a bucket to one project (or, with null, the share to every project). */
  public static int deleteShares(Sqlite.Tx tx, long bucketId, String targetProjectId,
      BucketShare.Kind kind) throws SQLException {
    return targetProjectId == null
        ? tx.update("DELETE FROM bucket_shares WHERE bucket_id = ? AND target_project_id IS NULL AND kind = ?",
            bucketId, kind.wireName())
        : tx.update("DELETE FROM bucket_shares WHERE bucket_id = ? AND target_project_id = ? AND kind = ?",
            bucketId, targetProjectId, kind.wireName());
  }

  /** Creates a linked bucket in {@code projectId}; returns its id. */
  public static long insertLink(Sqlite.Tx tx, String projectId, String name, Bucket source)
      throws SQLException {
    Bucket link = Catalog.insertBucket(tx, projectId, name, source.stage(), null);
    tx.update("UPDATE buckets SET source_bucket_id = ? WHERE id = ?", source.id(), link.id());
    return link.id();
  }

  /**
   * Deletes the links of {@code sourceBucketId} that no share admits any more; returns the
   * project ids and names of the links removed.
   */
  public static List<String[]> pruneLinks(Sqlite.Tx tx, long sourceBucketId) throws SQLException {
    String orphaned = "FROM buckets AS l WHERE l.source_bucket_id = ? AND NOT EXISTS ("
        + "SELECT 1 FROM bucket_shares s WHERE s.bucket_id = l.source_bucket_id "
        + "AND (s.target_project_id IS NULL OR s.target_project_id = l.project_id))";
    List<String[]> removed = tx.query("SELECT l.project_id, l.name " + orphaned,
        rs -> new String[] {rs.getString(1), rs.getString(2)}, sourceBucketId);
    tx.update("DELETE " + orphaned, sourceBucketId);
    return removed;
  }
}

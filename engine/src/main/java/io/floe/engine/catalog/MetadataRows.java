package io.floe.engine.catalog;

import io.floe.engine.api.catalog.MetadataEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** SQL for {@code object_metadata}. */
public final class MetadataRows {
  private static final String COLUMNS =
      "id, bucket_id, table_id, column_name, provider, key, value, updated_at";

  private MetadataRows() {}

  /** Entries of exactly one object: a bucket ({@code tableId} null), a table, or a column. */
  public static List<MetadataEntry> of(Sqlite.Tx tx, long bucketId, Long tableId, String column)
      throws SQLException {
    return tx.query("SELECT " + COLUMNS + " FROM object_metadata WHERE bucket_id = ? "
        + "AND ifnull(table_id, 0) = ? AND ifnull(column_name, '') = ? ORDER BY provider, key",
        MetadataRows::map, bucketId, tableId == null ? 0L : tableId, column == null ? "" : column);
  }

  /** Every entry of a bucket and of its tables and columns. */
  public static List<MetadataEntry> ofBucketTree(Sqlite.Tx tx, long bucketId) throws SQLException {
    return tx.query("SELECT " + COLUMNS + " FROM object_metadata WHERE bucket_id = ? "
        + "ORDER BY table_id, column_name, provider, key", MetadataRows::map, bucketId);
  }

  /** Sets a value, replacing the one with the same provider and key. */
  public static void upsert(Sqlite.Tx tx, long bucketId, Long tableId, String column, String provider,
      String key, String value) throws SQLException {
    int updated = tx.update("UPDATE object_metadata SET value = ?, updated_at = ? WHERE bucket_id = ? "
        + "AND ifnull(table_id, 0) = ? AND ifnull(column_name, '') = ? AND provider = ? AND key = ?",
        value, Instant.now().toString(), bucketId, tableId == null ? 0L : tableId,
        column == null ? "" : column, provider, key);
    if (updated == 0) {
      tx.update("INSERT INTO object_metadata (bucket_id, table_id, column_name, provider, key, value, "
          + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", bucketId, tableId, column, provider, key, value,
          Instant.now().toString());
    }
  }

  /** Deletes one entry of exactly this object; false if it has no such entry. */
  public static boolean delete(Sqlite.Tx tx, long bucketId, Long tableId, String column, long id)
      throws SQLException {
    return tx.update("DELETE FROM object_metadata WHERE id = ? AND bucket_id = ? "
        + "AND ifnull(table_id, 0) = ? AND ifnull(column_name, '') = ?", id, bucketId,
        tableId == null ? 0L : tableId, column == null ? "" : column) > 0;
  }

  private static MetadataEntry map(ResultSet rs) throws SQLException {
    long table = rs.getLong(3);
    return new MetadataEntry(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : table,
        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), Catalog.instant(rs, 8));
  }
}

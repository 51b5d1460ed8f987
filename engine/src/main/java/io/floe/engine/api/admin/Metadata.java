package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.MetadataEntry;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import java.util.List;

/**
 * Key/value metadata with a provider, on buckets, tables and columns, and the search of tables by
 * it.
 */
public interface Metadata {
  /**
   * The object metadata is about: a bucket, one of its tables, or a column of that table.
   *
   * @param bucket bucket name as the caller sees it
   * @param table table name, or null for the bucket
   * @param column column name, or null for the bucket or table
   */
  record Target(String projectId, String bucket, String table, String column) {
    public Target {
      requireNonNull(projectId, "projectId");
      requireNonNull(bucket, "bucket");
      if (column != null && table == null) {
        throw new IllegalArgumentException("a column needs its table");
      }
    }
  }

  /** One key and value to set. */
  record Entry(String key, String value) {}

  /** What to look for in {@link #searchTables}; every given condition must hold. */
  record TableSearch(String metadataKey, String metadataValue, String provider, String text) {
    public boolean isEmpty() {
      return metadataKey == null && metadataValue == null && provider == null && text == null;
    }
  }

  /** A table that matched a search, as the caller sees it. */
  record FoundTable(VisibleBucket bucket, TableDef table, List<MetadataEntry> metadata) {}

  List<MetadataEntry> list(Principal p, Target target);

  /** Sets entries (replacing values of the same provider and key); returns the object's entries. */
  List<MetadataEntry> set(Principal p, Target target, String provider, List<Entry> entries);

  void delete(Principal p, Target target, long id);

  /**
   * Tables of the project the caller may read (including linked ones) that match {@code search}:
   * metadata key, value and provider match entries of the table or its columns exactly (the value
   * ignoring case); {@code text} is found, ignoring case, in the table's or bucket's name, the
   * table's description, or any metadata value of the table or its columns.
   */
  List<FoundTable> searchTables(Principal p, String projectId, TableSearch search);
}

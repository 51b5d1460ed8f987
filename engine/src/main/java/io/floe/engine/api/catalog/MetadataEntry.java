package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One key/value metadata entry on a bucket, a table or a column.
 *
 * @param id stable id, for deletion
 * @param bucketId the bucket it belongs to (directly, or through its table)
 * @param tableId the table, or null for bucket metadata
 * @param columnName the column, or null for bucket and table metadata
 * @param provider who wrote it ({@code user} unless a client says otherwise)
 * @param key the key, unique per object and provider
 * @param value the value
 * @param updatedAt when it was last set
 */
public record MetadataEntry(long id, long bucketId, Long tableId, String columnName, String provider,
    String key, String value, Instant updatedAt) {
  public MetadataEntry {
    requireNonNull(provider, "provider");
    requireNonNull(key, "key");
    requireNonNull(value, "value");
    requireNonNull(updatedAt, "updatedAt");
  }
}

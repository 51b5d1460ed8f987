package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Metadata;
import io.floe.engine.api.catalog.MetadataEntry;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.MetadataRows;
import io.floe.engine.security.AccessPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Key/value metadata on buckets, tables and columns (descriptions, tags, owners), Keboola-style:
 * each entry has a provider, and a key is unique per object and provider. Whoever may read an
 * object reads its metadata (a linked bucket shows its source's); whoever may write it changes it.
 * Metadata lives in the catalog but not in snapshots: it never changes what SQL sees, so setting it
 * does not evict plan caches.
 */
public final class MetadataService implements Metadata {
  public static final String DEFAULT_PROVIDER = "user";
  public static final int MAX_KEY_LENGTH = 255;
  public static final int MAX_VALUE_LENGTH = 32_768;
  public static final int MAX_ENTRIES_PER_CALL = 100;

  private final Catalog catalog;

  public MetadataService(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  @Override public List<MetadataEntry> list(Principal p, Target target) {
    Resolved r = resolve(p, target, false);
    return catalog.read(tx -> MetadataRows.of(tx, r.bucketId, r.tableId, r.column));
  }

  /** Sets entries (replacing values of the same provider and key); returns the object's entries. */
  @Override public List<MetadataEntry> set(Principal p, Target target, String provider, List<Entry> entries) {
    String prov = provider == null ? DEFAULT_PROVIDER : provider;
    checkText("provider", prov, MAX_KEY_LENGTH);
    if (entries == null || entries.isEmpty()) {
      throw FloeException.invalid("'metadata' needs at least one entry");
    }
    if (entries.size() > MAX_ENTRIES_PER_CALL) {
      throw FloeException.invalid("at most " + MAX_ENTRIES_PER_CALL + " metadata entries at once");
    }
    for (Entry e : entries) {
      if (e == null) {
        throw FloeException.invalid("metadata entries must be objects with 'key' and 'value'");
      }
      checkText("key", e.key(), MAX_KEY_LENGTH);
      if (e.value() == null) {
        throw FloeException.invalid("metadata '" + e.key() + "' needs a 'value'");
      }
      if (e.value().length() > MAX_VALUE_LENGTH) {
        throw FloeException.invalid("metadata values are at most " + MAX_VALUE_LENGTH + " characters");
      }
    }
    Resolved r = resolve(p, target, true);
    return catalog.write(tx -> {
      for (Entry e : entries) {
        MetadataRows.upsert(tx, r.bucketId, r.tableId, r.column, prov, e.key(), e.value());
      }
      return MetadataRows.of(tx, r.bucketId, r.tableId, r.column);
    });
  }

  @Override public void delete(Principal p, Target target, long id) {
    Resolved r = resolve(p, target, true);
    boolean deleted = catalog.write(tx -> MetadataRows.delete(tx, r.bucketId, r.tableId, r.column, id));
    if (!deleted) {
      throw new FloeException(ErrorCode.NOT_FOUND, "metadata entry " + id + " not found");
    }
  }

  /**
   * Tables of the project the caller may read (including linked ones) that match {@code search}:
   * metadata key, value and provider match entries of the table or its columns exactly (the value
   * ignoring case); {@code text} is found, ignoring case, in the table's or bucket's name, the
   * table's description, or any metadata value of the table or its columns.
   */
  @Override public List<FoundTable> searchTables(Principal p, String projectId, TableSearch search) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(p, s, projectId);
    List<FoundTable> found = new ArrayList<>();
    for (VisibleBucket bucket : AccessPolicy.visibleBuckets(p, s, projectId)) {
      List<TableDef> tables = s.tables(bucket.source().id());
      if (tables.isEmpty()) {
        continue;
      }
      Map<Long, List<MetadataEntry>> byTable = new HashMap<>();
      if (!search.isEmpty()) {
        for (MetadataEntry e : catalog.read(tx -> MetadataRows.ofBucketTree(tx, bucket.source().id()))) {
          if (e.tableId() != null) {
            byTable.computeIfAbsent(e.tableId(), k -> new ArrayList<>()).add(e);
          }
        }
      }
      for (TableDef t : tables) {
        List<MetadataEntry> metadata = byTable.getOrDefault(t.id(), List.of());
        if (matches(search, bucket, t, metadata)) {
          found.add(new FoundTable(bucket, t, metadata.stream().filter(e -> e.columnName() == null).toList()));
        }
      }
    }
    return found;
  }

  private static boolean matches(TableSearch q, VisibleBucket bucket, TableDef t,
      List<MetadataEntry> metadata) {
    if (q.metadataKey() != null || q.metadataValue() != null || q.provider() != null) {
      boolean any = metadata.stream().anyMatch(e ->
          (q.metadataKey() == null || e.key().equals(q.metadataKey()))
              && (q.metadataValue() == null || e.value().equalsIgnoreCase(q.metadataValue()))
              && (q.provider() == null || e.provider().equals(q.provider())));
      if (!any) {
        return false;
      }
    }
    if (q.text() != null) {
      String needle = q.text().toLowerCase(Locale.ROOT);
      List<String> haystack = new ArrayList<>(List.of(t.name(), bucket.name()));
      haystack.add(Objects.toString(t.description(), ""));
      metadata.forEach(e -> haystack.add(e.value()));
      return haystack.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).contains(needle));
    }
    return true;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private record Resolved(long bucketId, Long tableId, String column) {}

  private Resolved resolve(Principal p, Target target, boolean write) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = write
        ? AccessPolicy.requireWritable(p, s, target.projectId(), target.bucket())
        : AccessPolicy.requireReadable(p, s, target.projectId(), target.bucket());
    if (target.table() == null) {
      return new Resolved(bucket.source().id(), null, null);
    }
    TableDef table = AccessPolicy.requireTable(s, bucket, target.table());
    String column = target.column() == null ? null
        : TableSchemaService.columnName(table, target.column());
    return new Resolved(bucket.source().id(), table.id(), column);
  }

  private static void checkText(String what, String value, int max) {
    if (value == null || value.isBlank()) {
      throw FloeException.invalid("metadata " + what + " must not be empty");
    }
    if (value.length() > max) {
      throw FloeException.invalid("metadata " + what + " is longer than " + max + " characters");
    }
    if (value.chars().anyMatch(ch -> ch < 0x20)) {
      throw FloeException.invalid("metadata " + what + " must not contain control characters");
    }
  }
}

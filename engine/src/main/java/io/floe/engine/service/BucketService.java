package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Buckets;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.storage.DuckDbStorage;
import java.util.List;
import java.util.Locale;

/** Buckets: namespaces of tables inside a project (schemas in SQL). */
public final class BucketService implements Buckets {
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TableService tables;

  public BucketService(Catalog catalog, DuckDbStorage storage, TableService tables) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override public Bucket create(Principal principal, String projectId, String name, String stage,
      String description) {
    AccessPolicy.requireBucketManagement(principal, catalog.snapshot(), projectId);
    Names.bucket(name);
    String normalizedStage = stage == null ? "in" : stage.toLowerCase(Locale.ROOT);
    if (!normalizedStage.equals("in") && !normalizedStage.equals("out")) {
      throw FloeException.invalid("stage must be 'in' or 'out', got '" + stage + "'");
    }
    ProjectService.checkText("description", description);
    return catalog.mutate(tx -> Catalog.insertBucket(tx, projectId, name, normalizedStage, description));
  }

  /** Changes a bucket's description (a linked bucket shows its source's, and cannot change it). */
  @Override public VisibleBucket update(Principal principal, String projectId, String name, String description) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, name);
    ProjectService.checkText("description", description);
    catalog.mutate(tx -> {
      tx.update("UPDATE buckets SET description = ? WHERE id = ?", description, bucket.source().id());
      return null;
    });
    return get(principal, projectId, bucket.name());
  }

  @Override public List<VisibleBucket> list(Principal principal, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    return AccessPolicy.visibleBuckets(principal, s, projectId);
  }

  @Override public VisibleBucket get(Principal principal, String projectId, String name) {
    return AccessPolicy.requireReadable(principal, catalog.snapshot(), projectId, name);
  }

  /** Deletes a bucket with its tables and their files. */
  @Override public void delete(Principal principal, String projectId, String name) {
    delete(principal, projectId, name, false);
  }

  /**
   * Deletes a bucket with its tables and their files, dev branches' copies of those tables
   * included (detached from DuckDB first). A bucket that other projects link is deleted only with
   * {@code force}, which removes those links too. Waits for imports and changes of its tables.
   */
  @Override public void delete(Principal principal, String projectId, String name, boolean force) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireBucketManagement(principal, s, projectId);
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, name);
    if (bucket.isLinked()) {
      throw FloeException.invalid("'" + name + "' is a linked bucket; unlink it instead");
    }
    List<String> linkedBy = s.sharing().linksTo(bucket.source().id()).stream()
        .map(s::bucketById).flatMap(java.util.Optional::stream)
        .map(b -> b.projectId() + " (as " + b.name() + ")").toList();
    if (!linkedBy.isEmpty() && !force) {
      throw new FloeException(ErrorCode.OBJECT_IN_USE, "bucket '" + bucket.name()
          + "' is linked by project " + String.join(", ", linkedBy)
          + "; unshare it first or delete with force=true");
    }
    long bucketId = bucket.source().id();
    List<Long> tableIds = s.tables(bucketId).stream().map(TableDef::id).toList();
    tables.underWriteLocks(tableIds, () -> {
      CatalogSnapshot before = catalog.snapshot();
      catalog.mutate(tx -> {
        Catalog.deleteBucket(tx, bucketId);
        return null;
      });
      tables.dropFiles(before, before.tables(bucketId));
      storage.deleteDirectory(storage.bucketDir(projectId, bucket.source().name()));
      return null;
    });
  }
}

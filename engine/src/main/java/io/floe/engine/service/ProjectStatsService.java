package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.ProjectStats;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.storage.DuckDbStorage;

/**
 * Live statistics of a project, counted now from the table files rather than from the catalog's
 * last-import figures. A linked bucket counts in its source project only (Keboola's rule), and a
 * limited token counts what it may read.
 */
public final class ProjectStatsService implements ProjectStats {
  private final Catalog catalog;
  private final DuckDbStorage storage;

  public ProjectStatsService(Catalog catalog, DuckDbStorage storage) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
  }

  @Override public Stats stats(Principal p, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(p, s, projectId);
    int buckets = 0;
    int linked = 0;
    int tables = 0;
    long rows = 0;
    long bytes = 0;
    for (VisibleBucket b : AccessPolicy.visibleBuckets(p, s, projectId)) {
      if (b.isLinked()) {
        linked++;
        continue;
      }
      buckets++;
      for (TableDef t : s.tables(b.source().id())) {
        tables++;
        rows += storage.rowCount(t);
        bytes += storage.sizeBytes(t);
      }
    }
    return new Stats(buckets, linked, tables, rows, bytes);
  }
}

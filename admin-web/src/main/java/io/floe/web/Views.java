package io.floe.web;

import io.floe.engine.catalog.Bucket;
import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.Project;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.security.VisibleBucket;
import java.time.Instant;
import java.util.List;

/** JSON shapes of REST responses (snake_case on the wire). */
final class Views {
  private Views() {}

  record ProjectView(String id, String name, String description, Instant createdAt,
      Instant updatedAt) {
    static ProjectView of(Project p) {
      return new ProjectView(p.id(), p.name(), p.description(), p.createdAt(), p.updatedAt());
    }
  }

  record CreatedProjectView(String id, String name, String description, Instant createdAt,
      Instant updatedAt, String apiKey, String apiKeyId) {}

  record BucketView(String name, String projectId, String stage, String description,
      Instant createdAt, boolean linked, String sourceProjectId, String sourceBucket,
      boolean readOnly) {
    static BucketView of(VisibleBucket b) {
      Bucket s = b.source();
      return new BucketView(b.name(), b.projectId(), s.stage(), s.description(), s.createdAt(),
          b.isLinked(), b.isLinked() ? s.projectId() : null, b.isLinked() ? s.name() : null,
          !b.writable());
    }
  }

  record ColumnView(String name, String type, boolean nullable, String description) {
    static ColumnView of(ColumnDef c, List<String> primaryKey) {
      return new ColumnView(c.name(), c.type().toString(),
          c.nullable() && !primaryKey.contains(c.name()), c.description());
    }
  }

  record TableView(String name, String bucket, String projectId, String description,
      List<ColumnView> columns, List<String> primaryKey, long rowCount, long sizeBytes,
      Instant createdAt, Instant updatedAt) {
    static TableView of(TableDef t, String bucketName, String projectId) {
      return new TableView(t.name(), bucketName, projectId, t.description(),
          t.columns().stream().map(c -> ColumnView.of(c, t.primaryKey())).toList(), t.primaryKey(),
          t.rowCount(), t.sizeBytes(), t.createdAt(), t.updatedAt());
    }
  }
}

package io.floe.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.admin.ProjectStats;
import io.floe.engine.api.admin.ProjectTokens;
import io.floe.engine.api.admin.Sharing;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.BucketShare;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.MetadataEntry;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.http.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  record StatsView(String projectId, int buckets, int linkedBuckets, int tables, long rows,
      long bytes) {
    static StatsView of(String projectId, ProjectStats.Stats s) {
      return new StatsView(projectId, s.buckets(), s.linkedBuckets(), s.tables(), s.rows(), s.bytes());
    }
  }

  record BucketView(String name, String projectId, String stage, String description,
      Instant createdAt, boolean linked, String sourceProjectId, String sourceBucket,
      boolean readOnly, RegisteredView registered) {
    static BucketView of(VisibleBucket b) {
      Bucket s = b.source();
      return new BucketView(b.name(), b.projectId(), s.stage(), s.description(), s.createdAt(),
          b.isLinked(), b.isLinked() ? s.projectId() : null, b.isLinked() ? s.name() : null,
          !b.writable(), s.remote() == null ? null : new RegisteredView(s.remote().connection(),
              List.of(s.remote().database(), s.remote().schema())));
    }
  }

  /** Where a registered bucket's tables are: a Snowflake connection's database and schema. */
  record RegisteredView(String connection, List<String> path) {}

  /** What registering or refreshing a registered bucket found. */
  record RegistrationView(BucketView bucket, List<String> added, List<String> dropped,
      List<String> changed, List<String> skipped) {
    static RegistrationView of(io.floe.engine.api.admin.Buckets.Registration r) {
      return new RegistrationView(BucketView.of(r.bucket()), r.added(), r.dropped(), r.changed(),
          r.skipped());
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
      Instant createdAt, Instant updatedAt, String snowflakeName, boolean snowflakeView) {
    static TableView of(TableDef t, String bucketName, String projectId) {
      return new TableView(t.name(), bucketName, projectId, t.description(),
          t.columns().stream().map(c -> ColumnView.of(c, t.primaryKey())).toList(), t.primaryKey(),
          t.rowCount(), t.sizeBytes(), t.createdAt(), t.updatedAt(), t.remoteName(), t.remoteView());
    }
  }

  /** What a backend call did. */
  record OutcomeView(String status, String message) {}

  /** A read-only grant: the bucket and the link made for it. */
  record GrantView(String bucket, LinkView link) {}

  /** A column of a preview's result. */
  record ResultColumnView(String name, String type) {}

  record TokenView(String id, String projectId, String description, boolean isMaster,
      boolean canManageBuckets, Map<String, String> bucketPermissions, String status,
      Instant createdAt, Instant expiresAt, Instant revokedAt) {
    static TokenView of(ProjectTokens.TokenInfo t) {
      Map<String, String> permissions = new LinkedHashMap<>();
      t.bucketPermissions().forEach((bucket, p) -> permissions.put(bucket, p.wireName()));
      var r = t.record();
      return new TokenView(r.id(), r.projectId(), r.description(), r.master(), r.canManageBuckets(),
          permissions, t.status().name().toLowerCase(Locale.ROOT), r.createdAt(), r.expiresAt(),
          r.revokedAt());
    }
  }

  /** A token with its secret, answered once (creation, refresh). */
  record TokenWithSecretView(String id, String token, String projectId, String description,
      boolean isMaster, boolean canManageBuckets, Map<String, String> bucketPermissions,
      String status, Instant createdAt, Instant expiresAt) {
    static TokenWithSecretView of(ProjectTokens.CreatedToken created) {
      TokenView v = TokenView.of(created.info());
      return new TokenWithSecretView(v.id(), created.secret(), v.projectId(), v.description(),
          v.isMaster(), v.canManageBuckets(), v.bucketPermissions(), v.status(), v.createdAt(),
          v.expiresAt());
    }
  }

  /** {@code GET /tokens/verify}: the calling token, with its project. */
  record VerifiedTokenView(String id, String description, boolean isAdmin, boolean isMaster,
      boolean canManageBuckets, Map<String, String> bucketPermissions, Map<String, String> project,
      Instant createdAt, Instant expiresAt) {
    static VerifiedTokenView of(ProjectTokens.TokenInfo t) {
      TokenView v = TokenView.of(t);
      Map<String, String> project = t.record().projectId() == null ? null
          : new java.util.TreeMap<>(Map.of("id", t.record().projectId(), "name",
              String.valueOf(t.projectName())));
      return new VerifiedTokenView(v.id(), v.description(),
          t.record().kind() == io.floe.engine.api.TokenRecord.Kind.ADMIN, v.isMaster(),
          v.canManageBuckets(), v.bucketPermissions(), project, v.createdAt(), v.expiresAt());
    }
  }

  record ShareView(String targetProjectId, boolean allProjects, String kind, Instant createdAt) {
    static ShareView of(BucketShare s) {
      return new ShareView(s.targetProjectId(), s.allProjects(), s.kind().wireName(), s.createdAt());
    }
  }

  record LinkView(String projectId, String name) {
    static LinkView of(Sharing.Link l) {
      return new LinkView(l.projectId(), l.name());
    }
  }

  record ShareStateView(String bucket, String projectId, List<ShareView> sharedWith,
      List<LinkView> linkedBy) {
    static ShareStateView of(Sharing.ShareState s) {
      return new ShareStateView(s.bucket().name(), s.bucket().projectId(),
          s.shares().stream().map(ShareView::of).toList(),
          s.links().stream().map(LinkView::of).toList());
    }
  }

  record OfferView(String sourceProjectId, String sourceBucketName, String stage, String description,
      String kind, String linkedAs) {
    static OfferView of(Sharing.Offer o) {
      return new OfferView(o.sourceProjectId(), o.sourceBucket(), o.stage(), o.description(),
          o.kind().wireName(), o.linkedAs().orElse(null));
    }
  }

  record MetadataView(long id, String provider, String key, String value, Instant updatedAt) {
    static MetadataView of(MetadataEntry e) {
      return new MetadataView(e.id(), e.provider(), e.key(), e.value(), e.updatedAt());
    }

    static List<MetadataView> of(List<MetadataEntry> entries) {
      return entries.stream().map(MetadataView::of).toList();
    }
  }

  record JobError(String code, String message) {}

  /**
   * A job; {@code progress} is the percentage of its current step while it runs and reports one.
   */
  record JobView(String id, String projectId, String operation, String status, String target,
      String url, Double progress, JsonNode result, JobError error, Instant createdAt,
      Instant startedAt, Instant finishedAt) {
    static JobView of(JobRecord j) {
      return of(j, java.util.OptionalDouble.empty());
    }

    static JobView of(JobRecord j, java.util.OptionalDouble progress) {
      JsonNode result = j.result() == null ? null : Json.readTree(
          new java.io.ByteArrayInputStream(j.result().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      String url = "/projects/" + j.projectId() + "/jobs/" + j.id();
      if (result instanceof com.fasterxml.jackson.databind.node.ObjectNode o && j.operation().equals("table.export")) {
        o.put("file_url", url + "/file");
      }
      return new JobView(j.id(), j.projectId(), j.operation(), j.status().wireName(), j.target(), url,
          progress.isPresent() ? progress.getAsDouble() : null, result,
          j.errorCode() == null ? null : new JobError(j.errorCode(), j.errorMessage()),
          j.createdAt(), j.startedAt(), j.finishedAt());
    }
  }

  /** A page of audit entries, newest first; {@code next_before} pages on to older ones. */
  record AuditPageView(List<AuditEntryView> entries, String nextBefore) {}

  /** One audit line; {@code sql} is cut at 2,000 characters in lists ({@code sql_truncated}). */
  record AuditEntryView(String id, Instant time, String principal, String project,
      String frontEnd, String session, String sql, boolean sqlTruncated, List<String> tables,
      long rows, long durationMs, String outcome, String errorCode, String sqlstate,
      List<String> sourceQueries, long sourceRows, String remote, String reason,
      String credential) {
    static AuditEntryView of(io.floe.engine.api.admin.AuditTrail.Entry e) {
      return new AuditEntryView(e.id(), e.time(), e.principal(), e.project(), e.frontEnd(),
          e.session(), e.sql(), e.sqlTruncated(), e.tables(), e.rows(), e.durationMs(),
          e.outcome(), e.errorCode(), e.sqlstate(), e.sourceQueries(), e.sourceRows(),
          e.remote(), e.reason(), e.credential());
    }
  }
}

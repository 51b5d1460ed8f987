package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.JobRecord;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.error.FloeException;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Principal;
import io.floe.engine.security.VisibleBucket;
import io.floe.engine.storage.TableImporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports of uploaded files, now or as a job. Either way the import is atomic (see
 * {@link TableImporter}), the caller's write access is checked before anything is queued and again
 * when a job starts, and error messages name "the uploaded file", never a path on the server.
 */
public final class TableImportService {
  private final Catalog catalog;
  private final TableService tables;
  private final JobService jobs;
  private final StorageAudit audit;

  public TableImportService(Catalog catalog, TableService tables, JobService jobs, StorageAudit audit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tables = requireNonNull(tables, "tables");
    this.jobs = requireNonNull(jobs, "jobs");
    this.audit = requireNonNull(audit, "audit");
  }

  /**
   * One import.
   *
   * @param source the uploaded file and its format
   * @param incremental upsert by primary key (append without one) instead of replacing all rows
   */
  public record ImportRequest(String projectId, String bucket, String table,
      TableImporter.Source source, boolean incremental) {
    public ImportRequest {
      requireNonNull(projectId, "projectId");
      requireNonNull(bucket, "bucket");
      requireNonNull(table, "table");
      requireNonNull(source, "source");
    }

    String target() {
      return projectId + "." + bucket + "." + table;
    }

    /** How the audit log names it. */
    String operation() {
      return "IMPORT " + (source instanceof TableImporter.ParquetSource ? "PARQUET" : "CSV") + " INTO "
          + target() + (incremental ? " INCREMENTAL" : "");
    }
  }

  /** The table, if the principal may import into it: check before accepting an upload. */
  public TableDef writableTable(Principal p, String projectId, String bucket, String table) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket b = AccessPolicy.requireWritable(p, s, projectId, bucket);
    return AccessPolicy.requireTable(s, b, table);
  }

  public TableService.ImportResult importNow(Principal p, ImportRequest r) {
    return audit.record(p, r.operation(), List.of(r.target()), () -> {
      try {
        return tables.importData(p, r.projectId(), r.bucket(), r.table(), r.source(), r.incremental(),
            s -> {});
      } catch (FloeException e) {
        throw withoutPath(e, file(r.source()));
      }
    });
  }

  /**
   * Queues the import as a job, which owns the uploaded file from now on and runs
   * {@code cleanup} (deleting the file) when it ends, however it ends.
   */
  public JobRecord importAsJob(Principal p, ImportRequest r, Runnable cleanup) {
    TableDef table;
    try {
      table = writableTable(p, r.projectId(), r.bucket(), r.table());
    } catch (RuntimeException e) {
      cleanup.run();
      throw e;
    }
    return jobs.submit(p, r.projectId(), "table.import", table.bucketName() + "." + table.name(),
        context -> {
          try {
            TableService.ImportResult result = audit.record(context.principal(), r.operation(),
                List.of(r.target()), () -> tables.importData(context.principal(), r.projectId(),
                    r.bucket(), r.table(), r.source(), r.incremental(), context::register));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table", result.table().bucketName() + "." + result.table().name());
            out.put("imported_rows", result.importedRows());
            out.put("total_rows", result.totalRows());
            out.put("size_bytes", result.sizeBytes());
            return out;
          } catch (FloeException e) {
            throw withoutPath(e, file(r.source()));
          }
        }, cleanup);
  }

  private static Path file(TableImporter.Source source) {
    if (source instanceof TableImporter.CsvSource csv) {
      return csv.file();
    }
    return ((TableImporter.ParquetSource) source).file();
  }

  /** The same error, with the server's path of the upload replaced. */
  static FloeException withoutPath(FloeException e, Path file) {
    String path = file.toString();
    String message = e.getMessage();
    if (message == null || !message.contains(path)) {
      return e;
    }
    return new FloeException(e.code(), message.replace("'" + path + "'", "the uploaded file")
        .replace("\"" + path + "\"", "the uploaded file").replace(path, "the uploaded file"), e);
  }
}

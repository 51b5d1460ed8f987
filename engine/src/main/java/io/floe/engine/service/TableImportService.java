package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CsvSource;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.admin.ParquetSource;
import io.floe.engine.api.admin.TableImports;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.storage.TableImporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports of uploaded files into a table or into a dev branch's copy of it, now or as a job. Either
 * way the import is atomic (see {@link TableImporter}), the caller's write access is checked before
 * the upload is accepted, when a job starts, and again once the import holds the table's write lock
 * (with the table's definition as it is then), every import is audited, and error messages name
 * "the uploaded file", never a path on the server. Each import's start and end are logged too
 * ({@code floe.jobs}).
 */
public final class TableImportService implements TableImports {
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
   * The table, if the principal may import into it (on {@code branch}, when not null, which must
   * exist): check before accepting an upload.
   */
  @Override public TableDef writableTable(Principal p, String projectId, String branch, String bucket,
      String table) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket b = AccessPolicy.requireWritable(p, s, projectId, bucket);
    TableDef def = AccessPolicy.requireTable(s, b, table);
    if (branch != null) {
      TableService.branch(s, projectId, branch);
    }
    return def;
  }

  @Override public TableService.ImportResult importNow(Principal p, ImportRequest r) {
    return run(p, r, TableService.WriteControl.NONE);
  }

  private TableService.ImportResult run(Principal p, ImportRequest r,
      TableService.WriteControl control) {
    ImportLog log = ImportLog.started(p, r,
        control instanceof JobService.Context job ? job.jobId() : null);
    try {
      TableService.ImportResult result = audit.record(p, r.operation(), List.of(r.target()), () -> {
        try {
          return r.branch() == null
              ? tables.importData(p, r.projectId(), r.bucket(), r.table(), r.source(),
                  r.incremental(), control)
              : tables.importIntoBranch(p, r.projectId(), r.branch(), r.bucket(), r.table(),
                  r.source(), r.incremental(), control);
        } catch (FloeException e) {
          throw withoutPath(e, file(r.source()));
        }
      });
      log.finished(result);
      return result;
    } catch (RuntimeException e) {
      log.failed(e);
      throw e;
    }
  }

  /**
   * Queues the import as a job, which owns the uploaded file from now on and runs
   * {@code cleanup} (deleting the file) when it ends, however it ends.
   */
  @Override public JobRecord importAsJob(Principal p, ImportRequest r, Runnable cleanup) {
    TableDef table;
    try {
      table = writableTable(p, r.projectId(), r.branch(), r.bucket(), r.table());
    } catch (RuntimeException e) {
      cleanup.run();
      throw e;
    }
    String target = table.bucketName() + "." + table.name();
    return jobs.submit(p, r.projectId(), r.branch() == null ? "table.import" : "branch.import",
        r.branch() == null ? target : r.branch() + ":" + target,
        context -> {
          TableService.ImportResult result = run(context.principal(), r, context);
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("table", result.table().bucketName() + "." + result.table().name());
          if (r.branch() != null) {
            out.put("branch", r.branch());
          }
          out.put("imported_rows", result.importedRows());
          out.put("total_rows", result.totalRows());
          out.put("size_bytes", result.sizeBytes());
          return out;
        }, cleanup);
  }

  static Path file(ImportSource source) {
    if (source instanceof CsvSource csv) {
      return csv.file();
    }
    return ((ParquetSource) source).file();
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

package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.TableDef;

/** Imports of uploaded files into tables, now or as a job. */
public interface TableImports {
  /**
   * One import.
   *
   * @param branch the dev branch (id or name) whose copy of the table to load, or null for the
   *     table itself
   * @param source the uploaded file and its format
   * @param incremental upsert by primary key (append without one) instead of replacing all rows
   */
  record ImportRequest(String projectId, String branch, String bucket, String table,
      ImportSource source, boolean incremental) {
    public ImportRequest {
      requireNonNull(projectId, "projectId");
      requireNonNull(bucket, "bucket");
      requireNonNull(table, "table");
      requireNonNull(source, "source");
    }

    /** An import into the table itself (the main branch). */
    public ImportRequest(String projectId, String bucket, String table, ImportSource source,
        boolean incremental) {
      this(projectId, null, bucket, table, source, incremental);
    }

    public String target() {
      return projectId + "." + bucket + "." + table;
    }

    /** How the audit log names it. */
    public String operation() {
      return "IMPORT " + (source instanceof ParquetSource ? "PARQUET" : "CSV") + " INTO "
          + target() + (branch == null ? "" : " ON BRANCH " + branch)
          + (incremental ? " INCREMENTAL" : "");
    }
  }

  /**
   * The table, if the principal may import into it (on {@code branch}, when not null, which must
   * exist): check before accepting an upload.
   */
  TableDef writableTable(Principal p, String projectId, String branch, String bucket,
      String table);

  Tables.ImportResult importNow(Principal p, ImportRequest r);

  /**
   * Queues the import as a job, which owns the uploaded file from now on and runs
   * {@code cleanup} (deleting the file) when it ends, however it ends.
   */
  JobRecord importAsJob(Principal p, ImportRequest r, Runnable cleanup);
}

package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.sql.CopyTarget;
import io.floe.engine.api.sql.ResultColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Previews and exports of a table, planned and audited as SQL of the caller. */
public interface TableReads {
  /** Rows of a preview, as the engine returns them. */
  record Preview(List<ResultColumn> columns, List<Object[]> rows) {}

  /**
   * What to export.
   *
   * @param query columns, filters, order and limit (no limit: every row)
   * @param format CSV or Parquet
   * @param gzip gzip a CSV file; GZIP codec for Parquet
   */
  record ExportRequest(String projectId, String bucket, String table, TableQuery query,
      CopyTarget.Format format, boolean gzip) {
    public ExportRequest {
      requireNonNull(projectId, "projectId");
      requireNonNull(bucket, "bucket");
      requireNonNull(table, "table");
      requireNonNull(query, "query");
      requireNonNull(format, "format");
    }

    /** The file name a client should save it as. */
    public String fileName() {
      return table + switch (format) {
        case CSV -> gzip ? ".csv.gz" : ".csv";
        case PARQUET -> ".parquet";
      };
    }
  }

  /** An exported file, deleted when closed. */
  record Export(Path file, String fileName, long rows) implements AutoCloseable {
    @Override public void close() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // removed with the temporary directory's next cleanup
      }
    }
  }

  /**
   * The first rows of a table: {@code limit} defaults to 100 and may be at most 1000.
   */
  Preview preview(Principal p, String projectId, String bucket, String table, TableQuery query);

  /** Exports now into a temporary file under the data directory; the caller streams and closes it. */
  Export export(Principal p, ExportRequest r);

  /**
   * Exports as a job; the file is downloadable from the job (see {@link JobService#file}) until
   * the job's files expire.
   */
  JobRecord exportAsJob(Principal p, ExportRequest r);
}

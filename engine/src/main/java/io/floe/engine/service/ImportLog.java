package io.floe.engine.service;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.admin.ParquetSource;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's log of imports, on logger {@code floe.jobs}: one line when an import starts and
 * one when it ends, whether it runs at once or as a job. The audit log has the same imports for
 * the record; these lines are for watching a server.
 */
final class ImportLog {
  private static final Logger LOG = LoggerFactory.getLogger("floe.jobs");

  private final String target;
  private final String job;
  private final long startNanos = System.nanoTime();

  private ImportLog(String target, String job) {
    this.target = target;
    this.job = job;
  }

  /** Logs the start of an import; {@code job} is null for one that runs at once. */
  static ImportLog started(Principal p, TableImportService.ImportRequest r, String job) {
    ImportLog log = new ImportLog(r.target() + (r.branch() == null ? "" : " branch=" + r.branch()),
        job == null ? "-" : job);
    LOG.info("import started table={} job={} principal={} format={} incremental={} upload_bytes={}",
        log.target, log.job, p.name(), r.source() instanceof ParquetSource ? "parquet" : "csv",
        r.incremental(), size(r.source()));
    return log;
  }

  void finished(TableService.ImportResult result) {
    LOG.info("import finished table={} job={} rows={} total_rows={} size_bytes={} duration_ms={} "
        + "outcome=ok", target, job, result.importedRows(), result.totalRows(), result.sizeBytes(),
        millis());
  }

  void failed(RuntimeException e) {
    ErrorCode code = e instanceof FloeException f ? f.code() : ErrorCode.INTERNAL_ERROR;
    LOG.info("import finished table={} job={} duration_ms={} outcome={} error_code={}", target, job,
        millis(), code == ErrorCode.QUERY_CANCELLED ? "cancelled" : "error", code.code());
  }

  private long millis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static long size(ImportSource source) {
    try {
      return Files.size(TableImportService.file(source));
    } catch (IOException e) {
      return -1;
    }
  }
}

package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.TableQuery;
import io.floe.engine.api.admin.TableReads;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.api.sql.CopyTarget;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Secrets;
import io.floe.engine.session.EngineSession;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.SqlFlavor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading a table through the storage API: previews (the first rows, Keboola's data preview) and
 * exports to CSV or Parquet files. Both go through an engine {@link EngineSession} with the
 * caller's own principal, so they are access-checked, audited, timed out and cancellable like any SQL; the
 * statement is generated from a {@link TableQuery}, never taken from the client.
 */
public final class TableReadService implements TableReads {
  public static final int DEFAULT_PREVIEW_ROWS = 100;
  public static final int MAX_PREVIEW_ROWS = 1000;
  static final String FRONT_END = "rest";

  private final Catalog catalog;
  private final SessionManager sessions;
  private final JobService jobs;
  private final Path exportsDir;

  public TableReadService(Catalog catalog, SessionManager sessions, JobService jobs, Path dataDir) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.sessions = requireNonNull(sessions, "sessions");
    this.jobs = requireNonNull(jobs, "jobs");
    this.exportsDir = dataDir.toAbsolutePath().normalize().resolve("tmp").resolve("exports");
  }

  /**
   * The first rows of a table: {@code limit} defaults to 100 and may be at most 1000.
   */
  @Override public Preview preview(Principal p, String projectId, String bucket, String table, TableQuery query) {
    int limit = query.limit() == null ? DEFAULT_PREVIEW_ROWS : query.limit();
    if (limit < 1 || limit > MAX_PREVIEW_ROWS) {
      throw FloeException.invalid("limit must be between 1 and " + MAX_PREVIEW_ROWS);
    }
    TableQuerySql.Statement statement = statement(p, projectId, bucket, table, query, limit);
    try (EngineSession session = sessions.open(p, FRONT_END, SqlFlavor.POSTGRES)) {
      QueryResult result = session.execute(statement.sql(), statement.parameters());
      try (RowCursor cursor = result.cursor()) {
        List<Object[]> rows = new ArrayList<>();
        while (cursor.next()) {
          Object[] row = new Object[cursor.columns().size()];
          for (int i = 0; i < row.length; i++) {
            row[i] = cursor.get(i);
          }
          rows.add(row);
        }
        return new Preview(cursor.columns(), rows);
      }
    }
  }

  /** Exports now into a temporary file under the data directory; the caller streams and closes it. */
  @Override public Export export(Principal p, ExportRequest r) {
    TableQuerySql.Statement statement = exportStatement(p, r);
    Path file;
    try {
      Files.createDirectories(exportsDir);
      file = exportsDir.resolve("export-" + Secrets.random(16) + "-" + r.fileName());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot create the export directory", e);
    }
    try {
      long rows = copy(p, statement, new CopyTarget(file, r.format(), r.gzip()), false);
      return new Export(file, r.fileName(), rows);
    } catch (RuntimeException e) {
      new Export(file, r.fileName(), 0).close();
      throw e;
    }
  }

  /**
   * Exports as a job; the file is downloadable from the job (see {@link JobService#file}) until
   * the job's files expire.
   */
  @Override public JobRecord exportAsJob(Principal p, ExportRequest r) {
    exportStatement(p, r);
    return jobs.submit(p, r.projectId(), "table.export", r.bucket() + "." + r.table(), context -> {
      TableQuerySql.Statement statement = exportStatement(context.principal(), r);
      Path file = context.directory().resolve(r.fileName());
      long rows = copy(context.principal(), statement, new CopyTarget(file, r.format(), r.gzip()), true);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("rows", rows);
      result.put("file_name", r.fileName());
      result.put("size_bytes", Files.size(file));
      result.put("format", r.format().name().toLowerCase(Locale.ROOT));
      result.put("gzip", r.gzip());
      return result;
    });
  }

  private TableQuerySql.Statement exportStatement(Principal p, ExportRequest r) {
    Integer limit = r.query().limit();
    if (limit != null && limit < 1) {
      throw FloeException.invalid("limit must be positive");
    }
    return statement(p, r.projectId(), r.bucket(), r.table(), r.query(), limit);
  }

  /**
   * Runs the export's COPY in a session of its own; a job's export may run as long as the server
   * lets any statement run (its maximum statement timeout), not just the default.
   */
  private long copy(Principal p, TableQuerySql.Statement statement, CopyTarget target, boolean job) {
    try (EngineSession session = sessions.open(p, FRONT_END, SqlFlavor.POSTGRES)) {
      if (job) {
        session.setStatementTimeout(java.time.Duration.ofDays(365));
      }
      return session.copyTo(statement.sql(), statement.parameters(), target);
    }
  }

  private TableQuerySql.Statement statement(Principal p, String projectId, String bucket,
      String table, TableQuery query, Integer limit) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket b = AccessPolicy.requireReadable(p, s, projectId, bucket);
    TableDef def = AccessPolicy.requireTable(s, b, table);
    return TableQuerySql.build(projectId, b, def, query, limit);
  }
}

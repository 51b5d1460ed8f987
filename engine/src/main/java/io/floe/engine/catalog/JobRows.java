package io.floe.engine.catalog;

import io.floe.engine.api.catalog.JobRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the {@code jobs} table. */
public final class JobRows {
  private static final String COLUMNS = "id, project_id, operation, status, principal, token_id, "
      + "target, result, error_code, error_message, created_at, started_at, finished_at";

  private JobRows() {}

  public static void insert(Sqlite.Tx tx, JobRecord j) throws SQLException {
    tx.update("INSERT INTO jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        j.id(), j.projectId(), j.operation(), j.status().wireName(), j.principal(), j.tokenId(),
        j.target(), j.result(), j.errorCode(), j.errorMessage(), j.createdAt().toString(),
        text(j.startedAt()), text(j.finishedAt()));
  }

  public static Optional<JobRecord> byId(Sqlite.Tx tx, String id) throws SQLException {
    return tx.queryOne("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRows::map, id);
  }

  /** The newest jobs of a project first. */
  public static List<JobRecord> byProject(Sqlite.Tx tx, String projectId, int limit) throws SQLException {
    return tx.query("SELECT " + COLUMNS + " FROM jobs WHERE project_id = ? "
        + "ORDER BY created_at DESC, id LIMIT ?", JobRows::map, projectId, limit);
  }

  /** Moves a waiting job to processing; false if it is no longer waiting (cancelled meanwhile). */
  public static boolean start(Sqlite.Tx tx, String id, Instant at) throws SQLException {
    return tx.update("UPDATE jobs SET status = 'processing', started_at = ? WHERE id = ? "
        + "AND status = 'waiting'", at.toString(), id) > 0;
  }

  /** Records a job's end, unless it has ended already. */
  public static boolean finish(Sqlite.Tx tx, String id, JobRecord.Status status, String result,
      String errorCode, String errorMessage, Instant at) throws SQLException {
    return tx.update("UPDATE jobs SET status = ?, result = ?, error_code = ?, error_message = ?, "
        + "finished_at = ? WHERE id = ? AND status IN ('waiting', 'processing')",
        status.wireName(), result, errorCode, errorMessage, at.toString(), id) > 0;
  }

  /** Records the end of a job that has not started (it never will); false if it has. */
  public static boolean finishWaiting(Sqlite.Tx tx, String id, JobRecord.Status status,
      String errorCode, String errorMessage, Instant at) throws SQLException {
    return tx.update("UPDATE jobs SET status = ?, error_code = ?, error_message = ?, finished_at = ? "
        + "WHERE id = ? AND status = 'waiting'", status.wireName(), errorCode, errorMessage,
        at.toString(), id) > 0;
  }

  /** Fails every job that was waiting or running (at startup: the process that ran them is gone). */
  public static int failUnfinished(Sqlite.Tx tx, String errorCode, String message, Instant at)
      throws SQLException {
    return tx.update("UPDATE jobs SET status = 'error', error_code = ?, error_message = ?, "
        + "finished_at = ? WHERE status IN ('waiting', 'processing')", errorCode, message, at.toString());
  }

  /** Ids of jobs that finished before {@code before}. */
  public static List<String> finishedBefore(Sqlite.Tx tx, Instant before) throws SQLException {
    return tx.query("SELECT id FROM jobs WHERE finished_at IS NOT NULL AND finished_at < ?",
        rs -> rs.getString(1), before.toString());
  }

  private static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static JobRecord map(ResultSet rs) throws SQLException {
    return new JobRecord(rs.getString(1), rs.getString(2), rs.getString(3),
        JobRecord.Status.parse(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getString(10), Catalog.instant(rs, 11),
        Catalog.instant(rs, 12), Catalog.instant(rs, 13));
  }
}

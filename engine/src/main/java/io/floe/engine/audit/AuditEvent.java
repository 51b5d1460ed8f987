package io.floe.engine.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One audited statement.
 *
 * @param time when it started
 * @param principal who ran it (never a secret: {@code admin}, {@code token:<id>}, ...)
 * @param frontEnd which endpoint it came through ({@code jdbc}, {@code pgwire}, {@code rest}, ...)
 * @param session the session id
 * @param sql the full statement text, with anything that looks like a Floe secret redacted
 * @param tables tables it touched, as the principal names them
 * @param rows rows returned or changed
 * @param durationMillis wall time until the result was closed
 * @param outcome {@code ok}, {@code error}, {@code cancelled} or {@code timeout}
 * @param errorCode Floe error code when it failed, else null
 * @param sqlState SQLSTATE when it failed, else null
 * @param sourceQueries the queries it ran in remote sources, each as {@code <connection>:<query id>}
 *     (a Snowflake query id, to find the query in Snowflake's own history)
 * @param sourceRows the rows it fetched from remote sources
 * @param project the principal's project id; null for the admin
 */
public record AuditEvent(Instant time, String principal, String frontEnd, String session, String sql,
    List<String> tables, long rows, long durationMillis, String outcome, String errorCode,
    String sqlState, List<String> sourceQueries, long sourceRows, String project) {
  public AuditEvent(Instant time, String principal, String frontEnd, String session, String sql,
      List<String> tables, long rows, long durationMillis, String outcome, String errorCode,
      String sqlState, List<String> sourceQueries, long sourceRows) {
    this(time, principal, frontEnd, session, sql, tables, rows, durationMillis, outcome, errorCode,
        sqlState, sourceQueries, sourceRows, null);
  }

  public AuditEvent(Instant time, String principal, String frontEnd, String session, String sql,
      List<String> tables, long rows, long durationMillis, String outcome, String errorCode,
      String sqlState) {
    this(time, principal, frontEnd, session, sql, tables, rows, durationMillis, outcome, errorCode,
        sqlState, List.of(), 0, null);
  }

  public AuditEvent {
    sourceQueries = List.copyOf(sourceQueries);
    requireNonNull(time, "time");
    requireNonNull(principal, "principal");
    requireNonNull(frontEnd, "frontEnd");
    requireNonNull(sql, "sql");
    tables = List.copyOf(tables);
    requireNonNull(outcome, "outcome");
  }
}

package io.floe.engine.session;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.RunningStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running statement: what it is, who runs it, and the DuckDB statements doing its work, so that
 * a cancel, a timeout or a closing session can interrupt DuckDB (which stops within a second).
 */
public final class Execution implements RunningStatement {
  /** Why an execution was stopped. */
  public enum StopReason { CANCELLED, TIMEOUT, SESSION_CLOSED, ACCESS_REVOKED }

  private final long id;
  private final String sessionId;
  private final String principal;
  private final String frontEnd;
  private final String sql;
  private final Instant startedAt;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final List<Statement> statements = new CopyOnWriteArrayList<>();
  private volatile StopReason reason;
  private volatile List<String> tables = List.of();
  private final List<String> sourceQueries = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicLong sourceRows = new java.util.concurrent.atomic.AtomicLong();

  Execution(long id, String sessionId, String principal, String frontEnd, String sql, Instant startedAt) {
    this.id = id;
    this.sessionId = requireNonNull(sessionId, "sessionId");
    this.principal = requireNonNull(principal, "principal");
    this.frontEnd = requireNonNull(frontEnd, "frontEnd");
    this.sql = requireNonNull(sql, "sql");
    this.startedAt = requireNonNull(startedAt, "startedAt");
  }

  @Override public long id() {
    return id;
  }

  public String sessionId() {
    return sessionId;
  }

  public String principal() {
    return principal;
  }

  public String frontEnd() {
    return frontEnd;
  }

  public String sql() {
    return sql;
  }

  public Instant startedAt() {
    return startedAt;
  }

  /** Tables it reads, as its principal names them ({@code project.bucket.table}). */
  public List<String> tables() {
    return tables;
  }

  void reads(List<String> qualifiedNames) {
    this.tables = List.copyOf(qualifiedNames);
  }

  /** The queries it ran in remote sources, as {@code <connection>:<query id>}, for audit. */
  public List<String> sourceQueries() {
    return List.copyOf(sourceQueries);
  }

  void ranInSource(String connection, String queryId) {
    sourceQueries.add(connection + ":" + queryId);
  }

  /** Rows it fetched from remote sources. */
  public long sourceRows() {
    return sourceRows.get();
  }

  void fetchedFromSource(long rows) {
    sourceRows.addAndGet(rows);
  }

  /** The flag Calcite's generated code and planner poll. */
  public AtomicBoolean cancelFlag() {
    return stopped;
  }

  @Override public boolean isStopped() {
    return stopped.get();
  }

  public StopReason stopReason() {
    return reason;
  }

  /** Records a DuckDB (or Snowflake) statement doing this execution's work; cancels it at once if already stopped. */
  void register(Statement statement) {
    statements.add(statement);
    if (stopped.get()) {
      cancelQuietly(statement);
    }
  }

  void unregister(Statement statement) {
    statements.remove(statement);
  }

  @Override public void stop(boolean timeout) {
    stop(timeout ? StopReason.TIMEOUT : StopReason.CANCELLED);
  }

  /** Stops the execution: interrupts every DuckDB statement it runs. Idempotent. */
  public void stop(StopReason why) {
    if (stopped.compareAndSet(false, true)) {
      reason = why;
      for (Statement s : statements) {
        cancelQuietly(s);
      }
    }
  }

  private static void cancelQuietly(Statement s) {
    try {
      s.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // The statement finished or closed meanwhile.
    }
  }

  /** The error to report for a stopped execution. */
  FloeException stoppedError(Throwable cause) {
    StopReason r = reason == null ? StopReason.CANCELLED : reason;
    return switch (r) {
      case TIMEOUT -> new FloeException(ErrorCode.STATEMENT_TIMEOUT,
          "canceling statement due to statement timeout", cause);
      case SESSION_CLOSED -> new FloeException(ErrorCode.QUERY_CANCELLED,
          "canceling statement because the session closed", cause);
      case ACCESS_REVOKED -> new FloeException(ErrorCode.ACCESS_DENIED,
          "canceling statement because access to a table it reads was revoked", cause);
      default -> new FloeException(ErrorCode.QUERY_CANCELLED,
          "canceling statement due to user request", cause);
    };
  }
}

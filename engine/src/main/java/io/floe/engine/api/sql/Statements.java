package io.floe.engine.api.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Statement handles: statements that run detached from the request that started them. The caller
 * gets a handle at once, and later asks for its status, waits for it, cancels it, or pages through
 * its result by partition or by row offset, until the result expires or is closed. One mechanism
 * for every front-end that needs one: the Snowflake SQL API's statement handles, agent async
 * queries, results a client reads long after they ran ({@code Floe.statements()}), and results
 * a JDBC client reads frame by frame while its statement runs ({@link #run}).
 *
 * <p>A statement is planned when it is submitted (a syntax error or a table the principal cannot
 * see is answered at once, nothing is queued), then runs as a job (bounded workers and queue, job
 * timeout, cancellation, the job's record in the catalog) in a session of the principal's own, so
 * access control, audit and the statement timeout are those of any statement. Every call checks
 * that the principal may see the handle: another project's principal is told it does not exist.
 */
public interface Statements {
  /**
   * A statement to run detached.
   *
   * @param projectId the project the statement's job belongs to (a project principal's own)
   * @param frontEnd the front-end that submitted it, as audit lines name it
   * @param defaultSchema the schema unqualified names resolve against, or null for the principal's
   * @param timeout the statement's own timeout (capped by the server's maximum), or null for the
   *     server's default
   * @param maxRows the most rows of a query's result to hold (0 for all of them); a result with
   *     more is cut there, its statement ends and its status says {@code truncated}
   */
  record Request(String projectId, String sql, List<Object> parameters, Flavor flavor,
      String frontEnd, List<String> defaultSchema, Duration timeout, long maxRows) {
    public Request(String projectId, String sql, List<Object> parameters, Flavor flavor,
        String frontEnd, List<String> defaultSchema, Duration timeout) {
      this(projectId, sql, parameters, flavor, frontEnd, defaultSchema, timeout, 0);
    }

    public Request {
      if (maxRows < 0) {
        throw new IllegalArgumentException("maxRows must not be negative");
      }
      requireNonNull(projectId, "projectId");
      requireNonNull(sql, "sql");
      parameters = parameters == null ? List.of() : parameters;
      requireNonNull(flavor, "flavor");
      requireNonNull(frontEnd, "frontEnd");
    }
  }

  /** Where a detached statement is. */
  enum State {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
      return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
  }

  /**
   * A statement's status.
   *
   * @param columns the result's columns (known from planning, before it runs)
   * @param rows rows held so far (all of them once it succeeded), or rows changed by a DML
   *     statement
   * @param partitions partitions held so far
   * @param error the code of a failed or cancelled statement, else null
   * @param expiresAt when the result stops being readable, once the statement finished
   * @param truncated whether the result had more rows than the request's {@code maxRows}
   */
  record Status(String id, String projectId, State state, String sql, String command,
      List<ResultColumn> columns, long rows, int partitions, int partitionRows, ErrorCode error,
      String message, Instant createdAt, Instant startedAt, Instant finishedAt, Instant expiresAt,
      boolean truncated) {}

  /** Rows of a held result starting at {@code offset}; {@code last} when no rows follow. */
  record Page(List<ResultColumn> columns, long offset, List<Object[]> rows, boolean last) {}

  /**
   * A result held as a live cursor under a handle (see {@link #run}): read forward by the caller
   * while its statement runs; closing it ends the statement and drops the handle.
   */
  interface HeldCursor extends RowCursor {
    /** The handle, as {@link #status}, {@link #cancel} and {@link #list} know it. */
    String handle();
  }

  /**
   * Plans {@code request} now and queues it to run. Planning errors (syntax, access, unknown
   * tables) are thrown here; everything after is reported by {@link #status}.
   */
  Status submit(Principal principal, Request request);

  /**
   * Runs a prepared statement in the caller's session, tracked under a handle while it runs and
   * while its rows are read: a query's cursor ({@link QueryResult#cursor()}) is a
   * {@link HeldCursor} that streams (no row is held in server memory) and is read forward by the
   * caller. The handle can be cancelled by anyone who may see it, times out after the job timeout
   * (besides the session's statement timeout), is stopped when the principal's token is revoked,
   * and expires when its rows are not read for the retention time. A statement without rows
   * ends its handle before this returns.
   *
   * @param onStart called with the running statement once it starts, for the caller's own cancel
   */
  QueryResult run(Session session, Prepared statement, List<Object> parameters,
      java.util.function.Consumer<RunningStatement> onStart);

  /** Statements the principal may see whose handles are held now, detached ones and cursors. */
  List<Status> list(Principal principal);

  /** A statement's status as the principal may see it. */
  Status status(Principal principal, String id);

  /** Waits up to {@code wait} for the statement to finish; its status then. */
  Status await(Principal principal, String id, Duration wait);

  /** Cancels a queued or running statement; its status after. */
  Status cancel(Principal principal, String id);

  /** Rows of partition {@code index} (from 0) of a statement that succeeded. */
  List<Object[]> partition(Principal principal, String id, int index);

  /** Up to {@code maxRows} rows from row {@code offset} (from 0) of a statement that succeeded. */
  Page page(Principal principal, String id, long offset, int maxRows);

  /** Drops a statement's held result now (a running statement is cancelled first). */
  void close(Principal principal, String id);
}

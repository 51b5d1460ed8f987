package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.StatementConfig;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.sql.Prepared;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.RunningStatement;
import io.floe.engine.api.sql.Session;
import io.floe.engine.api.sql.Statements;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.JobRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.session.EngineSession;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.sql.SqlFlavor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Statements that run detached from the request that started them: the caller gets a handle at
 * once, and later asks for its status, cancels it, or pages through its result by partition or by
 * row offset, until the result expires. This is the one mechanism behind the Snowflake SQL API's
 * statement handles, agent async queries and results a client reads long after they ran.
 *
 * <p>A statement is planned when it is submitted (a syntax error or a table the principal cannot
 * see is answered at once, nothing is queued), then runs as a job of the {@link JobService} (bounded
 * workers and queue, job timeout, cancellation, the job's record in the catalog) in an engine
 * {@link EngineSession} of the principal's own (access control, audit and the statement timeout as for any
 * SQL). Its rows are held in memory in partitions of {@link StatementConfig#partitionRows()} rows;
 * all held results together may take at most {@link StatementConfig#maxHeldBytes()} (a statement
 * whose result would pass that fails with {@code resource_exhausted}), and each is dropped
 * {@link StatementConfig#retention()} after its statement finished, or when the client closes it.
 */
public final class StatementService implements Statements, AutoCloseable {
  /** The job operation of a detached statement, as job listings show it. */
  public static final String OPERATION = "sql.statement";
  private static final int TARGET_LENGTH = 200;

  private static State state(JobRecord.Status status) {
    return switch (status) {
      case WAITING -> State.QUEUED;
      case PROCESSING -> State.RUNNING;
      case SUCCESS -> State.SUCCEEDED;
      case ERROR -> State.FAILED;
      case CANCELLED -> State.CANCELLED;
    };
  }

  private final Catalog catalog;
  private final SessionManager sessions;
  private final JobService jobs;
  private final StatementConfig config;
  private final Clock clock;
  private final Map<String, Held> held = new ConcurrentHashMap<>();
  private final Map<String, Streamed> cursors = new ConcurrentHashMap<>();
  private final AtomicLong cursorIds = new AtomicLong();
  private final AtomicLong heldBytes = new AtomicLong();
  private final ScheduledExecutorService sweeper;

  public StatementService(Catalog catalog, SessionManager sessions, JobService jobs,
      StatementConfig config, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.sessions = requireNonNull(sessions, "sessions");
    this.jobs = requireNonNull(jobs, "jobs");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-statement-results");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(this::dropExpired, 1, 1, TimeUnit.SECONDS);
  }

  public StatementConfig config() {
    return config;
  }

  /**
   * Plans {@code r} now and queues it to run. Planning errors (syntax, access, unknown tables) are
   * thrown here; everything after is reported by {@link #status}.
   */
  @Override public Status submit(Principal p, Request r) {
    AccessPolicy.requireProject(p, catalog.snapshot(), r.projectId());
    List<ResultColumn> columns;
    String command;
    try (EngineSession session = open(p, r)) {
      PlannedStatement plan = session.prepare(r.sql());
      if (plan.parameterTypes().size() != r.parameters().size()) {
        throw FloeException.of(ErrorCode.INVALID_PARAMETER,
            "the statement has %d parameter(s) but %d value(s) were given",
            plan.parameterTypes().size(), r.parameters().size());
      }
      columns = plan.columns();
      command = plan.command();
    }
    Held result = new Held(r, columns, command);
    JobRecord job = jobs.submit(p, r.projectId(), OPERATION, target(r.sql()),
        context -> run(context, r, result), () -> result.finish(clock.instant()));
    held.put(job.id(), result);
    return status(job, result);
  }

  private Map<String, Object> run(JobService.Context context, Request r, Held result) {
    try (EngineSession session = open(context.principal(), r)) {
      context.onCancel(session::cancelRunning);
      if (context.isCancelled()) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "cancelled");
      }
      QueryResult q = session.execute(session.prepare(r.sql()), r.parameters());
      result.command = q.command();
      if (!q.hasRows()) {
        result.rows = Math.max(q.updateCount(), 0);
      } else {
        try (RowCursor cursor = q.cursor()) {
          result.columns = cursor.columns();
          read(cursor, result, context);
        }
      }
      if (context.isCancelled()) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "cancelled");
      }
      result.succeeded = true;
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("command", result.command);
      summary.put("rows", result.rows);
      summary.put("partitions", result.partitions.size());
      return summary;
    } catch (RuntimeException e) {
      result.release();
      throw e;
    }
  }

  /** Reads every row into partitions, counting their estimated size against the limit. */
  private void read(RowCursor cursor, Held result, JobService.Context context) {
    int width = cursor.columns().size();
    List<Object[]> partition = new ArrayList<>(Math.min(config.partitionRows(), 1024));
    long partitionBytes = 0;
    long limit = result.request.maxRows() == 0 ? Long.MAX_VALUE : result.request.maxRows();
    long read = 0;
    while (cursor.next()) {
      if (read++ == limit) {
        result.truncated = true;
        break;
      }
      Object[] row = new Object[width];
      long bytes = 16 + 8L * width;
      for (int i = 0; i < width; i++) {
        row[i] = cursor.get(i);
        bytes += estimate(row[i]);
      }
      result.reserve(bytes);
      partitionBytes += bytes;
      partition.add(row);
      if (partition.size() == config.partitionRows()) {
        result.add(partition);
        partition = new ArrayList<>(Math.min(config.partitionRows(), 1024));
        partitionBytes = 0;
      }
      if (context.isCancelled()) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "cancelled");
      }
    }
    if (!partition.isEmpty() || result.partitions.isEmpty()) {
      result.add(partition);
    }
  }

  private static long estimate(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof CharSequence s) {
      return 48 + 2L * s.length();
    }
    if (value instanceof BigDecimal d) {
      return 64 + d.precision() / 2;
    }
    if (value instanceof byte[] b) {
      return 24 + b.length;
    }
    return 32;
  }

  /**
   * Runs {@code plan} in the caller's session as attached work of the job service under a new
   * handle; a query's rows stay in its live cursor, which the handle wraps.
   */
  @Override public QueryResult run(Session session, Prepared plan, List<Object> parameters,
      Consumer<RunningStatement> onStart) {
    // Unique, not secret (every call checks who may see a handle), and cheap on the hot path.
    String id = "cursor_" + Long.toString(cursorIds.incrementAndGet(), 36) + "_"
        + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    Principal owner = session.principal();
    JobService.Context context = jobs.attach(owner, id);
    AtomicReference<RunningStatement> running = new AtomicReference<>();
    context.onCancel(() -> {
      RunningStatement e = running.get();
      if (e != null) {
        e.stop(context.isTimedOut());
      }
    });
    Streamed cursor = new Streamed(id, owner, session.frontEnd(), plan, context, clock.instant());
    cursors.put(id, cursor);
    QueryResult result;
    try {
      result = session.execute(plan, parameters, e -> {
        running.set(e);
        if (context.isCancelled()) {
          e.stop(context.isTimedOut());
        }
        onStart.accept(e);
      });
    } catch (RuntimeException e) {
      cursor.end(e);
      cursors.remove(id, cursor);
      throw e;
    }
    if (!result.hasRows()) {
      cursor.close();
      return result;
    }
    cursor.streaming(result);
    return new QueryResult(result.executionId(), cursor, result.updateCount(), result.command());
  }

  private EngineSession open(Principal p, Request r) {
    EngineSession session = sessions.open(p, r.frontEnd(), SqlFlavor.valueOf(r.flavor().name()));
    try {
      if (r.defaultSchema() != null) {
        session.setDefaultSchema(r.defaultSchema());
      }
      if (r.timeout() != null) {
        session.setStatementTimeout(r.timeout());
      }
      return session;
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** A statement's status as the principal may see it. */
  @Override public Status status(Principal p, String id) {
    Streamed cursor = cursor(p, id);
    if (cursor != null) {
      return cursor.status();
    }
    JobRecord job = job(p, id);
    return status(job, held.get(job.id()));
  }

  /** Waits up to {@code wait} for the statement to finish; its status then. */
  @Override public Status await(Principal p, String id, Duration wait) {
    Streamed cursor = cursor(p, id);
    if (cursor != null) {
      return cursor.await(wait);
    }
    JobRecord job = job(p, id);
    JobRecord now = jobs.await(p, job.projectId(), job.id(), Math.max(0, wait.toMillis()));
    return status(now, held.get(now.id()));
  }

  /** Cancels a queued or running statement; its status after. */
  @Override public Status cancel(Principal p, String id) {
    Streamed cursor = cursor(p, id);
    if (cursor != null) {
      Status now = cursor.status();
      if (now.state().isFinal()) {
        throw new FloeException(ErrorCode.INVALID_STATE, "statement " + id + " has finished ("
            + now.state().name().toLowerCase(Locale.ROOT) + ")");
      }
      cursor.context.cancel(false);
      return cursor.status();
    }
    JobRecord job = job(p, id);
    JobRecord now = jobs.cancel(p, job.projectId(), job.id());
    return status(now, held.get(now.id()));
  }

  /** Rows of partition {@code index} (from 0) of a statement that succeeded. */
  @Override public List<Object[]> partition(Principal p, String id, int index) {
    Held result = readable(p, id);
    if (index < 0 || index >= result.partitions.size()) {
      throw FloeException.invalid("partition " + index + " does not exist; statement " + id
          + " has " + result.partitions.size() + " partition(s)");
    }
    return result.partitions.get(index);
  }

  /** Up to {@code maxRows} rows from row {@code offset} (from 0) of a statement that succeeded. */
  @Override public Page page(Principal p, String id, long offset, int maxRows) {
    if (offset < 0 || maxRows < 1) {
      throw FloeException.invalid("offset must not be negative and the row count must be positive");
    }
    Held result = readable(p, id);
    List<Object[]> rows = new ArrayList<>(Math.min(maxRows, 1024));
    int index = (int) Math.min(offset / config.partitionRows(), Integer.MAX_VALUE);
    int at = (int) (offset % config.partitionRows());
    while (rows.size() < maxRows && index < result.partitions.size()) {
      List<Object[]> partition = result.partitions.get(index);
      int take = Math.min(maxRows - rows.size(), partition.size() - at);
      if (take > 0) {
        rows.addAll(partition.subList(at, at + take));
        at += take;
      }
      if (at >= partition.size()) {
        index++;
        at = 0;
      }
    }
    return new Page(result.columns, offset, rows, offset + rows.size() >= result.rows);
  }

  /** Drops a statement's held result now (a running statement is cancelled first). */
  @Override public void close(Principal p, String id) {
    Streamed cursor = cursor(p, id);
    if (cursor != null) {
      cursor.expire("was closed by " + p.name());
      return;
    }
    JobRecord job = job(p, id);
    if (!job.status().isFinal()) {
      jobs.cancel(p, job.projectId(), job.id());
    }
    Held result = held.remove(job.id());
    if (result != null) {
      result.release();
    }
  }

  /** Statements the principal may see whose handles are held now, newest first. */
  @Override public List<Status> list(Principal p) {
    List<Status> out = new ArrayList<>();
    for (Streamed cursor : cursors.values()) {
      if (visible(p, cursor.owner)) {
        out.add(cursor.status());
      }
    }
    for (String id : held.keySet()) {
      try {
        out.add(status(p, id));
      } catch (FloeException notVisible) {
        // another principal's statement, or one dropped meanwhile
      }
    }
    out.sort(java.util.Comparator.comparing(Status::createdAt).reversed());
    return out;
  }

  /** The cursor handle {@code id} if it is one the principal may see; null for other ids. */
  private Streamed cursor(Principal p, String id) {
    Streamed cursor = id == null ? null : cursors.get(id);
    if (cursor == null) {
      if (id != null && id.startsWith("cursor_")) {
        throw new FloeException(ErrorCode.NOT_FOUND, "statement " + id
            + " not found (a cursor's handle ends when its result is closed or expires)");
      }
      return null;
    }
    if (!visible(p, cursor.owner)) {
      throw new FloeException(ErrorCode.NOT_FOUND, "statement " + id + " not found");
    }
    return cursor;
  }

  /**
   * Whether {@code p} may see a statement {@code owner} runs: the admin sees all, a project's
   * master token those of its project, any other principal its own token's.
   */
  private static boolean visible(Principal p, Principal owner) {
    if (p.isAdmin()) {
      return true;
    }
    if (owner.projectId() == null || !owner.projectId().equals(p.projectId())) {
      return false;
    }
    return (p.token() != null && p.token().master())
        || (p.tokenId() != null && p.tokenId().equals(owner.tokenId()));
  }

  private Held readable(Principal p, String id) {
    if (cursor(p, id) != null) {
      throw new FloeException(ErrorCode.INVALID_STATE, "statement " + id + " is a cursor, read "
          + "forward by the connection that ran it; its rows are not held in partitions");
    }
    JobRecord job = job(p, id);
    State state = state(job.status());
    if (!state.isFinal()) {
      throw new FloeException(ErrorCode.INVALID_STATE, "statement " + id + " is still "
          + state.name().toLowerCase(java.util.Locale.ROOT) + "; its result is not ready");
    }
    if (state != State.SUCCEEDED) {
      ErrorCode code = errorCode(job);
      throw new FloeException(code == null ? ErrorCode.INTERNAL_ERROR : code,
          job.errorMessage() == null ? "the statement failed" : job.errorMessage());
    }
    Held result = held.get(job.id());
    if (result == null || result.expired(clock.instant())) {
      throw new FloeException(ErrorCode.NOT_FOUND, "the result of statement " + id
          + " has expired or was closed; run the statement again");
    }
    return result;
  }

  private JobRecord job(Principal p, String id) {
    if (id == null || id.isBlank()) {
      throw FloeException.invalid("a statement handle is required");
    }
    JobRecord job = catalog.read(tx -> JobRows.byId(tx, id))
        .filter(j -> j.operation().equals(OPERATION))
        .orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "statement " + id + " not found"));
    try {
      return jobs.get(p, job.projectId(), job.id());
    } catch (FloeException notVisible) {
      throw new FloeException(ErrorCode.NOT_FOUND, "statement " + id + " not found");
    }
  }

  private Status status(JobRecord job, Held result) {
    State state = state(job.status());
    Instant expiresAt = job.finishedAt() == null ? null : job.finishedAt().plus(config.retention());
    return new Status(job.id(), job.projectId(), state,
        result == null ? job.target() : result.request.sql(),
        result == null ? null : result.command,
        result == null ? List.of() : result.columns,
        result == null ? 0 : result.rows,
        result == null ? 0 : result.partitions.size(),
        config.partitionRows(), errorCode(job), job.errorMessage(), job.createdAt(),
        job.startedAt(), job.finishedAt(), expiresAt, result != null && result.truncated);
  }

  private static ErrorCode errorCode(JobRecord job) {
    if (job.errorCode() == null) {
      return null;
    }
    try {
      return ErrorCode.valueOf(job.errorCode().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return ErrorCode.INTERNAL_ERROR;
    }
  }

  private static String target(String sql) {
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= TARGET_LENGTH ? oneLine : oneLine.substring(0, TARGET_LENGTH - 1) + "…";
  }

  /** Drops results whose retention has passed and cursors not read for that long. */
  void dropExpired() {
    long nanos = System.nanoTime();
    for (Streamed cursor : cursors.values()) {
      if (cursor.idle(nanos)) {
        cursor.expire("was not read for " + config.retention() + " and was closed");
      }
    }
    Instant now = clock.instant();
    for (Map.Entry<String, Held> e : held.entrySet()) {
      if (e.getValue().expired(now)) {
        held.remove(e.getKey(), e.getValue());
        e.getValue().release();
      }
    }
  }

  /** Estimated bytes all held results take now. */
  public long heldBytes() {
    return heldBytes.get();
  }

  @Override public void close() {
    sweeper.shutdownNow();
    cursors.values().forEach(c -> c.expire("was closed because Floe is stopping"));
    held.values().forEach(Held::release);
    held.clear();
  }

  /** One statement's result as it is read and held. */
  private final class Held {
    final Request request;
    final List<List<Object[]>> partitions = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile String command;
    volatile List<ResultColumn> columns;
    volatile long rows;
    /** When the statement's job ended, however it ended; null while it waits or runs. */
    volatile Instant finishedAt;
    /** Whether every row was read and the job was not cancelled meanwhile. */
    volatile boolean succeeded;
    /** Whether the result was cut at the request's {@code maxRows}. */
    volatile boolean truncated;
    private long bytes;
    private boolean released;

    Held(Request request, List<ResultColumn> columns, String command) {
      this.request = request;
      this.columns = List.copyOf(columns);
      this.command = command;
    }

    /** Counts {@code n} more bytes, failing the statement when all results would pass the limit. */
    synchronized void reserve(long n) {
      if (released) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "the statement's result was closed");
      }
      if (heldBytes.addAndGet(n) > config.maxHeldBytes()) {
        heldBytes.addAndGet(-n);
        throw new FloeException(ErrorCode.RESOURCE_EXHAUSTED, "the result is larger than Floe holds "
            + "for detached statements (" + (config.maxHeldBytes() >> 20) + " MB with the results "
            + "held now); add a LIMIT, or export the rows instead");
      }
      bytes += n;
    }

    void add(List<Object[]> partition) {
      partitions.add(List.copyOf(partition));
      rows += partition.size();
    }

    /** The job ended: a result that did not succeed frees its memory at once. */
    void finish(Instant now) {
      finishedAt = now;
      if (!succeeded) {
        release();
      }
    }

    boolean expired(Instant now) {
      Instant finished = finishedAt;
      return finished != null && !now.isBefore(finished.plus(config.retention()));
    }

    synchronized void release() {
      if (!released) {
        released = true;
        heldBytes.addAndGet(-bytes);
        bytes = 0;
        partitions.clear();
      }
    }
  }

  /**
   * A result read forward from its live cursor, tracked as attached work of the job service. Only
   * the session that ran it reads it (one thread at a time); status, cancel and expiry come from
   * any thread.
   */
  private final class Streamed implements HeldCursor {
    final String id;
    final Principal owner;
    final String frontEnd;
    final String sql;
    final JobService.Context context;
    final Instant createdAt;
    /** The live cursor, once the statement produced one; until then the plan's columns. */
    private volatile RowCursor delegate;
    private volatile List<ResultColumn> columns;
    private volatile String command;
    /** Rows read so far. */
    private volatile long rows;
    private volatile State state = State.RUNNING;
    private volatile ErrorCode error;
    private volatile String message;
    private volatile Instant finishedAt;
    /** Why the handle ended early (closed by someone, idle, Floe stopping); null while held. */
    private volatile String expired;
    /** Rows read when the sweeper last looked, and when that count last changed. */
    private long seenRows = -1;
    private long progressNanos;

    Streamed(String id, Principal owner, String frontEnd, Prepared plan,
        JobService.Context context, Instant createdAt) {
      this.id = id;
      this.owner = owner;
      this.frontEnd = frontEnd;
      this.sql = plan.sql();
      this.columns = plan.columns();
      this.command = plan.command();
      this.context = context;
      this.createdAt = createdAt;
      this.progressNanos = System.nanoTime();
    }

    /** The statement produced its cursor: reads go to it from now on. */
    void streaming(QueryResult result) {
      this.columns = result.columns();
      this.command = result.command();
      this.delegate = result.cursor();
    }

    @Override public String handle() {
      return id;
    }

    @Override public List<ResultColumn> columns() {
      return columns;
    }

    @Override public boolean next() {
      if (state.isFinal()) {
        if (state == State.SUCCEEDED) {
          return false;
        }
        throw stopped(null);
      }
      if (context.isCancelled() || expired != null) {
        throw end(stopped(null));
      }
      boolean more;
      try {
        more = delegate.next();
      } catch (RuntimeException e) {
        throw end(context.isCancelled() || expired != null ? stopped(e) : e);
      }
      if (more) {
        rows++;
      } else {
        state = State.SUCCEEDED;
        finishedAt = clock.instant();
        context.detach();
      }
      return more;
    }

    @Override public Object get(int index) {
      return delegate.get(index);
    }

    @Override public long rowCount() {
      return rows;
    }

    /** The error a read of a stopped handle gets, saying why it stopped. */
    private FloeException stopped(RuntimeException cause) {
      if (expired != null) {
        return new FloeException(ErrorCode.UNDEFINED_CURSOR, "the result of statement " + id + " "
            + expired + "; run the statement again", cause);
      }
      if (context.isRevoked()) {
        return new FloeException(ErrorCode.UNAUTHENTICATED, "the token that ran the statement was "
            + "revoked or has expired", cause);
      }
      if (context.isTimedOut()) {
        return new FloeException(ErrorCode.STATEMENT_TIMEOUT, "the statement and the reading of "
            + "its result took longer than " + jobs.config().timeout() + " and were stopped", cause);
      }
      if (error != null) {
        return new FloeException(error, message, cause);
      }
      return new FloeException(ErrorCode.QUERY_CANCELLED, "the statement was cancelled", cause);
    }

    /** Records how reading ended with {@code e}, ends the attached work; returns {@code e}. */
    RuntimeException end(RuntimeException e) {
      if (!state.isFinal()) {
        error = e instanceof FloeException f ? f.code() : ErrorCode.INTERNAL_ERROR;
        message = e.getMessage();
        state = error == ErrorCode.QUERY_CANCELLED ? State.CANCELLED : State.FAILED;
        finishedAt = clock.instant();
      }
      context.detach();
      return e;
    }

    /** Ends the handle from outside its reader: the statement stops, the handle is dropped. */
    void expire(String why) {
      if (expired == null) {
        expired = why;
      }
      if (!state.isFinal()) {
        context.cancel(false);
      }
      context.detach();
      cursors.remove(id, this);
    }

    /** Whether no row was read for the retention time (called by the one sweeper thread). */
    boolean idle(long nanos) {
      long now = rows;
      if (now != seenRows) {
        seenRows = now;
        progressNanos = nanos;
        return false;
      }
      return nanos - progressNanos >= config.retention().toNanos();
    }

    Status await(Duration wait) {
      long deadline = System.nanoTime() + Math.max(0, wait.toNanos());
      while (!state.isFinal() && expired == null && System.nanoTime() - deadline < 0) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return status();
    }

    Status status() {
      State now = state;
      if (!now.isFinal() && context.isCancelled()) {
        now = context.isTimedOut() || context.isRevoked() ? State.FAILED : State.CANCELLED;
      }
      ErrorCode code = error;
      String why = message;
      if (code == null && now != State.RUNNING && now != State.SUCCEEDED) {
        FloeException reason = stopped(null);
        code = reason.code();
        why = reason.getMessage();
      }
      Instant expiresAt = clock.instant().plus(config.retention());
      return new Status(id, owner.projectId(), now, sql, command, columns, rows, 0, 0,
          code, why, createdAt, createdAt, finishedAt, expiresAt, false);
    }

    @Override public void close() {
      try {
        RowCursor c = delegate;
        if (c != null) {
          c.close();
        }
      } finally {
        if (!state.isFinal()) {
          state = State.SUCCEEDED;
          finishedAt = clock.instant();
        }
        context.detach();
        cursors.remove(id, this);
      }
    }
  }
}

package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.ErrorKind;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.InternalErrors;
import io.floe.engine.api.JobConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Jobs;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.JobRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Secrets;
import io.floe.engine.security.TokenService;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.duckdb.DuckDBPreparedStatement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs long operations (imports, exports) in the background as jobs, Keboola-style: the caller
 * gets a job at once and polls it. Jobs run on a bounded pool with a bounded queue (a full queue
 * refuses new jobs with 503 rather than piling up), each has a timeout, and each can be cancelled:
 * a waiting job never starts, a running one has its DuckDB statements interrupted.
 *
 * <p>Job state lives in the catalog ({@code jobs}), written without publishing snapshots (job
 * progress must not evict plan caches). A job that a stop or crash interrupted cannot be resumed
 * (its upload is gone), so at startup every unfinished job is marked failed with
 * {@code admin_shutdown}. Files a job produces live under {@code <data-dir>/jobs/<id>/} until
 * {@link JobConfig#fileRetention()} after it finished.
 */
public final class JobService implements Jobs, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REVOKED = "the token that started the job was revoked or has expired";

  private final Catalog catalog;
  private final TokenService tokens;
  private final JobConfig config;
  private final Clock clock;
  private final JobFiles files;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timers;
  private final Map<String, Context> live = new ConcurrentHashMap<>();
  private volatile boolean closing;

  public JobService(Catalog catalog, TokenService tokens, JobConfig config, Path dataDir, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tokens = requireNonNull(tokens, "tokens");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.files = new JobFiles(dataDir, catalog, config.fileRetention(), clock);
    int failed = catalog.write(tx -> JobRows.failUnfinished(tx, ErrorCode.ADMIN_SHUTDOWN.code(),
        "Floe stopped while the job was waiting or running; the job did not complete",
        clock.instant()));
    if (failed > 0) {
      LOG.warn("Marked {} job(s) interrupted by the last shutdown as failed", failed);
    }
    AtomicInteger n = new AtomicInteger();
    this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(config.queueCapacity()), r -> {
          Thread t = new Thread(r, "floe-job-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-job-timers");
      t.setDaemon(true);
      return t;
    });
    timers.scheduleWithFixedDelay(files::deleteExpired, 0, 10, TimeUnit.MINUTES);
    timers.scheduleWithFixedDelay(this::timeOutAttached, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Tracks work that runs on its caller's thread as a job without a queue or a catalog record: a
   * statement whose result a client reads while it streams. It is cancelled like any job (its
   * hooks run), stopped when its principal's token is revoked or expires and when Floe stops, and
   * times out after the job timeout. The caller ends it with {@link Context#detach()}.
   *
   * @param id the work's id, unique among jobs and attached work
   */
  public Context attach(Principal p, String id) {
    if (closing) {
      throw new FloeException(ErrorCode.ADMIN_SHUTDOWN, "Floe is stopping");
    }
    Context context = new Context(id, p, true, System.nanoTime() + config.timeout().toNanos());
    if (live.putIfAbsent(id, context) != null) {
      throw FloeException.internal("job id " + id + " is already in use", null);
    }
    return context;
  }

  /** The attached work tracked under {@code id}, if it is still tracked. */
  public Optional<Context> attached(String id) {
    Context context = live.get(id);
    return context != null && context.isAttached() ? Optional.of(context) : Optional.empty();
  }

  /** Stops attached work that ran past the job timeout. */
  private void timeOutAttached() {
    long now = System.nanoTime();
    for (Context context : live.values()) {
      if (context.isAttached() && !context.cancelled && now - context.deadlineNanos > 0) {
        context.cancel(true);
      }
    }
  }

  public JobConfig config() {
    return config;
  }

  /** A job's work. It returns the job's result: a small JSON-able map. */
  @FunctionalInterface
  public interface Work {
    Map<String, Object> run(Context context) throws Exception;
  }

  /** What a running job can use: its principal now, its directory, and cancellation. */
  public final class Context implements TableService.WriteControl {
    private final String jobId;
    private final List<Statement> statements = new CopyOnWriteArrayList<>();
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
    /** Whether it is attached work rather than a queued job; see {@link #attach}. */
    private final boolean attached;
    /** For attached work: when it times out, as {@link System#nanoTime()}. */
    private final long deadlineNanos;
    private volatile Principal principal;
    private volatile boolean cancelled;
    private volatile boolean timedOut;
    private volatile boolean revoked;

    private Context(String jobId, Principal principal, boolean attached, long deadlineNanos) {
      this.jobId = jobId;
      this.principal = principal;
      this.attached = attached;
      this.deadlineNanos = deadlineNanos;
    }

    public String jobId() {
      return jobId;
    }

    /** The principal that started the job, as it is authorised now (refreshed at start). */
    public Principal principal() {
      return principal;
    }

    /** The job's own directory for files it produces (created on first call). */
    public Path directory() {
      return files.directory(jobId);
    }

    /**
     * Registers a DuckDB statement doing the job's work, so a cancel can interrupt it and
     * {@link #progress} can report how far it is.
     */
    @Override public void register(Statement statement) {
      try (Statement settings = statement.getConnection().createStatement()) {
        settings.execute("SET SESSION enable_progress_bar = true");
        settings.execute("SET SESSION enable_progress_bar_print = false");
      } catch (SQLException noProgress) {
        // Progress is a nicety; the job runs without it.
      }
      statements.add(statement);
      if (cancelled) {
        cancelQuietly(statement);
      }
    }

    /**
     * Runs {@code hook} when the job is cancelled or times out (at once if it already was), for
     * work that is not a DuckDB statement of its own, such as a session's execution.
     */
    public void onCancel(Runnable hook) {
      cancelHooks.add(hook);
      if (cancelled) {
        hook.run();
      }
    }

    @Override public boolean isCancelled() {
      return cancelled;
    }

    /** Whether it was stopped by its timeout. */
    public boolean isTimedOut() {
      return timedOut;
    }

    /** Whether it was stopped because its token was revoked or expired. */
    public boolean isRevoked() {
      return revoked;
    }

    /** Whether it is attached work (see {@link #attach}) rather than a queued job. */
    public boolean isAttached() {
      return attached;
    }

    /** Ends attached work: it is no longer tracked, cancelled or timed out. */
    public void detach() {
      if (isAttached()) {
        live.remove(jobId, this);
      }
    }

    /** Cancels the work: its DuckDB statements are interrupted and its cancel hooks run. */
    public void cancel(boolean timeout) {
      timedOut |= timeout;
      cancelled = true;
      statements.forEach(JobService::cancelQuietly);
      cancelHooks.forEach(Runnable::run);
    }

    /** Stops the job because its token no longer works. */
    void revoke() {
      revoked = true;
      cancel(false);
    }
  }

  /**
   * Queues {@code work} as a job of {@code projectId}. The caller has checked access already; the
   * job checks again when it starts, with the principal's rights at that time.
   */
  public JobRecord submit(Principal p, String projectId, String operation, String target, Work work) {
    return submit(p, projectId, operation, target, work, () -> {});
  }

  /**
   * Like {@link #submit(Principal, String, String, String, Work)}; {@code always} runs once when
   * the job ends, however it ends (also if it is refused or cancelled before it starts), to release
   * what the job owns, such as an uploaded file.
   */
  public JobRecord submit(Principal p, String projectId, String operation, String target, Work work,
      Runnable always) {
    JobRecord job = new JobRecord("job_" + Secrets.random(20).toLowerCase(Locale.ROOT), projectId,
        operation, JobRecord.Status.WAITING, p.name(), p.tokenId(), target, null, null, null,
        clock.instant(), null, null);
    try {
      catalog.write(tx -> {
        JobRows.insert(tx, job);
        return null;
      });
    } catch (RuntimeException e) {
      always.run();
      throw e;
    }
    Context context = new Context(job.id(), p, false, 0);
    live.put(job.id(), context);
    try {
      workers.execute(() -> {
        try {
          run(job, context, work);
        } finally {
          always.run();
        }
      });
    } catch (RejectedExecutionException e) {
      always.run();
      live.remove(job.id());
      finish(job.id(), JobRecord.Status.ERROR, null, ErrorCode.RESOURCE_EXHAUSTED,
          "too many jobs are waiting");
      throw new FloeException(ErrorCode.RESOURCE_EXHAUSTED,
          "too many jobs are waiting (" + config.queueCapacity() + "); try again later");
    }
    return job;
  }

  private void run(JobRecord job, Context context, Work work) {
    ScheduledFuture<?> timeout = null;
    try {
      if (context.cancelled || !catalog.write(tx -> JobRows.start(tx, job.id(), clock.instant()))) {
        return;
      }
      context.principal = current(context.principal);
      timeout = timers.schedule(() -> context.cancel(true), config.timeout().toMillis(),
          TimeUnit.MILLISECONDS);
      Map<String, Object> result = work.run(context);
      if (context.cancelled) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "cancelled");
      }
      finish(job.id(), JobRecord.Status.SUCCESS, json(result), null, null);
    } catch (Exception e) {
      FloeException error = e instanceof FloeException fe ? fe
          : FloeException.internal("job failed: " + e.getMessage(), e);
      if (closing) {
        finish(job.id(), JobRecord.Status.ERROR, null, ErrorCode.ADMIN_SHUTDOWN,
            "Floe stopped while the job was running; the job did not complete");
      } else if (context.revoked) {
        finish(job.id(), JobRecord.Status.ERROR, null, ErrorCode.UNAUTHENTICATED, REVOKED);
      } else if (context.timedOut) {
        finish(job.id(), JobRecord.Status.ERROR, null, ErrorCode.STATEMENT_TIMEOUT,
            "the job ran longer than " + config.timeout() + " and was stopped");
      } else if (context.cancelled) {
        finish(job.id(), JobRecord.Status.CANCELLED, null, ErrorCode.QUERY_CANCELLED,
            "the job was cancelled");
      } else {
        String message = error.getMessage();
        if (error.code().kind() == ErrorKind.INTERNAL) {
          LOG.error("Job {} ({}) failed", job.id(), job.operation());
          message = InternalErrors.message(InternalErrors.log(e));
        }
        finish(job.id(), JobRecord.Status.ERROR, null, error.code(), message);
      }
    } finally {
      if (timeout != null) {
        timeout.cancel(false);
      }
      live.remove(job.id());
    }
  }

  /** The principal with its rights now: a token revoked since submission fails the job. */
  private Principal current(Principal p) {
    try {
      return tokens.current(p);
    } catch (FloeException e) {
      throw new FloeException(ErrorCode.UNAUTHENTICATED, REVOKED, e);
    }
  }

  /**
   * Stops the jobs of principals that {@code gone} picks (their token was revoked or expired): a
   * waiting job ends at once without running, a running one has its DuckDB work interrupted (an
   * import leaves its table as it was). Both end as errors with code {@code unauthenticated}.
   */
  public void cancelJobsOf(Predicate<Principal> gone) {
    for (Map.Entry<String, Context> e : live.entrySet()) {
      Context context = e.getValue();
      if (!context.revoked && gone.test(context.principal)) {
        context.revoke();
        if (context.isAttached()) {
          continue;
        }
        catalog.write(tx -> JobRows.finishWaiting(tx, e.getKey(), JobRecord.Status.ERROR,
            ErrorCode.UNAUTHENTICATED.code(), REVOKED, clock.instant()));
      }
    }
  }

  /** Principals of the jobs waiting or running now. */
  public List<Principal> livePrincipals() {
    return live.values().stream().map(c -> c.principal).toList();
  }

  private void finish(String id, JobRecord.Status status, String result, ErrorCode code,
      String message) {
    catalog.write(tx -> JobRows.finish(tx, id, status, result, code == null ? null : code.code(),
        message, clock.instant()));
  }

  /**
   * How far a job is, in percent: 100 once it succeeded; while it runs, how far its current DuckDB
   * statement is, if DuckDB reports it (an import runs a few statements one after another; each
   * counts from 0); otherwise (waiting, failed, cancelled) nothing.
   */
  @Override public OptionalDouble progress(JobRecord job) {
    if (job.status() == JobRecord.Status.SUCCESS) {
      return OptionalDouble.of(100);
    }
    Context context = live.get(job.id());
    if (context == null || context.statements.isEmpty()) {
      return OptionalDouble.empty();
    }
    Statement current = context.statements.get(context.statements.size() - 1);
    try {
      if (current instanceof DuckDBPreparedStatement duck && !current.isClosed()) {
        double percent = duck.getQueryProgress().getPercentage();
        return percent < 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(100, percent));
      }
    } catch (SQLException | RuntimeException finished) {
      // The statement ended meanwhile.
    }
    return OptionalDouble.empty();
  }

  @Override public JobRecord get(Principal p, String projectId, String jobId) {
    return AccessPolicy.requireJob(p, catalog.snapshot(), projectId,
        catalog.read(tx -> JobRows.byId(tx, jobId)));
  }

  /** The newest jobs of the project the principal may see. */
  @Override public List<JobRecord> list(Principal p, String projectId, int limit) {
    AccessPolicy.requireProject(p, catalog.snapshot(), projectId);
    if (limit < 1 || limit > 1000) {
      throw FloeException.invalid("limit must be between 1 and 1000");
    }
    List<JobRecord> result = new ArrayList<>();
    for (JobRecord j : catalog.read(tx -> JobRows.byProject(tx, projectId, limit))) {
      try {
        result.add(AccessPolicy.requireJob(p, catalog.snapshot(), projectId, Optional.of(j)));
      } catch (FloeException notVisible) {
        // another token's job
      }
    }
    return result;
  }

  /** Cancels a waiting or running job. */
  @Override public JobRecord cancel(Principal p, String projectId, String jobId) {
    JobRecord job = get(p, projectId, jobId);
    if (job.status().isFinal()) {
      throw new FloeException(ErrorCode.INVALID_STATE, "job " + jobId + " has finished ("
          + job.status().wireName() + ")");
    }
    Context context = live.get(jobId);
    if (context != null) {
      context.cancel(false);
    }
    if (job.status() == JobRecord.Status.WAITING) {
      finish(jobId, JobRecord.Status.CANCELLED, null, ErrorCode.QUERY_CANCELLED, "the job was cancelled");
    }
    return get(p, projectId, jobId);
  }

  /** Waits up to {@code millis} for a job to finish; returns it as it is then. */
  @Override public JobRecord await(Principal p, String projectId, String jobId, long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    JobRecord job = get(p, projectId, jobId);
    while (!job.status().isFinal() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      job = get(p, projectId, jobId);
    }
    return job;
  }

  /** The file a successful job produced, if it still exists. */
  @Override public Path file(Principal p, String projectId, String jobId) {
    JobRecord job = get(p, projectId, jobId);
    Optional<Path> file = job.status() == JobRecord.Status.SUCCESS ? files.file(job.id()) : Optional.empty();
    return file.orElseThrow(() -> new FloeException(ErrorCode.NOT_FOUND, "job " + jobId + " has no file"
        + (job.status() == JobRecord.Status.SUCCESS ? " (any file it made has expired)" : "")));
  }

  private static String json(Map<String, Object> result) {
    try {
      return JSON.writeValueAsString(result == null ? Map.of() : result);
    } catch (JsonProcessingException e) {
      throw FloeException.internal("cannot record the job's result", e);
    }
  }

  private static void cancelQuietly(Statement s) {
    try {
      s.cancel();
    } catch (SQLException | RuntimeException ignored) {
      // finished or closed meanwhile
    }
  }

  /** Stops accepting jobs and interrupts running ones (they are failed at the next start). */
  @Override public void close() {
    closing = true;
    workers.shutdownNow();
    live.values().forEach(c -> c.cancel(false));
    timers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

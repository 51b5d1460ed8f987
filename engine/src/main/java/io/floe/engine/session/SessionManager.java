package io.floe.engine.session;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.audit.AuditLog;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.sql.FloeSchemas;
import io.floe.engine.sql.QueryPlanner;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.snowflake.SnowflakeSources;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Opens sessions, enforces per-principal session limits, and keeps the registry of running
 * executions (for cancel requests from any front-end and for timeouts).
 */
public final class SessionManager implements AutoCloseable {
  final EngineConfig config;
  final Catalog catalog;
  final DuckDbStorage storage;
  final FloeSchemas schemas;
  final QueryPlanner planner;
  final AuditLog audit;
  final Clock clock;
  final ScheduledExecutorService timers;
  final WorkspaceCommands workspaceCommands;
  /** Reads a principal again from the catalog (see {@link EngineSession#principalAt}). */
  final UnaryOperator<Principal> principals;

  private final AtomicLong sessionIds = new AtomicLong();
  private final AtomicLong executionIds = new AtomicLong();
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private final Map<Long, Execution> executions = new ConcurrentHashMap<>();

  /** Sessions with Snowflake, for federated statements. */
  final SnowflakeSources snowflake;

  public SessionManager(EngineConfig config, Catalog catalog, DuckDbStorage storage,
      FloeSchemas schemas, QueryPlanner planner, AuditLog audit, Clock clock,
      UnaryOperator<Principal> principals, SnowflakeSources snowflake) {
    this.snowflake = requireNonNull(snowflake, "snowflake");
    this.config = requireNonNull(config, "config");
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.schemas = requireNonNull(schemas, "schemas");
    this.planner = requireNonNull(planner, "planner");
    this.audit = requireNonNull(audit, "audit");
    this.clock = requireNonNull(clock, "clock");
    this.principals = requireNonNull(principals, "principals");
    this.workspaceCommands = new WorkspaceCommands(catalog, storage, snowflake);
    this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-statement-timeouts");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Opens a session for {@code principal} on front-end {@code frontEnd} (a short name such as
   * {@code jdbc} or {@code pgwire}, used in audit lines).
   */
  public EngineSession open(Principal principal, String frontEnd, SqlFlavor flavor) {
    return open(principal, principal.name(), frontEnd, flavor);
  }

  /** A session whose user (what {@code current_user} answers) is {@code user}, a login name. */
  public EngineSession open(Principal principal, String user, String frontEnd, SqlFlavor flavor) {
    long open = sessions.values().stream().filter(s -> s.principal().name().equals(principal.name())).count();
    if (open >= config.maxSessionsPerPrincipal()) {
      throw FloeException.of(ErrorCode.TOO_MANY_CONNECTIONS,
          "too many open sessions for %s (limit %d)", principal.name(), config.maxSessionsPerPrincipal());
    }
    String id = frontEnd + "-" + sessionIds.incrementAndGet();
    EngineSession session = new EngineSession(this, id, principal, user, frontEnd, flavor);
    sessions.put(id, session);
    return session;
  }

  void closed(EngineSession session) {
    sessions.remove(session.id());
  }

  Execution begin(EngineSession session, String sql) {
    Execution e = new Execution(executionIds.incrementAndGet(), session.id(),
        session.principal().name(), session.frontEnd(), sql, Instant.now(clock));
    executions.put(e.id(), e);
    return e;
  }

  void end(Execution e) {
    executions.remove(e.id());
  }

  /** Running executions, for administration. */
  public Collection<Execution> running() {
    return List.copyOf(executions.values());
  }

  public Optional<Execution> execution(long id) {
    return Optional.ofNullable(executions.get(id));
  }

  /** Open sessions, for administration and tests. */
  public Collection<EngineSession> sessions() {
    return List.copyOf(sessions.values());
  }

  /** Closes every session whose principal matches (a revoked token, a dropped workspace). */
  public void closeSessions(Predicate<Principal> which) {
    for (EngineSession s : sessions.values()) {
      if (which.test(s.principal())) {
        s.close();
      }
    }
  }

  @Override public void close() {
    for (EngineSession s : sessions.values()) {
      s.close();
    }
    timers.shutdownNow();
  }
}

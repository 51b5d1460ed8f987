package io.floe.engine.api;

import io.floe.engine.api.admin.Branches;
import io.floe.engine.api.admin.Buckets;
import io.floe.engine.api.admin.Projects;
import io.floe.engine.api.admin.StorageServices;
import io.floe.engine.api.admin.Tables;
import io.floe.engine.api.admin.Workspaces;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.Session;
import java.time.Clock;
import java.util.Optional;

/**
 * The engine as front-ends see it: authentication, sessions, and the services of the REST API,
 * all in terms of {@code io.floe.engine.api}. The engine's internals (catalog, storage, planner,
 * audit log) are not reachable from here.
 */
public interface Floe extends AutoCloseable {
  /**
   * Opens the engine on its data directory, which no other engine may use meanwhile (a second one
   * fails with {@link ErrorCode#OBJECT_IN_USE} before it changes anything). The clock decides
   * token and workspace expiry.
   */
  static Floe start(EngineConfig config, JobConfig jobs, Clock clock) {
    return io.floe.engine.Engine.start(config, jobs, clock);
  }

  /**
   * Loads what the first statement would otherwise wait for (DuckDB's native library, Calcite's
   * planner classes), before the engine starts.
   */
  static void preload() {
    io.floe.engine.Warmup.preloadNativeLibraries();
    io.floe.engine.Warmup.preloadPlanner();
  }

  /** Floe's version ({@code 0.1.0-SNAPSHOT}), as built. */
  static String version() {
    return io.floe.engine.Engine.version();
  }

  EngineConfig config();

  /** Checks what callers present and audits every refusal. */
  Authentication authentication();

  /** A session of {@code principal} for front-end {@code frontEnd}, reading SQL in {@code flavor}. */
  Session openSession(Principal principal, String frontEnd, Flavor flavor);

  /** A session for {@code principal} logged in as {@code user} (a PostgreSQL role name). */
  Session openSession(Principal principal, String user, String frontEnd, Flavor flavor);

  Projects projects();

  Buckets buckets();

  Tables tables();

  /** Dev branches of projects. */
  Branches branches();

  /** Workspaces: lifecycle, contents, logins. */
  Workspaces workspaces();

  /** The storage API's services. */
  StorageServices storageServices();

  /**
   * Statement handles: statements run detached from a request with their results held for
   * paging, and results read while their statement runs (JDBC's).
   */
  io.floe.engine.api.sql.Statements statements();

  /** A project's Snowflake connections, for its registered buckets. */
  io.floe.engine.api.admin.SnowflakeConnections snowflakeConnections();

  /** A project's Snowflake key-pair users, who log in with a JWT ({@link Authentication}). */
  io.floe.engine.api.admin.SnowflakeUsers snowflakeUsers();

  /** The audit log, read back (newest first, filtered, paged), as far as a principal may. */
  io.floe.engine.api.admin.AuditTrail auditTrail();

  /** The catalog's version now; it moves with every committed change. */
  long catalogVersion();

  /**
   * Makes sure an admin token exists: {@code configured} (if not null) becomes it; otherwise one is
   * generated when none exists, and its secret returned (shown once).
   */
  Optional<String> ensureAdminToken(String configured);

  /** Plans a few statements as the admin on a background thread, so the first client's are fast. */
  void warmUpInBackground();

  @Override void close();
}

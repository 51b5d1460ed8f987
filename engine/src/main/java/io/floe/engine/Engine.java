package io.floe.engine;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Authentication;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.JobConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.StorageServices;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.audit.AuditLog;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.Authenticator;
import io.floe.engine.security.TokenService;
import io.floe.engine.service.AuditTrailService;
import io.floe.engine.service.BackendService;
import io.floe.engine.service.BucketService;
import io.floe.engine.service.JobService;
import io.floe.engine.service.MetadataService;
import io.floe.engine.service.ProjectService;
import io.floe.engine.service.ProjectStatsService;
import io.floe.engine.service.ProjectTokenService;
import io.floe.engine.service.SharingService;
import io.floe.engine.service.StatementService;
import io.floe.engine.service.StorageAudit;
import io.floe.engine.service.TableImportService;
import io.floe.engine.service.TableProfileService;
import io.floe.engine.service.TableReadService;
import io.floe.engine.service.TableSchemaService;
import io.floe.engine.service.TableService;
import io.floe.engine.session.EngineSession;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.DuckDbBackend;
import io.floe.engine.sql.FloeSchemas;
import io.floe.engine.sql.QueryPlanner;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.StorageConfig;
import io.floe.engine.storage.TableSchemaChanges;
import io.floe.engine.workspace.BranchService;
import io.floe.engine.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The engine: everything that touches data or decides access, with no network code. Front-ends
 * authenticate a caller into a {@link Principal}, open a {@link EngineSession}, and call the services.
 */
public final class Engine implements Floe {
  private final EngineConfig config;
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TokenService tokens;
  private final AuditLog audit;
  private final Authenticator authenticator;
  private final QueryPlanner planner;
  private final FloeSchemas schemas;
  private final SessionManager sessions;
  private final ProjectService projects;
  private final BucketService buckets;
  private final TableService tables;
  private final WorkspaceService workspaces;
  private final BranchService branches;
  private final JobService jobs;
  private final TableImportService imports;
  private final StorageServices storageServices;
  private final StatementService statements;
  private final AuditTrailService auditTrail;
  private final io.floe.engine.snowflake.SnowflakeConnectionService snowflakeConnections;
  private final io.floe.engine.snowflake.SnowflakeSources snowflakeSources;
  private final io.floe.engine.service.SnowflakeUserService snowflakeUsers;
  private final ScheduledExecutorService expiry;
  private final DataDirLock lock;

  private Engine(EngineConfig config, JobConfig jobConfig, Clock clock, DataDirLock lock) {
    this.config = config;
    this.lock = lock;
    this.catalog = Catalog.open(config.dataDir().resolve("catalog.db"));
    this.storage = DuckDbStorage.open(new StorageConfig(config.dataDir(), config.duckDbMemoryLimit(),
        config.duckDbThreads()));
    this.tokens = new TokenService(catalog, clock);
    this.audit = new AuditLog(config.dataDir().resolve("audit"), config.auditMaxFileBytes(),
        config.auditKeepFiles());
    this.authenticator = new Authenticator(tokens,
        new io.floe.engine.security.KeyPairJwtCheck(catalog, clock), audit, clock);
    DuckDbBackend duckDb = new DuckDbBackend(storage);
    this.planner = new QueryPlanner(duckDb, config.planCacheSize());
    this.schemas = new FloeSchemas(duckDb);
    this.snowflakeConnections = new io.floe.engine.snowflake.SnowflakeConnectionService(catalog,
        io.floe.engine.security.SecretBox.fromKeyFile(config.secretsKey()), clock);
    this.snowflakeSources = new io.floe.engine.snowflake.SnowflakeSources(snowflakeConnections);
    this.sessions = new SessionManager(config, catalog, storage, schemas, planner, audit, clock,
        this::currentPrincipal, snowflakeSources);
    this.tables = new TableService(catalog, storage, tokens);
    this.projects = new ProjectService(catalog, storage, tokens, sessions, tables);
    this.buckets = new BucketService(catalog, storage, tables, snowflakeConnections);
    StorageAudit storageAudit = new StorageAudit(audit);
    this.workspaces = new WorkspaceService(catalog, storage, tokens, sessions, config.workspaces(),
        clock, storageAudit);
    this.branches = new BranchService(catalog, storage, workspaces, clock, storageAudit);
    this.jobs = new JobService(catalog, tokens, jobConfig, config.dataDir(), clock);
    this.imports = new TableImportService(catalog, tables, jobs, storageAudit);
    this.storageServices = new StorageServices(new ProjectTokenService(catalog, tokens, storageAudit),
        new SharingService(catalog, storageAudit),
        new MetadataService(catalog),
        new TableSchemaService(catalog, tables, new TableSchemaChanges(storage)),
        new TableReadService(catalog, sessions, jobs, config.dataDir()),
        new TableProfileService(catalog, sessions, clock),
        imports, jobs, new ProjectStatsService(catalog, storage), new BackendService(storage));
    this.snowflakeUsers = new io.floe.engine.service.SnowflakeUserService(catalog, tokens,
        storageAudit, clock);
    this.auditTrail = new AuditTrailService(new io.floe.engine.audit.AuditReader(audit));
    this.statements = new StatementService(catalog, sessions, jobs, config.statements(), clock);
    // Tokens that expire end their sessions within a second, without waiting for a catalog change.
    this.expiry = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-token-expiry");
      t.setDaemon(true);
      return t;
    });
    expiry.scheduleWithFixedDelay(() -> {
      Predicate<Principal> expired = p -> p.token() != null && !p.token().isActive(clock.instant());
      sessions.closeSessions(expired);
      jobs.cancelJobsOf(expired);
    }, 1, 1, TimeUnit.SECONDS);
    catalog.onChange(snapshot -> {
      // Sessions of dropped workspaces end with them.
      sessions.closeSessions(p -> p.isWorkspace()
          && snapshot.workspaces().workspace(p.workspaceId()).isEmpty());
      schemas.evictBefore(snapshot.version());
      Set<Long> live = snapshot.allTables().stream().map(TableDef::id).collect(Collectors.toSet());
      duckDb.retain(live);
      // Sessions and jobs of tokens that no longer authenticate end now, not at their next
      // request; one catalog read answers for all of them.
      Predicate<Principal> gone = notLive(snapshot);
      sessions.closeSessions(gone);
      jobs.cancelJobsOf(gone);
      // Statements reading what their principal just lost (an unshared bucket) stop now too.
      sessions.sessions().forEach(session -> session.stopReadsOutside(snapshot));
    });
  }

  /** A session's principal as the catalog has it now (its rights may have changed). */
  private Principal currentPrincipal(Principal p) {
    return p.isWorkspace() ? workspaces.principal(p.workspaceId()) : tokens.current(p);
  }

  /** Picks principals whose token is revoked, expired or gone with its project. */
  private Predicate<Principal> notLive(CatalogSnapshot snapshot) {
    List<String> ids = new ArrayList<>();
    sessions.sessions().forEach(session -> ids.add(session.principal().tokenId()));
    this.jobs.livePrincipals().forEach(p -> ids.add(p.tokenId()));
    Set<String> active = tokens.activeTokenIds(ids);
    return p -> p.token() != null && (!active.contains(p.tokenId())
        || (p.projectId() != null && snapshot.project(p.projectId()).isEmpty()));
  }

  /**
   * The engine behind {@code floe}, for tests that set up fixtures or look at internals; front-ends'
   * main code sees only {@link Floe}.
   */
  public static Engine of(Floe floe) {
    return (Engine) floe;
  }

  public static Engine start(EngineConfig config) {
    return start(config, JobConfig.defaults());
  }

  public static Engine start(EngineConfig config, JobConfig jobs) {
    return start(config, jobs, Clock.systemUTC());
  }

  /**
   * Opens the engine on its data directory, which no other engine may use meanwhile (a second one
   * fails with {@link ErrorCode#OBJECT_IN_USE} before it changes anything). The clock decides
   * token and workspace expiry; tests pass one they move.
   */
  public static Engine start(EngineConfig config, JobConfig jobs, Clock clock) {
    requireNonNull(config, "config");
    requireNonNull(jobs, "jobs");
    requireNonNull(clock, "clock");
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot create data directory " + config.dataDir(), e);
    }
    DataDirLock lock = DataDirLock.acquire(config.dataDir());
    try {
      return new Engine(config, jobs, clock, lock);
    } catch (RuntimeException | Error e) {
      lock.close();
      throw e;
    }
  }

  @Override public EngineConfig config() {
    return config;
  }

  public Catalog catalog() {
    return catalog;
  }

  public DuckDbStorage storage() {
    return storage;
  }

  public TokenService tokens() {
    return tokens;
  }

  public AuditLog audit() {
    return audit;
  }

  @Override public AuditTrailService auditTrail() {
    return auditTrail;
  }

  public SessionManager sessions() {
    return sessions;
  }

  public QueryPlanner planner() {
    return planner;
  }

  @Override public ProjectService projects() {
    return projects;
  }

  @Override public BucketService buckets() {
    return buckets;
  }

  @Override public TableService tables() {
    return tables;
  }

  /** Workspaces: lifecycle, logins, expiry. */
  @Override public WorkspaceService workspaces() {
    return workspaces;
  }

  /** Dev branches of projects. */
  @Override public BranchService branches() {
    return branches;
  }

  /** The job service behind imports, exports and statement handles (tests look inside it). */
  public JobService jobs() {
    return jobs;
  }

  /** Imports with the engine-side entry points tests use (a job from an already staged file). */
  public TableImportService imports() {
    return imports;
  }

  @Override public StorageServices storageServices() {
    return storageServices;
  }

  /** Statements that run detached from a request and hold their results for paging. */
  @Override public io.floe.engine.snowflake.SnowflakeConnectionService snowflakeConnections() {
    return snowflakeConnections;
  }

  @Override public io.floe.engine.service.SnowflakeUserService snowflakeUsers() {
    return snowflakeUsers;
  }

  @Override public StatementService statements() {
    return statements;
  }

  /**
   * Authentication for front-ends: checks what a caller presented and audits every refusal. Use
   * it rather than {@link #authenticate(String)}, which audits nothing.
   */
  public Authenticator authenticator() {
    return authenticator;
  }

  @Override public Authentication authentication() {
    return authenticator;
  }

  @Override public long catalogVersion() {
    return catalog.snapshot().version();
  }

  @Override public void warmUpInBackground() {
    tokens.adminPrincipal().ifPresent(admin -> Warmup.planInBackground(this, admin));
  }

  /** The principal a token stands for, if it is valid now (engine-internal callers and tests). */
  public Optional<Principal> authenticate(String token) {
    return tokens.authenticate(token);
  }

  /** Floe's version ({@code 0.1.0-SNAPSHOT}), as built. */
  public static String version() {
    return VERSION;
  }

  private static final String VERSION = readVersion();

  private static String readVersion() {
    try (java.io.InputStream in = Engine.class.getResourceAsStream("version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "development");
    } catch (IOException e) {
      return "development";
    }
  }

  /** See {@link TokenService#ensureAdminToken}. */
  @Override public Optional<String> ensureAdminToken(String configured) {
    return tokens.ensureAdminToken(configured);
  }

  public EngineSession openSession(Principal principal, String frontEnd, SqlFlavor flavor) {
    return sessions.open(principal, frontEnd, flavor);
  }

  /** A session for {@code principal} logged in as {@code user} (a PostgreSQL role name). */
  public EngineSession openSession(Principal principal, String user, String frontEnd, SqlFlavor flavor) {
    return sessions.open(principal, user, frontEnd, flavor);
  }

  @Override public io.floe.engine.api.sql.Session openSession(Principal principal, String frontEnd,
      Flavor flavor) {
    return sessions.open(principal, frontEnd, SqlFlavor.valueOf(flavor.name()));
  }

  /** A session for {@code principal} logged in as {@code user} (a PostgreSQL role name). */
  @Override public io.floe.engine.api.sql.Session openSession(Principal principal, String user,
      String frontEnd, Flavor flavor) {
    return sessions.open(principal, user, frontEnd, SqlFlavor.valueOf(flavor.name()));
  }

  @Override public void close() {
    workspaces.close();
    expiry.shutdownNow();
    statements.close();
    jobs.close();
    sessions.close();
    snowflakeSources.close();
    audit.close();
    storage.close();
    catalog.close();
    lock.close();
  }
}

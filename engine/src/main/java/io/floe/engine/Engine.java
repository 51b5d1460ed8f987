package io.floe.engine;

import static java.util.Objects.requireNonNull;

import io.floe.engine.audit.AuditLog;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import io.floe.engine.security.Principal;
import io.floe.engine.security.TokenService;
import io.floe.engine.service.BucketService;
import io.floe.engine.service.ProjectService;
import io.floe.engine.service.TableService;
import io.floe.engine.session.Session;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.DuckDbBackend;
import io.floe.engine.sql.FloeSchemas;
import io.floe.engine.sql.QueryPlanner;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.StorageConfig;
import io.floe.engine.workspace.BranchService;
import io.floe.engine.workspace.WorkspaceService;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The engine: everything that touches data or decides access, with no network code. Front-ends
 * authenticate a caller into a {@link Principal}, open a {@link Session}, and call the services.
 */
public final class Engine implements AutoCloseable {
  private final EngineConfig config;
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TokenService tokens;
  private final AuditLog audit;
  private final QueryPlanner planner;
  private final FloeSchemas schemas;
  private final SessionManager sessions;
  private final ProjectService projects;
  private final BucketService buckets;
  private final TableService tables;
  private final WorkspaceService workspaces;
  private final BranchService branches;

  private Engine(EngineConfig config) {
    this.config = config;
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot create data directory " + config.dataDir(), e);
    }
    this.catalog = Catalog.open(config.dataDir().resolve("catalog.db"));
    this.storage = DuckDbStorage.open(new StorageConfig(config.dataDir(), config.duckDbMemoryLimit(),
        config.duckDbThreads()));
    Clock clock = Clock.systemUTC();
    this.tokens = new TokenService(catalog, clock);
    this.audit = new AuditLog(config.dataDir().resolve("audit"), config.auditMaxFileBytes(),
        config.auditKeepFiles());
    DuckDbBackend duckDb = new DuckDbBackend(storage);
    this.planner = new QueryPlanner(duckDb, config.planCacheSize());
    this.schemas = new FloeSchemas(duckDb);
    this.sessions = new SessionManager(config, catalog, storage, schemas, planner, audit, clock);
    this.projects = new ProjectService(catalog, storage, tokens, sessions);
    this.buckets = new BucketService(catalog, storage);
    this.tables = new TableService(catalog, storage, sessions);
    this.workspaces = new WorkspaceService(catalog, storage, tokens, sessions, config.workspaces(),
        clock);
    this.branches = new BranchService(catalog, storage, workspaces, clock);
    catalog.onChange(snapshot -> {
      // Sessions of dropped workspaces end with them.
      sessions.closeSessions(p -> p.isWorkspace()
          && snapshot.workspaces().workspace(p.workspaceId()).isEmpty());
      schemas.evictBefore(snapshot.version());
      Set<Long> live = snapshot.allTables().stream().map(TableDef::id).collect(Collectors.toSet());
      duckDb.retain(live);
      // Sessions of tokens that no longer authenticate end now, not at their next request.
      sessions.closeSessions(p -> p.token() != null && !isTokenLive(snapshot, p));
    });
  }

  private boolean isTokenLive(CatalogSnapshot snapshot, Principal p) {
    if (p.projectId() != null && snapshot.project(p.projectId()).isEmpty()) {
      return false;
    }
    return tokens.activeToken(p.tokenId()).isPresent();
  }

  public static Engine start(EngineConfig config) {
    return new Engine(requireNonNull(config, "config"));
  }

  public EngineConfig config() {
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

  public SessionManager sessions() {
    return sessions;
  }

  public QueryPlanner planner() {
    return planner;
  }

  public ProjectService projects() {
    return projects;
  }

  public BucketService buckets() {
    return buckets;
  }

  public TableService tables() {
    return tables;
  }

  /** Workspaces: lifecycle, logins, expiry. */
  public WorkspaceService workspaces() {
    return workspaces;
  }

  /** Dev branches of projects. */
  public BranchService branches() {
    return branches;
  }

  /** The principal a token stands for, if it is valid now. */
  public Optional<Principal> authenticate(String token) {
    return tokens.authenticate(token);
  }

  /** See {@link TokenService#ensureAdminToken}. */
  public Optional<String> ensureAdminToken(String configured) {
    return tokens.ensureAdminToken(configured);
  }

  public Session openSession(Principal principal, String frontEnd, SqlFlavor flavor) {
    return sessions.open(principal, frontEnd, flavor);
  }

  @Override public void close() {
    workspaces.close();
    sessions.close();
    audit.close();
    storage.close();
    catalog.close();
  }
}

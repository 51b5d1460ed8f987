package io.floe.engine.workspace;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.ScramVerifier;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.api.WorkspaceConfig;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.admin.LoadRequest;
import io.floe.engine.api.admin.LoadedTable;
import io.floe.engine.api.admin.PgEndpoint;
import io.floe.engine.api.admin.WorkspaceLogin;
import io.floe.engine.api.admin.Workspaces;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.WorkspaceCatalog;
import io.floe.engine.catalog.WorkspaceRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Secrets;
import io.floe.engine.security.TokenService;
import io.floe.engine.service.StorageAudit;
import io.floe.engine.session.EngineSession;
import io.floe.engine.session.SessionManager;
import io.floe.engine.sql.FloeRoot;
import io.floe.engine.sql.FloeSchemas;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.storage.DuckDbSql;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.WorkspaceObjects;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Workspaces: create (with a login shown once), list, read, drop, clear, drop one object, load
 * project tables, reset credentials; authentication of workspace users; and the reaper that drops
 * expired workspaces with their files.
 */
public final class WorkspaceService implements Workspaces, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceService.class);
  private static final int PASSWORD_LENGTH = 32;
  /** Who audit lines name for the reaper's drops. */
  private static final Principal REAPER = new Principal(Principal.Kind.ADMIN, "floe:workspace-reaper",
      null, null, null);

  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TokenService tokens;
  private final SessionManager sessions;
  private final WorkspaceConfig config;
  private final Clock clock;
  private final WorkspaceObjects objects;
  private final StorageAudit audit;
  private final ScheduledExecutorService reaper;
  private volatile PgEndpoint endpoint = new PgEndpoint("127.0.0.1", 5433, "require");

  public WorkspaceService(Catalog catalog, DuckDbStorage storage, TokenService tokens,
      SessionManager sessions, WorkspaceConfig config, Clock clock, StorageAudit audit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.tokens = requireNonNull(tokens, "tokens");
    this.sessions = requireNonNull(sessions, "sessions");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.objects = new WorkspaceObjects(catalog, storage);
    this.audit = requireNonNull(audit, "audit");
    this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-workspace-reaper");
      t.setDaemon(true);
      return t;
    });
    long every = config.reaperInterval().toMillis();
    reaper.scheduleWithFixedDelay(this::reapQuietly, 0, every, TimeUnit.MILLISECONDS);
  }

  public WorkspaceConfig config() {
    return config;
  }

  public WorkspaceObjects objects() {
    return objects;
  }

  /** Where clients connect; set by the server once the PostgreSQL listener is bound. */
  public PgEndpoint endpoint() {
    return endpoint;
  }

  public void setEndpoint(PgEndpoint endpoint) {
    this.endpoint = requireNonNull(endpoint, "endpoint");
  }

  // ---- lifecycle --------------------------------------------------------------------------------

  /**
   * Creates a workspace in {@code projectId} (on dev branch {@code branchId}, or main when null).
   * It reads what {@code principal}'s token may read.
   *
   * @param ttlHours lifetime in hours, the default when null
   * @param sizeLimitGb size limit in GB (fractions allowed), the default when null
   * @param preload tables to copy in at once
   */
  public CreatedWorkspace create(Principal principal, String projectId, String branchId, String name,
      Double ttlHours, Double sizeLimitGb, List<LoadRequest> preload) {
    String id = "ws_" + Secrets.random(12).toLowerCase(Locale.ROOT);
    return audit.record(principal, "CREATE WORKSPACE " + qualified(projectId, id)
        + (branchId == null ? "" : " ON BRANCH " + branchId), List.of(qualified(projectId, id)),
        () -> create(principal, projectId, branchId, id, name, ttlHours, sizeLimitGb, preload));
  }

  private CreatedWorkspace create(Principal principal, String projectId, String branchId, String id,
      String name, Double ttlHours, Double sizeLimitGb, List<LoadRequest> preload) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireWorkspaceCreation(principal, s, projectId);
    if (branchId != null) {
      requireBranch(s, projectId, branchId);
    }
    String label = name == null || name.isBlank() ? "workspace" : name.strip();
    if (label.length() > 256) {
      throw FloeException.invalid("name is longer than 256 characters");
    }
    Duration ttl = ttl(ttlHours);
    long sizeLimit = sizeLimit(sizeLimitGb);
    long existing = s.workspaces().allWorkspaces().stream()
        .filter(w -> w.projectId().equals(projectId)).count();
    if (existing >= config.maxWorkspacesPerProject()) {
      throw FloeException.of(ErrorCode.TOO_MANY_CONNECTIONS,
          "project %s has %d workspaces, the most it may have; drop one first", projectId, existing);
    }
    String username = id + "_" + Secrets.random(6).toLowerCase(Locale.ROOT);
    String password = Secrets.random(PASSWORD_LENGTH);
    Instant now = clock.instant();
    WorkspaceDef ws = new WorkspaceDef(id, projectId, branchId, label, principal.tokenId(), now,
        now.plus(ttl), sizeLimit, "active");
    String verifier = ScramVerifier.create(password).format();
    catalog.mutate(tx -> {
      WorkspaceRows.insertWorkspace(tx, ws);
      WorkspaceRows.putCredentials(tx, id, username, verifier);
      return null;
    });
    try {
      objects.attach(ws);
      List<LoadedTable> loaded = preload == null || preload.isEmpty() ? List.of() : load(ws, preload);
      return new CreatedWorkspace(ws, username, password, loaded);
    } catch (RuntimeException e) {
      dropQuietly(ws);
      throw e;
    }
  }

  private Duration ttl(Double hours) {
    if (hours == null) {
      return config.defaultTtl();
    }
    if (hours.isNaN() || hours <= 0) {
      throw FloeException.invalid("ttl_hours must be positive");
    }
    Duration ttl = Duration.ofMillis(Math.round(hours * 3_600_000d));
    if (ttl.compareTo(config.maxTtl()) > 0) {
      throw FloeException.invalid("ttl_hours may be at most " + config.maxTtl().toHours());
    }
    return ttl.isZero() ? Duration.ofMillis(1) : ttl;
  }

  private long sizeLimit(Double gb) {
    if (gb == null) {
      return config.defaultSizeLimitBytes();
    }
    if (gb.isNaN() || gb <= 0) {
      throw FloeException.invalid("size_limit_gb must be positive");
    }
    long bytes = (long) Math.ceil(gb * WorkspaceConfig.GB);
    if (bytes > config.maxSizeLimitBytes()) {
      throw FloeException.invalid("size_limit_gb may be at most "
          + config.maxSizeLimitBytes() / WorkspaceConfig.GB);
    }
    return bytes;
  }

  /** Workspaces of a project on a branch (null: main) that the principal may manage. */
  public List<WorkspaceDef> list(Principal principal, String projectId, String branchId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    if (branchId != null) {
      requireBranch(s, projectId, branchId);
    }
    return s.workspaces().workspaces(projectId, branchId).stream()
        .filter(w -> AccessPolicy.canManageWorkspace(principal, w)).toList();
  }

  /**
   * A workspace the principal may manage; not found otherwise. {@code branchId} is the dev branch
   * the request names (null: the main branch): a workspace is found only under its own branch.
   */
  public WorkspaceDef get(Principal principal, String projectId, String branchId, String id) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    return s.workspaces().workspace(id)
        .filter(w -> w.projectId().equals(projectId)
            && java.util.Objects.equals(w.branchId(), branchId))
        .filter(w -> AccessPolicy.canManageWorkspace(principal, w))
        .orElseThrow(() -> FloeException.notFound("workspace '" + id + "'"));
  }

  /** The workspace's login name. */
  public String username(WorkspaceDef ws) {
    return catalog.read(tx -> WorkspaceRows.username(tx, ws.id())).orElse(ws.id() + "_user");
  }

  /** Sessions open on a workspace now. */
  public long activeSessions(String workspaceId) {
    return sessions.sessions().stream()
        .filter(x -> workspaceId.equals(x.principal().workspaceId())).count();
  }

  public long sizeBytes(WorkspaceDef ws) {
    return objects.sizeBytes(ws);
  }

  /** Rows of a workspace table. */
  public long rowCount(WorkspaceDef ws, String table) {
    return objects.rowCount(ws, table);
  }

  /** {@code active}, or {@code expired} once its time is up (until the reaper drops it). */
  public String status(WorkspaceDef ws) {
    return ws.isExpired(clock.instant()) ? "expired" : ws.status();
  }

  /** Drops a workspace: its sessions end, its objects, login and file are deleted. */
  public void drop(Principal principal, String projectId, String branchId, String id) {
    audit.record(principal, "DROP WORKSPACE " + qualified(projectId, id),
        List.of(qualified(projectId, id)), () -> {
          drop(get(principal, projectId, branchId, id));
          return null;
        });
  }

  void drop(WorkspaceDef ws) {
    catalog.mutate(tx -> {
      WorkspaceRows.deleteWorkspace(tx, ws.id());
      return null;
    });
    sessions.closeSessions(p -> ws.id().equals(p.workspaceId()));
    storage.dropFile(ws.duckDbCatalog(), objects.file(ws));
  }

  private void dropQuietly(WorkspaceDef ws) {
    try {
      drop(ws);
    } catch (RuntimeException e) {
      LOG.warn("Could not drop workspace {}: {}", ws.id(), e.getMessage());
    }
  }

  /** Drops every object of the workspace; the workspace and its login stay. */
  public void clear(Principal principal, String projectId, String branchId, String id) {
    audit.record(principal, "CLEAR WORKSPACE " + qualified(projectId, id),
        List.of(qualified(projectId, id)), () -> {
          objects.clear(get(principal, projectId, branchId, id));
          return null;
        });
  }

  /** Drops one table or view of the workspace. */
  public void dropObject(Principal principal, String projectId, String branchId, String id,
      String name) {
    String object = qualified(projectId, id) + "." + DuckDbSql.ident(String.valueOf(name));
    audit.record(principal, "DROP WORKSPACE OBJECT " + object, List.of(object), () ->
        objects.drop(get(principal, projectId, branchId, id), name, null, false, st -> {}));
  }

  /** A new password for the workspace's login; open sessions end. Returns the password, once. */
  public String resetCredentials(Principal principal, String projectId, String branchId, String id) {
    return audit.record(principal, "RESET WORKSPACE CREDENTIALS " + qualified(projectId, id),
        List.of(qualified(projectId, id)), () -> {
          WorkspaceDef ws = get(principal, projectId, branchId, id);
          String password = Secrets.random(PASSWORD_LENGTH);
          String username = username(ws);
          String verifier = ScramVerifier.create(password).format();
          catalog.mutate(tx -> {
            WorkspaceRows.putCredentials(tx, ws.id(), username, verifier);
            return null;
          });
          sessions.closeSessions(p -> ws.id().equals(p.workspaceId()));
          return password;
        });
  }

  /** {@code project.workspace}, as audit lines name a workspace. */
  static String qualified(String projectId, String workspaceId) {
    return projectId + "." + workspaceId;
  }

  /** Copies project tables into the workspace, as the workspace user (its read access applies). */
  public List<LoadedTable> load(Principal principal, String projectId, String branchId, String id,
      List<LoadRequest> tables) {
    return load(get(principal, projectId, branchId, id), tables);
  }

  private List<LoadedTable> load(WorkspaceDef ws, List<LoadRequest> tables) {
    if (tables == null || tables.isEmpty()) {
      throw FloeException.invalid("name at least one table to load");
    }
    List<LoadedTable> loaded = new ArrayList<>();
    try (EngineSession session = sessions.open(principalOf(ws), "rest", SqlFlavor.POSTGRES)) {
      session.setDefaultSchema(List.of(ws.projectId(), io.floe.engine.sql.WorkspaceView.SCHEMA));
      for (LoadRequest t : tables) {
        String[] source = splitSource(t.source());
        String destination = t.destination() == null || t.destination().isBlank()
            ? source[1] : t.destination();
        WorkspaceObjects.checkName("destination", destination);
        String columns = t.columns().isEmpty() ? "*" : String.join(", ",
            t.columns().stream().map(DuckDbSql::ident).toList());
        String sql = "CREATE TABLE " + DuckDbSql.ident(destination) + " AS SELECT " + columns
            + " FROM " + DuckDbSql.ident(source[0]) + "." + DuckDbSql.ident(source[1])
            + (t.where() == null || t.where().isBlank() ? "" : " WHERE " + t.where());
        long before = objects.sizeBytes(ws);
        QueryResult result = session.execute(sql, List.of());
        objects.checkpoint(ws);
        loaded.add(new LoadedTable(t.source(), destination, Math.max(result.updateCount(), 0),
            Math.max(0, objects.sizeBytes(ws) - before)));
      }
    }
    return loaded;
  }

  /** {@code bucket.table} or Keboola's {@code in.c-sales.orders} as {bucket, table}. */
  static String[] splitSource(String source) {
    int dot = source == null ? -1 : source.lastIndexOf('.');
    if (dot <= 0 || dot == source.length() - 1) {
      throw FloeException.invalid("source must be bucket.table, got '" + source + "'");
    }
    String bucket = source.substring(0, dot).replace('.', '_').replace('-', '_');
    return new String[] {bucket, source.substring(dot + 1)};
  }

  @Override public List<WorkspaceObject> objects(WorkspaceDef ws) {
    return catalog.snapshot().workspaces().objects(ws.id());
  }

  @Override public List<ReadTable> readTables(WorkspaceDef ws) {
    WorkspaceCatalog branches = catalog.snapshot().workspaces();
    return visibleTables(ws).stream().map(t -> new ReadTable(t.bucket().name(), t.table().name(),
        t.branchId() == null ? t.table().rowCount()
            : branches.branchTable(t.branchId(), t.table().id()).map(BranchTable::rowCount)
                .orElse(t.table().rowCount()))).toList();
  }

  /** Tables the workspace reads, as its user sees them. */
  public List<FloeSchemas.VisibleTable> visibleTables(WorkspaceDef ws) {
    try (EngineSession session = sessions.open(principalOf(ws), "rest", SqlFlavor.POSTGRES)) {
      FloeRoot root = session.root();
      return root.tables().values().stream()
          .sorted(java.util.Comparator.comparing((FloeSchemas.VisibleTable t) -> t.bucket().name())
              .thenComparing(t -> t.table().name()))
          .toList();
    }
  }

  // ---- authentication ---------------------------------------------------------------------------

  /**
   * The login for {@code username} if it belongs to an active, unexpired workspace whose creating
   * token is still active (a revoked token's workspaces accept no logins). Front-ends
   * check the password against the verifier, then call {@link #principal}.
   */
  public Optional<WorkspaceLogin> login(String username) {
    if (username == null || username.isEmpty() || username.length() > 128) {
      return Optional.empty();
    }
    Optional<WorkspaceRows.Credentials> credentials =
        catalog.read(tx -> WorkspaceRows.credentialsByUser(tx, username));
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    Optional<WorkspaceDef> ws = catalog.snapshot().workspaces()
        .workspace(credentials.get().workspaceId())
        .filter(w -> "active".equals(w.status()) && !w.isExpired(clock.instant()))
        .filter(w -> tokens.activeToken(w.createdByToken()).isPresent());
    return ws.map(w -> new WorkspaceLogin(w.id(), credentials.get().username(),
        ScramVerifier.parse(credentials.get().verifier())));
  }

  /**
   * The principal of a workspace's users now: it reads what the creating token may read at this
   * moment. Fails when the workspace is gone or expired, or its creating token was revoked (the
   * engine also closes such sessions as the catalog changes).
   */
  public Principal principal(String workspaceId) {
    WorkspaceDef ws = catalog.snapshot().workspaces().workspace(workspaceId)
        .filter(w -> !w.isExpired(clock.instant()))
        .orElseThrow(() -> new FloeException(ErrorCode.SESSION_CLOSED,
            "workspace " + workspaceId + " no longer exists"));
    Principal p = principalOf(ws);
    if (p.token() == null) {
      throw new FloeException(ErrorCode.SESSION_CLOSED, "the token that created workspace "
          + workspaceId + " is no longer active");
    }
    return p;
  }

  private Principal principalOf(WorkspaceDef ws) {
    TokenRecord creator = tokens.activeToken(ws.createdByToken()).orElse(null);
    return Principal.workspace(ws.id(), ws.projectId(), creator);
  }

  // ---- expiry ----------------------------------------------------------------------------------

  /** Drops every expired workspace now; returns how many. */
  public int reapExpired() {
    Instant now = clock.instant();
    int dropped = 0;
    for (WorkspaceDef ws : catalog.snapshot().workspaces().allWorkspaces()) {
      if (ws.isExpired(now)) {
        try {
          audit.record(REAPER, "DROP WORKSPACE " + qualified(ws.projectId(), ws.id()) + " EXPIRED",
              List.of(qualified(ws.projectId(), ws.id())), () -> {
                drop(ws);
                return null;
              });
          LOG.info("Dropped expired workspace {} of project {}", ws.id(), ws.projectId());
          dropped++;
        } catch (RuntimeException e) {
          LOG.warn("Could not drop expired workspace {}: {}", ws.id(), e.getMessage());
        }
      }
    }
    return dropped;
  }

  private void reapQuietly() {
    try {
      reapExpired();
    } catch (RuntimeException e) {
      LOG.warn("Workspace reaper: {}", e.getMessage());
    }
  }

  private static void requireBranch(CatalogSnapshot s, String projectId, String branchId) {
    s.workspaces().branch(branchId).filter(b -> b.projectId().equals(projectId))
        .orElseThrow(() -> FloeException.notFound("branch '" + branchId + "'"));
  }

  @Override public void close() {
    reaper.shutdownNow();
  }
}

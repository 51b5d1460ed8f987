package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.admin.LoadRequest;
import io.floe.engine.api.admin.LoadedTable;
import io.floe.engine.api.admin.PgEndpoint;
import io.floe.engine.api.admin.Workspaces;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Workspaces: {@code /projects/{id}/workspaces} and, for dev branches,
 * {@code /projects/{id}/branches/{branch}/workspaces} (seed 004's twelve endpoints). The create
 * and credential-reset answers carry the password once; Floe stores only a SCRAM verifier.
 */
final class WorkspacesResource {
  private static final String WORKSPACES = "/projects/{id}/workspaces";
  private static final String WORKSPACE = WORKSPACES + "/{ws}";
  private static final String BRANCH_WORKSPACES = "/projects/{id}/branches/{branch}/workspaces";
  private static final String BRANCH_WORKSPACE = BRANCH_WORKSPACES + "/{ws}";

  private final Floe engine;

  WorkspacesResource(Floe engine) {
    this.engine = engine;
  }

  record CreateWorkspace(String name, Double ttlHours, Double sizeLimitGb, List<String> preloadTables) {}

  record LoadTable(String source, String destination, List<String> columns, String where) {}

  record LoadTables(List<LoadTable> tables) {}

  List<Route> routes() {
    List<Route> routes = new java.util.ArrayList<>(List.of(
        new Route(HttpMethod.POST, WORKSPACES, "Create a workspace (PostgreSQL login shown once)",
            true, r -> create(r, false)).status(201).body(CreateWorkspace.class),
        new Route(HttpMethod.GET, WORKSPACES, "List workspaces", true, r -> list(r, null)),
        new Route(HttpMethod.GET, WORKSPACE, "Workspace detail", true, r -> detail(r, null)),
        new Route(HttpMethod.DELETE, WORKSPACE, "Drop a workspace and its file", true,
            r -> drop(r, null)),
        new Route(HttpMethod.POST, BRANCH_WORKSPACES, "Create a workspace on a dev branch", true,
            r -> create(r, true)).status(201).body(CreateWorkspace.class),
        new Route(HttpMethod.GET, BRANCH_WORKSPACES, "List workspaces of a dev branch", true,
            r -> list(r, branch(r))),
        new Route(HttpMethod.GET, BRANCH_WORKSPACE, "Branch workspace detail", true,
            r -> detail(r, branch(r))),
        new Route(HttpMethod.DELETE, BRANCH_WORKSPACE, "Drop a branch workspace", true,
            r -> drop(r, branch(r)))));
    // Clearing, dropping an object, loading and new credentials: the same on both branches.
    for (boolean onBranch : new boolean[] {false, true}) {
      String base = onBranch ? BRANCH_WORKSPACE : WORKSPACE;
      String of = onBranch ? " of a branch workspace" : "";
      routes.add(new Route(HttpMethod.POST, base + "/clear", "Drop every object" + of, true,
          r -> clear(r, onBranch ? branch(r) : null)).status(204));
      routes.add(new Route(HttpMethod.DELETE, base + "/objects/{name}", "Drop one table or view" + of,
          true, r -> dropObject(r, onBranch ? branch(r) : null)));
      routes.add(new Route(HttpMethod.POST, base + "/load",
          "Copy project tables into a workspace" + (onBranch ? " on a dev branch" : ""), true,
          r -> load(r, onBranch)).body(LoadTables.class));
      routes.add(new Route(HttpMethod.POST, base + "/credentials/reset",
          "New password (shown once)" + of, true,
          r -> resetCredentials(r, onBranch ? branch(r) : null)));
    }
    return List.copyOf(routes);
  }

  private String branch(ApiRequest r) {
    return engine.branches().get(r.principal(), r.param("id"), r.param("branch")).id();
  }

  private ApiResponse create(ApiRequest r, boolean onBranch) {
    CreateWorkspace body = r.json(CreateWorkspace.class);
    String branchId = onBranch ? branch(r) : null;
    List<LoadRequest> preload = new ArrayList<>();
    if (body.preloadTables() != null) {
      for (String source : body.preloadTables()) {
        if (source == null || source.isBlank()) {
          throw FloeException.invalid("preload_tables holds an empty table name");
        }
        preload.add(new LoadRequest(source, null, List.of(), null));
      }
    }
    CreatedWorkspace created = engine.workspaces().create(r.principal(), r.param("id"), branchId,
        body.name(), body.ttlHours(), body.sizeLimitGb(), preload);
    Map<String, Object> view = summary(created.workspace());
    view.put("connection", connection(created.workspace(), created.username(), created.password()));
    view.put("attached_tables", attachedTables(created.workspace()));
    if (!created.loaded().isEmpty()) {
      view.put("loaded", loaded(created.loaded()));
    }
    return ApiResponse.created(view);
  }

  private ApiResponse list(ApiRequest r, String branchId) {
    List<Map<String, Object>> items = new ArrayList<>();
    for (WorkspaceDef ws : engine.workspaces().list(r.principal(), r.param("id"), branchId)) {
      Map<String, Object> item = summary(ws);
      item.put("status", engine.workspaces().status(ws));
      item.put("active_sessions", engine.workspaces().activeSessions(ws.id()));
      items.add(item);
    }
    return ApiResponse.ok(Map.of("workspaces", items));
  }

  private WorkspaceDef workspace(ApiRequest r, String branchId) {
    return engine.workspaces().get(r.principal(), r.param("id"), branchId, r.param("ws"));
  }

  private ApiResponse detail(ApiRequest r, String branchId) {
    WorkspaceDef ws = workspace(r, branchId);
    Map<String, Object> view = summary(ws);
    view.put("size_bytes", engine.workspaces().sizeBytes(ws));
    view.put("status", engine.workspaces().status(ws));
    view.put("active_sessions", engine.workspaces().activeSessions(ws.id()));
    view.put("connection", connection(ws, engine.workspaces().username(ws), null));
    List<Map<String, Object>> objects = new ArrayList<>();
    for (WorkspaceObject o : engine.workspaces().objects(ws)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", o.name());
      item.put("type", o.isView() ? "view" : "table");
      item.put("rows", o.isView() ? null : engine.workspaces().rowCount(ws, o.name()));
      objects.add(item);
    }
    view.put("workspace_objects", objects);
    return ApiResponse.ok(view);
  }

  private ApiResponse drop(ApiRequest r, String branchId) {
    engine.workspaces().drop(r.principal(), r.param("id"), branchId, r.param("ws"));
    return ApiResponse.noContent();
  }

  private ApiResponse clear(ApiRequest r, String branchId) {
    engine.workspaces().clear(r.principal(), r.param("id"), branchId, r.param("ws"));
    return ApiResponse.noContent();
  }

  private ApiResponse dropObject(ApiRequest r, String branchId) {
    engine.workspaces().dropObject(r.principal(), r.param("id"), branchId, r.param("ws"),
        r.param("name"));
    return ApiResponse.noContent();
  }

  private ApiResponse load(ApiRequest r, boolean onBranch) {
    LoadTables body = r.json(LoadTables.class);
    if (body.tables() == null || body.tables().isEmpty()) {
      throw FloeException.invalid("field 'tables' needs at least one table");
    }
    List<LoadRequest> requests = new ArrayList<>();
    for (LoadTable t : body.tables()) {
      if (t == null || t.source() == null) {
        throw FloeException.invalid("every table needs a 'source'");
      }
      requests.add(new LoadRequest(t.source(), t.destination(), t.columns(), t.where()));
    }
    String branchId = onBranch ? branch(r) : null;
    List<LoadedTable> loaded = engine.workspaces().load(r.principal(), r.param("id"), branchId,
        r.param("ws"), requests);
    WorkspaceDef ws = workspace(r, branchId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("loaded", loaded(loaded));
    view.put("workspace_size_bytes", engine.workspaces().sizeBytes(ws));
    return ApiResponse.ok(view);
  }

  private ApiResponse resetCredentials(ApiRequest r, String branchId) {
    String password = engine.workspaces().resetCredentials(r.principal(), r.param("id"), branchId,
        r.param("ws"));
    WorkspaceDef ws = workspace(r, branchId);
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", ws.id());
    view.put("connection", connection(ws, engine.workspaces().username(ws), password));
    return ApiResponse.ok(view);
  }

  // ---- shapes --------------------------------------------------------------------------------

  private static Map<String, Object> summary(WorkspaceDef ws) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", ws.id());
    view.put("name", ws.name());
    view.put("project_id", ws.projectId());
    if (ws.branchId() != null) {
      view.put("branch_id", ws.branchId());
    }
    view.put("created_at", ws.createdAt());
    view.put("expires_at", ws.expiresAt());
    view.put("size_limit_gb", ws.sizeLimitBytes() / (double) io.floe.engine.api.WorkspaceConfig.GB);
    return view;
  }

  /** The connection block; {@code password} only when it was just created. */
  private Map<String, Object> connection(WorkspaceDef ws, String username, String password) {
    PgEndpoint endpoint = engine.workspaces().endpoint();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("host", endpoint.host());
    c.put("port", endpoint.port());
    c.put("database", ws.databaseName());
    c.put("username", username);
    if (password != null) {
      c.put("password", password);
      c.put("ssl_mode", endpoint.sslMode());
      c.put("connection_string", "postgresql://" + encode(username) + ":" + encode(password) + "@"
          + hostPart(endpoint.host()) + ":" + endpoint.port() + "/" + ws.databaseName()
          + "?sslmode=" + endpoint.sslMode());
    } else {
      c.put("ssl_mode", endpoint.sslMode());
    }
    return c;
  }

  private static String hostPart(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private List<Map<String, Object>> attachedTables(WorkspaceDef ws) {
    List<Map<String, Object>> tables = new ArrayList<>();
    for (Workspaces.ReadTable t : engine.workspaces().readTables(ws)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("schema", t.schema());
      item.put("table", t.table());
      item.put("rows", t.rows());
      tables.add(item);
    }
    return tables;
  }

  private static List<Map<String, Object>> loaded(List<LoadedTable> loaded) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (LoadedTable t : loaded) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("source", t.source());
      item.put("destination", t.destination());
      item.put("rows", t.rows());
      item.put("size_bytes", t.sizeBytes());
      out.add(item);
    }
    return out;
  }
}

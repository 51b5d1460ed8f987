package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import java.util.List;
import java.util.Optional;

/**
 * Workspaces: their lifecycle and contents for the REST API, and logins, principals and where
 * clients connect for the PostgreSQL front-end.
 */
public interface Workspaces {
  /**
   * A table a workspace reads, as its user sees it.
   *
   * @param schema the bucket it is in
   * @param table its name
   * @param rows its rows (the branch copy's, for a table a dev branch changed)
   */
  record ReadTable(String schema, String table, long rows) {}

  CreatedWorkspace create(Principal principal, String projectId, String branchId, String name,
      Double ttlHours, Double sizeLimitGb, List<LoadRequest> preload);

  List<WorkspaceDef> list(Principal principal, String projectId, String branchId);

  WorkspaceDef get(Principal principal, String projectId, String branchId, String id);

  /** The PostgreSQL user name of a workspace. */
  String username(WorkspaceDef ws);

  /** Open sessions of a workspace's users. */
  long activeSessions(String workspaceId);

  /** The size of a workspace's file. */
  long sizeBytes(WorkspaceDef ws);

  /** Rows of a table of a workspace. */
  long rowCount(WorkspaceDef ws, String table);

  /** {@code active} or {@code expired}. */
  String status(WorkspaceDef ws);

  /** A workspace's own tables and views. */
  List<WorkspaceObject> objects(WorkspaceDef ws);

  /** The project's tables a workspace reads, by schema and name. */
  List<ReadTable> readTables(WorkspaceDef ws);

  void drop(Principal principal, String projectId, String branchId, String id);

  /** Drops every table and view of a workspace. */
  void clear(Principal principal, String projectId, String branchId, String id);

  void dropObject(Principal principal, String projectId, String branchId, String id, String name);

  /** Sets a new password for a workspace's user and returns it (shown once). */
  String resetCredentials(Principal principal, String projectId, String branchId, String id);

  /** Copies project tables into a workspace. */
  List<LoadedTable> load(Principal principal, String projectId, String branchId, String id,
      List<LoadRequest> tables);

  /**
   * The login of a workspace user, if the user exists and its workspace and creating token are
   * still active. Front-ends check the password against the verifier, then call
   * {@link #principal}.
   */
  Optional<WorkspaceLogin> login(String username);

  /**
   * The principal of a workspace's users now.
   *
   * @throws io.floe.engine.api.FloeException {@code session_closed} when the workspace is gone or
   *     expired, or its creating token was revoked
   */
  Principal principal(String workspaceId);

  /** Where clients connect; null until the PostgreSQL listener is bound. */
  PgEndpoint endpoint();

  /** Sets where clients connect, once the PostgreSQL listener is bound. */
  void setEndpoint(PgEndpoint endpoint);
}

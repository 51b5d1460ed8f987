package io.floe.engine.catalog;

import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for branches, workspaces, their credentials and objects (migration V003). */
public final class WorkspaceRows {
  private WorkspaceRows() {}

  // ---- branches -------------------------------------------------------------------------------

  public static void insertBranch(Sqlite.Tx tx, Branch b) throws SQLException {
    tx.update("INSERT INTO branches (id, project_id, name, description, created_at) VALUES (?, ?, ?, ?, ?)",
        b.id(), b.projectId(), b.name(), b.description(), b.createdAt().toString());
  }

  public static void deleteBranch(Sqlite.Tx tx, String id) throws SQLException {
    tx.update("DELETE FROM branches WHERE id = ?", id);
  }

  public static void upsertBranchTable(Sqlite.Tx tx, String branchId, long tableId, long rows,
      long bytes) throws SQLException {
    String now = Instant.now().toString();
    tx.update("INSERT INTO branch_tables (branch_id, table_id, row_count, size_bytes, created_at, "
        + "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (branch_id, table_id) DO UPDATE SET "
        + "row_count = excluded.row_count, size_bytes = excluded.size_bytes, "
        + "updated_at = excluded.updated_at", branchId, tableId, rows, bytes, now, now);
  }

  // ---- workspaces -----------------------------------------------------------------------------

  public static void insertWorkspace(Sqlite.Tx tx, WorkspaceDef w) throws SQLException {
    tx.update("INSERT INTO workspaces (id, project_id, branch_id, name, created_by_token, created_at, "
            + "expires_at, size_limit_bytes, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        w.id(), w.projectId(), w.branchId(), w.name(), w.createdByToken(), w.createdAt().toString(),
        w.expiresAt() == null ? null : w.expiresAt().toString(), w.sizeLimitBytes(), w.status());
  }

  public static void deleteWorkspace(Sqlite.Tx tx, String id) throws SQLException {
    tx.update("DELETE FROM workspaces WHERE id = ?", id);
  }

  public static void setStatus(Sqlite.Tx tx, String id, String status) throws SQLException {
    tx.update("UPDATE workspaces SET status = ? WHERE id = ?", status, id);
  }

  /** Stored login of a workspace. */
  public record Credentials(String workspaceId, String username, String verifier) {
    @Override public String toString() {
      return "Credentials[" + workspaceId + ", " + username + "]";
    }
  }

  public static void putCredentials(Sqlite.Tx tx, String workspaceId, String username,
      String verifier) throws SQLException {
    tx.update("INSERT INTO workspace_credentials (workspace_id, username, verifier, created_at) "
        + "VALUES (?, ?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET username = excluded.username, "
        + "verifier = excluded.verifier, created_at = excluded.created_at",
        workspaceId, username, verifier, Instant.now().toString());
  }

  public static Optional<Credentials> credentialsByUser(Sqlite.Tx tx, String username)
      throws SQLException {
    return tx.queryOne("SELECT workspace_id, username, verifier FROM workspace_credentials "
        + "WHERE username = ?", rs -> new Credentials(rs.getString(1), rs.getString(2),
        rs.getString(3)), username);
  }

  public static Optional<String> username(Sqlite.Tx tx, String workspaceId) throws SQLException {
    return tx.queryOne("SELECT username FROM workspace_credentials WHERE workspace_id = ?",
        rs -> rs.getString(1), workspaceId);
  }

  // ---- objects --------------------------------------------------------------------------------

  /** Inserts an object with its columns; returns its id. */
  public static long insertObject(Sqlite.Tx tx, String workspaceId, String name,
      WorkspaceObject.Kind kind, String definition, List<ColumnDef> columns, List<String> primaryKey)
      throws SQLException {
    long id = tx.insert("INSERT INTO workspace_objects (workspace_id, name, kind, definition, created_at) "
        + "VALUES (?, ?, ?, ?, ?)", workspaceId, name, kind.name().toLowerCase(Locale.ROOT),
        definition, Instant.now().toString());
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      int pk = primaryKey.indexOf(c.name());
      tx.update("INSERT INTO workspace_columns (object_id, ordinal, name, type, nullable, pk_position) "
          + "VALUES (?, ?, ?, ?, ?, ?)", id, i, c.name(), c.type().toString(), c.nullable() ? 1 : 0,
          pk < 0 ? null : pk);
    }
    return id;
  }

  public static void deleteObject(Sqlite.Tx tx, long id) throws SQLException {
    tx.update("DELETE FROM workspace_objects WHERE id = ?", id);
  }

  public static void deleteObjects(Sqlite.Tx tx, String workspaceId) throws SQLException {
    tx.update("DELETE FROM workspace_objects WHERE workspace_id = ?", workspaceId);
  }

  // ---- snapshot loading -----------------------------------------------------------------------

  static WorkspaceCatalog load(Sqlite.Tx tx) throws SQLException {
    List<Branch> branches = tx.query("SELECT id, project_id, name, description, created_at FROM branches",
        rs -> new Branch(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Catalog.instant(rs, 5)));
    List<BranchTable> copies = tx.query("SELECT branch_id, table_id, row_count, size_bytes, created_at, "
        + "updated_at FROM branch_tables", rs -> new BranchTable(rs.getString(1), rs.getLong(2),
        rs.getLong(3), rs.getLong(4), Catalog.instant(rs, 5), Catalog.instant(rs, 6)));
    List<WorkspaceDef> workspaces = tx.query("SELECT id, project_id, branch_id, name, created_by_token, "
        + "created_at, expires_at, size_limit_bytes, status FROM workspaces", rs -> new WorkspaceDef(
        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Catalog.instant(rs, 6), Catalog.instant(rs, 7), rs.getLong(8), rs.getString(9)));
    Map<Long, List<Object[]>> columns = new HashMap<>();
    for (Object[] c : tx.query("SELECT object_id, ordinal, name, type, nullable, pk_position "
        + "FROM workspace_columns ORDER BY object_id, ordinal", rs -> new Object[] {rs.getLong(1),
        new ColumnDef(rs.getString(3), ColumnType.parse(rs.getString(4)), rs.getInt(5) != 0),
        rs.getObject(6)})) {
      columns.computeIfAbsent((Long) c[0], k -> new ArrayList<>()).add(c);
    }
    List<WorkspaceObject> objects = tx.query("SELECT id, workspace_id, name, kind, definition, created_at "
        + "FROM workspace_objects", rs -> {
          long id = rs.getLong(1);
          List<Object[]> cols = columns.getOrDefault(id, List.of());
          List<String> pk = cols.stream().filter(c -> c[2] != null)
              .sorted(Comparator.comparing(c -> ((Number) c[2]).intValue()))
              .map(c -> ((ColumnDef) c[1]).name()).toList();
          return new WorkspaceObject(id, rs.getString(2), rs.getString(3),
              WorkspaceObject.Kind.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5),
              cols.stream().map(c -> (ColumnDef) c[1]).toList(), pk, Catalog.instant(rs, 6));
        });
    return new WorkspaceCatalog(branches, copies, workspaces, objects);
  }
}

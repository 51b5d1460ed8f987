package io.floe.engine.storage;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.WorkspaceRows;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * Creates and drops a workspace's tables and views: the catalog records each definition (it is the
 * source of truth for columns and types), the workspace's DuckDB file holds table rows. A catalog
 * change and its DuckDB statement run together: the DuckDB work happens inside the catalog
 * transaction, so a DuckDB failure leaves the catalog unchanged.
 */
public final class WorkspaceObjects {
  public static final int MAX_NAME_LENGTH = 63;
  public static final int MAX_COLUMNS = 1000;

  private final Catalog catalog;
  private final DuckDbStorage storage;

  public WorkspaceObjects(Catalog catalog, DuckDbStorage storage) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
  }

  /** The workspace's file. */
  public Path file(WorkspaceDef ws) {
    return storage.workspaceFile(ws.projectId(), ws.branchId(), ws.id());
  }

  /** Attaches the workspace's file (creating it on first use). */
  public void attach(WorkspaceDef ws) {
    storage.ensureAttached(ws.duckDbCatalog(), file(ws), true);
  }

  /** Bytes the workspace's file takes. */
  public long sizeBytes(WorkspaceDef ws) {
    return storage.fileSize(file(ws));
  }

  /** Refuses a new table once the workspace's data has reached its size limit. */
  public void checkSize(WorkspaceDef ws) {
    attach(ws);
    long size;
    try (DuckDBConnection c = storage.connect()) {
      size = usedBytes(c, ws);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot measure workspace " + ws.id());
    }
    if (size >= ws.sizeLimitBytes()) {
      throw FloeException.of(ErrorCode.SIZE_LIMIT_EXCEEDED, "workspace %s has reached its size "
          + "limit (%d of %d bytes): drop or truncate objects to write again", ws.id(), size,
          ws.sizeLimitBytes());
    }
  }

  /** A write of data into a workspace, run by {@link #writeWithinLimit}. */
  @FunctionalInterface
  public interface Write {
    /** Runs the write on the connection given to writeWithinLimit; returns the rows it changed. */
    long run() throws SQLException;
  }

  /**
   * Runs {@code write} on {@code connection} in one DuckDB transaction and checks the workspace's
   * size before committing: if the write leaves the workspace over its limit, and larger than
   * before it, the transaction is rolled back and the write fails with SQLSTATE 53100. (A write
   * that shrinks a workspace that is already over its limit, a DELETE, goes through.)
   *
   * <p>The size is what DuckDB's storage holds for the workspace as the transaction sees it: used
   * blocks, which include the rows a large write has already written to the file, plus the WAL.
   * Rows a transaction keeps in memory until commit (less than one row group, about 120 000 rows,
   * per table) are not yet counted, so a workspace can go over by that much; its next write that
   * grows it is refused.
   */
  public long writeWithinLimit(DuckDBConnection connection, WorkspaceDef ws, Write write)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    boolean done = false;
    try {
      long before = usedBytes(connection, ws);
      long rows = write.run();
      long after = usedBytes(connection, ws);
      if (after > ws.sizeLimitBytes() && after > before) {
        connection.rollback();
        done = true;
        checkpoint(ws);
        throw FloeException.of(ErrorCode.SIZE_LIMIT_EXCEEDED, "workspace %s would exceed its "
            + "size limit (%d of %d bytes); the statement was rolled back", ws.id(), after,
            ws.sizeLimitBytes());
      }
      connection.commit();
      done = true;
      return rows;
    } finally {
      if (!done) {
        try {
          connection.rollback();
        } catch (SQLException ignored) {
          // The write failed; its transaction is gone with it.
        }
      }
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Runs {@code write} inside a transaction block that {@code connection} holds open (manual
   * commit), checking the size limit as {@link #writeWithinLimit} does. Over the limit, the whole
   * block is rolled back (DuckDB has no savepoints) and the write fails with SQLSTATE 53100.
   */
  public long writeInBlock(DuckDBConnection connection, WorkspaceDef ws, Write write)
      throws SQLException {
    long before = usedBytes(connection, ws);
    long rows = write.run();
    long after = usedBytes(connection, ws);
    if (after > ws.sizeLimitBytes() && after > before) {
      connection.rollback();
      checkpoint(ws);
      throw FloeException.of(ErrorCode.SIZE_LIMIT_EXCEEDED, "workspace %s would exceed its "
          + "size limit (%d of %d bytes); the transaction was rolled back", ws.id(), after,
          ws.sizeLimitBytes());
    }
    return rows;
  }

  /**
   * Bytes the workspace's data takes as {@code connection} sees it: DuckDB's used blocks (a
   * transaction's large uncommitted writes included) plus the write-ahead log on disk.
   */
  long usedBytes(java.sql.Connection connection, WorkspaceDef ws) throws SQLException {
    long blocks;
    try (var ps = connection.prepareStatement("SELECT used_blocks * block_size FROM "
        + "pragma_database_size() WHERE database_name = ?")) {
      ps.setString(1, ws.duckDbCatalog());
      try (var rs = ps.executeQuery()) {
        blocks = rs.next() ? rs.getLong(1) : 0;
      }
    }
    Path file = file(ws);
    Path wal = file.resolveSibling(file.getFileName() + ".wal");
    try {
      return blocks + (java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0);
    } catch (java.io.IOException e) {
      return blocks;
    }
  }

  /** Validates an object or column name (PostgreSQL allows almost anything quoted). */
  public static String checkName(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "%s is missing", what);
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "%s \"%s...\" is longer than %d characters",
          what, name.substring(0, 20), MAX_NAME_LENGTH);
    }
    if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw FloeException.of(ErrorCode.INVALID_NAME, "%s contains control characters", what);
    }
    return name;
  }

  private static void checkColumns(List<ColumnDef> columns) {
    if (columns.isEmpty()) {
      throw FloeException.invalid("a table needs at least one column");
    }
    if (columns.size() > MAX_COLUMNS) {
      throw FloeException.invalid("a table can have at most " + MAX_COLUMNS + " columns");
    }
    Set<String> seen = new HashSet<>();
    for (ColumnDef c : columns) {
      checkName("column name", c.name());
      if (!seen.add(c.name().toLowerCase(Locale.ROOT))) {
        throw FloeException.of(ErrorCode.INVALID_SQL, "column \"%s\" specified more than once", c.name());
      }
    }
  }

  /**
   * Creates a table. Returns false when it exists and {@code ifNotExists} is set.
   *
   * @param onStatement receives the DuckDB statement, so the caller can cancel it
   */
  public boolean createTable(WorkspaceDef ws, String name, List<ColumnDef> columns,
      List<String> primaryKey, boolean ifNotExists, Consumer<Statement> onStatement) {
    checkName("table name", name);
    checkColumns(columns);
    if (exists(ws, name, ifNotExists)) {
      return false;
    }
    attach(ws);
    List<String> defs = new ArrayList<>();
    for (ColumnDef c : columns) {
      defs.add(DuckDbSql.ident(c.name()) + " " + c.type().toDuckDb() + (c.nullable() ? "" : " NOT NULL"));
    }
    if (!primaryKey.isEmpty()) {
      defs.add("PRIMARY KEY (" + DuckDbSql.idents(primaryKey) + ")");
    }
    String ddl = "CREATE TABLE " + DuckDbSql.table(ws.duckDbCatalog(), name) + " ("
        + String.join(", ", defs) + ")";
    try {
      catalog.mutate(tx -> {
        long id = WorkspaceRows.insertObject(tx, ws.id(), name, WorkspaceObject.Kind.TABLE, null,
            columns, primaryKey);
        duckDb(ddl, onStatement);
        return id;
      });
    } catch (FloeException e) {
      // Another session created it since the check above: the catalog's unique name decides.
      if (e.code() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
      if (ifNotExists) {
        return false;
      }
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "relation \"%s\" already exists", name);
    }
    return true;
  }

  /** Creates or replaces a view over {@code query} (already planned and checked by the caller). */
  public void createView(WorkspaceDef ws, String name, boolean orReplace, String query,
      List<ColumnDef> columns) {
    checkName("view name", name);
    checkColumns(columns);
    Optional<WorkspaceObject> existing = catalog.snapshot().workspaces().object(ws.id(), name);
    if (existing.isPresent() && !(orReplace && existing.get().isView())) {
      if (existing.get().isView()) {
        throw FloeException.of(ErrorCode.ALREADY_EXISTS, "relation \"%s\" already exists", name);
      }
      throw FloeException.of(ErrorCode.WRONG_OBJECT_TYPE, "\"%s\" is not a view", name);
    }
    try {
      catalog.mutate(tx -> {
        if (existing.isPresent()) {
          WorkspaceRows.deleteObject(tx, existing.get().id());
        }
        return WorkspaceRows.insertObject(tx, ws.id(), name, WorkspaceObject.Kind.VIEW, query,
            columns, List.of());
      });
    } catch (FloeException e) {
      if (e.code() != ErrorCode.ALREADY_EXISTS) {
        throw e;
      }
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "relation \"%s\" already exists", name);
    }
  }

  /**
   * Drops a table or view. With {@code kind} null either may be dropped. Returns false when it does
   * not exist and {@code ifExists} is set.
   */
  public boolean drop(WorkspaceDef ws, String name, WorkspaceObject.Kind kind, boolean ifExists,
      Consumer<Statement> onStatement) {
    Optional<WorkspaceObject> found = catalog.snapshot().workspaces().object(ws.id(), name);
    if (found.isEmpty()) {
      if (ifExists) {
        return false;
      }
      String what = kind == WorkspaceObject.Kind.VIEW ? "view" : kind == null ? "object" : "table";
      throw FloeException.of(ErrorCode.NOT_FOUND, "%s \"%s\" does not exist", what, name);
    }
    WorkspaceObject object = found.get();
    if (kind != null && object.kind() != kind) {
      throw FloeException.of(ErrorCode.WRONG_OBJECT_TYPE, "\"%s\" is not a %s", object.name(),
          kind.name().toLowerCase(Locale.ROOT));
    }
    if (!object.isView()) {
      attach(ws);
    }
    catalog.mutate(tx -> {
      WorkspaceRows.deleteObject(tx, object.id());
      if (!object.isView()) {
        duckDb("DROP TABLE IF EXISTS " + DuckDbSql.table(ws.duckDbCatalog(), object.name()),
            onStatement);
      }
      return null;
    });
    return true;
  }

  /** Deletes every row of a workspace table. */
  public void truncate(WorkspaceDef ws, String name, Consumer<Statement> onStatement) {
    WorkspaceObject object = catalog.snapshot().workspaces().object(ws.id(), name).orElseThrow(() ->
        FloeException.of(ErrorCode.NOT_FOUND, "relation \"%s\" does not exist", name));
    if (object.isView()) {
      throw FloeException.of(ErrorCode.WRONG_OBJECT_TYPE, "\"%s\" is not a table", name);
    }
    attach(ws);
    duckDb("DELETE FROM " + DuckDbSql.table(ws.duckDbCatalog(), object.name()), onStatement);
  }

  /** Drops every object of a workspace, keeping the workspace and its credentials. */
  public void clear(WorkspaceDef ws) {
    List<WorkspaceObject> objects = catalog.snapshot().workspaces().objects(ws.id());
    attach(ws);
    catalog.mutate(tx -> {
      WorkspaceRows.deleteObjects(tx, ws.id());
      for (WorkspaceObject o : objects) {
        if (!o.isView()) {
          duckDb("DROP TABLE IF EXISTS " + DuckDbSql.table(ws.duckDbCatalog(), o.name()), s -> {});
        }
      }
      return null;
    });
    checkpoint(ws);
  }

  /** Writes the workspace's WAL into its file, so sizes and copies are current. */
  public void checkpoint(WorkspaceDef ws) {
    try {
      duckDb("CHECKPOINT " + DuckDbSql.ident(ws.duckDbCatalog()), s -> {});
    } catch (FloeException e) {
      // A checkpoint waits for no one: with a statement running it is simply skipped.
    }
  }

  /** Rows of a workspace table. */
  public long rowCount(WorkspaceDef ws, String table) {
    attach(ws);
    try (DuckDBConnection c = storage.connect(); Statement s = c.createStatement();
         var rs = s.executeQuery("SELECT count(*) FROM " + DuckDbSql.table(ws.duckDbCatalog(), table))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot count rows of " + table);
    }
  }

  private boolean exists(WorkspaceDef ws, String name, boolean ifNotExists) {
    if (catalog.snapshot().workspaces().object(ws.id(), name).isPresent()) {
      if (ifNotExists) {
        return true;
      }
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "relation \"%s\" already exists", name);
    }
    return false;
  }

  /** Runs one statement of Floe's own on a fresh DuckDB session. */
  long duckDb(String sql, Consumer<Statement> onStatement) {
    try (DuckDBConnection c = storage.connect(); Statement s = c.createStatement()) {
      onStatement.accept(s);
      s.execute(sql);
      return Math.max(s.getUpdateCount(), 0);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e);
    }
  }

  /** Runs a statement of Floe's own and returns the rows it changed. */
  public long update(String sql, Consumer<Statement> onStatement) {
    return duckDb(sql, onStatement);
  }
}

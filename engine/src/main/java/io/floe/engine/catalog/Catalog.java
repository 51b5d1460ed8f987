package io.floe.engine.catalog;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The catalog: the one source of truth for metadata, stored in SQLite ({@code catalog.db}).
 *
 * <p>Writers call {@link #mutate}; when the transaction commits, a new {@link CatalogSnapshot} is
 * loaded and published to listeners (schema caches, plan caches). Readers take {@link #snapshot()}.
 */
public final class Catalog implements AutoCloseable {
  private final Sqlite db;
  private final AtomicLong versions = new AtomicLong();
  private final List<Consumer<CatalogSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final Object refreshLock = new Object();
  private volatile CatalogSnapshot snapshot;

  private Catalog(Sqlite db) {
    this.db = db;
    this.snapshot = load();
  }

  public static Catalog open(Path file) {
    Sqlite db = Sqlite.open(file);
    Migrations.apply(db);
    return new Catalog(db);
  }

  public CatalogSnapshot snapshot() {
    return snapshot;
  }

  /** Registers a listener called after every committed change, with the new snapshot. */
  public void onChange(Consumer<CatalogSnapshot> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /**
   * Runs {@code work} in one catalog transaction, then publishes a new snapshot. Work that touches
   * storage as well runs inside the transaction, so a storage failure rolls the catalog back; keep
   * that work short (a commit, not a scan): every other catalog write waits for it. Long DuckDB
   * work runs before, under the table's own lock.
   */
  public <T> T mutate(Sqlite.TransactionWork<T> work) {
    try {
      return db.inTransaction(work);
    } finally {
      refresh();
    }
  }

  /**
   * Runs {@code work} in one catalog transaction without publishing a new snapshot: for data that
   * snapshots do not hold (jobs, metadata), whose changes must not evict schema and plan caches.
   */
  public <T> T write(Sqlite.TransactionWork<T> work) {
    return db.inTransaction(work);
  }

  /**
   * Reads from SQLite directly (for data not held in snapshots, such as tokens and jobs), on a
   * reader connection: it does not wait for a write in progress.
   */
  public <T> T read(Sqlite.TransactionWork<T> work) {
    return db.read(work);
  }

  /**
   * Reloads the snapshot and tells listeners. Loads run one at a time, so a snapshot published
   * later never holds older data than one published before it.
   */
  public void refresh() {
    CatalogSnapshot next;
    synchronized (refreshLock) {
      next = load();
      snapshot = next;
    }
    for (Consumer<CatalogSnapshot> listener : listeners) {
      listener.accept(next);
    }
  }

  // ---- projects, buckets, tables (called inside mutate) ------------------------------------

  public static Project insertProject(Sqlite.Tx tx, String id, String name, String description)
      throws SQLException {
    String now = Instant.now().toString();
    if (tx.queryOne("SELECT 1 FROM projects WHERE id = ? COLLATE NOCASE", rs -> 1, id).isPresent()) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "project '%s' already exists", id);
    }
    tx.update("INSERT INTO projects (id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        id, name, description, now, now);
    return new Project(id, name, description, Instant.parse(now), Instant.parse(now));
  }

  public static void updateProject(Sqlite.Tx tx, String id, String name, String description)
      throws SQLException {
    tx.update("UPDATE projects SET name = ?, description = ?, updated_at = ? WHERE id = ?",
        name, description, Instant.now().toString(), id);
  }

  public static void deleteProject(Sqlite.Tx tx, String id) throws SQLException {
    tx.update("DELETE FROM projects WHERE id = ?", id);
  }

  public static Bucket insertBucket(Sqlite.Tx tx, String projectId, String name, String stage,
      String description) throws SQLException {
    if (tx.queryOne("SELECT 1 FROM buckets WHERE project_id = ? AND name = ? COLLATE NOCASE",
        rs -> 1, projectId, name).isPresent()) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "bucket '%s' already exists", name);
    }
    String now = Instant.now().toString();
    long id = tx.insert("INSERT INTO buckets (project_id, name, stage, description, created_at) "
        + "VALUES (?, ?, ?, ?, ?)", projectId, name, stage, description, now);
    return new Bucket(id, projectId, name, stage, description, Instant.parse(now));
  }

  /** Inserts a registered bucket, which shows the tables of a Snowflake schema. */
  public static Bucket insertRegisteredBucket(Sqlite.Tx tx, String projectId, String name,
      String description, Bucket.RemoteSchema remote) throws SQLException {
    Bucket b = insertBucket(tx, projectId, name, "in", description);
    tx.update("UPDATE buckets SET remote_connection = ?, remote_database = ?, remote_schema = ? "
        + "WHERE id = ?", remote.connection(), remote.database(), remote.schema(), b.id());
    return new Bucket(b.id(), projectId, name, b.stage(), description, b.createdAt(), remote);
  }

  /** Inserts a table of a registered bucket: {@code remoteName} names it in Snowflake. */
  public static long insertRemoteTable(Sqlite.Tx tx, long bucketId, String name, String remoteName,
      boolean view, String description, List<ColumnDef> columns) throws SQLException {
    long id = insertTable(tx, bucketId, name, description, columns, List.of());
    tx.update("UPDATE tables SET remote_name = ?, remote_view = ? WHERE id = ?", remoteName,
        view ? 1 : 0, id);
    return id;
  }

  public static void deleteBucket(Sqlite.Tx tx, long bucketId) throws SQLException {
    tx.update("DELETE FROM buckets WHERE id = ?", bucketId);
  }

  /** Inserts a table and its columns; returns its id. */
  public static long insertTable(Sqlite.Tx tx, long bucketId, String name, String description,
      List<ColumnDef> columns, List<String> primaryKey) throws SQLException {
    if (tx.queryOne("SELECT 1 FROM tables WHERE bucket_id = ? AND name = ? COLLATE NOCASE",
        rs -> 1, bucketId, name).isPresent()) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "table '%s' already exists", name);
    }
    String now = Instant.now().toString();
    long id = tx.insert("INSERT INTO tables (bucket_id, name, description, created_at, updated_at) "
        + "VALUES (?, ?, ?, ?, ?)", bucketId, name, description, now, now);
    insertColumns(tx, id, columns, primaryKey);
    return id;
  }

  public static void insertColumns(Sqlite.Tx tx, long tableId, List<ColumnDef> columns,
      List<String> primaryKey) throws SQLException {
    tx.update("DELETE FROM columns WHERE table_id = ?", tableId);
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      int pk = primaryKey.indexOf(c.name());
      tx.update("INSERT INTO columns (table_id, ordinal, name, type, nullable, pk_position, description) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?)",
          tableId, i, c.name(), c.type().toString(), c.nullable() ? 1 : 0, pk < 0 ? null : pk,
          c.description());
    }
  }

  public static void deleteTable(Sqlite.Tx tx, long tableId) throws SQLException {
    tx.update("DELETE FROM tables WHERE id = ?", tableId);
  }

  public static void updateTableStats(Sqlite.Tx tx, long tableId, long rows, long bytes)
      throws SQLException {
    tx.update("UPDATE tables SET row_count = ?, size_bytes = ?, updated_at = ? WHERE id = ?",
        rows, bytes, Instant.now().toString(), tableId);
  }

  // ---- snapshot loading --------------------------------------------------------------------

  private CatalogSnapshot load() {
    return db.read(tx -> {
      List<Project> projects = tx.query(
          "SELECT id, name, description, created_at, updated_at FROM projects",
          rs -> new Project(rs.getString(1), rs.getString(2), rs.getString(3),
              instant(rs, 4), instant(rs, 5)));
      List<Bucket> buckets = tx.query(
          "SELECT id, project_id, name, stage, description, created_at, remote_connection, "
              + "remote_database, remote_schema FROM buckets",
          rs -> new Bucket(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
              rs.getString(5), instant(rs, 6), rs.getString(7) == null ? null
                  : new Bucket.RemoteSchema(rs.getString(7), rs.getString(8), rs.getString(9))));
      Map<Long, List<ColumnRow>> columns = new HashMap<>();
      for (ColumnRow c : tx.query("SELECT table_id, ordinal, name, type, nullable, pk_position, "
          + "description FROM columns ORDER BY table_id, ordinal", rs -> new ColumnRow(
              rs.getLong(1), new ColumnDef(rs.getString(3), ColumnType.parse(rs.getString(4)),
              rs.getInt(5) != 0, rs.getString(7)), (Integer) rs.getObject(6)))) {
        columns.computeIfAbsent(c.tableId, k -> new ArrayList<>()).add(c);
      }
      List<TableDef> tables = tx.query("SELECT t.id, t.bucket_id, b.project_id, b.name, t.name, "
          + "t.description, t.row_count, t.size_bytes, t.created_at, t.updated_at, t.remote_name, "
          + "t.remote_view "
          + "FROM tables t JOIN buckets b ON b.id = t.bucket_id", rs -> {
            long id = rs.getLong(1);
            List<ColumnRow> cols = columns.getOrDefault(id, List.of());
            List<String> pk = cols.stream().filter(c -> c.pkPosition != null)
                .sorted(java.util.Comparator.comparing(c -> c.pkPosition))
                .map(c -> c.column.name()).toList();
            return new TableDef(id, rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), cols.stream().map(c -> c.column).toList(), pk,
                rs.getLong(7), rs.getLong(8), instant(rs, 9), instant(rs, 10), rs.getString(11),
                rs.getInt(12) != 0);
          });
      return new CatalogSnapshot(versions.incrementAndGet(), projects, buckets, tables,
          SharingRows.load(tx), WorkspaceRows.load(tx));
    });
  }

  private record ColumnRow(long tableId, ColumnDef column, Integer pkPosition) {}

  static Instant instant(ResultSet rs, int column) throws SQLException {
    String text = rs.getString(column);
    return text == null ? null : Instant.parse(text);
  }

  @Override public void close() {
    db.close();
  }
}

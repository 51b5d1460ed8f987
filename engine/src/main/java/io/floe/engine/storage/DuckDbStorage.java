package io.floe.engine.storage;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Floe's one DuckDB instance. DuckDB lets a process attach a database file only once, so every
 * table file is attached here once, as catalog {@code t_<tableId>}, and every session works on its
 * own {@link DuckDBConnection#duplicate()} of the instance. DuckDB's MVCC gives readers a consistent
 * snapshot while an import writes.
 *
 * <p>Table files live at {@code <data-dir>/projects/<project>/<bucket>/<table>.duckdb}.
 */
public final class DuckDbStorage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorage.class);

  private final Path dataDir;
  private final Path projectsDir;
  private final DuckDBConnection root;
  private final ReentrantLock attachLock = new ReentrantLock();
  private final Set<String> attached = ConcurrentHashMap.newKeySet();

  private DuckDbStorage(Path dataDir, DuckDBConnection root) {
    this.dataDir = dataDir;
    this.projectsDir = dataDir.resolve("projects");
    this.root = root;
  }

  public static DuckDbStorage open(StorageConfig config) {
    Path dataDir = config.dataDir().toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir.resolve("projects"));
      Path tmp = dataDir.resolve("tmp");
      Files.createDirectories(tmp);
      Properties props = new Properties();
      props.setProperty("jdbc_stream_results", "true");
      // DuckDB's driver itself, not DriverManager, whose first use loads and initialises every driver on
      // the class path (snowflake-jdbc's alone takes about 0.4 s of start-up).
      DuckDBConnection root = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", props);
      try (Statement s = root.createStatement()) {
        if (config.memoryLimit() != null) {
          s.execute("SET memory_limit = " + DuckDbSql.literal(config.memoryLimit()));
        }
        if (config.threads() > 0) {
          s.execute("SET threads = " + config.threads());
        }
        s.execute("SET temp_directory = " + DuckDbSql.literal(tmp.toString()));
        s.execute("SET TimeZone = 'UTC'");
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET default_null_order = 'nulls_last'");
      }
      return new DuckDbStorage(dataDir, root);
    } catch (IOException | SQLException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot start DuckDB: " + e.getMessage(), e);
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  /** A new session on the instance. Callers close it. */
  public DuckDBConnection connect() {
    try {
      return root.duplicate();
    } catch (SQLException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot open a DuckDB session: " + e.getMessage(), e);
    }
  }

  public Path tableFile(TableDef table) {
    return tableFile(table.projectId(), table.bucketName(), table.name());
  }

  public Path tableFile(String projectId, String bucket, String table) {
    return safe(projectsDir.resolve(projectId).resolve(bucket).resolve(table + ".duckdb"));
  }

  public Path bucketDir(String projectId, String bucket) {
    return safe(projectsDir.resolve(projectId).resolve(bucket));
  }

  public Path projectDir(String projectId) {
    return safe(projectsDir.resolve(projectId));
  }

  /** Every path Floe writes must stay inside the data directory, whatever a name contains. */
  private Path safe(Path path) {
    Path normalized = path.toAbsolutePath().normalize();
    if (!normalized.startsWith(projectsDir)) {
      throw new FloeException(ErrorCode.INVALID_NAME, "name resolves outside the data directory");
    }
    return normalized;
  }

  /**
   * Creates the table's file and the table in it (durable in the file's WAL; {@link #checkpoint}
   * folds it into the file, outside any catalog transaction).
   */
  public void createTable(TableDef table) {
    Path file = tableFile(table);
    try {
      Files.createDirectories(file.getParent());
      if (Files.exists(file)) {
        // A leftover from a failed create or an interrupted drop: nothing in the catalog owns it.
        deleteFiles(file);
      }
      attach(table.duckDbCatalog(), file);
      try (DuckDBConnection c = connect(); Statement s = c.createStatement()) {
        s.execute(createTableSql(table));
      }
    } catch (IOException | SQLException e) {
      detachQuietly(table.duckDbCatalog());
      deleteFilesQuietly(file);
      throw DuckDbErrors.translate(e, "cannot create table " + table.name());
    }
  }

  static String createTableSql(TableDef table) {
    List<String> defs = new ArrayList<>();
    for (ColumnDef c : table.columns()) {
      boolean notNull = !c.nullable() || table.primaryKey().contains(c.name());
      defs.add(DuckDbSql.ident(c.name()) + " " + c.type().toDuckDb() + (notNull ? " NOT NULL" : ""));
    }
    return "CREATE TABLE " + DuckDbSql.table(table.duckDbCatalog(), table.name()) + " ("
        + String.join(", ", defs) + ")";
  }

  /**
   * Writes an attached database's WAL into its file. Only an optimisation (committed work is
   * durable in the WAL already), so it is skipped when DuckDB is busy with the database.
   */
  public void checkpoint(String alias) {
    if (!attached.contains(alias)) {
      return;
    }
    try (DuckDBConnection c = connect(); Statement s = c.createStatement()) {
      s.execute("CHECKPOINT " + DuckDbSql.ident(alias));
    } catch (SQLException | FloeException busy) {
      LOG.debug("Checkpoint of {} skipped: {}", alias, busy.getMessage());
    }
  }

  /** Attaches the table's file if it is not attached yet. Cheap when it is. */
  public void ensureAttached(TableDef table) {
    if (table.isRemote()) {
      return; // its rows are in Snowflake
    }
    String alias = table.duckDbCatalog();
    if (attached.contains(alias)) {
      return;
    }
    Path file = tableFile(table);
    if (!Files.exists(file)) {
      throw new FloeException(ErrorCode.IO_ERROR,
          "data file of table " + table.bucketName() + "." + table.name() + " is missing");
    }
    try {
      attach(alias, file);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot attach table " + table.name());
    }
  }

  private void attach(String alias, Path file) throws SQLException {
    attachLock.lock();
    try {
      if (attached.contains(alias)) {
        return;
      }
      try (Statement s = root.createStatement()) {
        s.execute("ATTACH IF NOT EXISTS " + DuckDbSql.literal(file.toString()) + " AS "
            + DuckDbSql.ident(alias));
      }
      attached.add(alias);
    } finally {
      attachLock.unlock();
    }
  }

  // ---- workspaces and branch copies --------------------------------------------------------

  /**
   * A workspace's file: {@code <project>/_workspaces/ws_<id>.duckdb} for the main branch,
   * {@code <project>/_branches/<branch>/_workspaces/ws_<id>.duckdb} for a dev branch. Bucket names
   * cannot start with an underscore, so these directories never clash with buckets.
   */
  public Path workspaceFile(String projectId, String branchId, String workspaceId) {
    Path base = branchId == null ? projectDir(projectId) : branchDir(projectId, branchId);
    return safe(base.resolve("_workspaces").resolve(workspaceId + ".duckdb"));
  }

  /** Where a dev branch keeps its workspaces and its copies of tables. */
  public Path branchDir(String projectId, String branchId) {
    return safe(projectDir(projectId).resolve("_branches").resolve(branchId));
  }

  /** A dev branch's own copy of main table {@code tableId}. */
  public Path branchTableFile(String projectId, String branchId, long tableId) {
    return safe(branchDir(projectId, branchId).resolve("t_" + tableId + ".duckdb"));
  }

  /**
   * Attaches {@code file} as catalog {@code alias} unless it is attached already. With
   * {@code create} the file is created when missing; without it a missing file is an error.
   */
  public void ensureAttached(String alias, Path file, boolean create) {
    if (attached.contains(alias)) {
      return;
    }
    Path safeFile = safe(file);
    try {
      if (!Files.exists(safeFile)) {
        if (!create) {
          throw new FloeException(ErrorCode.IO_ERROR, "data file " + alias + " is missing");
        }
        Files.createDirectories(safeFile.getParent());
      }
      attach(alias, safeFile);
    } catch (IOException | SQLException e) {
      throw DuckDbErrors.translate(e, "cannot attach " + alias);
    }
  }

  /** Whether {@code alias} is attached. */
  public boolean isAttached(String alias) {
    return attached.contains(alias);
  }

  /** Detaches {@code alias} (if attached) and deletes {@code file} and its WAL. */
  public void dropFile(String alias, Path file) {
    detachQuietly(alias);
    deleteFilesQuietly(safe(file));
  }

  /** Bytes a database file and its WAL take on disk. */
  public long fileSize(Path file) {
    long size = 0;
    try {
      if (Files.exists(file)) {
        size += Files.size(file);
      }
      Path wal = file.resolveSibling(file.getFileName() + ".wal");
      if (Files.exists(wal)) {
        size += Files.size(wal);
      }
    } catch (IOException e) {
      LOG.warn("Could not read the size of {}: {}", file, e.getMessage());
    }
    return size;
  }

  /**
   * Copies a table's file into a branch copy, consistently: the copy is made by DuckDB inside one
   * transaction ({@code CREATE TABLE ... AS SELECT}) so an import running meanwhile is not seen
   * half done.
   */
  public void copyTable(TableDef table, String alias, Path file) {
    ensureAttached(table);
    Path target = safe(file);
    try {
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        deleteFiles(target);
      }
      attach(alias, target);
      try (DuckDBConnection c = connect(); Statement s = c.createStatement()) {
        s.execute(createTableSql(table).replace(DuckDbSql.table(table.duckDbCatalog(), table.name()),
            DuckDbSql.table(alias, table.name())));
        s.execute("INSERT INTO " + DuckDbSql.table(alias, table.name()) + " SELECT * FROM "
            + DuckDbSql.table(table.duckDbCatalog(), table.name()));
        s.execute("CHECKPOINT " + DuckDbSql.ident(alias));
      }
    } catch (IOException | SQLException e) {
      detachQuietly(alias);
      deleteFilesQuietly(target);
      throw DuckDbErrors.translate(e, "cannot copy table " + table.name());
    }
  }

  /** Detaches and deletes a table's file. */
  public void dropTable(TableDef table) {
    if (table.isRemote()) {
      return; // nothing of it is stored here
    }

    detachQuietly(table.duckDbCatalog());
    deleteFilesQuietly(tableFile(table));
  }

  private void detachQuietly(String alias) {
    attachLock.lock();
    try (Statement s = root.createStatement()) {
      s.execute("DETACH DATABASE IF EXISTS " + DuckDbSql.ident(alias));
    } catch (SQLException e) {
      LOG.warn("Could not detach {}: {}", alias, e.getMessage());
    } finally {
      attached.remove(alias);
      attachLock.unlock();
    }
  }

  /** Removes a directory tree under the data directory (a dropped bucket or project). */
  public void deleteDirectory(Path dir) {
    Path safeDir = safe(dir);
    if (!Files.exists(safeDir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(safeDir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.warn("Could not delete {}: {}", p, e.getMessage());
        }
      });
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", safeDir, e.getMessage());
    }
  }

  private static void deleteFiles(Path file) throws IOException {
    Files.deleteIfExists(file);
    Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".wal"));
  }

  private static void deleteFilesQuietly(Path file) {
    try {
      deleteFiles(file);
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", file, e.getMessage());
    }
  }

  /** Exact row count of a table. */
  public long rowCount(TableDef table) {
    if (table.isRemote()) {
      return 0; // not stored here
    }

    ensureAttached(table);
    try (DuckDBConnection c = connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM "
             + DuckDbSql.table(table.duckDbCatalog(), table.name()))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot count rows of " + table.name());
    }
  }

  /** Bytes the table's files take on disk. */
  public long sizeBytes(TableDef table) {
    if (table.isRemote()) {
      return 0; // not stored here
    }

    return fileSize(tableFile(table));
  }

  @Override public void close() {
    try {
      root.close();
    } catch (SQLException e) {
      LOG.warn("Closing DuckDB: {}", e.getMessage());
    }
  }
}

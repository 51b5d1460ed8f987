package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.admin.TableSpec;
import io.floe.engine.api.admin.Tables;
import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.TokenService;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.TableImporter;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Tables: create, list, read, delete, import data.
 *
 * <p>Every change of a table's data or definition runs under the table's write lock (imports into
 * the table and into branch copies of it, column and primary-key changes, deletion), one at a
 * time. A change that had to wait reads the table's definition and the caller's rights again once
 * it holds the lock: what it waited for may have changed the key, dropped a column, deleted the
 * table or revoked the token.
 */
public final class TableService implements Tables {
  public static final int MAX_COLUMNS = 1000;

  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TokenService tokens;
  private final TableImporter importer;
  private final BranchCopies branchCopies;
  private final Map<Long, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

  public TableService(Catalog catalog, DuckDbStorage storage, TokenService tokens) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.tokens = requireNonNull(tokens, "tokens");
    this.importer = new TableImporter(storage);
    this.branchCopies = new BranchCopies(catalog, storage, importer);
  }

  /** How a write tells its caller what it runs, and learns that it should stop (a job's cancel). */
  public interface WriteControl {
    /** For writes nobody cancels. */
    WriteControl NONE = new WriteControl() {
      @Override public void register(Statement statement) {}

      @Override public boolean isCancelled() {
        return false;
      }
    };

    /** Receives each DuckDB statement doing the work, so the caller can cancel it. */
    void register(Statement statement);

    boolean isCancelled();
  }

  @Override public TableDef create(Principal principal, String projectId, String bucketName, TableSpec spec) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, bucketName);
    if (bucket.isLinked()) {
      throw FloeException.denied("bucket '" + bucketName + "' is linked and read-only");
    }
    validate(spec);
    TableDef created = catalog.mutate(tx -> {
      long id = Catalog.insertTable(tx, bucket.source().id(), spec.name(), spec.description(),
          spec.columns(), spec.primaryKey());
      Instant now = Instant.now();
      TableDef def = new TableDef(id, bucket.source().id(), projectId, bucket.source().name(),
          spec.name(), spec.description(), spec.columns(), spec.primaryKey(), 0, 0, now, now);
      storage.createTable(def);
      return def;
    });
    storage.checkpoint(created.duckDbCatalog());
    return created;
  }

  static void validate(TableSpec spec) {
    Names.table(spec.name());
    ProjectService.checkText("description", spec.description());
    if (spec.columns().isEmpty()) {
      throw FloeException.invalid("a table needs at least one column");
    }
    if (spec.columns().size() > MAX_COLUMNS) {
      throw FloeException.invalid("a table can have at most " + MAX_COLUMNS + " columns");
    }
    Set<String> names = new HashSet<>();
    for (ColumnDef c : spec.columns()) {
      Names.column(c.name());
      if (!names.add(c.name().toLowerCase(Locale.ROOT))) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "column '%s' is defined twice", c.name());
      }
    }
    Set<String> pk = new HashSet<>();
    for (String key : spec.primaryKey()) {
      if (spec.columns().stream().noneMatch(c -> c.name().equals(key))) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT,
            "primary key column '%s' is not a column of the table", key);
      }
      if (!pk.add(key)) {
        throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "primary key column '%s' is listed twice", key);
      }
    }
  }

  @Override public List<TableDef> list(Principal principal, String projectId, String bucketName) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, bucketName);
    return s.tables(bucket.source().id());
  }

  @Override public TableDef get(Principal principal, String projectId, String bucketName, String table) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, bucketName);
    return AccessPolicy.requireTable(s, bucket, table);
  }

  /** Deletes a table with its file and every dev branch's copy of it. */
  @Override public void delete(Principal principal, String projectId, String bucketName, String table) {
    long id = withWritableTable(principal, projectId, bucketName, table, WriteControl.NONE,
        (p, def) -> {
          CatalogSnapshot before = catalog.snapshot();
          catalog.mutate(tx -> {
            Catalog.deleteTable(tx, def.id());
            return null;
          });
          dropFiles(before, List.of(def));
          return def.id();
        });
    writeLocks.remove(id);
  }

  /**
   * Detaches and deletes the files of tables the catalog no longer has (deleted with their bucket
   * or project): each table's file and the dev branches' copies of it that {@code before} (a
   * snapshot from before the deletion) lists.
   */
  void dropFiles(CatalogSnapshot before, Collection<TableDef> deleted) {
    List<BranchCopies.Copy> copies = branchCopies.of(before, deleted);
    deleted.forEach(storage::dropTable);
    branchCopies.drop(copies);
  }

  /**
   * Loads data into a table atomically. Imports into one table run one at a time.
   *
   * @param control receives the DuckDB statements doing the work; a cancel stops the import, also
   *     while it waits for the table
   */
  public ImportResult importData(Principal principal, String projectId, String bucketName,
      String table, ImportSource source, boolean incremental, WriteControl control) {
    return withWritableTable(principal, projectId, bucketName, table, control, (p, def) -> {
      TableImporter.Result result = importer.load(def, source, incremental, control::register);
      catalog.mutate(tx -> {
        Catalog.updateTableStats(tx, def.id(), result.totalRows(), result.sizeBytes());
        return null;
      });
      TableDef updated = catalog.snapshot().tableById(def.id()).orElse(def);
      return new ImportResult(updated, result.importedRows(), result.totalRows(), result.sizeBytes());
    });
  }

  /**
   * Loads data into dev branch {@code branchId}'s copy of a table, copying the table at the
   * branch's first write to it. The caller needs write access to the table's bucket, as for an
   * import into the main branch; the main branch never sees the rows.
   */
  public ImportResult importIntoBranch(Principal principal, String projectId, String branchId,
      String bucketName, String table, ImportSource source, boolean incremental,
      WriteControl control) {
    return withWritableTable(principal, projectId, bucketName, table, control, (p, def) -> {
      Branch branch = branch(catalog.snapshot(), projectId, branchId);
      return branchCopies.load(branch, def, source, incremental, control::register);
    });
  }

  /** A dev branch of the project, by id or name; not found otherwise. */
  static Branch branch(CatalogSnapshot s, String projectId, String branch) {
    return s.workspaces().branches(projectId).stream()
        .filter(b -> b.id().equals(branch) || b.name().equalsIgnoreCase(branch)).findFirst()
        .orElseThrow(() -> FloeException.notFound("branch '" + branch + "'"));
  }

  /**
   * Runs {@code work} under the table's write lock with the table as it is once the lock is held
   * and the caller's rights as they are then: the caller must (still) be allowed to write the
   * table's bucket, the table must (still) exist (404 otherwise).
   *
   * @param work gets the principal with its current rights and the current definition
   */
  public <T> T withWritableTable(Principal principal, String projectId, String bucketName,
      String table, WriteControl control, BiFunction<Principal, TableDef, T> work) {
    // Checked before waiting too, so a caller who may not write is refused at once.
    TableDef def = writable(principal, catalog.snapshot(), projectId, bucketName, table);
    while (true) {
      ReentrantLock lock = writeLock(def.id());
      lock(lock, control);
      try {
        Principal now = tokens.current(principal);
        TableDef current = writable(now, catalog.snapshot(), projectId, bucketName, table);
        if (current.id() == def.id()) {
          return work.apply(now, current);
        }
        // Deleted and created again under the same name while we waited: lock the new one.
        def = current;
      } finally {
        lock.unlock();
      }
    }
  }

  private static TableDef writable(Principal p, CatalogSnapshot s, String projectId,
      String bucketName, String table) {
    VisibleBucket bucket = AccessPolicy.requireWritable(p, s, projectId, bucketName);
    return AccessPolicy.requireTable(s, bucket, table);
  }

  /**
   * Runs {@code work} while no import or other change of these tables runs (a bucket or project
   * being deleted). Locks are taken in id order; every other writer holds one lock at most, so
   * this cannot deadlock.
   */
  <T> T underWriteLocks(Collection<Long> tableIds, Supplier<T> work) {
    List<ReentrantLock> held = new ArrayList<>();
    try {
      for (long id : tableIds.stream().distinct().sorted().toList()) {
        ReentrantLock lock = writeLock(id);
        lock(lock, WriteControl.NONE);
        held.add(lock);
      }
      return work.get();
    } finally {
      held.forEach(ReentrantLock::unlock);
      tableIds.forEach(id -> {
        if (catalog.snapshot().tableById(id).isEmpty()) {
          writeLocks.remove(id);
        }
      });
    }
  }

  /** Waits for a lock, giving up when the write is cancelled meanwhile. */
  private static void lock(ReentrantLock lock, WriteControl control) {
    try {
      while (!lock.tryLock(100, TimeUnit.MILLISECONDS)) {
        if (control.isCancelled()) {
          throw new FloeException(ErrorCode.QUERY_CANCELLED,
              "cancelled while waiting for another change of the table");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FloeException(ErrorCode.QUERY_CANCELLED, "interrupted while waiting for the table");
    }
  }

  /** Writes waiting for table {@code tableId} now (for monitoring and tests). */
  public int waitingWrites(long tableId) {
    ReentrantLock lock = writeLocks.get(tableId);
    return lock == null ? 0 : lock.getQueueLength();
  }

  private ReentrantLock writeLock(long tableId) {
    return writeLocks.computeIfAbsent(tableId, k -> new ReentrantLock());
  }
}

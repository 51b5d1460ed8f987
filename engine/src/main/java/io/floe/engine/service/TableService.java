package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.Names;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Principal;
import io.floe.engine.security.VisibleBucket;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.TableImporter;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** Tables: create, list, read, delete, import data. */
public final class TableService {
  public static final int MAX_COLUMNS = 1000;

  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TableImporter importer;
  private final Map<Long, ReentrantLock> writeLocks = new ConcurrentHashMap<>();

  public TableService(Catalog catalog, DuckDbStorage storage) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.importer = new TableImporter(storage);
  }

  public TableDef create(Principal principal, String projectId, String bucketName, TableSpec spec) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, bucketName);
    if (bucket.isLinked()) {
      throw FloeException.denied("bucket '" + bucketName + "' is linked and read-only");
    }
    validate(spec);
    return catalog.mutate(tx -> {
      long id = Catalog.insertTable(tx, bucket.source().id(), spec.name(), spec.description(),
          spec.columns(), spec.primaryKey());
      Instant now = Instant.now();
      TableDef def = new TableDef(id, bucket.source().id(), projectId, bucket.source().name(),
          spec.name(), spec.description(), spec.columns(), spec.primaryKey(), 0, 0, now, now);
      storage.createTable(def);
      return def;
    });
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

  public List<TableDef> list(Principal principal, String projectId, String bucketName) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, bucketName);
    return s.tables(bucket.source().id());
  }

  public TableDef get(Principal principal, String projectId, String bucketName, String table) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireReadable(principal, s, projectId, bucketName);
    return AccessPolicy.requireTable(s, bucket, table);
  }

  public void delete(Principal principal, String projectId, String bucketName, String table) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, bucketName);
    TableDef def = AccessPolicy.requireTable(s, bucket, table);
    ReentrantLock lock = writeLock(def.id());
    lock.lock();
    try {
      catalog.mutate(tx -> {
        Catalog.deleteTable(tx, def.id());
        return null;
      });
      storage.dropTable(def);
    } finally {
      lock.unlock();
      writeLocks.remove(def.id());
    }
  }

  /** Result of an import. */
  public record ImportResult(TableDef table, long importedRows, long totalRows, long sizeBytes) {}

  /**
   * Loads data into a table atomically. Imports into one table run one at a time.
   *
   * @param onStatement receives the DuckDB statement doing the work, so a job can cancel it
   */
  public ImportResult importData(Principal principal, String projectId, String bucketName,
      String table, TableImporter.Source source, boolean incremental, Consumer<Statement> onStatement) {
    CatalogSnapshot s = catalog.snapshot();
    VisibleBucket bucket = AccessPolicy.requireWritable(principal, s, projectId, bucketName);
    TableDef def = AccessPolicy.requireTable(s, bucket, table);
    ReentrantLock lock = writeLock(def.id());
    lock.lock();
    try {
      TableImporter.Result result = importer.load(def, source, incremental, onStatement);
      catalog.mutate(tx -> {
        Catalog.updateTableStats(tx, def.id(), result.totalRows(), result.sizeBytes());
        return null;
      });
      TableDef updated = catalog.snapshot().tableById(def.id()).orElse(def);
      return new ImportResult(updated, result.importedRows(), result.totalRows(), result.sizeBytes());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs {@code work} while no import or other change of the table runs (imports, column and
   * primary-key changes of one table are serialised).
   */
  public <T> T underWriteLock(long tableId, java.util.function.Supplier<T> work) {
    ReentrantLock lock = writeLock(tableId);
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  private ReentrantLock writeLock(long tableId) {
    return writeLocks.computeIfAbsent(tableId, k -> new ReentrantLock());
  }

}

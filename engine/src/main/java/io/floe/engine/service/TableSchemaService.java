package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.TableSchemas;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.Names;
import io.floe.engine.storage.TableSchemaChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Changes to a table's definition: description, columns, primary key. Each runs under the table's
 * write lock (never beside an import), with the table as it is once the lock is held, and changes
 * the catalog and the table file together: the DuckDB change is made and checked first (the scans
 * for NULLs and duplicate keys included), outside the catalog; the catalog transaction then
 * records it and commits it, so if the DuckDB commit fails the catalog is untouched, and other
 * catalog writers never wait for a scan.
 */
public final class TableSchemaService implements TableSchemas {
  private final Catalog catalog;
  private final TableService tables;
  private final TableSchemaChanges changes;

  public TableSchemaService(Catalog catalog, TableService tables, TableSchemaChanges changes) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.tables = requireNonNull(tables, "tables");
    this.changes = requireNonNull(changes, "changes");
  }

  @Override public TableDef updateDescription(Principal p, String projectId, String bucket, String table,
      String description) {
    ProjectService.checkText("description", description);
    return underLock(p, projectId, bucket, table, def -> {
      catalog.mutate(tx -> {
        tx.update("UPDATE tables SET description = ?, updated_at = ? WHERE id = ?", description,
            Instant.now().toString(), def.id());
        return null;
      });
      return current(def);
    });
  }

  @Override public TableDef addColumn(Principal p, String projectId, String bucket, String table,
      ColumnDef column) {
    Names.column(column.name());
    ProjectService.checkText("description", column.description());
    return underLock(p, projectId, bucket, table, now -> {
      if (now.columns().size() >= TableService.MAX_COLUMNS) {
        throw FloeException.invalid("a table can have at most " + TableService.MAX_COLUMNS + " columns");
      }
      if (now.columns().stream().anyMatch(c -> c.name().equalsIgnoreCase(column.name()))) {
        throw FloeException.of(ErrorCode.ALREADY_EXISTS, "table %s has a column '%s' already",
            now.name(), column.name());
      }
      List<ColumnDef> columns = new ArrayList<>(now.columns());
      columns.add(column);
      return save(now, columns, now.primaryKey(), () -> changes.addColumn(now, column));
    });
  }

  @Override public TableDef dropColumn(Principal p, String projectId, String bucket, String table,
      String column) {
    return underLock(p, projectId, bucket, table, now -> {
      String name = columnName(now, column);
      if (now.primaryKey().contains(name)) {
        throw new FloeException(ErrorCode.INVALID_STATE, "column '" + name
            + "' is part of the primary key; remove the primary key first");
      }
      if (now.columns().size() == 1) {
        throw new FloeException(ErrorCode.INVALID_STATE, "cannot drop the only column of a table");
      }
      List<ColumnDef> columns = now.columns().stream().filter(c -> !c.name().equals(name)).toList();
      return save(now, columns, now.primaryKey(), () -> changes.dropColumn(now, name), tx ->
          tx.update("DELETE FROM object_metadata WHERE table_id = ? AND column_name = ?", now.id(), name));
    });
  }

  /** Sets (or replaces) the primary key; fails if a key column holds NULLs or keys repeat. */
  @Override public TableDef setPrimaryKey(Principal p, String projectId, String bucket, String table,
      List<String> columns) {
    if (columns == null || columns.isEmpty()) {
      throw FloeException.invalid("'columns' must name at least one column");
    }
    return underLock(p, projectId, bucket, table, now -> {
      List<String> key = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (String c : columns) {
        String name = columnName(now, c);
        if (!seen.add(name)) {
          throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "primary key column '%s' is listed twice", name);
        }
        key.add(name);
      }
      return save(now, now.columns(), key, () -> changes.setPrimaryKey(now, key));
    });
  }

  @Override public TableDef dropPrimaryKey(Principal p, String projectId, String bucket, String table) {
    return underLock(p, projectId, bucket, table, now -> {
      if (now.primaryKey().isEmpty()) {
        throw new FloeException(ErrorCode.NOT_FOUND, "table " + now.name() + " has no primary key");
      }
      return save(now, now.columns(), List.of(), () -> changes.dropPrimaryKey(now));
    });
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** Runs {@code work} under the table's write lock, with the table as it is then. */
  private TableDef underLock(Principal p, String projectId, String bucket, String table,
      java.util.function.Function<TableDef, TableDef> work) {
    return tables.withWritableTable(p, projectId, bucket, table, TableService.WriteControl.NONE,
        (now, def) -> work.apply(def));
  }

  private TableDef current(TableDef def) {
    return catalog.snapshot().tableById(def.id()).orElseThrow(() ->
        new FloeException(ErrorCode.NOT_FOUND, "table '" + def.name() + "' not found"));
  }

  /** A column's name as defined, matched exactly or else ignoring case. */
  static String columnName(TableDef table, String name) {
    if (name == null) {
      throw new FloeException(ErrorCode.COLUMN_NOT_FOUND, "a column name is missing");
    }
    return table.column(name).or(() -> table.columns().stream()
            .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
            .findFirst())
        .map(ColumnDef::name)
        .orElseThrow(() -> FloeException.of(ErrorCode.COLUMN_NOT_FOUND,
            "table %s has no column '%s'", table.name(), name));
  }

  /** Extra catalog work in the same transaction. */
  @FunctionalInterface
  private interface CatalogWork {
    void run(io.floe.engine.catalog.Sqlite.Tx tx) throws java.sql.SQLException;
  }

  private TableDef save(TableDef table, List<ColumnDef> columns, List<String> primaryKey,
      Supplier<TableSchemaChanges.Pending> fileChange) {
    return save(table, columns, primaryKey, fileChange, tx -> {});
  }

  /**
   * Makes the file change (checks and scans included) in an open DuckDB transaction, then records
   * it in the catalog and commits it inside the catalog transaction.
   */
  private TableDef save(TableDef table, List<ColumnDef> columns, List<String> primaryKey,
      Supplier<TableSchemaChanges.Pending> fileChange, CatalogWork extra) {
    try (TableSchemaChanges.Pending change = fileChange.get()) {
      catalog.mutate(tx -> {
        Catalog.insertColumns(tx, table.id(), columns, primaryKey);
        tx.update("UPDATE tables SET updated_at = ? WHERE id = ?", Instant.now().toString(), table.id());
        extra.run(tx);
        change.commit();
        return null;
      });
    }
    return current(table);
  }
}

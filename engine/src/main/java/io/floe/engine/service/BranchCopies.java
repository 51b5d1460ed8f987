package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.WorkspaceRows;
import io.floe.engine.storage.DuckDbSql;
import io.floe.engine.storage.DuckDbStorage;
import io.floe.engine.storage.TableImporter;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * Dev branches' own copies of main-branch tables ({@link BranchTable}): the import that makes and
 * fills them (a branch's first write to a table copies it), and their removal with the table.
 * Callers hold the main table's write lock.
 */
final class BranchCopies {
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TableImporter importer;

  BranchCopies(Catalog catalog, DuckDbStorage storage, TableImporter importer) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.importer = requireNonNull(importer, "importer");
  }

  /** A branch copy and the project whose directory holds its file. */
  record Copy(String projectId, BranchTable table) {
    Path file(DuckDbStorage storage) {
      return storage.branchTableFile(projectId, table.branchId(), table.tableId());
    }
  }

  /** Every branch's copies of these tables, as {@code s} lists them. */
  List<Copy> of(CatalogSnapshot s, Collection<TableDef> tables) {
    List<Copy> copies = new ArrayList<>();
    for (TableDef t : tables) {
      for (Branch b : s.workspaces().branches(t.projectId())) {
        s.workspaces().branchTable(b.id(), t.id()).ifPresent(c -> copies.add(new Copy(t.projectId(), c)));
      }
    }
    return copies;
  }

  /** Detaches the copies and deletes their files (their catalog rows went with their table). */
  void drop(List<Copy> copies) {
    for (Copy c : copies) {
      storage.dropFile(c.table().duckDbCatalog(), c.file(storage));
    }
  }

  /** Imports into {@code branch}'s copy of {@code table}, making the copy first if there is none. */
  TableService.ImportResult load(Branch branch, TableDef table, ImportSource source,
      boolean incremental, Consumer<Statement> onStatement) {
    String alias = BranchTable.duckDbCatalog(branch.id(), table.id());
    Path file = storage.branchTableFile(branch.projectId(), branch.id(), table.id());
    boolean copied = catalog.snapshot().workspaces().branchTable(branch.id(), table.id()).isPresent();
    if (copied) {
      storage.ensureAttached(alias, file, false);
    } else {
      storage.copyTable(table, alias, file);
    }
    try {
      long imported = importer.loadInto(table, alias, source, incremental, onStatement);
      long rows = countRows(alias, table.name());
      long bytes = storage.fileSize(file);
      // Fails (not found) if the branch was deleted meanwhile; then a new copy goes too.
      catalog.mutate(tx -> {
        WorkspaceRows.upsertBranchTable(tx, branch.id(), table.id(), rows, bytes);
        return null;
      });
      storage.checkpoint(alias);
      return new TableService.ImportResult(table, imported, rows, bytes);
    } catch (RuntimeException e) {
      if (!copied) {
        storage.dropFile(alias, file);
      }
      throw e;
    }
  }

  private long countRows(String alias, String table) {
    try (DuckDBConnection c = storage.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM " + DuckDbSql.table(alias, table))) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot count rows of " + table);
    }
  }
}

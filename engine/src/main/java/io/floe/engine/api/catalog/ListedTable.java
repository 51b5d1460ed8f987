package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table or view as a principal sees it listed.
 *
 * @param id its catalog id: a project table's, or a workspace object's (a separate sequence)
 * @param name its name
 * @param kind table or view
 * @param description the table's description, or null
 * @param columns its columns in order
 * @param primaryKey the primary key's columns in key order, empty for none
 * @param rowCount the rows the catalog counted, or null where that is not cheaply known (a
 *     workspace's objects, a dev branch's own copy of a table)
 * @param viewDefinition a view's query as written, null for tables
 */
public record ListedTable(long id, String name, Kind kind, String description,
    List<ListedColumn> columns, List<String> primaryKey, Long rowCount, String viewDefinition) {

  /** What the object is. */
  public enum Kind { TABLE, VIEW }

  public ListedTable {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  /** A project table; {@code branchCopy}: a dev branch reads its own copy, of unknown size. */
  static ListedTable of(TableDef table, boolean branchCopy) {
    return new ListedTable(table.id(), table.name(), Kind.TABLE, table.description(),
        ListedColumn.of(table.columns(), table.primaryKey()), table.primaryKey(),
        branchCopy ? null : table.rowCount(), null);
  }

  /** A workspace's own table or view. */
  static ListedTable of(WorkspaceObject object) {
    return new ListedTable(object.id(), object.name(),
        object.isView() ? Kind.VIEW : Kind.TABLE, null,
        ListedColumn.of(object.columns(), object.primaryKey()), object.primaryKey(), null,
        object.definition());
  }

  public boolean isView() {
    return kind == Kind.VIEW;
  }

  public boolean hasPrimaryKey() {
    return !primaryKey.isEmpty();
  }

  /** The primary key constraint's (and its index's) name, as PostgreSQL would name it. */
  public String primaryKeyName() {
    return name + "_pkey";
  }

  /** The column named exactly {@code columnName}. */
  public Optional<ListedColumn> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }
}

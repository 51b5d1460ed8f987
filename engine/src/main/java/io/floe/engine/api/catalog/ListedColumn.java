package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A column as a principal sees it listed.
 *
 * @param name its name
 * @param ordinal its position in the table, from 1
 * @param type how its type is described
 * @param nullable whether it may hold NULL: a key column never does, whatever the catalog says
 * @param inKey whether it is part of the table's primary key
 * @param description the column's description, or null
 */
public record ListedColumn(String name, int ordinal, TypeDescription type, boolean nullable,
    boolean inKey, String description) {
  public ListedColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
    if (ordinal < 1) {
      throw new IllegalArgumentException("ordinal must be at least 1, got " + ordinal);
    }
  }

  /** The columns of a table with {@code columns} and primary key {@code primaryKey}, in order. */
  static List<ListedColumn> of(List<ColumnDef> columns, List<String> primaryKey) {
    List<ListedColumn> listed = new ArrayList<>(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      ColumnDef c = columns.get(i);
      boolean inKey = primaryKey.contains(c.name());
      listed.add(new ListedColumn(c.name(), i + 1, TypeDescription.of(c.type()),
          c.nullable() && !inKey, inKey, c.description()));
    }
    return listed;
  }
}

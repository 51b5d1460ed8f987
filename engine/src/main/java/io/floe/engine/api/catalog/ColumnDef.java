package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

/** One column of a table, as the catalog stores it. */
public record ColumnDef(String name, ColumnType type, boolean nullable, String description) {
  public ColumnDef {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }

  public ColumnDef(String name, ColumnType type, boolean nullable) {
    this(name, type, nullable, null);
  }
}

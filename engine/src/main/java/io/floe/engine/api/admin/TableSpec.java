package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.ColumnDef;
import java.util.List;

/** What a client asks for when creating a table. */
public record TableSpec(String name, String description, List<ColumnDef> columns,
    List<String> primaryKey) {
  public TableSpec {
    requireNonNull(name, "name");
    columns = Inputs.list("columns", columns);
    primaryKey = Inputs.list("primary_key", primaryKey);
  }
}

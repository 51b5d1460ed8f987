package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.Principal;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * One principal's view of the catalog at one snapshot: its Calcite root schema and the tables it may
 * read, keyed by their DuckDB catalog names (how generated SQL and plans name them).
 */
public record FloeRoot(CalciteSchema schema, CatalogSnapshot snapshot, Principal principal,
    SqlFlavor flavor, Map<String, FloeSchemas.VisibleTable> tables) {
  public FloeRoot {
    requireNonNull(schema, "schema");
    requireNonNull(snapshot, "snapshot");
    requireNonNull(principal, "principal");
    requireNonNull(flavor, "flavor");
    tables = Map.copyOf(tables);
  }
}

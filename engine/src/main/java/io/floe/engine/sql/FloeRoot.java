package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.catalog.CatalogSnapshot;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * One principal's view of the catalog at one snapshot: its Calcite root schema, the listing of what
 * it sees (read by every front-end's metadata), and the tables it may read, keyed by
 * {@code project.bucket.table} as the principal names them (read by plans).
 */
public record FloeRoot(CalciteSchema schema, CatalogSnapshot snapshot, Principal principal,
    SqlFlavor flavor, CatalogListing listing, Map<String, FloeSchemas.VisibleTable> tables,
    WorkspaceView workspace) {

  public FloeRoot {
    requireNonNull(schema, "schema");
    requireNonNull(snapshot, "snapshot");
    requireNonNull(principal, "principal");
    requireNonNull(flavor, "flavor");
    requireNonNull(listing, "listing");
    tables = Map.copyOf(tables);
  }

  /**
   * The table a plan names by {@code qualifiedName}, or null. A plan keeps a name as the statement
   * wrote it, and an unquoted name matches a table whose name differs only in case
   * (docs/architecture.md, "Identifiers"; names are unique regardless of case).
   */
  public FloeSchemas.VisibleTable table(List<String> qualifiedName) {
    String name = String.join(".", qualifiedName);
    FloeSchemas.VisibleTable exact = tables.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, FloeSchemas.VisibleTable> e : tables.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return e.getValue();
      }
    }
    return null;
  }
}

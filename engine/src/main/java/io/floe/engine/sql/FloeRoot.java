package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.Principal;
import io.floe.engine.security.VisibleBucket;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * One principal's view of the catalog at one snapshot: its Calcite root schema, the schemas it sees
 * (project, bucket), and the tables it may read, keyed by {@code project.bucket.table} as the
 * principal names them. Metadata in every front-end is read from here.
 */
public record FloeRoot(CalciteSchema schema, CatalogSnapshot snapshot, Principal principal,
    SqlFlavor flavor, List<SchemaEntry> schemas, Map<String, FloeSchemas.VisibleTable> tables,
    WorkspaceView workspace) {

  /**
   * A schema the principal sees: a bucket (or linked bucket) in a project, or a workspace's own
   * schema {@code public} (with a null bucket).
   */
  public record SchemaEntry(String catalog, String name, VisibleBucket bucket) {
    public boolean isWorkspace() {
      return bucket == null;
    }
  }

  /** A root without a workspace part (every principal but workspace users). */
  public FloeRoot(CalciteSchema schema, CatalogSnapshot snapshot, Principal principal,
      SqlFlavor flavor, List<SchemaEntry> schemas, Map<String, FloeSchemas.VisibleTable> tables) {
    this(schema, snapshot, principal, flavor, schemas, tables, null);
  }

  public FloeRoot {
    requireNonNull(schema, "schema");
    requireNonNull(snapshot, "snapshot");
    requireNonNull(principal, "principal");
    requireNonNull(flavor, "flavor");
    schemas = List.copyOf(schemas);
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

  /** Project ids the principal sees, in order. */
  public List<String> catalogs() {
    return schemas.stream().map(SchemaEntry::catalog).distinct().toList();
  }
}

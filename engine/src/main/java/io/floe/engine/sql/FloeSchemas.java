package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.security.AccessPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.ViewTable;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Builds each principal's own Calcite root schema: projects as top-level schemas (JDBC catalogs),
 * buckets inside them, tables inside buckets; for a workspace user also the workspace's own schema
 * {@code public} beside the buckets. It holds only what {@link AccessPolicy} lets the
 * principal read, so anything else does not exist for the validator, for metadata, or for plans.
 * The principal's {@link CatalogListing}, which every catalog listing presents, is built in the
 * same walk. Roots are cached per (principal's access key, catalog version).
 */
public final class FloeSchemas {
  private final DuckDbBackend duckDb;
  private final SnowflakeBackend snowflake;
  private final Map<String, FloeRoot> cache = new ConcurrentHashMap<>();

  public FloeSchemas(DuckDbBackend duckDb) {
    this.duckDb = requireNonNull(duckDb, "duckDb");
    this.snowflake = new SnowflakeBackend(duckDb.convention());
  }

  /** The principal's root, built from {@code snapshot}. */
  public FloeRoot rootFor(Principal principal, CatalogSnapshot snapshot, SqlFlavor flavor) {
    String key = snapshot.version() + "|" + flavor + "|" + principal.accessKey();
    FloeRoot root = cache.get(key);
    if (root == null) {
      root = build(principal, snapshot, flavor);
      if (cache.size() > 10_000) {
        cache.clear();
      }
      cache.put(key, root);
    }
    return root;
  }

  /** Drops roots of older catalog versions. */
  public void evictBefore(long version) {
    cache.keySet().removeIf(k -> Long.parseLong(k.substring(0, k.indexOf('|'))) < version);
  }

  private FloeRoot build(Principal principal, CatalogSnapshot snapshot, SqlFlavor flavor) {
    Casing fold = flavor.parserConfig().unquotedCasing();
    Map<String, Schema> projects = new LinkedHashMap<>();
    Map<String, VisibleTable> visible = new LinkedHashMap<>();
    CatalogListing.Builder listing = CatalogListing.builder(snapshot.version(),
        principal.accessKey());
    WorkspaceDef workspace = principal.isWorkspace()
        ? snapshot.workspaces().workspace(principal.workspaceId()).orElse(null) : null;
    String branch = workspace == null ? null : workspace.branchId();
    WorkspaceView workspaceView = null;
    for (Project project : AccessPolicy.visibleProjects(principal, snapshot)) {
      Map<String, Schema> buckets = new LinkedHashMap<>();
      for (VisibleBucket bucket : AccessPolicy.visibleBuckets(principal, snapshot, project.id())) {
        Map<String, Table> tables = new LinkedHashMap<>();
        List<TableDef> defs = snapshot.tables(bucket.source().id());
        for (TableDef table : defs) {
          // A branch reads its own copy of a table once it has written one, main's until then.
          String branchCopy = branchCopy(snapshot, branch, table);
          VisibleTable v = new VisibleTable(project.id(), bucket, table, branchCopy);
          tables.put(table.name(), table.isRemote()
              ? snowflake.table(bucket.source().remote(), table)
              : branchCopy == null ? duckDb.table(table)
              : duckDb.table(table, v.duckDbCatalog()));
          visible.put(v.qualifiedName(), v);
        }
        listing.bucket(bucket, defs, t -> branchCopy(snapshot, branch, t) != null);
        buckets.put(bucket.name(), new MapSchema(tables, Map.of(), fold));
      }
      if (workspace != null && workspace.projectId().equals(project.id())) {
        workspaceView = new WorkspaceView(workspace, snapshot.workspaces().objects(workspace.id()));
        listing.workspace(workspace, WorkspaceView.SCHEMA, workspaceView.objects());
        buckets.put(WorkspaceView.SCHEMA, new MapSchema(
            workspaceTables(workspaceView, project.id(), fold), Map.of(), fold));
      }
      projects.put(project.id(), new MapSchema(Map.of(), buckets, fold));
    }
    CatalogListing listed = listing.build();
    projects.put(InformationSchema.NAME,
        new MapSchema(InformationSchema.tables(listed), Map.of(), fold));
    CalciteSchema root = CalciteSchema.createRootSchema(false, false, "",
        new RootSchema(projects, fold));
    return new FloeRoot(root, snapshot, principal, flavor, listed, visible, workspaceView);
  }

  /** The dev branch whose own copy of {@code table} is read, or null for main's table. */
  private static String branchCopy(CatalogSnapshot snapshot, String branch, TableDef table) {
    return branch != null && snapshot.workspaces().branchTable(branch, table.id()).isPresent()
        ? branch : null;
  }

  /**
   * The Calcite tables of a workspace's schema: its tables over the workspace's DuckDB catalog (in
   * the shared convention, so joins with project tables push down whole) and its views, which are
   * planned from their SQL on each use against the same root.
   */
  private Map<String, Table> workspaceTables(WorkspaceView view, String projectId, Casing fold) {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (WorkspaceObject o : view.objects()) {
      if (o.isView()) {
        List<ColumnDef> columns = o.columns();
        tables.put(o.name(), new ViewTable(Object.class,
            f -> TypeMapping.rowType(f, columns), o.definition(),
            List.of(projectId, WorkspaceView.SCHEMA), List.of(projectId, WorkspaceView.SCHEMA, o.name())));
      } else {
        tables.put(o.name(), duckDb.workspaceTable(view.duckDbCatalog(), o));
      }
    }
    return tables;
  }

  /**
   * A table as the principal sees it, keyed in {@link FloeRoot#tables()} by its qualified name (a
   * table of a linked bucket can be seen under two names, so its DuckDB catalog is no key).
   *
   * @param projectId the project it appears in
   * @param bucket its bucket as the principal sees it
   * @param table the table
   * @param branchId the dev branch whose own copy is read, or null for the main branch's table
   */
  public record VisibleTable(String projectId, VisibleBucket bucket, TableDef table, String branchId) {
    public VisibleTable(String projectId, VisibleBucket bucket, TableDef table) {
      this(projectId, bucket, table, null);
    }

    /** The DuckDB catalog holding the rows read: the table's own, or the branch copy's. */
    public String duckDbCatalog() {
      return branchId == null ? table.duckDbCatalog()
          : io.floe.engine.api.catalog.BranchTable.duckDbCatalog(branchId, table.id());
    }

    /** {@code project.bucket.table} as the principal names it. */
    public String qualifiedName() {
      return projectId + "." + bucket.name() + "." + table.name();
    }

    public List<String> path() {
      return List.of(projectId, bucket.name(), table.name());
    }
  }

  /** The root: generated code reaches it through the DataContext, as Calcite's own root does. */
  static final class RootSchema extends MapSchema {
    RootSchema(Map<String, Schema> subSchemas, Casing fold) {
      super(Map.of(), subSchemas, fold);
    }

    @Override public Expression getExpression(SchemaPlus parentSchema, String name) {
      return Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    }
  }

  /** A schema over fixed maps of tables and sub-schemas, with Floe's identifier rules. */
  static class MapSchema extends AbstractSchema {
    private final Map<String, Table> tables;
    private final Map<String, Schema> subSchemas;
    private final Casing fold;

    MapSchema(Map<String, Table> tables, Map<String, Schema> subSchemas, Casing fold) {
      this.tables = Map.copyOf(tables);
      this.subSchemas = Map.copyOf(subSchemas);
      this.fold = fold;
    }

    @Override public Lookup<Table> tables() {
      return new LenientLookup<>(tables, fold);
    }

    @Override public Lookup<? extends Schema> subSchemas() {
      return new LenientLookup<>(subSchemas, fold);
    }

    @Override protected Map<String, Table> getTableMap() {
      return tables;
    }

    @Override protected Map<String, Schema> getSubSchemaMap() {
      return subSchemas;
    }

    @Override public boolean isMutable() {
      return false;
    }
  }
}

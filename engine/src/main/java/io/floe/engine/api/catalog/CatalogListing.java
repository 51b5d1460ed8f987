package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Everything one principal may see of the catalog at one catalog version: its schemas ordered by
 * project and name, each with its tables ordered by name. Built with the principal's root schema,
 * from the same access decisions, and cached with it; principals with the same access key see the
 * same listing.
 *
 * @param version the catalog version it shows
 * @param accessKey the access key of the principals it is for
 * @param schemas the schemas, by project then name
 */
public record CatalogListing(long version, String accessKey, List<ListedSchema> schemas) {
  private static final Comparator<ListedSchema> ORDER =
      Comparator.comparing(ListedSchema::catalog).thenComparing(ListedSchema::name);

  public CatalogListing {
    requireNonNull(accessKey, "accessKey");
    schemas = schemas.stream().sorted(ORDER).toList();
  }

  /** The projects (JDBC catalogs) that have a schema here, in order. */
  public List<String> catalogs() {
    return schemas.stream().map(ListedSchema::catalog).distinct().toList();
  }

  /** The schema named exactly {@code name} in project {@code catalog}. */
  public Optional<ListedSchema> schema(String catalog, String name) {
    return schemas.stream().filter(s -> s.catalog().equals(catalog) && s.name().equals(name))
        .findFirst();
  }

  /** Builds a listing schema by schema, in any order. */
  public static Builder builder(long version, String accessKey) {
    return new Builder(version, accessKey);
  }

  /** Collects a principal's schemas while its root schema is built. */
  public static final class Builder {
    private final long version;
    private final String accessKey;
    private final List<ListedSchema> schemas = new ArrayList<>();

    private Builder(long version, String accessKey) {
      this.version = version;
      this.accessKey = requireNonNull(accessKey, "accessKey");
    }

    /**
     * A bucket the principal may read, with its tables; {@code branchCopy} tells the tables a dev
     * branch reads its own copy of.
     */
    public Builder bucket(VisibleBucket bucket, List<TableDef> tables,
        Predicate<TableDef> branchCopy) {
      schemas.add(ListedSchema.of(bucket,
          tables.stream().map(t -> ListedTable.of(t, branchCopy.test(t))).toList()));
      return this;
    }

    /** A workspace's own schema {@code name} with its tables and views. */
    public Builder workspace(WorkspaceDef workspace, String name, List<WorkspaceObject> objects) {
      schemas.add(ListedSchema.of(workspace, name, objects.stream().map(ListedTable::of).toList()));
      return this;
    }

    public CatalogListing build() {
      return new CatalogListing(version, accessKey, schemas);
    }
  }
}

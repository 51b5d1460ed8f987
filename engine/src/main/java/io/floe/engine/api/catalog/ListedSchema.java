package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A schema as a principal sees it listed: a bucket of a project, a bucket another project shares
 * and this one links, or a workspace's own schema.
 *
 * @param catalog the project it appears in (JDBC's catalog)
 * @param name its name there (for a linked bucket, the link's name)
 * @param origin where its tables come from
 * @param writable whether the principal may change its data
 * @param tables its tables and views, by name
 */
public record ListedSchema(String catalog, String name, Origin origin, boolean writable,
    List<ListedTable> tables) {

  /**
   * Where a schema's tables come from.
   *
   * @param kind a bucket, a linked bucket, or a workspace
   * @param project the project holding the bucket or the workspace
   * @param name the bucket's own name, or the workspace's id
   */
  public record Origin(Kind kind, String project, String name) {
    public Origin {
      requireNonNull(kind, "kind");
      requireNonNull(project, "project");
      requireNonNull(name, "name");
    }
  }

  /** What a schema is. */
  public enum Kind { BUCKET, LINKED_BUCKET, WORKSPACE }

  public ListedSchema {
    requireNonNull(catalog, "catalog");
    requireNonNull(name, "name");
    requireNonNull(origin, "origin");
    tables = tables.stream().sorted(Comparator.comparing(ListedTable::name)).toList();
  }

  /** A bucket as the principal sees it, with its tables. */
  static ListedSchema of(VisibleBucket bucket, List<ListedTable> tables) {
    return new ListedSchema(bucket.projectId(), bucket.name(),
        new Origin(bucket.isLinked() ? Kind.LINKED_BUCKET : Kind.BUCKET, bucket.source().projectId(),
            bucket.source().name()), bucket.writable(), tables);
  }

  /** A workspace's own schema {@code name}, writable by its user. */
  static ListedSchema of(WorkspaceDef workspace, String name, List<ListedTable> tables) {
    return new ListedSchema(workspace.projectId(), name,
        new Origin(Kind.WORKSPACE, workspace.projectId(), workspace.id()), true, tables);
  }

  public boolean isWorkspace() {
    return origin.kind() == Kind.WORKSPACE;
  }

  /** The table or view named exactly {@code tableName}. */
  public Optional<ListedTable> table(String tableName) {
    return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
  }
}

package io.floe.engine.catalog;

import io.floe.engine.api.catalog.Bucket;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable picture of the catalog's projects, buckets and tables at one {@link #version()}.
 * Every catalog change produces a new snapshot with a higher version; readers (SQL planning,
 * metadata, REST lists) use a snapshot and never touch SQLite.
 */
public final class CatalogSnapshot {
  private final long version;
  private final Map<String, Project> projects;
  private final Map<String, List<Bucket>> bucketsByProject;
  private final Map<Long, List<TableDef>> tablesByBucket;
  private final Map<Long, TableDef> tablesById;
  private final Map<Long, Bucket> bucketsById;
  private final Sharing sharing;
  private final WorkspaceCatalog workspaces;

  CatalogSnapshot(long version, List<Project> projects, List<Bucket> buckets, List<TableDef> tables,
      Sharing sharing, WorkspaceCatalog workspaces) {
    this.version = version;
    this.sharing = java.util.Objects.requireNonNull(sharing, "sharing");
    this.workspaces = java.util.Objects.requireNonNull(workspaces, "workspaces");
    Map<Long, Bucket> bucketIds = new LinkedHashMap<>();
    buckets.forEach(bucket -> bucketIds.put(bucket.id(), bucket));
    this.bucketsById = Map.copyOf(bucketIds);
    Map<String, Project> p = new LinkedHashMap<>();
    projects.stream().sorted(Comparator.comparing(Project::id)).forEach(x -> p.put(x.id(), x));
    this.projects = Map.copyOf(p);
    Map<String, List<Bucket>> b = new LinkedHashMap<>();
    for (Bucket bucket : buckets) {
      b.computeIfAbsent(bucket.projectId(), k -> new java.util.ArrayList<>()).add(bucket);
    }
    b.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing(Bucket::name)).toList());
    this.bucketsByProject = Map.copyOf(b);
    Map<Long, List<TableDef>> t = new LinkedHashMap<>();
    Map<Long, TableDef> byId = new LinkedHashMap<>();
    for (TableDef table : tables) {
      t.computeIfAbsent(table.bucketId(), k -> new java.util.ArrayList<>()).add(table);
      byId.put(table.id(), table);
    }
    t.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing(TableDef::name)).toList());
    this.tablesByBucket = Map.copyOf(t);
    this.tablesById = Map.copyOf(byId);
  }

  public long version() {
    return version;
  }

  /** All projects, ordered by id. */
  public List<Project> projects() {
    return projects.values().stream().sorted(Comparator.comparing(Project::id)).toList();
  }

  public Optional<Project> project(String id) {
    return Optional.ofNullable(projects.get(id));
  }

  /** Buckets of a project, ordered by name. */
  public List<Bucket> buckets(String projectId) {
    return bucketsByProject.getOrDefault(projectId, List.of());
  }

  /** A bucket by exact name, or failing that by its unique case-insensitive match. */
  public Optional<Bucket> bucket(String projectId, String name) {
    List<Bucket> buckets = buckets(projectId);
    for (Bucket b : buckets) {
      if (b.name().equals(name)) {
        return Optional.of(b);
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return buckets.stream().filter(b -> b.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  /** Tables of a bucket, ordered by name. */
  public List<TableDef> tables(long bucketId) {
    return tablesByBucket.getOrDefault(bucketId, List.of());
  }

  public Optional<TableDef> table(long bucketId, String name) {
    List<TableDef> tables = tables(bucketId);
    for (TableDef t : tables) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return tables.stream().filter(t -> t.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }

  public Optional<TableDef> tableById(long id) {
    return Optional.ofNullable(tablesById.get(id));
  }

  /** Dev branches, branch copies of tables, workspaces and their objects. */
  public WorkspaceCatalog workspaces() {
    return workspaces;
  }

  public Optional<Bucket> bucketById(long id) {
    return Optional.ofNullable(bucketsById.get(id));
  }

  /** Shares and links. */
  public Sharing sharing() {
    return sharing;
  }

  public List<TableDef> allTables() {
    return List.copyOf(tablesById.values());
  }
}

package io.floe.engine.catalog;

import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.api.catalog.WorkspaceObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a {@link CatalogSnapshot} about dev branches and workspaces: branches, branch copies of
 * tables, workspaces and their objects. Credentials are not in snapshots (they are secrets); they
 * are read from SQLite when a client logs in.
 */
public final class WorkspaceCatalog {
  static final WorkspaceCatalog EMPTY = new WorkspaceCatalog(List.of(), List.of(), List.of(), List.of());

  private final Map<String, Branch> branches;
  private final Map<String, Map<Long, BranchTable>> branchTables;
  private final Map<String, WorkspaceDef> workspaces;
  private final Map<String, List<WorkspaceObject>> objects;

  WorkspaceCatalog(List<Branch> branches, List<BranchTable> branchTables,
      List<WorkspaceDef> workspaces, List<WorkspaceObject> objects) {
    Map<String, Branch> b = new LinkedHashMap<>();
    branches.stream().sorted(Comparator.comparing(Branch::createdAt).thenComparing(Branch::id))
        .forEach(x -> b.put(x.id(), x));
    this.branches = b;
    Map<String, Map<Long, BranchTable>> bt = new LinkedHashMap<>();
    for (BranchTable t : branchTables) {
      bt.computeIfAbsent(t.branchId(), k -> new LinkedHashMap<>()).put(t.tableId(), t);
    }
    this.branchTables = bt;
    Map<String, WorkspaceDef> w = new LinkedHashMap<>();
    workspaces.stream().sorted(Comparator.comparing(WorkspaceDef::createdAt)
        .thenComparing(WorkspaceDef::id)).forEach(x -> w.put(x.id(), x));
    this.workspaces = w;
    Map<String, List<WorkspaceObject>> o = new LinkedHashMap<>();
    for (WorkspaceObject x : objects) {
      o.computeIfAbsent(x.workspaceId(), k -> new ArrayList<>()).add(x);
    }
    o.replaceAll((k, v) -> v.stream().sorted(Comparator.comparing(WorkspaceObject::name)).toList());
    this.objects = o;
  }

  /** Branches of a project, oldest first. */
  public List<Branch> branches(String projectId) {
    return branches.values().stream().filter(b -> b.projectId().equals(projectId)).toList();
  }

  public Optional<Branch> branch(String branchId) {
    return Optional.ofNullable(branches.get(branchId));
  }

  /** The branch's own copy of a table, if it has written it. */
  public Optional<BranchTable> branchTable(String branchId, long tableId) {
    Map<Long, BranchTable> copies = branchTables.get(branchId);
    return copies == null ? Optional.empty() : Optional.ofNullable(copies.get(tableId));
  }

  public List<BranchTable> branchTables(String branchId) {
    Map<Long, BranchTable> copies = branchTables.get(branchId);
    return copies == null ? List.of() : List.copyOf(copies.values());
  }

  public Optional<WorkspaceDef> workspace(String id) {
    return Optional.ofNullable(workspaces.get(id));
  }

  /** Workspaces of a project on one branch (null: the main branch), oldest first. */
  public List<WorkspaceDef> workspaces(String projectId, String branchId) {
    return workspaces.values().stream()
        .filter(w -> w.projectId().equals(projectId) && java.util.Objects.equals(w.branchId(), branchId))
        .toList();
  }

  public List<WorkspaceDef> allWorkspaces() {
    return List.copyOf(workspaces.values());
  }

  /** Objects of a workspace, by name. */
  public List<WorkspaceObject> objects(String workspaceId) {
    return objects.getOrDefault(workspaceId, List.of());
  }

  /** An object by exact name, or failing that by its unique case-insensitive match. */
  public Optional<WorkspaceObject> object(String workspaceId, String name) {
    List<WorkspaceObject> all = objects(workspaceId);
    for (WorkspaceObject o : all) {
      if (o.name().equals(name)) {
        return Optional.of(o);
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return all.stream().filter(o -> o.name().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
  }
}

package io.floe.engine.workspace;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Branches;
import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.catalog.WorkspaceRows;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.Secrets;
import io.floe.engine.service.StorageAudit;
import io.floe.engine.storage.DuckDbStorage;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Dev branches of a project. A branch reads the main branch's tables until it writes one; its first
 * write copies that table into a file of the branch's own ({@link BranchTable}), and from then on
 * the branch reads and writes its copy while the main branch never sees the branch's writes.
 * Branch workspaces read through their branch.
 */
public final class BranchService implements Branches {
  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final WorkspaceService workspaces;
  private final Clock clock;
  private final StorageAudit audit;

  public BranchService(Catalog catalog, DuckDbStorage storage, WorkspaceService workspaces,
      Clock clock, StorageAudit audit) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.workspaces = requireNonNull(workspaces, "workspaces");
    this.clock = requireNonNull(clock, "clock");
    this.audit = requireNonNull(audit, "audit");
  }

  @Override public Branch create(Principal principal, String projectId, String name, String description) {
    String branch = projectId + "." + name;
    return audit.record(principal, "CREATE BRANCH " + branch, List.of(branch),
        () -> createBranch(principal, projectId, name, description));
  }

  private Branch createBranch(Principal principal, String projectId, String name,
      String description) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireWorkspaceCreation(principal, s, projectId);
    Names.identifier("branch name", name);
    if (s.workspaces().branches(projectId).stream().anyMatch(b -> b.name().equalsIgnoreCase(name))) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "branch '%s' already exists", name);
    }
    Branch branch = new Branch("br_" + Secrets.random(10).toLowerCase(Locale.ROOT), projectId, name,
        description, clock.instant());
    catalog.mutate(tx -> {
      WorkspaceRows.insertBranch(tx, branch);
      return null;
    });
    return branch;
  }

  @Override public List<Branch> list(Principal principal, String projectId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    return s.workspaces().branches(projectId);
  }

  /** A branch by id or by name. */
  @Override public Branch get(Principal principal, String projectId, String branch) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProject(principal, s, projectId);
    return s.workspaces().branches(projectId).stream()
        .filter(b -> b.id().equals(branch) || b.name().equalsIgnoreCase(branch)).findFirst()
        .orElseThrow(() -> FloeException.notFound("branch '" + branch + "'"));
  }

  /** Deletes a branch with its workspaces, its copies of tables and their files. */
  @Override public void delete(Principal principal, String projectId, String branchId) {
    String branch = projectId + "." + branchId;
    audit.record(principal, "DROP BRANCH " + branch, List.of(branch), () -> {
      deleteBranch(principal, projectId, branchId);
      return null;
    });
  }

  private void deleteBranch(Principal principal, String projectId, String branchId) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(principal, s, projectId);
    Branch branch = get(principal, projectId, branchId);
    List<WorkspaceDef> branchWorkspaces = s.workspaces().workspaces(projectId, branch.id());
    List<BranchTable> copies = s.workspaces().branchTables(branch.id());
    for (WorkspaceDef ws : branchWorkspaces) {
      workspaces.drop(ws);
    }
    catalog.mutate(tx -> {
      WorkspaceRows.deleteBranch(tx, branch.id());
      return null;
    });
    for (BranchTable copy : copies) {
      storage.dropFile(copy.duckDbCatalog(),
          storage.branchTableFile(projectId, branch.id(), copy.tableId()));
    }
    storage.deleteDirectory(storage.branchDir(projectId, branch.id()));
  }


  @Override public List<BranchTable> changedTables(Branch branch) {
    return List.copyOf(catalog.snapshot().workspaces().branchTables(branch.id()));
  }
}

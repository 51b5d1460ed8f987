package io.floe.engine.api.admin;

import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import java.util.List;

/** Dev branches of a project. */
public interface Branches {
  Branch create(Principal principal, String projectId, String name, String description);

  List<Branch> list(Principal principal, String projectId);

  /** A branch by id or by name. */
  Branch get(Principal principal, String projectId, String branch);

  /** The tables a branch has its own copy of (changed on the branch). */
  List<BranchTable> changedTables(Branch branch);

  /** Deletes a branch with its workspaces, its copies of tables and their files. */
  void delete(Principal principal, String projectId, String branchId);
}

package io.floe.engine.api.admin;

import io.floe.engine.api.IssuedToken;
import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.Project;
import java.util.List;

/** Projects: create (with their master token), list, read, update, delete. */
public interface Projects {
  /** A new project and its master token; the token's secret is returned only here. */
  record CreatedProject(Project project, IssuedToken masterToken) {}

  CreatedProject create(Principal principal, String id, String name, String description);

  List<Project> list(Principal principal);

  Project get(Principal principal, String id);

  Project update(Principal principal, String id, String name, String description);

  /**
   * Deletes a project with all its buckets, tables, tokens, dev branches and workspaces: their
   * sessions end, and every file (tables, branch copies, workspaces) is detached from DuckDB and
   * deleted. Waits for imports and changes of its tables.
   */
  void delete(Principal principal, String id);
}

package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.IssuedToken;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Projects;
import io.floe.engine.api.catalog.Project;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.WorkspaceDef;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.CatalogSnapshot;
import io.floe.engine.catalog.Names;
import io.floe.engine.security.AccessPolicy;
import io.floe.engine.security.TokenService;
import io.floe.engine.session.SessionManager;
import io.floe.engine.storage.DuckDbStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Projects: create (with their master token), list, read, update, delete. */
public final class ProjectService implements Projects {
  public static final int MAX_NAME_LENGTH = 256;

  private final Catalog catalog;
  private final DuckDbStorage storage;
  private final TokenService tokens;
  private final SessionManager sessions;
  private final TableService tables;

  public ProjectService(Catalog catalog, DuckDbStorage storage, TokenService tokens,
      SessionManager sessions, TableService tables) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.storage = requireNonNull(storage, "storage");
    this.tokens = requireNonNull(tokens, "tokens");
    this.sessions = requireNonNull(sessions, "sessions");
    this.tables = requireNonNull(tables, "tables");
  }

  @Override public CreatedProject create(Principal principal, String id, String name, String description) {
    AccessPolicy.requireAdmin(principal);
    Names.projectId(id);
    String displayName = name == null || name.isBlank() ? id : name;
    checkText("name", displayName);
    return catalog.mutate(tx -> {
      Project project = Catalog.insertProject(tx, id, displayName, description);
      IssuedToken token = tokens.issueProjectToken(tx, id, "master token of project " + id, true,
          true, Map.of(), null);
      return new CreatedProject(project, token);
    });
  }

  @Override public List<Project> list(Principal principal) {
    return AccessPolicy.visibleProjects(principal, catalog.snapshot());
  }

  @Override public Project get(Principal principal, String id) {
    return AccessPolicy.requireProject(principal, catalog.snapshot(), id);
  }

  @Override public Project update(Principal principal, String id, String name, String description) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(principal, s, id);
    Project current = s.project(id).orElseThrow();
    String newName = name == null ? current.name() : name;
    checkText("name", newName);
    String newDescription = description == null ? current.description() : description;
    catalog.mutate(tx -> {
      Catalog.updateProject(tx, id, newName, newDescription);
      return null;
    });
    return catalog.snapshot().project(id).orElseThrow();
  }

  /**
   * Deletes a project with all its buckets, tables, tokens, dev branches and workspaces: their
   * sessions end, and every file (tables, branch copies, workspaces) is detached from DuckDB and
   * deleted. Waits for imports and changes of its tables.
   */
  @Override public void delete(Principal principal, String id) {
    CatalogSnapshot s = catalog.snapshot();
    AccessPolicy.requireProjectAdmin(principal, s, id);
    tables.underWriteLocks(tablesOf(s, id).stream().map(TableDef::id).toList(), () -> {
      CatalogSnapshot before = catalog.snapshot();
      List<WorkspaceDef> workspaces = before.workspaces().allWorkspaces().stream()
          .filter(w -> w.projectId().equals(id)).toList();
      catalog.mutate(tx -> {
        Catalog.deleteProject(tx, id);
        return null;
      });
      sessions.closeSessions(p -> id.equals(p.projectId()));
      tables.dropFiles(before, tablesOf(before, id));
      for (WorkspaceDef w : workspaces) {
        storage.dropFile(w.duckDbCatalog(), storage.workspaceFile(id, w.branchId(), w.id()));
      }
      storage.deleteDirectory(storage.projectDir(id));
      return null;
    });
  }

  private static List<TableDef> tablesOf(CatalogSnapshot s, String projectId) {
    List<TableDef> tables = new ArrayList<>();
    s.buckets(projectId).forEach(b -> tables.addAll(s.tables(b.id())));
    return tables;
  }

  static void checkText(String what, String value) {
    if (value != null && value.length() > MAX_NAME_LENGTH) {
      throw FloeException.invalid(what + " is longer than " + MAX_NAME_LENGTH + " characters");
    }
  }
}

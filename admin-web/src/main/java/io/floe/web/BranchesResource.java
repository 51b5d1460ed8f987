package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.Branch;
import io.floe.engine.api.catalog.BranchTable;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dev branches: {@code /projects/{id}/branches}, and imports into a branch's copy of a table
 * (the write that gives a branch its own copy; the main branch never sees it), which take the same
 * uploads and options as imports into the table itself.
 */
final class BranchesResource {
  private static final String BRANCHES = "/projects/{id}/branches";
  private static final String BRANCH = BRANCHES + "/{branch}";

  private final Floe engine;
  private final UploadImports imports;

  BranchesResource(Floe engine, UploadImports imports) {
    this.engine = engine;
    this.imports = imports;
  }

  record CreateBranch(String name, String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, BRANCHES, "Create a dev branch", true, this::create)
            .status(201).body(CreateBranch.class),
        new Route(HttpMethod.GET, BRANCHES, "List dev branches", true, this::list),
        new Route(HttpMethod.GET, BRANCH, "Get a dev branch", true, this::get),
        new Route(HttpMethod.DELETE, BRANCH, "Delete a dev branch with its workspaces and copies",
            true, this::delete),
        imports.document(new Route(HttpMethod.POST,
            BRANCH + "/buckets/{bucket}/tables/{table}/import",
            "Load a CSV or Parquet file into the branch's copy of a table (copied at its first "
                + "write); big files run as a job (202)", true,
            r -> imports.handle(r, branch(r)))));
  }

  private Map<String, Object> view(Branch b) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", b.id());
    v.put("name", b.name());
    v.put("project_id", b.projectId());
    v.put("description", b.description());
    v.put("created_at", b.createdAt());
    List<Long> copied = engine.branches().changedTables(b).stream()
        .map(BranchTable::tableId).toList();
    v.put("changed_tables", copied.size());
    return v;
  }

  private ApiResponse create(ApiRequest r) {
    CreateBranch body = r.json(CreateBranch.class);
    if (body.name() == null) {
      throw FloeException.invalid("field 'name' is required");
    }
    return ApiResponse.created(view(engine.branches().create(r.principal(), r.param("id"),
        body.name(), body.description())));
  }

  private ApiResponse list(ApiRequest r) {
    return ApiResponse.ok(Map.of("branches", engine.branches().list(r.principal(), r.param("id"))
        .stream().map(this::view).toList()));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(view(engine.branches().get(r.principal(), r.param("id"), r.param("branch"))));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.branches().delete(r.principal(), r.param("id"), r.param("branch"));
    return ApiResponse.noContent();
  }

  /** The branch's id: 404 for a branch that does not exist or that the token cannot see. */
  private String branch(ApiRequest r) {
    return engine.branches().get(r.principal(), r.param("id"), r.param("branch")).id();
  }
}

package io.floe.web;

import io.floe.engine.Engine;
import io.floe.engine.catalog.Branch;
import io.floe.engine.catalog.BranchTable;
import io.floe.engine.error.FloeException;
import io.floe.engine.storage.TableImporter;
import io.floe.engine.workspace.BranchService;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dev branches: {@code /projects/{id}/branches}, and imports into a branch's copy of a table
 * (the write that gives a branch its own copy; the main branch never sees it).
 */
final class BranchesResource {
  private static final String BRANCHES = "/projects/{id}/branches";
  private static final String BRANCH = BRANCHES + "/{branch}";

  private final Engine engine;
  private final Uploads uploads;

  BranchesResource(Engine engine, Uploads uploads) {
    this.engine = engine;
    this.uploads = uploads;
  }

  record CreateBranch(String name, String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, BRANCHES, "Create a dev branch", true, this::create).status(201)
            .body(CreateBranch.class),
        new Route(HttpMethod.GET, BRANCHES, "List dev branches", true, this::list),
        new Route(HttpMethod.GET, BRANCH, "Get a dev branch", true, this::get),
        new Route(HttpMethod.DELETE, BRANCH, "Delete a dev branch with its workspaces and copies",
            true, this::delete),
        new Route(HttpMethod.POST, BRANCH + "/buckets/{bucket}/tables/{table}/import",
            "Load CSV into the branch's copy of a table (copied at its first write)", true,
            this::importData)
            .upload("text/csv")
            .query("incremental", "boolean", "upsert by primary key (append without one) instead of replacing")
            .query("delimiter", "string", "CSV field separator (default ,)")
            .query("enclosure", "string", "CSV quote character (default \\\")")
            .query("escaped_by", "string", "CSV escape character inside quotes (default: the quote)")
            .query("header", "boolean", "whether the first CSV line names the columns (default true)")
            .query("null_marker", "string", "unquoted CSV value read as NULL; repeatable (default: empty)"));
  }

  private Map<String, Object> view(Branch b) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", b.id());
    v.put("name", b.name());
    v.put("project_id", b.projectId());
    v.put("description", b.description());
    v.put("created_at", b.createdAt());
    List<Long> copied = engine.catalog().snapshot().workspaces().branchTables(b.id()).stream()
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

  private ApiResponse importData(ApiRequest r) {
    Path file = uploads.save(r.body(), ".csv");
    try {
      BranchService.ImportResult result = engine.branches().importData(r.principal(), r.param("id"),
          r.param("branch"), r.param("bucket"), r.param("table"),
          new TableImporter.CsvSource(file, TableDataResource.csvOptions(r)), r.queryFlag("incremental"),
          s -> {});
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("table", result.table().name());
      body.put("imported_rows", result.importedRows());
      body.put("total_rows", result.totalRows());
      return ApiResponse.ok(body);
    } finally {
      Uploads.delete(file);
    }
  }
}

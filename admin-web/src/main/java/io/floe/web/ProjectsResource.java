package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.Projects;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;
import java.util.Map;

/** Projects: {@code /projects} and {@code /projects/{id}}. */
final class ProjectsResource {
  private final Floe engine;

  ProjectsResource(Floe engine) {
    this.engine = engine;
  }

  record CreateProject(String id, String name, String description) {}

  record UpdateProject(String name, String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, "/projects", "Create a project (admin); returns its API key once",
            true, this::create).status(201).body(CreateProject.class),
        new Route(HttpMethod.GET, "/projects", "List projects the token can see", true, this::list),
        new Route(HttpMethod.GET, "/projects/{id}", "Get a project", true, this::get),
        new Route(HttpMethod.PUT, "/projects/{id}", "Update a project's name or description", true,
            this::update).body(UpdateProject.class),
        new Route(HttpMethod.DELETE, "/projects/{id}", "Delete a project with all its data", true,
            this::delete),
        new Route(HttpMethod.GET, "/projects/{id}/stats",
            "Live statistics: buckets, linked buckets, tables, rows, bytes", true, this::stats));
  }

  private ApiResponse create(ApiRequest request) {
    CreateProject body = request.json(CreateProject.class);
    Projects.CreatedProject created = engine.projects().create(request.principal(),
        body.id(), body.name(), body.description());
    var p = created.project();
    return ApiResponse.created(new Views.CreatedProjectView(p.id(), p.name(), p.description(),
        p.createdAt(), p.updatedAt(), created.masterToken().secret(),
        created.masterToken().record().id()));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("projects", engine.projects().list(request.principal()).stream()
        .map(Views.ProjectView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(Views.ProjectView.of(
        engine.projects().get(request.principal(), request.param("id"))));
  }

  private ApiResponse update(ApiRequest request) {
    UpdateProject body = request.json(UpdateProject.class);
    return ApiResponse.ok(Views.ProjectView.of(engine.projects().update(request.principal(),
        request.param("id"), body.name(), body.description())));
  }

  private ApiResponse stats(ApiRequest request) {
    String id = request.param("id");
    return ApiResponse.ok(Views.StatsView.of(id,
        engine.storageServices().stats().stats(request.principal(), id)));
  }

  private ApiResponse delete(ApiRequest request) {
    engine.projects().delete(request.principal(), request.param("id"));
    return ApiResponse.noContent();
  }
}

package io.floe.web;

import io.floe.engine.Engine;
import java.util.ArrayList;
import java.util.List;

/**
 * The REST API's routes, in one place that the server and tests both use. Each resource class owns
 * its endpoints; errors are mapped centrally by {@link RestHandler}.
 */
public final class RestApi {
  private RestApi() {}

  public static List<Route> routes(Engine engine, WebConfig config) {
    Uploads uploads = new Uploads(engine.config().dataDir(), config.maxUploadBytes());
    List<Route> routes = new ArrayList<>();
    routes.addAll(new HealthResource(engine).routes());
    routes.addAll(new ProjectsResource(engine).routes());
    routes.addAll(new BucketsResource(engine).routes());
    routes.addAll(new TablesResource(engine, uploads).routes());
    routes.addAll(new WorkspacesResource(engine).routes());
    routes.addAll(new BranchesResource(engine, uploads).routes());
    return routes;
  }

  public static RestHandler handler(Engine engine, WebConfig config) {
    return new RestHandler(engine, routes(engine, config));
  }
}

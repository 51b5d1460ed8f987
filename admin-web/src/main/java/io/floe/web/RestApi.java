package io.floe.web;

import io.floe.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The REST API's routes, in one place that the server and tests both use. Each resource class owns
 * its endpoints; errors are mapped centrally by {@link RestHandler}; {@code /openapi.json} is
 * generated from this same list.
 */
public final class RestApi {
  private RestApi() {}

  public static List<Route> routes(Engine engine, WebConfig config) {
    UploadImports imports = new UploadImports(engine,
        new Uploads(engine.config().dataDir(), config.maxUploadBytes()), config);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new HealthResource(engine).routes());
    routes.addAll(new BackendResource(engine).routes());
    routes.addAll(new ProjectsResource(engine).routes());
    routes.addAll(new TokensResource(engine).routes());
    routes.addAll(new BucketsResource(engine).routes());
    routes.addAll(new SharingResource(engine).routes());
    routes.addAll(new TablesResource(engine).routes());
    routes.addAll(new ColumnsResource(engine).routes());
    routes.addAll(new TableDataResource(engine, imports).routes());
    routes.addAll(new MetadataResource(engine).routes());
    routes.addAll(new JobsResource(engine).routes());
    routes.addAll(new WorkspacesResource(engine).routes());
    routes.addAll(new BranchesResource(engine, imports).routes());
    // The document lists every route, its own included; it is built on first request.
    AtomicReference<List<Route>> all = new AtomicReference<>();
    routes.addAll(new OpenApiResource(all::get).routes());
    all.set(List.copyOf(routes));
    return all.get();
  }

  public static RestHandler handler(Engine engine, WebConfig config) {
    return new RestHandler(engine, routes(engine, config));
  }
}

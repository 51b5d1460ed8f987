package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.http.CallerAuthentication;
import io.floe.http.OpenApiResource;
import io.floe.http.RestHandler;
import io.floe.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The REST API's routes, in one place that the server and tests both use. Each resource class owns
 * its endpoints; the HTTP edge ({@link RestHandler}) authenticates, routes and maps errors;
 * {@code /openapi.json} is generated from this same list.
 */
public final class RestApi {
  private RestApi() {}

  static final OpenApiResource.Info INFO = new OpenApiResource.Info("Floe storage API",
      "Projects, buckets, tables, imports, exports, sharing, metadata, tokens, jobs and the audit log.", RestApi::tag);

  public static List<Route> routes(Floe engine, WebConfig config) {
    UploadImports imports = new UploadImports(engine, new Uploads(engine.config().dataDir()), config);
    List<Route> routes = new ArrayList<>();
    routes.addAll(new HealthResource(engine).routes());
    routes.addAll(new BackendResource(engine).routes());
    routes.addAll(new ProjectsResource(engine).routes());
    routes.addAll(new TokensResource(engine).routes());
    routes.addAll(new SnowflakeConnectionsResource(engine).routes());
    routes.addAll(new SnowflakeUsersResource(engine).routes());
    routes.addAll(new BucketsResource(engine).routes());
    routes.addAll(new SharingResource(engine).routes());
    routes.addAll(new TablesResource(engine).routes());
    routes.addAll(new ColumnsResource(engine).routes());
    routes.addAll(new TableDataResource(engine, imports).routes());
    routes.addAll(new TableProfileResource(engine).routes());
    routes.addAll(new MetadataResource(engine).routes());
    routes.addAll(new JobsResource(engine).routes());
    routes.addAll(new AuditResource(engine).routes());
    routes.addAll(new WorkspacesResource(engine).routes());
    routes.addAll(new BranchesResource(engine, imports).routes());
    routes.addAll(new StatementsResource(engine).routes());
    // The document lists every route, its own included; it is built on first request.
    AtomicReference<List<Route>> all = new AtomicReference<>();
    routes.addAll(new OpenApiResource(INFO, all::get).routes());
    all.set(List.copyOf(routes));
    return all.get();
  }

  public static RestHandler handler(Floe engine, WebConfig config) {
    return new RestHandler(new CallerAuthentication(engine.authentication(), "rest"),
        routes(engine, config));
  }

  /** The group of a route in the API document. */
  static String tag(String template) {
    if (template.contains("/snowflake-connections") || template.contains("/snowflake-users")) {
      return "snowflake";
    }
    if (template.contains("/metadata")) {
      return "metadata";
    }
    if (template.startsWith("/audit")) {
      return "audit";
    }
    if (template.contains("/jobs")) {
      return "jobs";
    }
    if (template.contains("/statements")) {
      return "sql";
    }
    if (template.contains("tokens")) {
      return "tokens";
    }
    if (template.contains("/share") || template.endsWith("/link") || template.contains("grant-readonly")) {
      return "sharing";
    }
    if (template.contains("/workspaces")) {
      return "workspaces";
    }
    if (template.endsWith("/preview") || template.endsWith("/import") || template.endsWith("/export")
        || template.endsWith("/profile")) {
      return "data";
    }
    if (template.contains("/branches")) {
      return "branches";
    }
    if (template.contains("/columns") || template.contains("/primary-key")) {
      return "columns";
    }
    if (template.contains("/tables")) {
      return "tables";
    }
    if (template.contains("/buckets")) {
      return "buckets";
    }
    if (template.startsWith("/projects")) {
      return "projects";
    }
    return "system";
  }

}

package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;
import java.util.Map;

/** Buckets: {@code /projects/{id}/buckets}. */
final class BucketsResource {
  private final Floe engine;

  BucketsResource(Floe engine) {
    this.engine = engine;
  }

  record CreateBucket(String name, String stage, String description) {}

  record UpdateBucket(String description) {}

  record RegisterBucket(String name, String connection, List<String> path, String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, "/projects/{id}/buckets", "Create a bucket (stage in or out)",
            true, this::create).status(201).body(CreateBucket.class),
        new Route(HttpMethod.POST, "/projects/{id}/buckets/register",
            "Register a Snowflake schema as a read-only bucket: path is [database, schema] of one "
                + "of the project's Snowflake connections", true, this::register)
            .status(201).body(RegisterBucket.class),
        new Route(HttpMethod.POST, "/projects/{id}/buckets/{bucket}/refresh",
            "Read a registered bucket's tables and columns from Snowflake again", true,
            this::refresh),
        new Route(HttpMethod.GET, "/projects/{id}/buckets",
            "List buckets the token can read, linked ones included", true, this::list),
        new Route(HttpMethod.GET, "/projects/{id}/buckets/{bucket}", "Get a bucket", true, this::get),
        new Route(HttpMethod.PUT, "/projects/{id}/buckets/{bucket}", "Change a bucket's description",
            true, this::update).body(UpdateBucket.class),
        new Route(HttpMethod.DELETE, "/projects/{id}/buckets/{bucket}",
            "Delete a bucket with its tables and files; a bucket other projects link needs force",
            true, this::delete)
            .query("force", "boolean", "also delete a bucket that other projects link (their links go)"));
  }

  private ApiResponse create(ApiRequest request) {
    CreateBucket body = request.json(CreateBucket.class);
    String projectId = request.param("id");
    engine.buckets().create(request.principal(), projectId, body.name(), body.stage(),
        body.description());
    VisibleBucket created = engine.buckets().get(request.principal(), projectId, body.name());
    return ApiResponse.created(Views.BucketView.of(created));
  }

  private ApiResponse register(ApiRequest request) {
    RegisterBucket body = request.json(RegisterBucket.class);
    return ApiResponse.created(Views.RegistrationView.of(engine.buckets().register(
        request.principal(), request.param("id"), body.name(), body.connection(), body.path(),
        body.description())));
  }

  private ApiResponse refresh(ApiRequest request) {
    return ApiResponse.ok(Views.RegistrationView.of(engine.buckets().refresh(request.principal(),
        request.param("id"), request.param("bucket"))));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("buckets", engine.buckets()
        .list(request.principal(), request.param("id")).stream().map(Views.BucketView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(Views.BucketView.of(engine.buckets().get(request.principal(),
        request.param("id"), request.param("bucket"))));
  }

  private ApiResponse update(ApiRequest request) {
    UpdateBucket body = request.json(UpdateBucket.class);
    return ApiResponse.ok(Views.BucketView.of(engine.buckets().update(request.principal(),
        request.param("id"), request.param("bucket"), body.description())));
  }

  private ApiResponse delete(ApiRequest request) {
    engine.buckets().delete(request.principal(), request.param("id"), request.param("bucket"),
        request.queryFlag("force"));
    return ApiResponse.noContent();
  }
}

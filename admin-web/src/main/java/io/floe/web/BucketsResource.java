package io.floe.web;

import io.floe.engine.Engine;
import io.floe.engine.security.VisibleBucket;
import java.util.List;
import java.util.Map;

/** Buckets: {@code /projects/{id}/buckets}. */
final class BucketsResource {
  private final Engine engine;

  BucketsResource(Engine engine) {
    this.engine = engine;
  }

  record CreateBucket(String name, String stage, String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, "/projects/{id}/buckets", "Create a bucket", true, this::create),
        new Route(HttpMethod.GET, "/projects/{id}/buckets", "List buckets the token can read", true,
            this::list),
        new Route(HttpMethod.GET, "/projects/{id}/buckets/{bucket}", "Get a bucket", true, this::get),
        new Route(HttpMethod.DELETE, "/projects/{id}/buckets/{bucket}",
            "Delete a bucket with its tables", true, this::delete));
  }

  private ApiResponse create(ApiRequest request) {
    CreateBucket body = request.json(CreateBucket.class);
    String projectId = request.param("id");
    engine.buckets().create(request.principal(), projectId, body.name(), body.stage(),
        body.description());
    VisibleBucket created = engine.buckets().get(request.principal(), projectId, body.name());
    return ApiResponse.created(Views.BucketView.of(created));
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(Map.of("buckets", engine.buckets()
        .list(request.principal(), request.param("id")).stream().map(Views.BucketView::of).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(Views.BucketView.of(engine.buckets().get(request.principal(),
        request.param("id"), request.param("bucket"))));
  }

  private ApiResponse delete(ApiRequest request) {
    engine.buckets().delete(request.principal(), request.param("id"), request.param("bucket"));
    return ApiResponse.noContent();
  }
}

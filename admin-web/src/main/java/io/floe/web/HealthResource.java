package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;
import java.util.Map;

/** {@code GET /health}: liveness, with no authentication. */
final class HealthResource {
  private final Floe engine;

  HealthResource(Floe engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(new Route(HttpMethod.GET, "/health", "Health check", false, this::health));
  }

  private ApiResponse health(ApiRequest request) {
    return ApiResponse.ok(new java.util.TreeMap<>(Map.of("status", "ok", "version", Floe.version(),
        "catalog_version", engine.catalogVersion())));
  }
}

package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.Backend;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;

/** Seed 001's backend lifecycle: {@code POST /backend/init} and {@code POST /backend/remove}. */
final class BackendResource {
  private final Floe engine;

  BackendResource(Floe engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, "/backend/init", "Make sure the storage directories exist (admin)",
            true, this::init),
        new Route(HttpMethod.POST, "/backend/remove",
            "Remove the backend (admin); keeps all data, which goes only with its projects", true,
            this::remove));
  }

  private ApiResponse init(ApiRequest request) {
    return answer(engine.storageServices().backend().init(request.principal()));
  }

  private ApiResponse remove(ApiRequest request) {
    return answer(engine.storageServices().backend().remove(request.principal()));
  }

  private static ApiResponse answer(Backend.Outcome outcome) {
    return ApiResponse.ok(new Views.OutcomeView(outcome.status(), outcome.message()));
  }
}

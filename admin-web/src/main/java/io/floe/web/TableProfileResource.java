package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.TableProfiles;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;

/** A table's profile: {@code GET .../tables/{table}/profile}, as the engine computes and keeps it. */
final class TableProfileResource {
  private final Floe engine;

  TableProfileResource(Floe engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.GET, TablesResource.TABLE + "/profile",
            "Profile of a table: rows and, per column, nulls, distinct values, min/max, mean, "
                + "quantiles, lengths, top values and a histogram; kept until the table changes",
            true, this::profile)
            .query("force_refresh", "boolean", "compute it again even if the kept one is current"));
  }

  private ApiResponse profile(ApiRequest request) {
    TableProfiles.TableProfile profile = engine.storageServices().tableProfiles().profile(
        request.principal(), request.param("id"), request.param("bucket"), request.param("table"),
        request.queryFlag("force_refresh"));
    return ApiResponse.ok(profile);
  }
}

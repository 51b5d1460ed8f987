package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.Metadata;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Key/value metadata on buckets, tables and columns: {@code .../metadata} under each, with
 * {@code .../metadata/{metadataId}} to delete one entry.
 */
final class MetadataResource {
  private static final String BUCKET_PATH = "/projects/{id}/buckets/{bucket}";
  private static final String TABLE_PATH = TablesResource.TABLE;
  private static final String COLUMN_PATH = TABLE_PATH + "/columns/{column}";

  private final Floe engine;

  MetadataResource(Floe engine) {
    this.engine = engine;
  }

  /** Entries to set, all from one provider ({@code user} by default). */
  record SetMetadata(String provider, List<Metadata.Entry> metadata) {}

  /** The kinds of objects that carry metadata, with their paths. */
  private enum Kind {
    BUCKET(BUCKET_PATH), TABLE(TABLE_PATH), COLUMN(COLUMN_PATH);

    final String path;

    Kind(String path) {
      this.path = path + "/metadata";
    }

    Metadata.Target target(ApiRequest request) {
      return new Metadata.Target(request.param("id"), request.param("bucket"),
          this == BUCKET ? null : request.param("table"), this == COLUMN ? request.param("column") : null);
    }

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  List<Route> routes() {
    List<Route> routes = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      routes.add(new Route(HttpMethod.GET, kind.path, "Metadata of a " + kind.label(), true,
          r -> list(r, kind)));
      routes.add(new Route(HttpMethod.POST, kind.path, "Set metadata of a " + kind.label()
          + " (an entry with the same provider and key is replaced)", true, r -> set(r, kind))
          .body(SetMetadata.class));
      routes.add(new Route(HttpMethod.DELETE, kind.path + "/{metadataId}",
          "Delete one metadata entry of a " + kind.label(), true, r -> delete(r, kind)));
    }
    return routes;
  }

  private ApiResponse list(ApiRequest request, Kind kind) {
    return answer(engine.storageServices().metadata().list(request.principal(), kind.target(request)));
  }

  private ApiResponse set(ApiRequest request, Kind kind) {
    SetMetadata body = request.json(SetMetadata.class);
    return answer(engine.storageServices().metadata().set(request.principal(), kind.target(request),
        body.provider(), body.metadata()));
  }

  private ApiResponse delete(ApiRequest request, Kind kind) {
    long id;
    try {
      id = Long.parseLong(request.param("metadataId"));
    } catch (NumberFormatException e) {
      throw new FloeException(io.floe.engine.api.ErrorCode.NOT_FOUND, "metadata entry not found");
    }
    engine.storageServices().metadata().delete(request.principal(), kind.target(request), id);
    return ApiResponse.noContent();
  }

  private static ApiResponse answer(List<io.floe.engine.api.catalog.MetadataEntry> entries) {
    return ApiResponse.ok(Map.of("metadata", Views.MetadataView.of(entries)));
  }
}

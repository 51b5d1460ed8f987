package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.TableSchemas;
import io.floe.engine.api.catalog.TableDef;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.util.List;

/** A table's columns and primary key: {@code .../tables/{table}/columns} and {@code /primary-key}. */
final class ColumnsResource {
  private static final String TABLE = TablesResource.TABLE;

  private final Floe engine;

  ColumnsResource(Floe engine) {
    this.engine = engine;
  }

  /** The columns that form the primary key, in order. */
  record PrimaryKey(List<String> columns) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, TABLE + "/columns",
            "Add a column (a NOT NULL column only to an empty table)", true, this::add)
            .status(201).body(TablesResource.ColumnSpec.class),
        new Route(HttpMethod.DELETE, TABLE + "/columns/{column}",
            "Drop a column (not one of the primary key)", true, this::drop).status(200),
        new Route(HttpMethod.POST, TABLE + "/primary-key",
            "Set the primary key; fails if its columns hold NULLs or duplicate keys", true,
            this::setKey).body(PrimaryKey.class),
        new Route(HttpMethod.DELETE, TABLE + "/primary-key", "Remove the primary key", true,
            this::dropKey).status(200));
  }

  private TableSchemas schemas() {
    return engine.storageServices().tableSchemas();
  }

  private ApiResponse add(ApiRequest request) {
    TablesResource.ColumnSpec body = request.json(TablesResource.ColumnSpec.class);
    return ApiResponse.created(view(request, schemas().addColumn(request.principal(),
        request.param("id"), request.param("bucket"), request.param("table"), body.toColumn())));
  }

  private ApiResponse drop(ApiRequest request) {
    return ApiResponse.ok(view(request, schemas().dropColumn(request.principal(), request.param("id"),
        request.param("bucket"), request.param("table"), request.param("column"))));
  }

  private ApiResponse setKey(ApiRequest request) {
    PrimaryKey body = request.json(PrimaryKey.class);
    return ApiResponse.ok(view(request, schemas().setPrimaryKey(request.principal(),
        request.param("id"), request.param("bucket"), request.param("table"), body.columns())));
  }

  private ApiResponse dropKey(ApiRequest request) {
    return ApiResponse.ok(view(request, schemas().dropPrimaryKey(request.principal(),
        request.param("id"), request.param("bucket"), request.param("table"))));
  }

  private Views.TableView view(ApiRequest request, TableDef table) {
    String projectId = request.param("id");
    String bucket = engine.buckets().get(request.principal(), projectId, request.param("bucket")).name();
    return Views.TableView.of(table, bucket, projectId);
  }
}

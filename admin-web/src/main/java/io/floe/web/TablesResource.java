package io.floe.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.Metadata;
import io.floe.engine.api.admin.TableSpec;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Json;
import io.floe.http.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tables: {@code /projects/{id}/buckets/{bucket}/tables}, and {@code /projects/{id}/tables}, which
 * lists and searches every table the token can read.
 */
final class TablesResource {
  static final String TABLES = "/projects/{id}/buckets/{bucket}/tables";
  static final String TABLE = TABLES + "/{table}";

  private final Floe engine;

  TablesResource(Floe engine) {
    this.engine = engine;
  }

  /** A column of a new table, or a column to add. */
  record ColumnSpec(String name, String type, Boolean nullable, String description) {
    ColumnDef toColumn() {
      if (name == null || type == null) {
        throw FloeException.invalid("every column needs a 'name' and a 'type'");
      }
      return new ColumnDef(name, ColumnType.parse(type), nullable == null || nullable, description);
    }
  }

  record CreateTable(String name, List<ColumnSpec> columns, List<String> primaryKey,
      String description) {}

  record UpdateTable(String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, TABLES, "Create a table with typed columns and a primary key",
            true, this::create).status(201).body(CreateTable.class),
        new Route(HttpMethod.GET, TABLES, "List tables of a bucket", true, this::list),
        new Route(HttpMethod.GET, TABLE, "Get a table", true, this::get),
        new Route(HttpMethod.PUT, TABLE, "Change a table's description", true, this::update)
            .body(UpdateTable.class),
        new Route(HttpMethod.DELETE, TABLE, "Delete a table and its file", true, this::delete),
        new Route(HttpMethod.GET, "/projects/{id}/tables",
            "List or search every table the token can read (by metadata or text)", true, this::search)
            .query("q", "string", "text found in the table's or bucket's name, description or metadata values")
            .query("metadata_key", "string", "tables with a metadata entry of this key")
            .query("metadata_value", "string", "... and this value (any case)")
            .query("metadata_provider", "string", "... from this provider"));
  }

  private String bucketName(Principal principal, String projectId, String bucket) {
    VisibleBucket b = engine.buckets().get(principal, projectId, bucket);
    return b.name();
  }

  private ApiResponse create(ApiRequest request) {
    CreateTable body = request.json(CreateTable.class);
    if (body.name() == null) {
      throw FloeException.invalid("field 'name' is required");
    }
    if (body.columns() == null || body.columns().isEmpty()) {
      throw FloeException.invalid("field 'columns' needs at least one column");
    }
    List<ColumnDef> columns = new ArrayList<>();
    for (ColumnSpec c : body.columns()) {
      if (c == null) {
        throw FloeException.invalid("every column needs a 'name' and a 'type'");
      }
      columns.add(c.toColumn());
    }
    String projectId = request.param("id");
    TableDef table = engine.tables().create(request.principal(), projectId, request.param("bucket"),
        new TableSpec(body.name(), body.description(), columns, body.primaryKey()));
    return ApiResponse.created(Views.TableView.of(table,
        bucketName(request.principal(), projectId, request.param("bucket")), projectId));
  }

  private ApiResponse list(ApiRequest request) {
    String projectId = request.param("id");
    String bucket = bucketName(request.principal(), projectId, request.param("bucket"));
    return ApiResponse.ok(Map.of("tables", engine.tables()
        .list(request.principal(), projectId, bucket).stream()
        .map(t -> Views.TableView.of(t, bucket, projectId)).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    String projectId = request.param("id");
    String bucket = bucketName(request.principal(), projectId, request.param("bucket"));
    return ApiResponse.ok(Views.TableView.of(engine.tables().get(request.principal(), projectId,
        bucket, request.param("table")), bucket, projectId));
  }

  private ApiResponse update(ApiRequest request) {
    UpdateTable body = request.json(UpdateTable.class);
    String projectId = request.param("id");
    TableDef table = engine.storageServices().tableSchemas().updateDescription(request.principal(),
        projectId, request.param("bucket"), request.param("table"), body.description());
    return ApiResponse.ok(Views.TableView.of(table,
        bucketName(request.principal(), projectId, request.param("bucket")), projectId));
  }

  private ApiResponse delete(ApiRequest request) {
    engine.tables().delete(request.principal(), request.param("id"), request.param("bucket"),
        request.param("table"));
    return ApiResponse.noContent();
  }

  private ApiResponse search(ApiRequest request) {
    String projectId = request.param("id");
    Metadata.TableSearch search = new Metadata.TableSearch(
        request.query("metadata_key").orElse(null), request.query("metadata_value").orElse(null),
        request.query("metadata_provider").orElse(null), request.query("q").orElse(null));
    List<ObjectNode> tables = new ArrayList<>();
    for (Metadata.FoundTable found : engine.storageServices().metadata()
        .searchTables(request.principal(), projectId, search)) {
      ObjectNode node = Json.MAPPER.valueToTree(
          Views.TableView.of(found.table(), found.bucket().name(), projectId));
      node.set("metadata", Json.MAPPER.valueToTree(Views.MetadataView.of(found.metadata())));
      tables.add(node);
    }
    return ApiResponse.ok(Map.of("tables", tables));
  }
}

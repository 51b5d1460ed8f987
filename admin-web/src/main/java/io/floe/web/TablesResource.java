package io.floe.web;

import io.floe.engine.Engine;
import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.ColumnType;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.error.FloeException;
import io.floe.engine.security.Principal;
import io.floe.engine.security.VisibleBucket;
import io.floe.engine.service.TableService;
import io.floe.engine.service.TableSpec;
import io.floe.engine.sql.ResultColumn;
import io.floe.engine.storage.CsvOptions;
import io.floe.engine.storage.TableImporter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tables: {@code /projects/{id}/buckets/{bucket}/tables}, preview and import. */
final class TablesResource {
  private static final String TABLES = "/projects/{id}/buckets/{bucket}/tables";
  private static final String TABLE = TABLES + "/{table}";

  private final Engine engine;
  private final Uploads uploads;

  TablesResource(Engine engine, Uploads uploads) {
    this.engine = engine;
    this.uploads = uploads;
  }

  record ColumnSpec(String name, String type, Boolean nullable, String description) {}

  record CreateTable(String name, List<ColumnSpec> columns, List<String> primaryKey,
      String description) {}

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, TABLES, "Create a table with typed columns", true, this::create),
        new Route(HttpMethod.GET, TABLES, "List tables of a bucket", true, this::list),
        new Route(HttpMethod.GET, TABLE, "Get a table", true, this::get),
        new Route(HttpMethod.DELETE, TABLE, "Delete a table and its file", true, this::delete),
        new Route(HttpMethod.GET, TABLE + "/preview", "First rows of a table (limit 1..1000)", true,
            this::preview),
        new Route(HttpMethod.POST, TABLE + "/import",
            "Load CSV (text/csv) into a table; ?incremental=true upserts by primary key", true,
            this::importData));
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
      if (c == null || c.name() == null || c.type() == null) {
        throw FloeException.invalid("every column needs a 'name' and a 'type'");
      }
      columns.add(new ColumnDef(c.name(), ColumnType.parse(c.type()),
          c.nullable() == null || c.nullable(), c.description()));
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

  private ApiResponse delete(ApiRequest request) {
    engine.tables().delete(request.principal(), request.param("id"), request.param("bucket"),
        request.param("table"));
    return ApiResponse.noContent();
  }

  private ApiResponse preview(ApiRequest request) {
    TableService.Preview preview = engine.tables().preview(request.principal(), request.param("id"),
        request.param("bucket"), request.param("table"), request.queryInt("limit").orElse(null));
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ResultColumn c : preview.columns()) {
      columns.add(Map.of("name", c.label(), "type", c.type().toString()));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object[] row : preview.rows()) {
      Map<String, Object> r = new LinkedHashMap<>();
      for (int i = 0; i < row.length; i++) {
        r.put(preview.columns().get(i).label(), row[i]);
      }
      rows.add(r);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("columns", columns);
    body.put("rows", rows);
    body.put("row_count", rows.size());
    return ApiResponse.ok(body);
  }

  private ApiResponse importData(ApiRequest request) {
    String contentType = request.header("content-type").orElse("text/csv");
    if (!contentType.startsWith("text/csv") && !contentType.startsWith("application/octet-stream")) {
      throw new FloeException(io.floe.engine.error.ErrorCode.INVALID_ARGUMENT,
          "send the data as text/csv");
    }
    CsvOptions options = csvOptions(request);
    Path file = uploads.save(request.body(), ".csv");
    try {
      String projectId = request.param("id");
      TableService.ImportResult result = engine.tables().importData(request.principal(), projectId,
          request.param("bucket"), request.param("table"),
          new TableImporter.CsvSource(file, options), request.queryFlag("incremental"), s -> {});
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("table", Views.TableView.of(result.table(), result.table().bucketName(), projectId));
      body.put("imported_rows", result.importedRows());
      body.put("total_rows", result.totalRows());
      return ApiResponse.ok(body);
    } finally {
      Uploads.delete(file);
    }
  }

  static CsvOptions csvOptions(ApiRequest request) {
    CsvOptions d = CsvOptions.DEFAULT;
    Optional<String> nulls = request.query("null_marker");
    return new CsvOptions(
        request.query("delimiter").orElse(d.delimiter()),
        request.query("enclosure").orElse(d.quote()),
        request.query("escaped_by").orElse(request.query("enclosure").orElse(d.escape())),
        request.query("header").map(h -> !h.equalsIgnoreCase("false")).orElse(true),
        nulls.isPresent() ? request.queryAll("null_marker") : d.nullStrings());
  }
}

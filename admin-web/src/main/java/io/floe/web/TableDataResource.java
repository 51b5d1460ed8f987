package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.TableQuery;
import io.floe.engine.api.admin.TableReads;
import io.floe.engine.api.sql.CopyTarget;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A table's data: {@code preview}, {@code import} and {@code export} under a table. */
final class TableDataResource {
  static final String PARQUET = UploadImports.PARQUET;
  private static final String TABLE = TablesResource.TABLE;

  private final Floe engine;
  private final UploadImports imports;

  TableDataResource(Floe engine, UploadImports imports) {
    this.engine = engine;
    this.imports = imports;
  }

  /** A preview asked for in a JSON body. */
  record PreviewRequest(List<String> columns, List<TableQueries.FilterSpec> where,
      List<TableQueries.OrderSpec> orderBy, Integer limit, String format) {}

  /** An export. */
  record ExportRequest(String format, Boolean gzip, List<String> columns,
      List<TableQueries.FilterSpec> where, List<TableQueries.OrderSpec> orderBy, Integer limit,
      Boolean async) {}

  List<Route> routes() {
    return List.of(
        previewDoc(new Route(HttpMethod.GET, TABLE + "/preview",
            "First rows of a table (limit 1..1000, default 100), filtered and sorted", true,
            this::previewGet))
            .query("columns", "string", "columns to return, comma-separated")
            .query("where", "string", "JSON array of filters {column, operator, values}")
            .query("order_by", "string", "sort keys, comma-separated, each column or column:desc")
            .query("limit", "integer", "rows to return, 1..1000 (default 100)"),
        previewDoc(new Route(HttpMethod.POST, TABLE + "/preview",
            "First rows of a table, with the query in a JSON body", true, this::previewPost))
            .body(PreviewRequest.class),
        imports.document(new Route(HttpMethod.POST, TABLE + "/import",
            "Load a CSV or Parquet file, fully or incrementally; big files run as a job (202)", true,
            r -> imports.handle(r, null))),
        new Route(HttpMethod.POST, TABLE + "/export",
            "Export to CSV or Parquet (optionally gzip), filtered, sorted, limited; async as a job",
            true, this::export)
            .orStatus(202).body(ExportRequest.class)
            .produces("text/csv", "application/gzip", PARQUET));
  }

  private static Route previewDoc(Route route) {
    return route.query("format", "string", "json (default) or csv").produces("text/csv");
  }

  // ---- preview ---------------------------------------------------------------------------------

  private ApiResponse previewGet(ApiRequest request) {
    return preview(request, TableQueries.fromQueryParameters(request),
        request.query("format").orElse("json"));
  }

  private ApiResponse previewPost(ApiRequest request) {
    PreviewRequest body = request.json(PreviewRequest.class);
    return preview(request, TableQueries.fromBody(body.columns(), body.where(), body.orderBy(),
        body.limit()), body.format() == null ? request.query("format").orElse("json") : body.format());
  }

  private ApiResponse preview(ApiRequest request, TableQuery query, String format) {
    boolean csv = switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> false;
      case "csv" -> true;
      default -> throw FloeException.invalid("format must be 'json' or 'csv'");
    };
    TableReads.Preview preview = engine.storageServices().reads().preview(request.principal(),
        request.param("id"), request.param("bucket"), request.param("table"), query);
    if (csv) {
      return ApiResponse.stream("text/csv; charset=utf-8", out -> {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvWriter writer = new CsvWriter(w);
        writer.row(preview.columns().stream().map(ResultColumn::label).toArray());
        for (Object[] row : preview.rows()) {
          writer.row(row);
        }
        w.flush();
      });
    }
    List<Views.ResultColumnView> columns = preview.columns().stream()
        .map(c -> new Views.ResultColumnView(c.label(), c.type().toString())).toList();
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

  // ---- export ----------------------------------------------------------------------------------

  private ApiResponse export(ApiRequest request) {
    ExportRequest body = request.json(ExportRequest.class);
    String format = body.format() == null ? "csv" : body.format().toLowerCase(Locale.ROOT);
    CopyTarget.Format fileFormat = switch (format) {
      case "csv" -> CopyTarget.Format.CSV;
      case "parquet" -> CopyTarget.Format.PARQUET;
      default -> throw FloeException.invalid("format must be 'csv' or 'parquet'");
    };
    boolean gzip = Boolean.TRUE.equals(body.gzip());
    TableReads.ExportRequest r = new TableReads.ExportRequest(request.param("id"),
        request.param("bucket"), request.param("table"),
        TableQueries.fromBody(body.columns(), body.where(), body.orderBy(), body.limit()), fileFormat,
        gzip);
    TableReads reads = engine.storageServices().reads();
    if (Boolean.TRUE.equals(body.async())) {
      Views.JobView job = Views.JobView.of(reads.exportAsJob(request.principal(), r));
      return ApiResponse.accepted(job).withHeader("Location", job.url());
    }
    TableReads.Export export = reads.export(request.principal(), r);
    return download(export.file(), export.fileName(), export::close)
        .withHeader("X-Floe-Rows", Long.toString(export.rows()));
  }

  /** Streams a file as an attachment, then runs {@code after}. */
  static ApiResponse download(Path file, String name, Runnable after) {
    String type = name.endsWith(".parquet") ? PARQUET
        : name.endsWith(".gz") ? "application/gzip" : "text/csv; charset=utf-8";
    return ApiResponse.stream(type, out -> {
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(out);
      } finally {
        after.run();
      }
    }).withHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  }
}

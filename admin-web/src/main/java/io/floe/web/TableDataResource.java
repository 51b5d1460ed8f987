package io.floe.web;

import io.floe.engine.Engine;
import io.floe.engine.catalog.JobRecord;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import io.floe.engine.service.TableImportService;
import io.floe.engine.service.TableQuery;
import io.floe.engine.service.TableReadService;
import io.floe.engine.service.TableService;
import io.floe.engine.session.CopyTarget;
import io.floe.engine.sql.ResultColumn;
import io.floe.engine.storage.CsvOptions;
import io.floe.engine.storage.TableImporter;
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
import java.util.Optional;

/** A table's data: {@code preview}, {@code import} and {@code export} under a table. */
final class TableDataResource {
  static final String PARQUET = "application/vnd.apache.parquet";
  private static final String TABLE = TablesResource.TABLE;

  private final Engine engine;
  private final Uploads uploads;
  private final WebConfig config;

  TableDataResource(Engine engine, Uploads uploads, WebConfig config) {
    this.engine = engine;
    this.uploads = uploads;
    this.config = config;
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
        new Route(HttpMethod.POST, TABLE + "/import",
            "Load a CSV or Parquet file, fully or incrementally; big files run as a job (202)", true,
            this::importData)
            .upload("text/csv", PARQUET, "application/octet-stream")
            .query("incremental", "boolean", "upsert by primary key (append without one) instead of replacing")
            .query("format", "string", "csv or parquet (default: from Content-Type, else csv)")
            .query("delimiter", "string", "CSV field separator (default ,)")
            .query("enclosure", "string", "CSV quote character (default \\\")")
            .query("escaped_by", "string", "CSV escape character inside quotes (default: the quote)")
            .query("header", "boolean", "whether the first CSV line names the columns (default true)")
            .query("columns", "string", "for CSV without header: the table columns the fields fill")
            .query("null_marker", "string", "unquoted CSV value read as NULL; repeatable (default: empty)")
            .query("async", "boolean", "run as a job whatever the size"),
        new Route(HttpMethod.POST, TABLE + "/export",
            "Export to CSV or Parquet (optionally gzip), filtered, sorted, limited; async as a job",
            true, this::export)
            .body(ExportRequest.class).produces("text/csv", "application/gzip", PARQUET));
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
    TableReadService.Preview preview = engine.storageApi().reads().preview(request.principal(),
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

  // ---- import ----------------------------------------------------------------------------------

  private ApiResponse importData(ApiRequest request) {
    boolean parquet = isParquet(request);
    CsvOptions options = parquet ? null : csvOptions(request);
    List<String> columns = csvColumns(request);
    boolean incremental = request.queryFlag("incremental");
    boolean forceAsync = request.queryFlag("async");
    String projectId = request.param("id");
    // Checked before the upload is read, so a token that may not write wastes no transfer.
    engine.storageApi().imports().writableTable(request.principal(), projectId,
        request.param("bucket"), request.param("table"));
    Path file = uploads.save(request.body(), parquet ? ".parquet" : ".csv");
    TableImporter.Source source = parquet ? new TableImporter.ParquetSource(file)
        : new TableImporter.CsvSource(file, options, columns);
    TableImportService.ImportRequest r = new TableImportService.ImportRequest(projectId,
        request.param("bucket"), request.param("table"), source, incremental);
    long size = size(file);
    if (forceAsync || size > config.asyncImportBytes()) {
      JobRecord job = engine.storageApi().imports().importAsJob(request.principal(), r,
          () -> Uploads.delete(file));
      return ApiResponse.accepted(Views.JobView.of(job)).withHeader("Location", Views.JobView.of(job).url());
    }
    try {
      TableService.ImportResult result = engine.storageApi().imports().importNow(request.principal(), r);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("table", Views.TableView.of(result.table(), result.table().bucketName(), projectId));
      body.put("imported_rows", result.importedRows());
      body.put("total_rows", result.totalRows());
      return ApiResponse.ok(body);
    } finally {
      Uploads.delete(file);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the upload", e);
    }
  }

  private static boolean isParquet(ApiRequest request) {
    String contentType = request.header("content-type").orElse("text/csv").toLowerCase(Locale.ROOT);
    Optional<String> format = request.query("format").map(f -> f.toLowerCase(Locale.ROOT));
    if (format.isPresent()) {
      return switch (format.get()) {
        case "csv" -> false;
        case "parquet" -> true;
        default -> throw FloeException.invalid("format must be 'csv' or 'parquet'");
      };
    }
    if (contentType.startsWith(PARQUET) || contentType.startsWith("application/x-parquet")) {
      return true;
    }
    if (contentType.startsWith("text/csv") || contentType.startsWith("application/octet-stream")
        || contentType.startsWith("text/plain")) {
      return false;
    }
    throw FloeException.invalid("send the data as text/csv or " + PARQUET + ", not " + contentType);
  }

  static CsvOptions csvOptions(ApiRequest request) {
    CsvOptions d = CsvOptions.DEFAULT;
    Optional<String> nulls = request.query("null_marker");
    return new CsvOptions(
        request.query("delimiter").orElse(d.delimiter()),
        request.query("enclosure").orElse(d.quote()),
        request.query("escaped_by").orElse(request.query("enclosure").orElse(d.escape())),
        request.query("header").isEmpty() || request.queryFlag("header"),
        nulls.isPresent() ? request.queryAll("null_marker") : d.nullStrings());
  }

  private static List<String> csvColumns(ApiRequest request) {
    List<String> columns = new ArrayList<>();
    for (String value : request.queryAll("columns")) {
      for (String c : value.split(",")) {
        if (!c.isBlank()) {
          columns.add(c.strip());
        }
      }
    }
    return columns;
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
    TableReadService.ExportRequest r = new TableReadService.ExportRequest(request.param("id"),
        request.param("bucket"), request.param("table"),
        TableQueries.fromBody(body.columns(), body.where(), body.orderBy(), body.limit()), fileFormat,
        gzip);
    TableReadService reads = engine.storageApi().reads();
    if (Boolean.TRUE.equals(body.async())) {
      Views.JobView job = Views.JobView.of(reads.exportAsJob(request.principal(), r));
      return ApiResponse.accepted(job).withHeader("Location", job.url());
    }
    TableReadService.Export export = reads.export(request.principal(), r);
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

package io.floe.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.CsvOptions;
import io.floe.engine.api.admin.CsvSource;
import io.floe.engine.api.admin.ImportSource;
import io.floe.engine.api.admin.ParquetSource;
import io.floe.engine.api.admin.TableImports;
import io.floe.engine.api.admin.Tables;
import io.floe.engine.api.catalog.JobRecord;
import io.floe.engine.api.catalog.TableDef;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.Json;
import io.floe.http.Route;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Imports of an upload, into a table or into a dev branch's copy of it; both import routes use
 * this one translation, with the same options. The format and CSV dialect come from the query and
 * {@code Content-Type}; the caller's write access is checked before the body is read; the body is
 * streamed to disk under the upload limit; big uploads (or {@code async=true}) run as a job (202).
 */
final class UploadImports {
  static final String PARQUET = "application/vnd.apache.parquet";

  /**
   * Media types read as CSV. A body without a {@code Content-Type} and curl's default for
   * {@code --data-binary} ({@code application/x-www-form-urlencoded}) are CSV too: the body is the
   * file either way, never form fields.
   */
  static final List<String> CSV_TYPES = List.of("text/csv", "text/plain", "application/octet-stream",
      "application/x-www-form-urlencoded");
  static final List<String> PARQUET_TYPES = List.of(PARQUET, "application/x-parquet");

  private final Floe engine;
  private final Uploads uploads;
  private final WebConfig config;

  UploadImports(Floe engine, Uploads uploads, WebConfig config) {
    this.engine = engine;
    this.uploads = uploads;
    this.config = config;
  }

  /**
   * {@code route} as an import: its body types and size limit ({@code --max-upload-size}), options
   * and the job answer.
   */
  Route document(Route route) {
    return route.orStatus(202)
        .upload(config.maxUploadBytes(), java.util.stream.Stream.concat(CSV_TYPES.stream(), PARQUET_TYPES.stream())
            .toArray(String[]::new))
        .query("incremental", "boolean", "upsert by primary key (append without one) instead of replacing")
        .query("format", "string", "csv or parquet (default: from Content-Type, else csv)")
        .query("delimiter", "string", "CSV field separator (default ,)")
        .query("enclosure", "string", "CSV quote character (default \\\")")
        .query("escaped_by", "string", "CSV escape character inside quotes (default: the quote)")
        .query("header", "boolean", "whether the first CSV line names the columns (default true)")
        .query("columns", "string", "the table columns the file brings, comma-separated: without "
            + "a CSV header the columns its fields fill; with one (or Parquet) the file's columns. "
            + "Needed to leave nullable columns out (they load as NULL)")
        .query("null_marker", "string", "unquoted CSV value read as NULL; repeatable (default: empty)")
        .query("async", "boolean", "run as a job whatever the size");
  }

  /**
   * Answers an import request.
   *
   * @param branch the dev branch (id or name) whose copy to load, or null for the table itself
   */
  ApiResponse handle(ApiRequest request, String branch) {
    boolean parquet = isParquet(request);
    CsvOptions options = parquet ? null : csvOptions(request);
    List<String> columns = csvColumns(request);
    boolean incremental = request.queryFlag("incremental");
    boolean forceAsync = request.queryFlag("async");
    String projectId = request.param("id");
    String bucket = request.param("bucket");
    String table = request.param("table");
    TableImports imports = engine.storageServices().imports();
    // Checked before the upload is read, so a token that may not write wastes no transfer and no
    // disk space.
    imports.writableTable(request.principal(), projectId, branch, bucket, table);
    Path file = uploads.save(request.body(), parquet ? ".parquet" : ".csv");
    ImportSource source = parquet ? new ParquetSource(file, columns)
        : new CsvSource(file, options, columns);
    TableImports.ImportRequest r = new TableImports.ImportRequest(projectId, branch,
        bucket, table, source, incremental);
    long size = size(file);
    if (forceAsync || size > config.asyncImportBytes()) {
      JobRecord job = imports.importAsJob(request.principal(), r, () -> Uploads.delete(file));
      return accepted(Views.JobView.of(job), forceAsync ? "async=true was asked"
          : "the upload (" + size + " bytes) is larger than the async import threshold ("
              + config.asyncImportBytes() + " bytes)");
    }
    try {
      Tables.ImportResult result = imports.importNow(request.principal(), r);
      TableDef t = result.table();
      Map<String, Object> body = new LinkedHashMap<>();
      if (branch != null) {
        body.put("branch", branch);
        t = new TableDef(t.id(), t.bucketId(), t.projectId(), t.bucketName(), t.name(),
            t.description(), t.columns(), t.primaryKey(), result.totalRows(), result.sizeBytes(),
            t.createdAt(), t.updatedAt());
      }
      body.put("table", Views.TableView.of(t, t.bucketName(), projectId));
      body.put("imported_rows", result.importedRows());
      body.put("total_rows", result.totalRows());
      return ApiResponse.ok(body);
    } finally {
      Uploads.delete(file);
    }
  }

  /** The 202 answer: the job, and a message saying that the import runs as one and where to poll. */
  private static ApiResponse accepted(Views.JobView job, String why) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("message", "the import runs as job " + job.id() + " because " + why
        + "; poll GET " + job.url() + " (?wait=N waits up to N seconds) for its result");
    body.setAll((ObjectNode) Json.MAPPER.valueToTree(job));
    return ApiResponse.accepted(body).withHeader("Location", job.url());
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (java.io.IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the upload", e);
    }
  }

  private static boolean isParquet(ApiRequest request) {
    Optional<String> encoding = request.header("content-encoding")
        .map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty() && !e.equals("identity"));
    if (encoding.isPresent()) {
      throw FloeException.invalid("Content-Encoding " + encoding.get()
          + " is not supported: send the file uncompressed");
    }
    Optional<String> format = request.query("format").map(f -> f.toLowerCase(Locale.ROOT));
    if (format.isPresent()) {
      return switch (format.get()) {
        case "csv" -> false;
        case "parquet" -> true;
        default -> throw FloeException.invalid("format must be 'csv' or 'parquet'");
      };
    }
    String mediaType = request.header("content-type").map(UploadImports::mediaType).orElse("");
    if (PARQUET_TYPES.contains(mediaType)) {
      return true;
    }
    if (mediaType.isEmpty() || CSV_TYPES.contains(mediaType)) {
      return false;
    }
    throw FloeException.invalid("Content-Type " + mediaType + " is not an import format: send CSV as "
        + String.join(", ", CSV_TYPES) + " or without a Content-Type, Parquet as "
        + String.join(" or ", PARQUET_TYPES) + " (or say ?format=csv or ?format=parquet)");
  }

  /** The media type of a {@code Content-Type} value, without parameters such as the charset. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip()
        .toLowerCase(Locale.ROOT);
  }

  private static CsvOptions csvOptions(ApiRequest request) {
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
}

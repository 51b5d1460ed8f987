package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A table's data through real HTTP: CSV dialects and Parquet in, previews with filters, exports to
 * CSV, gzip and Parquet out (read back with DuckDB), and imports and exports as jobs.
 */
class TableDataApiTest {
  static final String B = "/projects/p/buckets/in_c_d/tables";
  static RestClient api;
  static String key;
  static Path scratch;

  @BeforeAll static void setUp() throws IOException {
    // Uploads over 64 KiB run as jobs here, so the job path is exercised with small files.
    api = RestClient.start(new WebConfig(WebConfig.DEFAULT_MAX_UPLOAD_BYTES, 64 * 1024));
    key = api.project("p");
    scratch = Files.createTempDirectory("floe-data-test");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_d\"}"), 201);
    api.ok(api.post(B, key, "{\"name\":\"orders\",\"primary_key\":[\"id\"],\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"region\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(12,2)\"},{\"name\":\"at\",\"type\":\"TIMESTAMP\"}]}"), 201);
    StringBuilder csv = new StringBuilder("id,region,amount,at\n");
    for (int i = 1; i <= 250; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? "EU" : i % 3 == 1 ? "US" : "")
          .append(',').append(i).append(".50,2024-01-01 00:00:").append(String.format("%02d", i % 60))
          .append('\n');
    }
    api.ok(api.csv(B + "/orders/import", key, csv.toString()), 200);
  }

  @AfterAll static void tearDown() {
    api.close();
    io.floe.engine.testing.TestEngine.deleteRecursively(scratch);
  }

  static String where(String json) {
    return URLEncoder.encode(json, StandardCharsets.UTF_8);
  }

  // ---- preview -----------------------------------------------------------------------------------

  @Test void previewDefaultsTo100RowsAndAllowsAtMost1000() {
    assertThat(api.get(B + "/orders/preview", key).json().get("rows")).hasSize(100);
    assertThat(api.get(B + "/orders/preview?limit=1000", key).json().get("rows")).hasSize(250);
    assertThat(api.get(B + "/orders/preview?limit=1001", key).status()).isEqualTo(400);
    assertThat(api.get(B + "/orders/preview?limit=0", key).status()).isEqualTo(400);
  }

  @Test void previewFiltersSortsAndSelectsColumns() {
    JsonNode p = api.ok(api.get(B + "/orders/preview?columns=id,amount&order_by=amount:desc&limit=3"
        + "&where=" + where("[{\"column\":\"region\",\"operator\":\"eq\",\"values\":[\"EU\"]},"
        + "{\"column\":\"id\",\"operator\":\"lt\",\"values\":[100]}]"), key), 200).json();
    assertThat(RestClient.each(p.get("columns"), "name")).containsExactly("id", "amount");
    assertThat(RestClient.each(p.get("rows"), "id")).containsExactly("99", "96", "93");
    JsonNode any = api.ok(api.post(B + "/orders/preview", key, "{\"where\":[{\"column\":\"id\","
        + "\"operator\":\"eq\",\"values\":[1,2,\"3\"]}],\"order_by\":[{\"column\":\"id\",\"order\":\"desc\"}]}"),
        200).json();
    assertThat(RestClient.each(any.get("rows"), "id")).containsExactly("3", "2", "1");
    JsonNode nulls = api.get(B + "/orders/preview?limit=1000&where="
        + where("[{\"column\":\"region\",\"operator\":\"is_null\"}]"), key).json();
    assertThat(nulls.get("rows")).hasSize(83);
    JsonNode like = api.get(B + "/orders/preview?limit=1000&where="
        + where("[{\"column\":\"region\",\"operator\":\"like\",\"values\":[\"E%\"]},"
        + "{\"column\":\"at\",\"operator\":\"ge\",\"values\":[\"2024-01-01 00:00:57\"]}]"), key).json();
    assertThat(RestClient.each(like.get("rows"), "id")).containsExactly("57", "117", "177", "237");
    JsonNode not = api.get(B + "/orders/preview?limit=1000&where="
        + where("[{\"column\":\"region\",\"operator\":\"ne\",\"values\":[\"EU\",\"US\"]}]"), key).json();
    assertThat(not.get("rows")).isEmpty();
  }

  @Test void previewAsCsv() {
    RestClient.Answer csv = api.ok(api.get(B + "/orders/preview?format=csv&columns=id,region,at&limit=2"
        + "&order_by=id", key), 200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).isEqualTo("id,region,at\n1,US,2024-01-01 00:00:01\n2,,2024-01-01 00:00:02\n");
  }

  @Test void previewRejectsBadQueriesWithCodes() {
    record Case(String query, String error) {}
    for (Case c : List.of(
        new Case("columns=nope", "column_not_found"),
        new Case("columns=id,id", "invalid_argument"),
        new Case("order_by=id:sideways", "invalid_argument"),
        new Case("where=" + where("[{\"column\":\"id\",\"operator\":\"between\",\"values\":[1]}]"), "invalid_argument"),
        new Case("where=" + where("[{\"column\":\"id\",\"operator\":\"gt\",\"values\":[1,2]}]"), "invalid_argument"),
        new Case("where=" + where("[{\"column\":\"id\",\"operator\":\"gt\",\"values\":[\"x\"]}]"), "invalid_data"),
        new Case("where=" + where("[{\"column\":\"id\",\"operator\":\"like\",\"values\":[\"1%\"]}]"), "type_mismatch"),
        new Case("where=" + where("[{\"column\":\"id\",\"operator\":\"eq\",\"values\":[null]}]"), "invalid_argument"),
        new Case("where=" + where("[{\"column\":\"id\",\"op\":\"eq\"}]"), "invalid_argument"),
        new Case("where=" + where("{\"column\":\"id\"}"), "invalid_argument"),
        new Case("where=" + where("[{\"column\":\"x\\\"; drop table orders; --\",\"operator\":\"eq\",\"values\":[1]}]"),
            "column_not_found"),
        new Case("where=%5B", "invalid_argument"),
        new Case("format=xml", "invalid_argument"))) {
      RestClient.Answer a = api.get(B + "/orders/preview?" + c.query(), key);
      assertThat(a.status()).as(c.query() + " -> " + a.body()).isEqualTo(400);
      assertThat(a.error()).as(c.query()).isEqualTo(c.error());
    }
    assertThat(api.get(B + "/orders", key).json().get("row_count").asLong()).isEqualTo(250);
  }

  // ---- import --------------------------------------------------------------------------------------

  @Test void csvDialectsAndNullMarkers() {
    api.ok(api.post(B, key, "{\"name\":\"dialect\",\"columns\":[{\"name\":\"a\",\"type\":\"INTEGER\"},"
        + "{\"name\":\"b\",\"type\":\"VARCHAR\"}]}"), 201);
    api.ok(api.csv(B + "/dialect/import?delimiter=%3B&enclosure=%27&escaped_by=%5C&null_marker=NA",
        key, "b;a\n'x;\\'y';1\nNA;2\n'NA';3\n"), 200);
    JsonNode rows = api.get(B + "/dialect/preview?order_by=a", key).json().get("rows");
    assertThat(rows.get(0).get("b").asText()).isEqualTo("x;'y");
    assertThat(rows.get(1).get("b").isNull()).isTrue();
    assertThat(rows.get(2).get("b").asText()).isEqualTo("NA");
    // Without a header: the table's columns, or the ones named.
    api.ok(api.csv(B + "/dialect/import?header=false", key, "7,seven\n"), 200);
    api.ok(api.csv(B + "/dialect/import?header=false&columns=b,a&incremental=true", key, "eight,8\n"), 200);
    assertThat(RestClient.each(api.get(B + "/dialect/preview?order_by=a", key).json().get("rows"), "b"))
        .containsExactly("seven", "eight");
    RestClient.Answer bad = api.csv(B + "/dialect/import?delimiter=%3B%3B", key, "a\n1\n");
    assertThat(bad.status()).isEqualTo(400);
    RestClient.Answer missing = api.csv(B + "/dialect/import?header=false&columns=a,zz", key, "1,2\n");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.error()).isEqualTo("invalid_data");
  }

  @Test void incrementalUpsertAndAtomicFailure() {
    api.ok(api.post(B, key, "{\"name\":\"upsert\",\"primary_key\":[\"k\"],\"columns\":["
        + "{\"name\":\"k\",\"type\":\"VARCHAR\"},{\"name\":\"n\",\"type\":\"INTEGER\"}]}"), 201);
    api.ok(api.csv(B + "/upsert/import", key, "k,n\na,1\nb,2\n"), 200);
    JsonNode second = api.ok(api.csv(B + "/upsert/import?incremental=true", key, "k,n\nb,20\nc,3\nc,30\n"), 200).json();
    assertThat(second.get("total_rows").asLong()).isEqualTo(3);
    assertThat(RestClient.each(api.get(B + "/upsert/preview?order_by=k", key).json().get("rows"), "n"))
        .containsExactly("1", "20", "30");
    RestClient.Answer bad = api.csv(B + "/upsert/import?incremental=true", key, "k,n\nd,4\ne,five\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).doesNotContain(api.floe.dataDir().toString()).contains("unchanged");
    assertThat(api.get(B + "/upsert", key).json().get("row_count").asLong()).isEqualTo(3);
  }

  @Test void parquetImport() throws Exception {
    api.ok(api.post(B, key, "{\"name\":\"pq\",\"primary_key\":[\"id\"],\"columns\":["
        + "{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"label\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"price\",\"type\":\"DECIMAL(10,2)\"}]}"), 201);
    Path file = scratch.resolve("in.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT range AS id, 'item ' || range AS label, range * 1.25 AS price "
          + "FROM range(1000)) TO '" + file + "' (FORMAT parquet)");
    }
    JsonNode done = api.ok(api.call("POST", B + "/pq/import", key, TableDataResource.PARQUET,
        Files.readAllBytes(file)), 200).json();
    assertThat(done.get("imported_rows").asLong()).isEqualTo(1000);
    JsonNode row = api.get(B + "/pq/preview?where=" + where("[{\"column\":\"id\",\"operator\":\"eq\",\"values\":[7]}]"),
        key).json().get("rows").get(0);
    assertThat(row.get("label").asText()).isEqualTo("item 7");
    assertThat(row.get("price").decimalValue()).isEqualByComparingTo("8.75");
    RestClient.Answer garbage = api.call("POST", B + "/pq/import?format=parquet", key,
        "application/octet-stream", "not parquet at all".getBytes(StandardCharsets.UTF_8));
    assertThat(garbage.status()).as(garbage.body()).isBetween(400, 499);
    assertThat(garbage.body()).doesNotContain(api.floe.dataDir().toString());
    assertThat(api.get(B + "/pq", key).json().get("row_count").asLong()).isEqualTo(1000);
    assertThat(api.call("POST", B + "/pq/import", key, "application/json", "{}".getBytes(StandardCharsets.UTF_8))
        .status()).isEqualTo(400);
  }

  @Test void bigImportsRunAsJobs() {
    api.ok(api.post(B, key, "{\"name\":\"big\",\"columns\":[{\"name\":\"n\",\"type\":\"BIGINT\"},"
        + "{\"name\":\"pad\",\"type\":\"VARCHAR\"}]}"), 201);
    StringBuilder csv = new StringBuilder("n,pad\n");
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append(",padding-padding-padding\n");
    }
    RestClient.Answer accepted = api.ok(api.csv(B + "/big/import", key, csv.toString()), 202);
    JsonNode job = accepted.json();
    assertThat(job.get("id").asText()).startsWith("job_");
    assertThat(job.get("operation").asText()).isEqualTo("table.import");
    JsonNode done = api.ok(api.get("/projects/p/jobs/" + job.get("id").asText() + "?wait=30", key), 200).json();
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
    assertThat(done.get("result").get("imported_rows").asLong()).isEqualTo(5000);
    assertThat(api.get(B + "/big", key).json().get("row_count").asLong()).isEqualTo(5000);
    assertThat(RestClient.each(api.get("/projects/p/jobs", key).json().get("jobs"), "id"))
        .contains(job.get("id").asText());
    // A failing job reports its error; the table is unchanged.
    String failing = api.ok(api.csv(B + "/big/import?async=true", key, "n,pad\nx,y\n"), 202).json()
        .get("id").asText();
    JsonNode failed = api.get("/projects/p/jobs/" + failing + "?wait=30", key).json();
    assertThat(failed.get("status").asText()).isEqualTo("error");
    assertThat(failed.get("error").get("code").asText()).isEqualTo("invalid_data");
    assertThat(failed.get("error").get("message").asText()).doesNotContain(api.floe.dataDir().toString());
    assertThat(api.get(B + "/big", key).json().get("row_count").asLong()).isEqualTo(5000);
    assertThat(api.post("/projects/p/jobs/" + failing + "/cancel", key, null).status()).isEqualTo(409);
    assertThat(api.get("/projects/p/jobs/job_nope", key).status()).isEqualTo(404);
    // Uploads of jobs are removed when the job ends.
    assertThat(api.floe.dataDir().resolve("tmp/uploads").toFile().list()).isEmpty();
  }

  @Test void jobsAreVisibleToTheirTokenAndTheMasterOnly() {
    String writer = api.ok(api.post("/projects/p/tokens", key,
        "{\"bucket_permissions\":{\"in_c_d\":\"write\"}}"), 201).json().get("token").asText();
    String reader = api.ok(api.post("/projects/p/tokens", key,
        "{\"bucket_permissions\":{\"in_c_d\":\"read\"}}"), 201).json().get("token").asText();
    api.ok(api.post(B, key, "{\"name\":\"mine\",\"columns\":[{\"name\":\"n\",\"type\":\"INTEGER\"}]}"), 201);
    String job = api.ok(api.csv(B + "/mine/import?async=true", writer, "n\n1\n"), 202).json().get("id").asText();
    assertThat(api.get("/projects/p/jobs/" + job, writer).status()).isEqualTo(200);
    assertThat(api.get("/projects/p/jobs/" + job, key).status()).isEqualTo(200);
    assertThat(api.get("/projects/p/jobs/" + job, reader).status()).isEqualTo(404);
    assertThat(RestClient.each(api.get("/projects/p/jobs", reader).json().get("jobs"), "id")).doesNotContain(job);
    assertThat(api.csv(B + "/mine/import?async=true", reader, "n\n1\n").status()).isEqualTo(403);
  }

  // ---- export --------------------------------------------------------------------------------------

  @Test void exportCsvWithFiltersOrderAndLimit() {
    RestClient.Answer csv = api.ok(api.post(B + "/orders/export", key, "{\"columns\":[\"id\",\"amount\"],"
        + "\"where\":[{\"column\":\"region\",\"operator\":\"eq\",\"values\":[\"EU\"]}],"
        + "\"order_by\":[{\"column\":\"id\",\"order\":\"desc\"}],\"limit\":3}"), 200);
    assertThat(csv.contentType()).startsWith("text/csv");
    assertThat(csv.body()).isEqualTo("id,amount\n249,249.50\n246,246.50\n243,243.50\n");
  }

  @Test void exportGzipAndParquetReadBackWithDuckDb() throws Exception {
    byte[] gz = api.ok(api.callBytes("POST", B + "/orders/export", key, "{\"gzip\":true,"
        + "\"columns\":[\"id\"],\"order_by\":[{\"column\":\"id\"}],\"limit\":2}"), 200);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("id\n1\n2\n");
    }
    byte[] parquet = api.ok(api.callBytes("POST", B + "/orders/export", key,
        "{\"format\":\"parquet\",\"where\":[{\"column\":\"region\",\"operator\":\"eq\",\"values\":[\"US\"]}]}"), 200);
    Path file = scratch.resolve("out.parquet");
    Files.write(file, parquet);
    assertThat(duckDb("SELECT count(*), sum(amount), min(\"at\")::VARCHAR FROM '" + file + "'"))
        .containsExactly("84", "10584.00", "2024-01-01 00:00:01");
  }

  @Test void exportAsJobThenDownload() throws Exception {
    JsonNode job = api.ok(api.post(B + "/orders/export", key, "{\"async\":true,\"format\":\"parquet\","
        + "\"gzip\":true,\"columns\":[\"id\",\"region\"]}"), 202).json();
    JsonNode done = api.get("/projects/p/jobs/" + job.get("id").asText() + "?wait=30", key).json();
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
    assertThat(done.get("result").get("rows").asLong()).isEqualTo(250);
    assertThat(done.get("result").get("file_url").asText()).endsWith("/file");
    byte[] file = api.ok(api.callBytes("GET", done.get("result").get("file_url").asText(), key, null), 200);
    Path local = scratch.resolve("job.parquet");
    Files.write(local, file);
    assertThat(duckDb("SELECT count(*), count(DISTINCT region) FROM '" + local + "'")).containsExactly("250", "2");
    String other = api.project("q");
    assertThat(api.get(done.get("result").get("file_url").asText(), other).status()).isEqualTo(403);
  }

  @Test void exportRejectsBadRequests() {
    assertThat(api.post(B + "/orders/export", key, "{\"format\":\"xlsx\"}").status()).isEqualTo(400);
    assertThat(api.post(B + "/orders/export", key, "{\"limit\":0}").status()).isEqualTo(400);
    assertThat(api.post(B + "/orders/export", key, "{\"columns\":[\"nope\"]}").status()).isEqualTo(400);
    assertThat(api.post(B + "/orders/export", key, "{\"columns\":[\"nope\"],\"async\":true}").status())
        .isEqualTo(400);
    assertThat(api.post(B + "/nope/export", key, "{}").status()).isEqualTo(404);
    assertThat(api.floe.dataDir().resolve("tmp/exports").toFile().list()).isNullOrEmpty();
  }

  static List<String> duckDb(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      return values;
    }
  }
}

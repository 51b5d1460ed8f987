package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an import answers when the upload is not what the table expects, through real HTTP: a file
 * that leaves out columns, a body of another type, a ragged CSV row, an upload big enough to run
 * as a job.
 */
class ImportAnswersApiTest {
  static final String B = "/projects/p/buckets/in_c_i/tables";
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    // Uploads over 64 KiB run as jobs here, so the job answer is exercised with small files.
    api = RestClient.start(new WebConfig(WebConfig.DEFAULT_MAX_UPLOAD_BYTES, 64 * 1024));
    key = api.project("p");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_i\"}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  /** A table {@code id INTEGER PK, name VARCHAR, note VARCHAR} holding {@code 1,a,x}. */
  static void table(String name) {
    api.ok(api.post(B, key, "{\"name\":\"" + name + "\",\"primary_key\":[\"id\"],\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"name\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"note\",\"type\":\"VARCHAR\"}]}"), 201);
    api.ok(api.csv(B + "/" + name + "/import", key, "id,name,note\n1,a,x\n"), 200);
  }

  static String rows(String table) {
    return api.ok(api.get(B + "/" + table + "/preview?format=csv&order_by=id", key), 200).body();
  }

  @Test void aFileWithoutANullableColumnLoadsOnlyWhenTheColumnsAreNamed() {
    table("partial");
    for (String mode : new String[] {"", "?incremental=true"}) {
      RestClient.Answer refused = api.csv(B + "/partial/import" + mode, key, "id,name\n2,b\n");
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.error()).isEqualTo("invalid_data");
      assertThat(refused.json().get("message").asText())
          .contains("lacks column 'note'").contains("columns=id,name");
    }
    assertThat(rows("partial")).isEqualTo("id,name,note\n1,a,x\n");

    // Named, in any order: the column left out loads as NULL (and a full load replaces the rows).
    api.ok(api.csv(B + "/partial/import?columns=name,id", key, "id,name\n2,b\n"), 200);
    assertThat(rows("partial")).isEqualTo("id,name,note\n2,b,\n");
    api.ok(api.csv(B + "/partial/import?incremental=true&columns=id&columns=note", key,
        "note,id\ny,3\n"), 200);
    assertThat(rows("partial")).isEqualTo("id,name,note\n2,b,\n3,,y\n");

    // The columns named must be the file's; a key column can never be left out.
    RestClient.Answer mismatch = api.csv(B + "/partial/import?columns=id,note", key, "id,name\n4,d\n");
    assertThat(mismatch.status()).as(mismatch.body()).isEqualTo(400);
    assertThat(mismatch.error()).isEqualTo("invalid_data");
    RestClient.Answer noKey = api.csv(B + "/partial/import?columns=name", key, "name\ne\n");
    assertThat(noKey.status()).as(noKey.body()).isEqualTo(400);
    assertThat(noKey.json().get("message").asText()).contains("'id'", "primary key");
    assertThat(rows("partial")).isEqualTo("id,name,note\n2,b,\n3,,y\n");
  }

  @Test void aParquetFileWithoutANullableColumnFollowsTheSameRule() throws Exception {
    table("pq_partial");
    Path file = Files.createTempFile("floe-partial", ".parquet");
    try {
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
        s.execute("COPY (SELECT 5 AS id, 'e' AS name) TO '" + file + "' (FORMAT parquet)");
      }
      byte[] parquet = Files.readAllBytes(file);
      RestClient.Answer refused = api.call("POST", B + "/pq_partial/import", key,
          UploadImports.PARQUET, parquet);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.json().get("message").asText()).contains("lacks column 'note'");
      assertThat(rows("pq_partial")).isEqualTo("id,name,note\n1,a,x\n");
      api.ok(api.call("POST", B + "/pq_partial/import?columns=id,name", key, UploadImports.PARQUET,
          parquet), 200);
      assertThat(rows("pq_partial")).isEqualTo("id,name,note\n5,e,\n");
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test void noContentTypeAndCurlsDefaultAreBothCsv() {
    table("types");
    byte[] csv = "id,name,note\n2,b,y\n".getBytes(StandardCharsets.UTF_8);
    for (String type : new String[] {null, "application/x-www-form-urlencoded", "text/csv; charset=utf-8",
        "text/plain", "application/octet-stream"}) {
      api.ok(api.call("POST", B + "/types/import", key, type, csv), 200);
    }
    assertThat(rows("types")).isEqualTo("id,name,note\n2,b,y\n");

    RestClient.Answer json = api.call("POST", B + "/types/import", key, "application/json", csv);
    assertThat(json.status()).as(json.body()).isEqualTo(400);
    assertThat(json.error()).isEqualTo("invalid_argument");
    assertThat(json.json().get("message").asText()).isEqualTo("Content-Type application/json is not an "
        + "import format: send CSV as text/csv, text/plain, application/octet-stream, "
        + "application/x-www-form-urlencoded or without a Content-Type, Parquet as "
        + "application/vnd.apache.parquet or application/x-parquet (or say ?format=csv or ?format=parquet)");
    RestClient.Answer gzip = api.call("POST", B + "/types/import", key, "text/csv", csv,
        Map.of("Content-Encoding", "gzip"));
    assertThat(gzip.status()).as(gzip.body()).isEqualTo(400);
    assertThat(gzip.json().get("message").asText()).contains("Content-Encoding gzip is not supported");
    assertThat(rows("types")).isEqualTo("id,name,note\n2,b,y\n");
  }

  @Test void aRaggedRowNamesItsLineAndFieldCountsOnly() {
    table("ragged");
    record Case(String csv, String says) {}
    for (Case c : new Case[] {
        new Case("id,name,note\n2,b,y\n3,c\n", "line 3 of the CSV file has 2 fields where 3 are expected"),
        new Case("id,name,note\n2,b,y\n3,c,z\n4,d,w,extra\n",
            "line 4 of the CSV file has 4 fields where 3 are expected")}) {
      RestClient.Answer bad = api.csv(B + "/ragged/import", key, c.csv());
      assertThat(bad.status()).as(bad.body()).isEqualTo(400);
      assertThat(bad.error()).isEqualTo("invalid_data");
      String message = bad.json().get("message").asText();
      assertThat(message).contains(c.says()).contains("unchanged")
          .doesNotContain("null_padding", "ignore_errors", "strict_mode", "Possible fixes", "\n");
    }
    assertThat(rows("ragged")).isEqualTo("id,name,note\n1,a,x\n");
  }

  @Test void aBigUploadSaysItRunsAsAJobAndTheFinishedJobIsAtHundredPercent() {
    table("big");
    StringBuilder csv = new StringBuilder("id,name,note\n");
    for (int i = 1; i <= 5000; i++) {
      csv.append(i).append(",name-").append(i).append(",padding-padding\n");
    }
    RestClient.Answer accepted = api.ok(api.csv(B + "/big/import", key, csv.toString()), 202);
    JsonNode job = accepted.json();
    String url = "/projects/p/jobs/" + job.get("id").asText();
    assertThat(job.get("url").asText()).isEqualTo(url);
    assertThat(accepted.header("Location")).contains(url);
    assertThat(job.get("message").asText())
        .startsWith("the import runs as job " + job.get("id").asText() + " because the upload (")
        .contains("is larger than the async import threshold (65536 bytes)")
        .endsWith("; poll GET " + url + " (?wait=N waits up to N seconds) for its result");
    JsonNode done = api.ok(api.get(url + "?wait=30", key), 200).json();
    assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("success");
    assertThat(done.get("progress").asDouble()).isEqualTo(100.0);
    assertThat(done.get("result").get("total_rows").asLong()).isEqualTo(5000);
    JsonNode listed = api.ok(api.get("/projects/p/jobs", key), 200).json().get("jobs").get(0);
    assertThat(listed.get("id").asText()).isEqualTo(job.get("id").asText());
    assertThat(listed.get("progress").asDouble()).isEqualTo(100.0);

    JsonNode asked = api.ok(api.csv(B + "/big/import?async=true&incremental=true", key,
        "id,name,note\n9999,z,z\n"), 202).json();
    assertThat(asked.get("message").asText()).contains("because async=true was asked");
  }
}

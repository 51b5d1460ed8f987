package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
}

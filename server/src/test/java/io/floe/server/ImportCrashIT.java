package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An import killed midway (SIGKILL to the shipped {@code floe.jar}) leaves the table exactly as it
 * was, and the job it ran in is marked failed when Floe starts again.
 */
class ImportCrashIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final String ADMIN = "crash-test-admin-token-0123";

  static JsonNode call(String method, String url, String token, String contentType,
      HttpRequest.BodyPublisher body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
        .method(method, body).header("Authorization", "Bearer " + token);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(method + " " + url + " -> " + r.body()).isLessThan(300);
    return r.body().isEmpty() ? null : JSON.readTree(r.body());
  }

  static JsonNode json(String method, String url, String token, String body) throws Exception {
    return call(method, url, token, "application/json", body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
  }

  @Test void aKilledImportLeavesTheTableAsItWasAndItsJobFailed() throws Exception {
    Path dir = Files.createTempDirectory("floe-crash");
    try {
      Path data = dir.resolve("data");
      Path csv = dir.resolve("big.csv");
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
        s.execute("COPY (SELECT range AS id, md5(range::VARCHAR) AS v FROM range(4000000)) TO '"
            + csv + "' (HEADER)");
      }
      Map<String, String> env = Map.of("FLOE_ADMIN_TOKEN", ADMIN, "FLOE_HTTP_PORT", "0",
          "FLOE_DATA_DIR", data.toString(), "FLOE_DUCKDB_THREADS", "2");
      String job;
      String tables = "/projects/p/buckets/in_c_crash/tables";
      ServerJarIT.Started first = ServerJarIT.start(dir, env);
      try {
        String url = first.httpUrl();
        String key = json("POST", url + "/projects", ADMIN, "{\"id\":\"p\"}").get("api_key").asText();
        json("POST", url + "/projects/p/buckets", key, "{\"name\":\"in_c_crash\"}");
        json("POST", url + tables, key, "{\"name\":\"t\",\"primary_key\":[\"id\"],\"columns\":["
            + "{\"name\":\"id\",\"type\":\"BIGINT\"},{\"name\":\"v\",\"type\":\"VARCHAR\"}]}");
        call("POST", url + tables + "/t/import", key, "text/csv",
            HttpRequest.BodyPublishers.ofString("id,v\n-1,a\n-2,b\n-3,c\n"));
        job = call("POST", url + tables + "/t/import?incremental=true&async=true", key, "text/csv",
            HttpRequest.BodyPublishers.ofFile(csv)).get("id").asText();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String status = "waiting";
        while (status.equals("waiting") && System.nanoTime() < deadline) {
          status = json("GET", url + "/projects/p/jobs/" + job, key, null).get("status").asText();
          Thread.sleep(10);
        }
        assertThat(status).isEqualTo("processing");
        Thread.sleep(300);
        assertThat(json("GET", url + "/projects/p/jobs/" + job, key, null).get("status").asText())
            .as("the import must still run when Floe is killed").isEqualTo("processing");
      } finally {
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
      }
      try (ServerJarIT.Started second = ServerJarIT.start(dir, env)) {
        String url = second.httpUrl();
        JsonNode failed = json("GET", url + "/projects/p/jobs/" + job, ADMIN, null);
        assertThat(failed.get("status").asText()).isEqualTo("error");
        assertThat(failed.get("error").get("code").asText()).isEqualTo("admin_shutdown");
        JsonNode rows = json("GET", url + tables + "/t/preview?order_by=id", ADMIN, null).get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("id").asLong()).isEqualTo(-3);
        // The table still takes imports, and the interrupted upload is gone.
        call("POST", url + tables + "/t/import?incremental=true", ADMIN, "text/csv",
            HttpRequest.BodyPublishers.ofString("id,v\n1,x\n"));
        assertThat(json("GET", url + "/projects/p/stats", ADMIN, null).get("rows").asLong()).isEqualTo(4);
        assertThat(data.resolve("tmp/uploads").toFile().list()).isEmpty();
      }
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.http.RestHandler;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The storage API of the foundation, through real HTTP: projects, buckets, tables, import, preview. */
class StorageApiTest {
  static RestClient api;
  static String key;

  static final String TABLE = "{\"name\":\"orders\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\",\"nullable\":false},"
      + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"note\",\"type\":\"VARCHAR\"}]}";

  @BeforeAll static void setUp() {
    api = RestClient.start();
    RestClient.Answer created = api.post("/projects", api.admin(), "{\"id\":\"123\",\"name\":\"My Project\"}");
    assertThat(created.status()).isEqualTo(201);
    key = created.json().get("api_key").asText();
    assertThat(key).startsWith("proj_123_admin_");
    assertThat(api.post("/projects/123/buckets", key, "{\"name\":\"in_c_sales\"}").status()).isEqualTo(201);
    assertThat(api.post("/projects/123/buckets/in_c_sales/tables", key, TABLE).status()).isEqualTo(201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  @Test void healthNeedsNoToken() {
    RestClient.Answer health = api.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
    assertThat(health.json().get("version").asText()).as("the version, as built")
        .isEqualTo(io.floe.engine.Engine.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test void everyJsonAnswerEndsWithANewlineAsATerminalExpects() {
    assertThat(api.get("/health", null).body()).endsWith("}\n");
    assertThat(api.get("/projects/nope", api.admin()).body()).as("an error").endsWith("}\n");
    assertThat(api.get("/projects", "not-a-token").body()).as("a refused token").endsWith("}\n");
  }

  @Test void projectKeyIsShownOnlyAtCreation() {
    JsonNode project = api.get("/projects/123", key).json();
    assertThat(project.get("name").asText()).isEqualTo("My Project");
    assertThat(project.has("api_key")).isFalse();
    assertThat(api.get("/projects", api.admin()).json().get("projects")).hasSize(
        (int) api.get("/projects", api.admin()).json().get("projects").size());
  }

  @Test void onlyTheAdminCreatesAndListsAllProjects() {
    assertThat(api.post("/projects", key, "{\"id\":\"x1\"}").status()).isEqualTo(403);
    assertThat(api.post("/projects", null, "{\"id\":\"x1\"}").status()).isEqualTo(401);
    RestClient.Answer bad = api.post("/projects", "wrong-token", "{\"id\":\"x1\"}");
    assertThat(bad.status()).isEqualTo(401);
    assertThat(bad.error()).isEqualTo("unauthenticated");
    List<String> ids = api.get("/projects", key).json().get("projects").findValuesAsText("id");
    assertThat(ids).containsExactly("123");
  }

  @Test void tokensTravelInEitherHeader() {
    assertThat(api.get("/projects/123/buckets", null).status()).isEqualTo(401);
    assertThat(api.call("GET", "/projects/123/buckets", null, null, null,
        java.util.Map.of("X-StorageApi-Token", key)).status()).isEqualTo(200);
    String basic = java.util.Base64.getEncoder().encodeToString(("anyone:" + key).getBytes());
    assertThat(api.call("GET", "/projects/123/buckets", null, null, null,
        java.util.Map.of("Authorization", "Basic " + basic)).status()).isEqualTo(200);
  }

  @Test void anotherProjectsTokenIsDenied() {
    String other = api.post("/projects", api.admin(), "{\"id\":\"other\"}").json().get("api_key").asText();
    RestClient.Answer denied = api.get("/projects/123/buckets", other);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.error()).isEqualTo("access_denied");
    assertThat(api.get("/projects/123/buckets/in_c_sales/tables/orders/preview", other).status())
        .isEqualTo(403);
    assertThat(api.csv("/projects/123/buckets/in_c_sales/tables/orders/import", other, "id\n1\n").status())
        .isEqualTo(403);
  }

  @Test void duplicatesConflict() {
    assertThat(api.post("/projects", api.admin(), "{\"id\":\"123\"}").status()).isEqualTo(409);
    assertThat(api.post("/projects/123/buckets", key, "{\"name\":\"IN_C_SALES\"}").status()).isEqualTo(409);
    RestClient.Answer dup = api.post("/projects/123/buckets/in_c_sales/tables", key, TABLE);
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.error()).isEqualTo("already_exists");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a.b", "a/b", "..", "a b", "a\\\"b", "a'b", "", "x;drop"})
  void badBucketNamesAreRejected(String name) {
    RestClient.Answer a = api.post("/projects/123/buckets", key,
        "{\"name\":\"" + name + "\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.json().get("error").asText()).isIn("invalid_name", "invalid_argument");
  }

  @Test void overlongAndPathTrickNamesAreRejected() {
    String longName = "t".repeat(97);
    assertThat(api.post("/projects/123/buckets/in_c_sales/tables", key,
        TABLE.replace("\"orders\"", "\"" + longName + "\"")).status()).isEqualTo(400);
    for (String path : List.of("/projects/123/buckets/..%2F..%2Fetc/tables",
        "/projects/%2e%2e/buckets", "/projects/123/buckets/a%2Fb")) {
      RestClient.Answer a = api.get(path, key);
      assertThat(a.status()).as(path).isBetween(400, 404);
      assertThat(a.contentType()).startsWith("application/json");
    }
    try (Stream<java.nio.file.Path> files = Files.walk(api.floe.dataDir().getParent(), 1)) {
      assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("etc");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test void malformedBodiesAreRejectedClearly() {
    RestClient.Answer malformed = api.post("/projects/123/buckets", key, "{\"name\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("message").asText()).contains("malformed JSON");
    RestClient.Answer unknown = api.post("/projects/123/buckets", key, "{\"name\":\"x\",\"colour\":\"red\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText()).contains("colour");
    RestClient.Answer wrongType = api.post("/projects/123/buckets", key, "{\"name\":[1,2]}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(api.post("/projects/123/buckets", key, null).status()).isEqualTo(400);
    RestClient.Answer badType = api.post("/projects/123/buckets/in_c_sales/tables", key,
        "{\"name\":\"t2\",\"columns\":[{\"name\":\"a\",\"type\":\"FLOATY\"}]}");
    assertThat(badType.status()).isEqualTo(400);
    assertThat(badType.json().get("message").asText()).contains("unknown column type");
  }

  @Test void oversizedBodiesAre413() {
    String huge = "{\"name\":\"" + "x".repeat(RestHandler.MAX_JSON_BYTES + 10) + "\"}";
    assertThat(api.post("/projects/123/buckets", key, huge).status()).isEqualTo(413);
  }

  @Test void unknownThingsAre404AndWrongMethods405() {
    assertThat(api.get("/projects/nope", api.admin()).status()).isEqualTo(404);
    assertThat(api.get("/projects/123/buckets/nope", key).status()).isEqualTo(404);
    assertThat(api.get("/projects/123/buckets/in_c_sales/tables/nope", key).status()).isEqualTo(404);
    assertThat(api.call("PATCH", "/projects/123/buckets", key, "application/json", new byte[0]).status())
        .isEqualTo(405);
  }

  @Test void importPreviewAndIncrementalUpsert() {
    String path = "/projects/123/buckets/in_c_sales/tables/orders";
    RestClient.Answer first = api.csv(path + "/import", key, "id,amount,note\n1,1.50,a\n2,2.50,b\n");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("imported_rows").asLong()).isEqualTo(2);
    RestClient.Answer second = api.csv(path + "/import?incremental=true", key, "id,amount,note\n2,9.99,B\n3,3.00,c\n");
    assertThat(second.json().get("total_rows").asLong()).isEqualTo(3);
    JsonNode preview = api.get(path + "/preview?limit=2", key).json();
    assertThat(preview.get("columns").findValuesAsText("name")).containsExactly("id", "amount", "note");
    assertThat(preview.get("rows")).hasSize(2);
    JsonNode table = api.get(path, key).json();
    assertThat(table.get("row_count").asLong()).isEqualTo(3);
    assertThat(table.get("primary_key").get(0).asText()).isEqualTo("id");
    assertThat(api.get(path + "/preview?limit=1001", key).status()).isEqualTo(400);
    assertThat(api.get(path + "/preview?limit=abc", key).status()).isEqualTo(400);
  }

  @Test void badCsvChangesNothing() {
    String path = "/projects/123/buckets/in_c_sales/tables/orders";
    api.csv(path + "/import", key, "id,amount,note\n10,1.00,x\n");
    RestClient.Answer bad = api.csv(path + "/import", key, "id,amount,note\n11,not-a-number,y\n");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).isEqualTo("invalid_data");
    assertThat(bad.json().get("message").asText()).contains("unchanged");
    JsonNode preview = api.get(path + "/preview", key).json();
    assertThat(preview.get("rows")).hasSize(1);
    assertThat(preview.get("rows").get(0).get("id").asInt()).isEqualTo(10);
  }

  @Test void deletingRemovesFiles() throws Exception {
    assertThat(api.post("/projects/123/buckets", key, "{\"name\":\"out_c_tmp\",\"stage\":\"out\"}").status())
        .isEqualTo(201);
    assertThat(api.post("/projects/123/buckets/out_c_tmp/tables", key,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"INTEGER\"}]}").status()).isEqualTo(201);
    var file = api.floe.dataDir().resolve("projects/123/out_c_tmp/t.duckdb");
    assertThat(file).exists();
    assertThat(api.delete("/projects/123/buckets/out_c_tmp/tables/t", key).status()).isEqualTo(204);
    assertThat(file).doesNotExist();
    assertThat(api.delete("/projects/123/buckets/out_c_tmp", key).status()).isEqualTo(204);
    assertThat(api.floe.dataDir().resolve("projects/123/out_c_tmp")).doesNotExist();
    assertThat(api.get("/projects/123/buckets/out_c_tmp", key).status()).isEqualTo(404);
  }

  @Test void deletingAProjectRemovesEverything() {
    String k = api.post("/projects", api.admin(), "{\"id\":\"gone\"}").json().get("api_key").asText();
    api.post("/projects/gone/buckets", k, "{\"name\":\"in_c_x\"}");
    api.post("/projects/gone/buckets/in_c_x/tables", k,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"a\",\"type\":\"INTEGER\"}]}");
    assertThat(api.delete("/projects/gone", api.admin()).status()).isEqualTo(204);
    assertThat(api.floe.dataDir().resolve("projects/gone")).doesNotExist();
    assertThat(api.get("/projects/gone", api.admin()).status()).isEqualTo(404);
    assertThat(api.get("/projects/gone", k).status()).isEqualTo(401);
  }
}

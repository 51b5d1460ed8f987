package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Seed 001's project and backend endpoints through real HTTP, with live statistics. */
class ProjectsApiTest {
  static RestClient api;

  @BeforeAll static void setUp() {
    api = RestClient.start();
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  @Test void createListGetUpdateDelete() {
    JsonNode created = api.ok(api.post("/projects", api.admin(),
        "{\"id\":\"crud\",\"name\":\"CRUD\",\"description\":\"first\"}"), 201).json();
    String key = created.get("api_key").asText();
    assertThat(created.get("api_key_id").asText()).startsWith("tok_");
    assertThat(RestClient.each(api.get("/projects", api.admin()).json().get("projects"), "id")).contains("crud");
    assertThat(RestClient.each(api.get("/projects", key).json().get("projects"), "id")).containsExactly("crud");
    JsonNode updated = api.ok(api.put("/projects/crud", key, "{\"description\":\"second\"}"), 200).json();
    assertThat(updated.get("name").asText()).isEqualTo("CRUD");
    assertThat(updated.get("description").asText()).isEqualTo("second");
    assertThat(api.get("/projects/crud", key).json().has("api_key")).isFalse();
    assertThat(api.delete("/projects/crud", key).status()).isEqualTo(204);
    assertThat(api.get("/projects/crud", api.admin()).status()).isEqualTo(404);
  }

  @Test void statsAreLive() {
    String key = api.project("stats");
    JsonNode empty = api.ok(api.get("/projects/stats/stats", key), 200).json();
    assertThat(empty.get("buckets").asInt()).isZero();
    assertThat(empty.get("rows").asLong()).isZero();
    api.ok(api.post("/projects/stats/buckets", key, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/stats/buckets/in_c_a/tables", key,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
    api.ok(api.post("/projects/stats/buckets/in_c_a/tables", key,
        "{\"name\":\"u\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
    api.ok(api.csv("/projects/stats/buckets/in_c_a/tables/t/import", key, "x\n1\n2\n3\n"), 200);
    api.ok(api.csv("/projects/stats/buckets/in_c_a/tables/u/import", key, "x\n4\n"), 200);
    JsonNode stats = api.get("/projects/stats/stats", key).json();
    assertThat(stats.get("buckets").asInt()).isEqualTo(1);
    assertThat(stats.get("tables").asInt()).isEqualTo(2);
    assertThat(stats.get("rows").asLong()).isEqualTo(4);
    assertThat(stats.get("bytes").asLong()).isPositive();
    // A linked bucket counts as linked, its rows only in its own project.
    String other = api.project("stats_src");
    api.ok(api.post("/projects/stats_src/buckets", other, "{\"name\":\"out_c_s\"}"), 201);
    api.ok(api.post("/projects/stats_src/buckets/out_c_s/grant-readonly", other,
        "{\"target_project_id\":\"stats\"}"), 200);
    JsonNode withLink = api.get("/projects/stats/stats", key).json();
    assertThat(withLink.get("linked_buckets").asInt()).isEqualTo(1);
    assertThat(withLink.get("rows").asLong()).isEqualTo(4);
    assertThat(api.get("/projects/stats/stats", other).status()).isEqualTo(403);
  }

  @Test void backendCallsAreForTheAdmin() {
    JsonNode init = api.ok(api.post("/backend/init", api.admin(), null), 200).json();
    assertThat(init.get("status").asText()).isEqualTo("ok");
    assertThat(api.floe.dataDir().resolve("projects")).isDirectory();
    assertThat(api.ok(api.post("/backend/init", api.admin(), null), 200).json().get("status").asText())
        .isEqualTo("ok");
    String key = api.project("backend");
    assertThat(api.post("/backend/init", key, null).status()).isEqualTo(403);
    assertThat(api.post("/backend/remove", key, null).status()).isEqualTo(403);
    assertThat(api.post("/backend/remove", null, null).status()).isEqualTo(401);
    assertThat(api.ok(api.post("/backend/remove", api.admin(), null), 200).json().get("status").asText())
        .isEqualTo("ok");
    assertThat(api.get("/projects/backend", key).status()).as("remove keeps data").isEqualTo(200);
  }

  @Test void bucketsHaveStagesAndDescriptions() {
    String key = api.project("stages");
    JsonNode in = api.ok(api.post("/projects/stages/buckets", key, "{\"name\":\"raw\"}"), 201).json();
    assertThat(in.get("stage").asText()).isEqualTo("in");
    JsonNode out = api.ok(api.post("/projects/stages/buckets", key,
        "{\"name\":\"curated\",\"stage\":\"out\",\"description\":\"for reports\"}"), 201).json();
    assertThat(out.get("stage").asText()).isEqualTo("out");
    assertThat(out.get("description").asText()).isEqualTo("for reports");
    assertThat(out.get("read_only").asBoolean()).isFalse();
    assertThat(api.post("/projects/stages/buckets", key, "{\"name\":\"x\",\"stage\":\"sideways\"}").status())
        .isEqualTo(400);
  }
}

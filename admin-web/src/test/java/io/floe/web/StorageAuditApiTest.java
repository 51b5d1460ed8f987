package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Imports, token changes and sharing land in the audit log beside SQL, with who did them. */
class StorageAuditApiTest {
  static RestClient api;

  @BeforeAll static void setUp() {
    api = RestClient.start();
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static List<JsonNode> auditLines() throws Exception {
    api.floe.engine().audit().flush();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(api.floe.engine().audit().file())) {
      lines.add(new ObjectMapper().readTree(line));
    }
    return lines;
  }

  static JsonNode line(List<JsonNode> lines, String sql) {
    return lines.stream().filter(l -> l.get("sql").asText().equals(sql)).findFirst()
        .orElseThrow(() -> new AssertionError("no audit line '" + sql + "' in " + lines));
  }

  @Test void storageChangesAreAudited() throws Exception {
    String key = api.project("aud");
    api.project("aud_target");
    api.ok(api.post("/projects/aud/buckets", key, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/aud/buckets/in_c_a/tables", key,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
    api.ok(api.csv("/projects/aud/buckets/in_c_a/tables/t/import?incremental=true", key, "x\n1\n2\n"), 200);
    api.csv("/projects/aud/buckets/in_c_a/tables/t/import", key, "x\nnot a number\n");
    JsonNode token = api.ok(api.post("/projects/aud/tokens", key, "{\"description\":\"audited\"}"), 201).json();
    api.ok(api.delete("/projects/aud/tokens/" + token.get("id").asText(), key), 204);
    api.ok(api.post("/projects/aud/buckets/in_c_a/share", key, "{\"target_project_id\":\"aud_target\"}"), 200);

    List<JsonNode> lines = auditLines();
    JsonNode imported = line(lines, "IMPORT CSV INTO aud.in_c_a.t INCREMENTAL");
    assertThat(imported.get("front_end").asText()).isEqualTo("rest");
    assertThat(imported.get("principal").asText()).startsWith("token:tok_");
    assertThat(imported.get("rows").asLong()).isEqualTo(2);
    assertThat(imported.get("outcome").asText()).isEqualTo("ok");
    JsonNode failed = line(lines, "IMPORT CSV INTO aud.in_c_a.t");
    assertThat(failed.get("outcome").asText()).isEqualTo("error");
    assertThat(failed.get("error_code").asText()).isEqualTo("invalid_data");
    line(lines, "CREATE TOKEN IN PROJECT aud");
    line(lines, "REVOKE TOKEN " + token.get("id").asText());
    assertThat(line(lines, "SHARE BUCKET aud.in_c_a WITH aud_target").get("tables").get(0).asText())
        .isEqualTo("aud.in_c_a");
    assertThat(String.join("\n", lines.stream().map(JsonNode::toString).toList()))
        .doesNotContain(key).doesNotContain(token.get("token").asText());
  }

  @Test void workspaceAndBranchLifecycleIsAudited() throws Exception {
    String key = api.project("audws");
    api.ok(api.post("/projects/audws/buckets", key, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/audws/buckets/in_c_a/tables", key,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
    String ws = api.ok(api.post("/projects/audws/workspaces", key, "{}"), 201).json().get("id").asText();
    String password = api.ok(api.post("/projects/audws/workspaces/" + ws + "/credentials/reset", key,
        null), 200).json().get("connection").get("password").asText();
    api.ok(api.post("/projects/audws/workspaces/" + ws + "/clear", key, null), 204);
    api.ok(api.delete("/projects/audws/workspaces/" + ws, key), 204);
    String branch = api.ok(api.post("/projects/audws/branches", key, "{\"name\":\"dev\"}"), 201)
        .json().get("id").asText();
    api.ok(api.csv("/projects/audws/branches/" + branch + "/buckets/in_c_a/tables/t/import", key,
        "x\n1\n2\n3\n"), 200);
    api.ok(api.delete("/projects/audws/branches/" + branch, key), 204);
    String readOnly = api.ok(api.post("/projects/audws/tokens", key,
        "{\"bucket_permissions\":{\"in_c_a\":\"read\"}}"), 201).json().get("token").asText();
    assertThat(api.post("/projects/audws/workspaces", readOnly, "{}").status()).isEqualTo(403);

    List<JsonNode> lines = auditLines();
    JsonNode created = lines.stream().filter(l -> l.get("sql").asText()
        .startsWith("CREATE WORKSPACE audws." + ws)).findFirst().orElseThrow();
    assertThat(created.get("principal").asText()).startsWith("token:tok_");
    assertThat(created.get("front_end").asText()).isEqualTo("rest");
    assertThat(created.get("outcome").asText()).isEqualTo("ok");
    line(lines, "RESET WORKSPACE CREDENTIALS audws." + ws);
    line(lines, "CLEAR WORKSPACE audws." + ws);
    line(lines, "DROP WORKSPACE audws." + ws);
    line(lines, "CREATE BRANCH audws.dev");
    assertThat(line(lines, "IMPORT CSV INTO audws.in_c_a.t ON BRANCH " + branch).get("rows").asLong())
        .isEqualTo(3);
    line(lines, "DROP BRANCH audws." + branch);
    JsonNode refused = lines.stream().filter(l -> l.get("sql").asText().startsWith("CREATE WORKSPACE")
        && l.get("outcome").asText().equals("error")).findFirst().orElseThrow();
    assertThat(refused.get("error_code").asText()).isEqualTo("access_denied");
    assertThat(String.join("\n", lines.stream().map(JsonNode::toString).toList()))
        .doesNotContain(password).doesNotContain(readOnly);
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.http.Route;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The workspace and branch endpoints of seed 004, through real HTTP. */
class WorkspacesApiTest {
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.post("/projects", api.admin(), "{\"id\":\"123\"}").json().get("api_key").asText();
    assertThat(api.post("/projects/123/buckets", key, "{\"name\":\"in_c_sales\"}").status()).isEqualTo(201);
    assertThat(api.post("/projects/123/buckets/in_c_sales/tables", key, StorageApiTest.TABLE).status())
        .isEqualTo(201);
    assertThat(api.csv("/projects/123/buckets/in_c_sales/tables/orders/import", key,
        "id,amount,note\n1,10.00,a\n2,20.00,b\n3,30.00,c\n").status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static long count(String workspaceId, String sql) {
    Principal p = api.floe.engine().workspaces().principal(workspaceId);
    try (EngineSession s = api.floe.engine().openSession(p, "test", SqlFlavor.POSTGRES)) {
      QueryResult r = s.execute(sql, List.of());
      try (RowCursor c = r.cursor()) {
        c.next();
        return ((Number) c.get(0)).longValue();
      }
    }
  }

  @Test void createListDetailLoadClearResetDrop() throws Exception {
    RestClient.Answer created = api.post("/projects/123/workspaces", key,
        "{\"name\":\"My Analysis\",\"ttl_hours\":24,\"size_limit_gb\":10,"
            + "\"preload_tables\":[\"in.c-sales.orders\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode ws = created.json();
    String id = ws.get("id").asText();
    assertThat(id).startsWith("ws_");
    assertThat(ws.get("name").asText()).isEqualTo("My Analysis");
    assertThat(ws.get("project_id").asText()).isEqualTo("123");
    assertThat(ws.get("size_limit_gb").asDouble()).isEqualTo(10.0);
    JsonNode conn = ws.get("connection");
    assertThat(conn.get("database").asText()).isEqualTo("workspace_" + id);
    assertThat(conn.get("username").asText()).startsWith(id + "_");
    String password = conn.get("password").asText();
    assertThat(password).hasSizeGreaterThanOrEqualTo(32);
    assertThat(conn.get("connection_string").asText()).startsWith("postgresql://" + conn.get("username").asText()
        + ":" + password + "@").endsWith("/workspace_" + id + "?sslmode=" + conn.get("ssl_mode").asText());
    assertThat(ws.get("attached_tables").get(0).get("schema").asText()).isEqualTo("in_c_sales");
    assertThat(ws.get("attached_tables").get(0).get("rows").asLong()).isEqualTo(3);
    assertThat(count(id, "select count(*) from orders")).isEqualTo(3);

    // The password is stored only as a SCRAM verifier.
    String verifier = api.floe.engine().catalog().read(tx -> tx.queryOne(
        "SELECT verifier FROM workspace_credentials WHERE workspace_id = ?", rs -> rs.getString(1), id))
        .orElseThrow();
    assertThat(verifier).startsWith("SCRAM-SHA-256$4096:").doesNotContain(password);
    for (String file : List.of("catalog.db", "catalog.db-wal")) {
      java.nio.file.Path path = api.floe.dataDir().resolve(file);
      if (Files.exists(path)) {
        assertThat(new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1))
            .doesNotContain(password);
      }
    }

    JsonNode list = api.get("/projects/123/workspaces", key).json().get("workspaces");
    assertThat(list.findValuesAsText("id")).contains(id);
    JsonNode detail = api.get("/projects/123/workspaces/" + id, key).json();
    assertThat(detail.get("status").asText()).isEqualTo("active");
    assertThat(detail.get("connection").has("password")).isFalse();
    assertThat(detail.get("workspace_objects").get(0).get("name").asText()).isEqualTo("orders");
    assertThat(detail.get("workspace_objects").get(0).get("rows").asLong()).isEqualTo(3);
    assertThat(detail.get("size_bytes").asLong()).isPositive();

    RestClient.Answer load = api.post("/projects/" + "123/workspaces/" + id + "/load", key,
        "{\"tables\":[{\"source\":\"in_c_sales.orders\",\"destination\":\"orders_copy\","
            + "\"columns\":[\"id\",\"amount\"],\"where\":\"amount > 15\"}]}");
    assertThat(load.status()).as(load.body()).isEqualTo(200);
    assertThat(load.json().get("loaded").get(0).get("rows").asLong()).isEqualTo(2);
    assertThat(load.json().get("workspace_size_bytes").asLong()).isPositive();
    assertThat(count(id, "select count(*) from orders_copy")).isEqualTo(2);

    assertThat(api.delete("/projects/123/workspaces/" + id + "/objects/orders_copy", key).status()).isEqualTo(204);
    assertThat(api.delete("/projects/123/workspaces/" + id + "/objects/orders_copy", key).status()).isEqualTo(404);
    assertThat(api.post("/projects/123/workspaces/" + id + "/clear", key, null).status()).isEqualTo(204);
    assertThat(api.get("/projects/123/workspaces/" + id, key).json().get("workspace_objects")).isEmpty();

    RestClient.Answer reset = api.post("/projects/123/workspaces/" + id + "/credentials/reset", key, null);
    assertThat(reset.status()).isEqualTo(200);
    String newPassword = reset.json().get("connection").get("password").asText();
    assertThat(newPassword).isNotEqualTo(password);
    assertThat(api.floe.engine().workspaces().login(conn.get("username").asText()).orElseThrow()
        .verifier().matches(newPassword)).isTrue();
    assertThat(api.floe.engine().workspaces().login(conn.get("username").asText()).orElseThrow()
        .verifier().matches(password)).isFalse();

    assertThat(api.delete("/projects/123/workspaces/" + id, key).status()).isEqualTo(204);
    assertThat(api.get("/projects/123/workspaces/" + id, key).status()).isEqualTo(404);
    assertThat(api.floe.dataDir().resolve("projects/123/_workspaces/" + id + ".duckdb")).doesNotExist();
  }

  @Test void badRequestsAndOtherProjects() {
    assertThat(api.post("/projects/123/workspaces", key, "{\"ttl_hours\":-1}").error())
        .isEqualTo("invalid_argument");
    assertThat(api.post("/projects/123/workspaces", key, "{\"size_limit_gb\":0}").status()).isEqualTo(400);
    assertThat(api.post("/projects/123/workspaces", key, "{\"preload_tables\":[\"in_c_sales.nosuch\"]}")
        .status()).isEqualTo(404);
    String other = api.post("/projects", api.admin(), "{\"id\":\"other1\"}").json().get("api_key").asText();
    String id = api.post("/projects/123/workspaces", key, "{}").json().get("id").asText();
    assertThat(api.get("/projects/123/workspaces/" + id, other).status()).isEqualTo(403);
    assertThat(api.get("/projects/other1/workspaces/" + id, other).status()).isEqualTo(404);
    assertThat(api.post("/projects/123/workspaces", null, "{}").status()).isEqualTo(401);
    api.delete("/projects/123/workspaces/" + id, key);
  }

  @Test void expiredWorkspacesAreReaped() {
    RestClient.Answer created = api.post("/projects/123/workspaces", key, "{\"ttl_hours\":0.00001}");
    String id = created.json().get("id").asText();
    String user = created.json().get("connection").get("username").asText();
    java.nio.file.Path file = api.floe.dataDir().resolve("projects/123/_workspaces/" + id + ".duckdb");
    assertThat(file).exists();
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline
        && api.floe.engine().workspaces().login(user).isPresent()) {
      Thread.onSpinWait();
    }
    assertThat(api.floe.engine().workspaces().login(user)).as("expired logins fail").isEmpty();
    // The sweep the background reaper runs (PgWorkspaceAccessTest shows the reaper at work on its own).
    api.floe.engine().workspaces().reapExpired();
    assertThat(api.get("/projects/123/workspaces/" + id, key).status()).isEqualTo(404);
    assertThat(file).doesNotExist();
  }

  @Test void branchesReadMainUntilTheyWriteAndBranchWorkspacesFollowThem() {
    RestClient.Answer branch = api.post("/projects/123/branches", key, "{\"name\":\"dev\"}");
    assertThat(branch.status()).as(branch.body()).isEqualTo(201);
    String branchId = branch.json().get("id").asText();
    assertThat(api.get("/projects/123/branches", key).json().get("branches").findValuesAsText("name"))
        .contains("dev");
    String base = "/projects/123/branches/" + branchId + "/workspaces";
    RestClient.Answer ws = api.post(base, key, "{\"name\":\"on dev\"}");
    assertThat(ws.status()).as(ws.body()).isEqualTo(201);
    String id = ws.json().get("id").asText();
    assertThat(api.get(base, key).json().get("workspaces").findValuesAsText("id")).containsExactly(id);
    assertThat(api.get(base + "/" + id, key).json().get("branch_id").asText()).isEqualTo(branchId);
    assertThat(api.get("/projects/123/workspaces/" + id, key).status()).isEqualTo(404);
    assertThat(count(id, "select count(*) from in_c_sales.orders")).isEqualTo(3);

    RestClient.Answer write = api.csv("/projects/123/branches/" + branchId
        + "/buckets/in_c_sales/tables/orders/import", key, "id,amount,note\n9,1.00,z\n");
    assertThat(write.status()).as(write.body()).isEqualTo(200);
    assertThat(count(id, "select count(*) from in_c_sales.orders")).isEqualTo(1);
    String mainWs = api.post("/projects/123/workspaces", key, "{}").json().get("id").asText();
    assertThat(count(mainWs, "select count(*) from in_c_sales.orders")).as("main never sees it").isEqualTo(3);
    api.delete("/projects/123/workspaces/" + mainWs, key);

    assertThat(api.delete(base + "/" + id, key).status()).isEqualTo(204);
    assertThat(api.delete("/projects/123/branches/" + branchId, key).status()).isEqualTo(204);
    assertThat(api.get("/projects/123/branches/" + branchId, key).status()).isEqualTo(404);
  }

  /** The success status the API document declares for an operation. */
  static Set<Integer> documented(JsonNode doc, String method, String template) {
    JsonNode op = doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
    Set<Integer> statuses = new HashSet<>();
    op.get("responses").fieldNames().forEachRemaining(code -> {
      if (!code.equals("default")) {
        statuses.add(Integer.parseInt(code));
      }
    });
    return statuses;
  }

  /** Calls a route and checks that it answered with the status the document declares for it. */
  static RestClient.Answer call(JsonNode doc, Set<String> seen, String method, String template,
      Map<String, String> params, String body) {
    String path = template;
    for (Map.Entry<String, String> p : params.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    RestClient.Answer a = api.call(method, path, key, body == null ? null : "application/json",
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    assertThat(documented(doc, method, template)).as(method + " " + template + " -> " + a.body())
        .contains(a.status());
    seen.add(method + " " + template);
    return a;
  }

  @Test void everyWorkspaceAndBranchRouteAnswersWhatTheDocumentSays() {
    JsonNode doc = api.get("/openapi.json", null).json();
    Set<String> seen = new HashSet<>();
    String ws = "/projects/{id}/workspaces";
    String branches = "/projects/{id}/branches";
    String bws = branches + "/{branch}/workspaces";
    Map<String, String> p = new HashMap<>(Map.of("id", "123"));
    String branch = call(doc, seen, "POST", branches, p, "{\"name\":\"docs\"}").json().get("id").asText();
    p.put("branch", branch);
    call(doc, seen, "GET", branches, p, null);
    call(doc, seen, "GET", branches + "/{branch}", p, null);
    for (String base : List.of(ws, bws)) {
      p.put("ws", call(doc, seen, "POST", base, p, "{\"name\":\"doc\"}").json().get("id").asText());
      call(doc, seen, "GET", base, p, null);
      call(doc, seen, "GET", base + "/{ws}", p, null);
      RestClient.Answer loaded = call(doc, seen, "POST", base + "/{ws}/load", p,
          "{\"tables\":[{\"source\":\"in_c_sales.orders\",\"destination\":\"copy\"}]}");
      assertThat(loaded.json().get("loaded").get(0).get("rows").asLong()).isEqualTo(3);
      p.put("name", "copy");
      call(doc, seen, "DELETE", base + "/{ws}/objects/{name}", p, null);
      call(doc, seen, "POST", base + "/{ws}/load", p,
          "{\"tables\":[{\"source\":\"in_c_sales.orders\"}]}");
      call(doc, seen, "POST", base + "/{ws}/clear", p, null);
      assertThat(api.get(base.replace("{id}", "123").replace("{branch}", branch) + "/" + p.get("ws"), key)
          .json().get("workspace_objects")).isEmpty();
      RestClient.Answer reset = call(doc, seen, "POST", base + "/{ws}/credentials/reset", p, null);
      assertThat(reset.json().get("connection").get("password").asText()).hasSizeGreaterThanOrEqualTo(32);
      call(doc, seen, "DELETE", base + "/{ws}", p, null);
    }
    call(doc, seen, "DELETE", branches + "/{branch}", p, null);
    // Every workspace and branch route but the branch import (a CSV upload) was called.
    Set<String> routes = new HashSet<>();
    for (Route r : RestApi.routes(api.floe.engine(), WebConfig.defaults())) {
      if ((r.template().contains("/workspaces") || r.template().contains("/branches"))
          && !r.template().endsWith("/import")) {
        routes.add(r.method() + " " + r.template());
      }
    }
    assertThat(seen).isEqualTo(routes);
  }

  @Test void readOnlyTokensCannotCreateWorkspacesOrBranches() {
    String readOnly = api.ok(api.post("/projects/123/tokens", key,
        "{\"bucket_permissions\":{\"in_c_sales\":\"read\"}}"), 201).json().get("token").asText();
    assertThat(api.post("/projects/123/workspaces", readOnly, "{}").status()).isEqualTo(403);
    assertThat(api.post("/projects/123/branches", readOnly, "{\"name\":\"ro\"}").status()).isEqualTo(403);
    String writer = api.ok(api.post("/projects/123/tokens", key,
        "{\"bucket_permissions\":{\"in_c_sales\":\"write\"}}"), 201).json().get("token").asText();
    RestClient.Answer created = api.post("/projects/123/workspaces", writer, "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    api.delete("/projects/123/workspaces/" + created.json().get("id").asText(), writer);
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.catalog.TableDef;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The statuses the server really answers are the ones its {@code /openapi.json} declares. Every
 * operation the served document lists is called over HTTP, in a scenario where it succeeds, and its
 * status must be one of the operation's declared responses; errors must fall under a declared
 * {@code default} response with the {@code Error} shape. Routes added later are caught too: an
 * operation of the document that the scenario does not call fails the test.
 */
class OpenApiStatusTest {

  static RestClient api;
  static JsonNode doc;
  static final Map<String, String> vars = new HashMap<>();
  /** Operation to the statuses it answered in the scenario. */
  static final Map<String, Set<Integer>> answered = new LinkedHashMap<>();

  @BeforeAll static void setUp() {
    api = RestClient.start();
    doc = api.ok(api.get("/openapi.json", null), 200).json();
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static Set<String> documentedOperations() {
    Set<String> ops = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return ops;
  }

  static JsonNode responses(String operation) {
    String method = operation.substring(0, operation.indexOf(' ')).toLowerCase(Locale.ROOT);
    String template = operation.substring(operation.indexOf(' ') + 1);
    JsonNode op = doc.path("paths").path(template).path(method);
    assertThat(op.isMissingNode()).as(operation + " is in the document").isFalse();
    return op.get("responses");
  }

  /** Asserts that {@code answer} is a status the document declares for {@code operation}. */
  static void assertDeclared(String operation, RestClient.Answer answer) {
    JsonNode responses = responses(operation);
    String what = operation + " answered " + answer.status() + ": " + answer.body();
    if (answer.status() < 400) {
      assertThat(responses.has(Integer.toString(answer.status())))
          .as(what + "; declared: " + responses.properties().stream().map(Map.Entry::getKey).toList())
          .isTrue();
    } else {
      assertThat(responses.has(Integer.toString(answer.status())) || responses.has("default"))
          .as(what).isTrue();
      assertThat(answer.json().path("error").asText()).as(what).isNotEmpty();
      assertThat(answer.json().path("message").asText()).as(what).isNotEmpty();
    }
  }

  /**
   * Calls {@code operation} ("METHOD template") with the template's {@code {names}} filled from
   * the scenario's variables and {@code overrides} ({@code name=value}; {@code ?=a=1&b=2} is the
   * query string); it must succeed, with a status the document declares.
   */
  static RestClient.Answer call(String operation, String token, String contentType, String body,
      String... overrides) {
    String method = operation.substring(0, operation.indexOf(' '));
    String path = operation.substring(operation.indexOf(' ') + 1);
    Map<String, String> values = new HashMap<>(vars);
    for (String o : overrides) {
      values.put(o.substring(0, o.indexOf('=')), o.substring(o.indexOf('=') + 1));
    }
    for (Map.Entry<String, String> v : values.entrySet()) {
      path = path.replace("{" + v.getKey() + "}", v.getValue());
    }
    String query = values.containsKey("?") ? "?" + values.get("?") : "";
    assertThat(path).as(operation + " has every path parameter").doesNotContain("{");
    RestClient.Answer a = api.call(method, path + query, token, body == null ? null : contentType,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).as(operation + " -> " + a.body()).isBetween(200, 299);
    assertDeclared(operation, a);
    answered.computeIfAbsent(operation, k -> new TreeSet<>()).add(a.status());
    return a;
  }

  static RestClient.Answer json(String operation, String token, String body, String... overrides) {
    return call(operation, token, "application/json", body, overrides);
  }

  static RestClient.Answer send(String operation, String token, String... overrides) {
    return call(operation, token, null, null, overrides);
  }

  @Test void everyOperationAnswersAStatusTheDocumentDeclares() throws Exception {
    String admin = api.admin();
    send("GET /health", null);
    send("GET /openapi.json", null);
    send("POST /backend/init", admin);
    send("POST /backend/remove", admin);

    // Projects and tokens.
    String key = json("POST /projects", admin, "{\"id\":\"st\",\"name\":\"Statuses\"}")
        .json().get("api_key").asText();
    String partner = json("POST /projects", admin, "{\"id\":\"partner\"}").json().get("api_key").asText();
    vars.put("id", "st");
    send("GET /projects", admin);
    send("GET /projects/{id}", key);
    json("PUT /projects/{id}", key, "{\"description\":\"d\"}");
    send("GET /projects/{id}/stats", key);
    vars.put("token", json("POST /projects/{id}/tokens", key, "{\"description\":\"t\"}")
        .json().get("id").asText());
    send("GET /projects/{id}/tokens", key);
    send("GET /projects/{id}/tokens/{token}", key);
    send("POST /projects/{id}/tokens/{token}/refresh", key);
    send("GET /tokens/verify", key);

    // Snowflake key-pair users.
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    String publicKey = java.util.Base64.getEncoder().encodeToString(
        rsa.generateKeyPair().getPublic().getEncoded());
    json("POST /projects/{id}/snowflake-users", key, "{\"name\":\"alice\",\"rsa_public_key\":\""
        + publicKey + "\"}");
    send("GET /projects/{id}/snowflake-users", key);
    send("GET /projects/{id}/snowflake-users/{name}", key, "name=ALICE");
    send("DELETE /projects/{id}/snowflake-users/{name}", key, "name=alice");

    // Snowflake connections, against fakesnow through Snowflake's JDBC driver.
    try (io.floe.engine.testing.Fakesnow snowflake = io.floe.engine.testing.Fakesnow.start()) {
      json("POST /projects/{id}/snowflake-connections", key, "{\"name\":\"sf\",\"account\":\"a\","
          + "\"host\":\"127.0.0.1\",\"port\":" + snowflake.port() + ",\"protocol\":\"http\","
          + "\"user\":\"u\",\"password\":\"p\"}");
      send("GET /projects/{id}/snowflake-connections", key);
      vars.put("name", "sf");
      send("GET /projects/{id}/snowflake-connections/{name}", key);
      json("PATCH /projects/{id}/snowflake-connections/{name}", key, "{\"warehouse\":\"w\"}");
      send("POST /projects/{id}/snowflake-connections/{name}/test", key);
      try (java.sql.Connection c = snowflake.connect(); java.sql.Statement s = c.createStatement()) {
        s.execute("create database d");
        s.execute("create schema d.s");
        s.execute("create table d.s.t (x number(38,0))");
      }
      json("POST /projects/{id}/buckets/register", key,
          "{\"name\":\"reg\",\"connection\":\"sf\",\"path\":[\"D\",\"S\"]}");
      vars.put("bucket", "reg");
      send("POST /projects/{id}/buckets/{bucket}/refresh", key);
      send("DELETE /projects/{id}/buckets/{bucket}", key);
      send("DELETE /projects/{id}/snowflake-connections/{name}", key);
    }

    // Buckets, tables, columns, keys.
    vars.put("bucket", "in_c_a");
    json("POST /projects/{id}/buckets", key, "{\"name\":\"in_c_a\"}");
    send("GET /projects/{id}/buckets", key);
    send("GET /projects/{id}/buckets/{bucket}", key);
    json("PUT /projects/{id}/buckets/{bucket}", key, "{\"description\":\"d\"}");
    vars.put("table", "t");
    json("POST /projects/{id}/buckets/{bucket}/tables", key, "{\"name\":\"t\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"v\",\"type\":\"VARCHAR\"}]}");
    send("GET /projects/{id}/buckets/{bucket}/tables", key);
    send("GET /projects/{id}/buckets/{bucket}/tables/{table}", key);
    json("PUT /projects/{id}/buckets/{bucket}/tables/{table}", key, "{\"description\":\"d\"}");
    send("GET /projects/{id}/tables", key);
    json("POST /projects/{id}/buckets/{bucket}/tables/{table}/columns", key,
        "{\"name\":\"extra\",\"type\":\"VARCHAR\"}");
    send("DELETE /projects/{id}/buckets/{bucket}/tables/{table}/columns/{column}", key, "column=extra");
    json("POST /projects/{id}/buckets/{bucket}/tables/{table}/primary-key", key, "{\"columns\":[\"id\"]}");
    send("DELETE /projects/{id}/buckets/{bucket}/tables/{table}/primary-key", key);

    // Data: imports (at once and as a job), previews, profiles, exports (at once and as a job), jobs.
    String importOp = "POST /projects/{id}/buckets/{bucket}/tables/{table}/import";
    assertThat(call(importOp, key, "text/csv", "id,v\n1,a\n2,b\n").status()).isEqualTo(200);
    RestClient.Answer queued = call(importOp, key, "text/csv", "id,v\n3,c\n", "?=incremental=true&async=true");
    assertThat(queued.status()).isEqualTo(202);
    vars.put("job", queued.json().get("id").asText());
    send("GET /projects/{id}/jobs/{job}", key, "?=wait=30");
    send("GET /projects/{id}/jobs", key);
    send("GET /projects/{id}/buckets/{bucket}/tables/{table}/preview", key, "?=limit=2");
    json("POST /projects/{id}/buckets/{bucket}/tables/{table}/preview", key, "{\"limit\":2}");
    send("GET /projects/{id}/buckets/{bucket}/tables/{table}/profile", key, "?=force_refresh=true");
    String exportOp = "POST /projects/{id}/buckets/{bucket}/tables/{table}/export";
    assertThat(json(exportOp, key, "{\"format\":\"csv\"}").status()).isEqualTo(200);
    RestClient.Answer export = json(exportOp, key, "{\"async\":true}");
    assertThat(export.status()).isEqualTo(202);
    send("GET /projects/{id}/jobs/{job}", key, "job=" + export.json().get("id").asText(), "?=wait=30");
    send("GET /projects/{id}/jobs/{job}/file", key, "job=" + export.json().get("id").asText());
    // A job still running when it is cancelled: an export sorting ten million rows.
    json("POST /projects/{id}/buckets/{bucket}/tables", key, "{\"name\":\"big\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"BIGINT\"}]}");
    TableDef big = api.floe.engine().tables().get(api.floe.admin(), "st", "in_c_a", "big");
    api.floe.engine().storage().ensureAttached(big);
    try (Connection c = api.floe.engine().storage().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO " + big.duckDbCatalog()
          + ".main.big SELECT (range * 7919) % 10000019 FROM range(10000000)");
    }
    String slow = json(exportOp, key, "{\"async\":true,\"order_by\":[{\"column\":\"id\"}]}", "table=big")
        .json().get("id").asText();
    send("POST /projects/{id}/jobs/{job}/cancel", key, "job=" + slow);

    // SQL: a statement that finishes and its rows, one dropped, one cancelled while it runs.
    String done = json("POST /projects/{id}/statements", key, "{\"sql\":\"select * from in_c_a.t\"}")
        .json().get("id").asText();
    send("GET /projects/{id}/statements", key);
    send("GET /projects/{id}/statements/{statement}", key, "statement=" + done);
    send("GET /projects/{id}/statements/{statement}/rows", key, "statement=" + done);
    send("DELETE /projects/{id}/statements/{statement}", key, "statement=" + done);
    String running = json("POST /projects/{id}/statements", key, "{\"sql\":\"select count(*) from "
        + "in_c_a.big a, in_c_a.big b where a.id + b.id > -1\",\"wait_seconds\":0}").json().get("id").asText();
    send("POST /projects/{id}/statements/{statement}/cancel", key, "statement=" + running);

    // The audit log: the master token reads its project's entries.
    String entry = send("GET /audit", key, "?=limit=1&outcome=ok").json().get("entries").get(0)
        .get("id").asText();
    send("GET /audit/{entryId}", key, "entryId=" + entry);

    // Metadata of a bucket, a table and a column.
    for (String target : List.of("/projects/{id}/buckets/{bucket}",
        "/projects/{id}/buckets/{bucket}/tables/{table}",
        "/projects/{id}/buckets/{bucket}/tables/{table}/columns/{column}")) {
      String id = json("POST " + target + "/metadata", key,
          "{\"metadata\":[{\"key\":\"k\",\"value\":\"v\"}]}", "column=v")
          .json().get("metadata").get(0).get("id").asText();
      send("GET " + target + "/metadata", key, "column=v");
      send("DELETE " + target + "/metadata/{metadataId}", key, "column=v", "metadataId=" + id);
    }

    // Sharing: share, link, unlink, unshare; grant and revoke read-only access.
    json("POST /projects/{id}/buckets/{bucket}/share", key, "{\"target_project_id\":\"partner\"}");
    send("GET /projects/{id}/buckets/{bucket}/share", key);
    send("GET /projects/{id}/shared-buckets", partner, "id=partner");
    json("POST /projects/{id}/buckets/{bucket}/link", partner,
        "{\"source_project_id\":\"st\",\"source_bucket_name\":\"in_c_a\"}", "id=partner", "bucket=st_a");
    send("DELETE /projects/{id}/buckets/{bucket}/link", partner, "id=partner", "bucket=st_a");
    send("DELETE /projects/{id}/buckets/{bucket}/share", key, "?=target_project_id=partner");
    json("POST /projects/{id}/buckets/{bucket}/grant-readonly", key,
        "{\"target_project_id\":\"partner\",\"link_name\":\"granted\"}");
    send("DELETE /projects/{id}/buckets/{bucket}/grant-readonly", key, "?=target_project_id=partner");

    // Dev branches and workspaces.
    vars.put("branch", json("POST /projects/{id}/branches", key, "{\"name\":\"dev\"}")
        .json().get("id").asText());
    send("GET /projects/{id}/branches", key);
    send("GET /projects/{id}/branches/{branch}", key);
    call("POST /projects/{id}/branches/{branch}/buckets/{bucket}/tables/{table}/import", key,
        "text/csv", "id,v\n9,z\n");
    vars.put("ws", json("POST /projects/{id}/workspaces", key, "{\"name\":\"w\"}").json().get("id").asText());
    send("GET /projects/{id}/workspaces", key);
    send("GET /projects/{id}/workspaces/{ws}", key);
    json("POST /projects/{id}/workspaces/{ws}/load", key,
        "{\"tables\":[{\"source\":\"in_c_a.t\",\"destination\":\"copy\"}]}");
    send("DELETE /projects/{id}/workspaces/{ws}/objects/{name}", key, "name=copy");
    send("POST /projects/{id}/workspaces/{ws}/clear", key);
    send("POST /projects/{id}/workspaces/{ws}/credentials/reset", key);
    send("DELETE /projects/{id}/workspaces/{ws}", key);
    String ws = "ws=" + json("POST /projects/{id}/branches/{branch}/workspaces", key, "{}")
        .json().get("id").asText();
    send("GET /projects/{id}/branches/{branch}/workspaces", key);
    send("GET /projects/{id}/branches/{branch}/workspaces/{ws}", key, ws);
    json("POST /projects/{id}/branches/{branch}/workspaces/{ws}/load", key,
        "{\"tables\":[{\"source\":\"in_c_a.t\",\"destination\":\"copy\"}]}", ws);
    send("DELETE /projects/{id}/branches/{branch}/workspaces/{ws}/objects/{name}", key, ws, "name=copy");
    send("POST /projects/{id}/branches/{branch}/workspaces/{ws}/clear", key, ws);
    send("POST /projects/{id}/branches/{branch}/workspaces/{ws}/credentials/reset", key, ws);
    send("DELETE /projects/{id}/branches/{branch}/workspaces/{ws}", key, ws);
    send("DELETE /projects/{id}/branches/{branch}", key);

    // Deletes, last.
    send("DELETE /projects/{id}/tokens/{token}", key);
    send("DELETE /projects/{id}/buckets/{bucket}/tables/{table}", key);
    send("DELETE /projects/{id}/buckets/{bucket}", key, "?=force=true");
    send("DELETE /projects/{id}", admin);

    Set<String> expected = new TreeSet<>(documentedOperations());
    assertThat(answered.keySet()).as("operations the scenario called").containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test void everyOperationWithSecurityAnswers401WithoutAToken() {
    int protectedOps = 0;
    for (String operation : documentedOperations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String template = operation.substring(operation.indexOf(' ') + 1);
      JsonNode op = doc.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
      String path = template.replaceAll("\\{[^}]+}", "x");
      boolean body = !method.equals("GET") && !method.equals("DELETE");
      RestClient.Answer a = api.call(method, path, null, body ? "application/json" : null,
          body ? "{}".getBytes(StandardCharsets.UTF_8) : null);
      if (op.get("security").isEmpty()) {
        assertThat(a.status()).as(operation + " needs no token -> " + a.body()).isNotEqualTo(401);
      } else {
        protectedOps++;
        assertThat(a.status()).as(operation + " -> " + a.body()).isEqualTo(401);
        assertDeclared(operation, a);
      }
    }
    assertThat(protectedOps).isGreaterThan(50);
  }
}

package io.floe.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** Loads benchmark data into Floe through its storage API, as a user would. */
final class FloeRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  FloeRest(String base) {
    this.base = base;
  }

  private JsonNode send(String method, String path, String token, String contentType,
      HttpRequest.BodyPublisher body, int... expected) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofHours(1))
        .header("Authorization", "Bearer " + token).method(method, body);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    for (int e : expected) {
      if (r.statusCode() == e) {
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
      }
    }
    throw new IOException(method + " " + path + " -> " + r.statusCode() + ": " + r.body());
  }

  /** Creates the project if needed; returns a token of it. */
  String project(String id) throws IOException, InterruptedException {
    JsonNode existing = send("GET", "/projects/" + id, FloeProcess.ADMIN_TOKEN, null,
        HttpRequest.BodyPublishers.noBody(), 200, 404, 403);
    if (existing.has("id")) {
      return FloeProcess.ADMIN_TOKEN;
    }
    send("POST", "/projects", FloeProcess.ADMIN_TOKEN, "application/json",
        HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}"), 201);
    return FloeProcess.ADMIN_TOKEN;
  }

  void bucket(String project, String bucket) throws IOException, InterruptedException {
    send("POST", "/projects/" + project + "/buckets", FloeProcess.ADMIN_TOKEN, "application/json",
        HttpRequest.BodyPublishers.ofString("{\"name\":\"" + bucket + "\"}"), 201, 409);
  }

  /** Row count of a table, or -1 if it does not exist. */
  long rows(String project, String bucket, String table) throws IOException, InterruptedException {
    JsonNode t = send("GET", "/projects/" + project + "/buckets/" + bucket + "/tables/" + table,
        FloeProcess.ADMIN_TOKEN, null, HttpRequest.BodyPublishers.noBody(), 200, 404);
    return t.has("row_count") ? t.get("row_count").asLong() : -1;
  }

  void table(String project, String bucket, TpchData.Table table) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", table.name());
    ArrayNode columns = body.putArray("columns");
    for (TpchData.Column c : table.columns()) {
      columns.addObject().put("name", c.name()).put("type", c.type());
    }
    ArrayNode pk = body.putArray("primary_key");
    table.primaryKey().forEach(pk::add);
    send("POST", "/projects/" + project + "/buckets/" + bucket + "/tables", FloeProcess.ADMIN_TOKEN,
        "application/json", HttpRequest.BodyPublishers.ofString(body.toString()), 201, 409);
  }

  /** Imports a CSV file; a big upload runs as a job, which this waits for. */
  void importCsv(String project, String bucket, String table, Path csv) throws IOException, InterruptedException {
    JsonNode answer = send("POST", "/projects/" + project + "/buckets/" + bucket + "/tables/" + table + "/import",
        FloeProcess.ADMIN_TOKEN, "text/csv", HttpRequest.BodyPublishers.ofFile(csv), 200, 202);
    if (answer.has("imported_rows")) {
      return;
    }
    String job = answer.path("id").asText();
    while (true) {
      JsonNode j = send("GET", "/projects/" + project + "/jobs/" + job + "?wait=60", FloeProcess.ADMIN_TOKEN,
          null, HttpRequest.BodyPublishers.noBody(), 200);
      String status = j.path("status").asText();
      if (status.equals("success")) {
        return;
      }
      if (!status.equals("waiting") && !status.equals("processing")) {
        throw new IOException("import of " + table + " ended " + status + ": " + j.path("error"));
      }
    }
  }

  /** Creates a Snowflake connection of the project, or points an existing one at {@code port}. */
  void snowflakeConnection(String project, String name, String host, int port, String user,
      String password) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("account", "bench")
        .put("host", host).put("port", port).put("protocol", "http").put("user", user)
        .put("password", password);
    JsonNode created = send("POST", "/projects/" + project + "/snowflake-connections",
        FloeProcess.ADMIN_TOKEN, "application/json",
        HttpRequest.BodyPublishers.ofString(body.toString()), 201, 409);
    if (!created.has("name")) { // left by an earlier run, against an emulator now gone
      body.remove("name");
      send("PATCH", "/projects/" + project + "/snowflake-connections/" + name,
          FloeProcess.ADMIN_TOKEN, "application/json",
          HttpRequest.BodyPublishers.ofString(body.toString()), 200);
    }
  }

  /** Registers (or refreshes) a bucket over a Snowflake schema. */
  void registerBucket(String project, String name, String connection, String database,
      String schema) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("name", name).put("connection", connection);
    body.putArray("path").add(database).add(schema);
    JsonNode answer = send("POST", "/projects/" + project + "/buckets/register",
        FloeProcess.ADMIN_TOKEN, "application/json",
        HttpRequest.BodyPublishers.ofString(body.toString()), 201, 409);
    if (!answer.has("bucket")) {
      send("POST", "/projects/" + project + "/buckets/" + name + "/refresh", FloeProcess.ADMIN_TOKEN,
          null, HttpRequest.BodyPublishers.noBody(), 200);
    }
  }

  /** A workspace's PostgreSQL login: what pgjdbc needs to connect. */
  record Workspace(String id, String database, String user, String password) {}

  /**
   * Creates a workspace of the project (its user reads the project's tables), after dropping any
   * workspace an earlier, interrupted run left behind: a project holds only a few.
   */
  Workspace workspace(String project, String name) throws IOException, InterruptedException {
    JsonNode existing = send("GET", "/projects/" + project + "/workspaces", FloeProcess.ADMIN_TOKEN, null,
        HttpRequest.BodyPublishers.noBody(), 200);
    for (JsonNode w : existing.path("workspaces")) {
      if (w.path("name").asText().startsWith("bench_")) {
        dropWorkspace(project, w.path("id").asText());
      }
    }
    JsonNode w = send("POST", "/projects/" + project + "/workspaces", FloeProcess.ADMIN_TOKEN,
        "application/json", HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"), 201);
    JsonNode c = w.path("connection");
    return new Workspace(w.path("id").asText(), c.path("database").asText(), c.path("username").asText(),
        c.path("password").asText());
  }

  void dropWorkspace(String project, String id) throws IOException, InterruptedException {
    send("DELETE", "/projects/" + project + "/workspaces/" + id, FloeProcess.ADMIN_TOKEN, null,
        HttpRequest.BodyPublishers.noBody(), 204);
  }
}

package io.floe.server.sqllogic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The storage API calls the harness needs: projects, buckets, tables and full CSV imports. */
final class FloeRest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  FloeRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A refused call: the HTTP status and Floe's error body. */
  static final class RestException extends RuntimeException {
    RestException(String call, int status, String body) {
      super(call + ": HTTP " + status + " " + body);
    }
  }

  /** Creates a project; returns its master token. */
  String createProject(String adminToken, String id) {
    ObjectNode body = JSON.createObjectNode().put("id", id).put("name", "sqllogictest " + id);
    String answer = call("POST", "/projects", adminToken, "application/json", publisher(body), 201);
    try {
      return JSON.readTree(answer).get("api_key").asText();
    } catch (IOException e) {
      throw new RestException("create project", 201, answer);
    }
  }

  void createBucket(String project, String token, String bucket) {
    call("POST", "/projects/" + project + "/buckets", token, "application/json",
        publisher(JSON.createObjectNode().put("name", bucket)), 201);
  }

  void deleteBucket(String project, String token, String bucket) {
    call("DELETE", "/projects/" + project + "/buckets/" + bucket + "?force=true", token, null,
        HttpRequest.BodyPublishers.noBody(), 0);
  }

  /** Creates a table with {@code columns} (name to Floe type, in order). */
  void createTable(String project, String token, String bucket, String table, Map<String, String> columns) {
    ObjectNode body = JSON.createObjectNode().put("name", table);
    ArrayNode list = body.putArray("columns");
    columns.forEach((name, type) -> list.addObject().put("name", name).put("type", type));
    call("POST", tables(project, bucket), token, "application/json", publisher(body), 201);
  }

  void deleteTable(String project, String token, String bucket, String table) {
    call("DELETE", tables(project, bucket) + "/" + table, token, null,
        HttpRequest.BodyPublishers.noBody(), 0);
  }

  /**
   * A full load: the table's rows become the file's. Large uploads run as a job, which this waits
   * for.
   */
  void importCsv(String project, String token, String bucket, String table, Path csv) {
    String answer;
    try {
      answer = call("POST", tables(project, bucket) + "/" + table + "/import", token, "text/csv",
          HttpRequest.BodyPublishers.ofFile(csv), 0);
    } catch (FileNotFoundException e) {
      throw new IllegalStateException(e);
    }
    try {
      JsonNode job = JSON.readTree(answer);
      while (job.has("status") && job.has("operation")) {
        String status = job.get("status").asText();
        if (status.equals("success")) {
          return;
        }
        if (!status.equals("waiting") && !status.equals("processing")) {
          throw new RestException("import job " + job.get("id").asText(), 200, job.toString());
        }
        job = JSON.readTree(call("GET", "/projects/" + project + "/jobs/" + job.get("id").asText()
            + "?wait=60", token, null, HttpRequest.BodyPublishers.noBody(), 200));
      }
    } catch (IOException e) {
      throw new RestException("import", 200, answer);
    }
  }

  private static String tables(String project, String bucket) {
    return "/projects/" + project + "/buckets/" + URLEncoder.encode(bucket, StandardCharsets.UTF_8)
        + "/tables";
  }

  private static HttpRequest.BodyPublisher publisher(ObjectNode body) {
    return HttpRequest.BodyPublishers.ofString(body.toString());
  }

  /** Calls the API; fails unless the status is {@code expected} (or any 2xx when it is 0). */
  private String call(String method, String path, String token, String contentType,
      HttpRequest.BodyPublisher body, int expected) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofMinutes(2))
        .header("Authorization", "Bearer " + token)
        .method(method, body);
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      boolean ok = expected == 0 ? r.statusCode() / 100 == 2 : r.statusCode() == expected;
      if (!ok) {
        throw new RestException(method + " " + path, r.statusCode(), r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package io.floe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.avatica.AvaticaConfig;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.testing.TestEngine;
import io.floe.pgwire.PgConfig;
import io.floe.web.WebConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A real Floe server on 127.0.0.1, port 0, in a temporary data directory, with an HTTP client. */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();

  final Path dataDir;
  final FloeServer server;

  private TestServer(Path dataDir, FloeServer server) {
    this.dataDir = dataDir;
    this.server = server;
  }

  public static TestServer start() {
    return start(EngineConfig.defaults(tempDir()).withDuckDb("1GB", 2));
  }

  static TestServer start(EngineConfig engine) {
    return start(engine, java.time.Clock.systemUTC());
  }

  /** A server on a clock the test may move (see {@code MovableClock}). */
  static TestServer start(java.time.Clock clock) {
    return start(EngineConfig.defaults(tempDir()).withDuckDb("1GB", 2), clock);
  }

  static TestServer start(EngineConfig engine, java.time.Clock clock) {
    try {
      FloeServer server = FloeServer.start(new ServerConfig(engine, "127.0.0.1", 0, ADMIN_TOKEN,
          AvaticaConfig.defaults(), WebConfig.defaults(),
          PgConfig.defaults(engine.dataDir()).withAddress("127.0.0.1", 0)), clock);
      return new TestServer(engine.dataDir(), server);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Floe", e);
    }
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("floe-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return server.httpUrl();
  }

  public String jdbcUrl() {
    return server.jdbcUrl();
  }

  /** An HTTP answer: status and body. */
  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }
  }

  Answer call(String method, String path, String token, String contentType, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer json(String method, String path, String token, String body) {
    return call(method, path, token, "application/json", body);
  }

  /** Creates a project through REST; returns its API key. */
  String createProject(String id) {
    Answer a = json("POST", "/projects", ADMIN_TOKEN, "{\"id\":\"" + id + "\",\"name\":\"Project " + id + "\"}");
    if (a.status() != 201) {
      throw new IllegalStateException(a.toString());
    }
    return a.json().get("api_key").asText();
  }

  void createBucket(String project, String token, String bucket) {
    Answer a = json("POST", "/projects/" + project + "/buckets", token, "{\"name\":\"" + bucket + "\"}");
    if (a.status() != 201) {
      throw new IllegalStateException(a.toString());
    }
  }

  void createTable(String project, String token, String bucket, String body) {
    Answer a = json("POST", "/projects/" + project + "/buckets/" + bucket + "/tables", token, body);
    if (a.status() != 201) {
      throw new IllegalStateException(a.toString());
    }
  }

  Answer importCsv(String project, String token, String bucket, String table, String csv,
      boolean incremental) {
    return call("POST", "/projects/" + project + "/buckets/" + bucket + "/tables/" + table
        + "/import" + (incremental ? "?incremental=true" : ""), token, "text/csv", csv);
  }

  @Override public void close() {
    server.close();
    TestEngine.deleteRecursively(dataDir);
  }
}

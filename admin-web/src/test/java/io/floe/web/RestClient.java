package io.floe.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.testing.TestEngine;
import io.floe.http.JsonErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The REST API on a real Jetty on 127.0.0.1, port 0, over a real engine; and an HTTP client for it. */
final class RestClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final TestEngine floe;
  private final Server jetty;
  private final String base;

  private RestClient(TestEngine floe, Server jetty, String base) {
    this.floe = floe;
    this.jetty = jetty;
    this.base = base;
  }

  static RestClient start() {
    return start(WebConfig.defaults());
  }

  static RestClient start(WebConfig config) {
    return start(TestEngine.start(), config);
  }

  /** A server whose engine reads time from {@code clock} (token expiry without waiting). */
  static RestClient start(java.time.Clock clock) {
    return start(TestEngine.start(clock), WebConfig.defaults());
  }

  /** A server on an engine with this configuration; the caller owns and deletes its directory. */
  static RestClient start(io.floe.engine.api.EngineConfig engine) {
    return start(TestEngine.start(engine), WebConfig.defaults());
  }

  /** A server on an engine over {@code dataDir}, which the caller owns and deletes. */
  static RestClient start(java.nio.file.Path dataDir, WebConfig config) {
    return start(TestEngine.start(io.floe.engine.api.EngineConfig.defaults(dataDir).withDuckDb("1GB", 2)),
        config);
  }

  private static RestClient start(TestEngine floe, WebConfig config) {
    try {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      jetty.addConnector(connector);
      jetty.setErrorHandler(new JsonErrorHandler());
      jetty.setHandler(new org.eclipse.jetty.server.Handler.Sequence(new ConsoleHandler(),
          RestApi.handler(floe.engine(), config)));
      jetty.start();
      return new RestClient(floe, jetty, "http://127.0.0.1:" + connector.getLocalPort());
    } catch (Exception e) {
      floe.close();
      throw new IllegalStateException(e);
    }
  }

  String admin() {
    return floe.adminToken();
  }

  /** The server's address, for clients other than this one (a raw socket). */
  URI uri() {
    return URI.create(base);
  }

  /** Status, body, content type and headers of one call. */
  record Answer(int status, String body, String contentType, java.net.http.HttpHeaders headers) {
    java.util.Optional<String> header(String name) {
      return headers.firstValue(name);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String error() {
      return json().path("error").asText();
    }
  }

  Answer call(String method, String path, String token, String contentType, byte[] body) {
    return call(method, path, token, contentType, body, java.util.Map.of());
  }

  Answer call(String method, String path, String token, String contentType, byte[] body,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r;
      try {
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException stale) {
        // A kept-alive connection the server had closed after an answer that left a request body
        // unread: the request never reached it, so it is sent once more on a new connection.
        if (!String.valueOf(stale.getMessage()).contains("received no bytes")) {
          throw stale;
        }
        r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      }
      return new Answer(r.statusCode(), r.body(), r.headers().firstValue("content-type").orElse(""),
          r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status and body bytes of one call with a JSON body (for downloads). */
  record Bytes(int status, byte[] body) {}

  Bytes callBytes(String method, String path, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  byte[] ok(Bytes answer, int status) {
    org.assertj.core.api.Assertions.assertThat(answer.status())
        .as(new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(status);
    return answer.body();
  }

  /** The engine's data directory (catalog, table files, audit log). */
  java.nio.file.Path dataDir() {
    return floe.dataDir();
  }

  Answer get(String path, String token) {
    return call("GET", path, token, null, null);
  }

  Answer delete(String path, String token) {
    return call("DELETE", path, token, null, null);
  }

  Answer post(String path, String token, String json) {
    return call("POST", path, token, "application/json",
        json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  Answer patch(String path, String token, String json) {
    return call("PATCH", path, token, "application/json",
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  Answer put(String path, String token, String json) {
    return call("PUT", path, token, "application/json",
        json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  Answer csv(String path, String token, String csv) {
    return call("POST", path, token, "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Creates a project as the admin; returns its master token. */
  String project(String id) {
    return ok(post("/projects", admin(), "{\"id\":\"" + id + "\"}"), 201).json().get("api_key").asText();
  }

  /** The values of {@code field} of each element of a JSON array (not of nested objects). */
  static java.util.List<String> each(JsonNode array, String field) {
    java.util.List<String> values = new java.util.ArrayList<>();
    array.forEach(e -> values.add(e.path(field).asText(null)));
    return values;
  }

  /** Asserts the status of an answer, showing its body if it differs. */
  Answer ok(Answer answer, int status) {
    org.assertj.core.api.Assertions.assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    return answer;
  }

  @Override public void close() {
    try {
      jetty.stop();
    } catch (Exception ignored) {
      // test shutdown
    }
    floe.close();
  }
}

package io.floe.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The router on a real Jetty, with routes of its own: what any front-end built on it gets. */
class RestHandlerTest {
  static TestEngine floe;
  static Server jetty;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  record Echo(String name) {}

  @BeforeAll static void setUp() throws Exception {
    floe = TestEngine.start();
    List<Route> routes = List.of(
        new Route(HttpMethod.GET, "/boom", "Fails inside", false, r -> {
          throw new IllegalStateException("secret detail /var/lib/floe");
        }),
        new Route(HttpMethod.POST, "/echo", "Echoes a name", true,
            r -> ApiResponse.ok(Map.of("name", r.json(Echo.class).name(),
                "caller", r.principal().name()))).body(Echo.class));
    jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    jetty.addConnector(connector);
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setHandler(new RestHandler(new CallerAuthentication(floe.engine().authenticator(), "test"),
        routes));
    jetty.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll static void tearDown() throws Exception {
    jetty.stop();
    floe.close();
  }

  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test void anInternalErrorSaysOnlyThatAndAReference() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/boom")));
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode body = Json.MAPPER.readTree(r.body());
    assertThat(body.get("error").asText()).isEqualTo("internal_error");
    assertThat(body.get("sqlstate").asText()).isEqualTo("XX000");
    String reference = body.get("reference").asText();
    assertThat(reference).matches("[0-9a-f]{16}");
    assertThat(body.get("message").asText()).isEqualTo("internal error (reference " + reference + ")");
    assertThat(r.body()).doesNotContain("secret detail", "IllegalState", "Exception", "\tat ");
  }

  @Test void aDuplicateKeyIs400AndTheRouteDoesNotRun() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
        .header("Authorization", "Bearer " + floe.adminToken())
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\",\"name\":\"b\"}")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(Json.MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("invalid_argument");
    HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
        .header("X-StorageApi-Token", floe.adminToken())
        .header("Authorization", "Bearer " + floe.adminToken())
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"a\"}")));
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(ok.body()).get("caller").asText()).isEqualTo("admin");
  }

  @Test void theOpenApiDocumentDescribesTheEdgesErrorBody() {
    var doc = OpenApiResource.document(new OpenApiResource.Info("t", "d.", t -> "all"),
        List.of(new Route(HttpMethod.GET, "/x", "x", true, r -> ApiResponse.noContent())));
    assertThat(doc.at("/components/schemas/Error/required").toString())
        .isEqualTo("[\"error\",\"sqlstate\",\"message\"]");
    assertThat(doc.at("/paths/~1x/get/tags/0").asText()).isEqualTo("all");
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.http.Route;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /openapi.json} matches the endpoints the server answers, both ways. */
class OpenApiTest {
  static RestClient api;
  static JsonNode doc;
  static List<Route> routes;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    RestClient.Answer answer = api.ok(api.get("/openapi.json", null), 200);
    assertThat(answer.contentType()).startsWith("application/json");
    doc = answer.json();
    routes = RestApi.routes(api.floe.engine(), WebConfig.defaults());
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static Set<String> documentedOperations() {
    Set<String> ops = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(m -> ops.add(m.toUpperCase(Locale.ROOT) + " " + path.getKey()));
    }
    return ops;
  }

  @Test void everyRouteIsDocumentedAndNothingElse() {
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.3");
    Set<String> routed = new HashSet<>();
    routes.forEach(r -> routed.add(r.method() + " " + r.template()));
    assertThat(documentedOperations()).isEqualTo(routed);
    // Seed 001's table, endpoint by endpoint.
    assertThat(routed).contains("GET /health", "POST /backend/init", "POST /backend/remove",
        "POST /projects", "GET /projects", "GET /projects/{id}", "PUT /projects/{id}",
        "DELETE /projects/{id}", "GET /projects/{id}/stats", "GET /projects/{id}/buckets",
        "POST /projects/{id}/buckets", "GET /projects/{id}/buckets/{bucket}",
        "DELETE /projects/{id}/buckets/{bucket}", "POST /projects/{id}/buckets/{bucket}/share",
        "DELETE /projects/{id}/buckets/{bucket}/share", "POST /projects/{id}/buckets/{bucket}/link",
        "DELETE /projects/{id}/buckets/{bucket}/link",
        "POST /projects/{id}/buckets/{bucket}/grant-readonly",
        "DELETE /projects/{id}/buckets/{bucket}/grant-readonly",
        "GET /projects/{id}/buckets/{bucket}/tables", "POST /projects/{id}/buckets/{bucket}/tables",
        "GET /projects/{id}/buckets/{bucket}/tables/{table}",
        "DELETE /projects/{id}/buckets/{bucket}/tables/{table}",
        "GET /projects/{id}/buckets/{bucket}/tables/{table}/preview",
        "POST /projects/{id}/tokens", "GET /tokens/verify", "GET /openapi.json");
  }

  @Test void parametersAndBodiesMatchTheRoutes() {
    for (Route route : routes) {
      JsonNode op = doc.get("paths").get(route.template()).get(route.method().name().toLowerCase(Locale.ROOT));
      assertThat(op.get("summary").asText()).isEqualTo(route.summary());
      List<String> path = new ArrayList<>();
      List<String> query = new ArrayList<>();
      for (JsonNode p : op.get("parameters")) {
        (p.get("in").asText().equals("path") ? path : query).add(p.get("name").asText());
      }
      assertThat(path).as(route.template()).isEqualTo(route.pathParams());
      assertThat(query).as(route.template())
          .isEqualTo(route.doc().query().stream().map(Route.Param::name).toList());
      assertThat(op.get("responses").has(Integer.toString(route.doc().status()))).isTrue();
      assertThat(op.get("security").isEmpty()).isEqualTo(!route.auth());
      if (route.doc().jsonBody() != null) {
        String ref = op.get("requestBody").get("content").get("application/json").get("schema")
            .get("$ref").asText();
        JsonNode schema = doc.at(ref.substring(1));
        List<String> properties = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> components = new ArrayList<>();
        for (var c : route.doc().jsonBody().getRecordComponents()) {
          components.add(c.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT));
        }
        assertThat(properties).as(route.template()).isEqualTo(components);
      }
    }
  }

  @Test void everyDocumentedOperationIsServed() {
    for (String operation : documentedOperations()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "zz");
      RestClient.Answer a = api.call(method, path, api.admin(),
          method.equals("GET") ? null : "application/json", method.equals("GET") ? null : "{}".getBytes());
      assertThat(a.status()).as(operation + " -> " + a.body()).isNotEqualTo(405);
      assertThat(a.status()).as(operation).isLessThan(500);
      if (a.status() == 404) {
        assertThat(a.json().get("message").asText()).as(operation).isNotEqualTo("Not Found");
      }
    }
  }

  @Test void bodiesTheDocumentDescribesAreAccepted() {
    JsonNode create = doc.get("components").get("schemas").get("CreateProject").get("properties");
    assertThat(create.has("id")).isTrue();
    assertThat(create.has("name")).isTrue();
    api.ok(api.post("/projects", api.admin(), "{\"id\":\"doc\",\"name\":\"Doc\",\"description\":\"d\"}"), 201);
    JsonNode token = doc.get("components").get("schemas").get("CreateToken").get("properties");
    assertThat(token.get("bucket_permissions").get("type").asText()).isEqualTo("object");
    assertThat(token.get("expires_in").get("type").asText()).isEqualTo("integer");
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.TestEngine;
import io.floe.http.HttpMethod;
import io.floe.http.RestHandler;
import io.floe.http.Route;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of the API against hostile input: path segments with dots, slashes, {@code ..},
 * quotes, NULs and over-long names; malformed, mistyped and unknown-field bodies; oversized
 * uploads. Every answer is a 4xx JSON error with a code, never a 500, and no file appears outside
 * the data directory.
 */
class BadInputApiTest {
  static final List<String> HOSTILE = List.of("a.b", "..", "..%2F..%2Fetc", "x%27%22y", "a%00b",
      "%2e%2e", "n".repeat(200), "a%20b", "%C3%A9t%C3%A9", "nope");
  static final List<String> BAD_BODIES = List.of("{", "{\"zzz_unknown\":1}", "[1,2]", "\"text\"",
      "{\"name\":{\"nested\":true}}", "", "null", "{\"description\":7.5e400}", "[null]",
      "{\"k\":null}");

  static Path sandbox;
  static Path dataDir;
  static RestClient api;
  static String key;
  static Map<String, String> valid;

  @BeforeAll static void setUp() throws IOException {
    sandbox = Files.createTempDirectory("floe-hostile");
    dataDir = Files.createDirectories(sandbox.resolve("inner").resolve("data"));
    api = RestClient.start(dataDir, new WebConfig(4096, 1024));
    key = api.project("p");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_x\"}"), 201);
    api.ok(api.post("/projects/p/buckets/in_c_x/tables", key,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
    String token = api.ok(api.post("/projects/p/tokens", key, "{}"), 201).json().get("id").asText();
    String job = api.ok(api.csv("/projects/p/buckets/in_c_x/tables/t/import?async=true", key, "x\n1\n"), 202)
        .json().get("id").asText();
    String metadata = api.ok(api.post("/projects/p/buckets/in_c_x/metadata", key,
        "{\"metadata\":[{\"key\":\"k\",\"value\":\"v\"}]}"), 200).json().get("metadata").get(0)
        .get("id").asText();
    String statement = api.ok(api.post("/projects/p/statements", key, "{\"sql\":\"select 1\"}"), 201)
        .json().get("id").asText();
    valid = Map.ofEntries(Map.entry("statement", statement), Map.entry("id", "p"), Map.entry("bucket", "in_c_x"),
        Map.entry("table", "t"), Map.entry("column", "x"), Map.entry("token", token),
        Map.entry("job", job), Map.entry("metadataId", metadata), Map.entry("ws", "ws_missing"),
        Map.entry("branch", "branch_missing"), Map.entry("name", "object_missing"));
  }

  @AfterAll static void tearDown() {
    api.close();
    TestEngine.deleteRecursively(sandbox);
  }

  static List<Route> routes() {
    return RestApi.routes(api.floe.engine(), WebConfig.defaults());
  }

  static String path(Route route, Map<String, String> params) {
    String path = route.template();
    for (Map.Entry<String, String> p : params.entrySet()) {
      path = path.replace("{" + p.getKey() + "}", p.getValue());
    }
    return path;
  }

  static void assertCleanError(RestClient.Answer a, String what) {
    assertThat(a.status()).as(what + " -> " + a.body()).isBetween(400, 499);
    assertThat(a.contentType()).as(what).startsWith("application/json");
    assertThat(a.json().path("error").asText()).as(what + " -> " + a.body()).isNotEmpty();
    assertThat(a.json().path("message").asText()).as(what).isNotEmpty();
  }

  @Test void hostilePathSegmentsAreClean4xxOnEveryRoute() {
    int calls = 0;
    for (Route route : routes()) {
      for (String param : route.pathParams()) {
        for (String hostile : HOSTILE) {
          Map<String, String> params = new HashMap<>(valid);
          params.put(param, hostile);
          String path = path(route, params);
          String contentType = route.doc().bodyTypes().isEmpty() ? "application/json" : "text/csv";
          String body = route.doc().bodyTypes().isEmpty() ? "{}" : "x\n1\n";
          for (String token : new String[] {key, api.admin()}) {
            RestClient.Answer a = callOnce(route, path, token, contentType, body);
            assertCleanError(a, route.method() + " " + path);
            calls++;
          }
        }
      }
    }
    assertThat(calls).isGreaterThan(500);
    assertNoFilesOutsideTheDataDirectory();
  }

  /**
   * One call; when Jetty refuses a URI (a NUL in it) before reading a body, it answers 400 and
   * closes the connection, which the JDK client may see as a reset: then the call is repeated.
   */
  static RestClient.Answer callOnce(Route route, String path, String token, String contentType,
      String body) {
    boolean get = route.method() == HttpMethod.GET;
    try {
      return api.call(route.method().name(), path, token, get ? null : contentType,
          get ? null : body.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.UncheckedIOException reset) {
      return api.call(route.method().name(), path, token, null, null);
    }
  }

  @Test void malformedBodiesAre400OnEveryJsonRoute() {
    int calls = 0;
    for (Route route : routes()) {
      if (route.doc().jsonBody() == null) {
        continue;
      }
      for (String body : BAD_BODIES) {
        RestClient.Answer a = api.call(route.method().name(), path(route, valid), api.admin(),
            "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertCleanError(a, route.method() + " " + route.template() + " with " + body);
        assertThat(a.status()).as(route.template() + " with " + body + " -> " + a.body()).isEqualTo(400);
        calls++;
      }
    }
    assertThat(calls).isGreaterThan(100);
  }

  /**
   * Bodies that put a null where a list or map element goes: {@code [null]} for every list field
   * and {@code {"k": null}} for every map field of a route's body, also one level down (a list of
   * objects whose own fields are lists or maps).
   */
  static List<String> nullElementBodies(Class<?> body) {
    List<String> bodies = new ArrayList<>();
    for (RecordComponent c : body.getRecordComponents()) {
      String field = snake(c.getName());
      for (String inner : nullElements(c.getGenericType())) {
        bodies.add("{\"" + field + "\":" + inner + "}");
      }
      if (List.class.isAssignableFrom(c.getType())
          && c.getGenericType() instanceof ParameterizedType p
          && p.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
        for (RecordComponent e : element.getRecordComponents()) {
          for (String inner : nullElements(e.getGenericType())) {
            bodies.add("{\"" + field + "\":[{\"" + snake(e.getName()) + "\":" + inner + "}]}");
          }
        }
      }
    }
    return bodies;
  }

  private static List<String> nullElements(java.lang.reflect.Type type) {
    if (!(type instanceof ParameterizedType p)) {
      return List.of();
    }
    Class<?> raw = (Class<?>) p.getRawType();
    if (List.class.isAssignableFrom(raw)) {
      java.lang.reflect.Type element = p.getActualTypeArguments()[0];
      return element == String.class || element == Object.class
          ? List.of("[null]", "[\"x\",null]") : List.of("[null]");
    }
    if (Map.class.isAssignableFrom(raw)) {
      return List.of("{\"k\":null}");
    }
    return List.of();
  }

  private static String snake(String name) {
    return name.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
  }

  @Test void nullElementsAre400OnEveryJsonRoute() {
    int calls = 0;
    for (Route route : routes()) {
      if (route.doc().jsonBody() == null) {
        continue;
      }
      for (String body : nullElementBodies(route.doc().jsonBody())) {
        for (String token : new String[] {key, api.admin()}) {
          RestClient.Answer a = api.call(route.method().name(), path(route, valid), token,
              "application/json", body.getBytes(StandardCharsets.UTF_8));
          String what = route.method() + " " + route.template() + " with " + body;
          assertCleanError(a, what);
          assertThat(a.status()).as(what + " -> " + a.body()).isEqualTo(400);
          assertThat(a.json().get("message").asText()).as(what).contains("null");
          calls++;
        }
      }
    }
    assertThat(calls).isGreaterThan(30);
    // The same on the query-parameter form of a preview's filters.
    RestClient.Answer where = api.get("/projects/p/buckets/in_c_x/tables/t/preview?where="
        + URLEncoder.encode("[null]", StandardCharsets.UTF_8), key);
    assertThat(where.status()).as(where.body()).isEqualTo(400);
  }

  @Test void nullElementsAre400InWorkspaceBodies() {
    RestClient.Answer preload = api.post("/projects/p/workspaces", key, "{\"preload_tables\":[null]}");
    assertThat(preload.status()).as(preload.body()).isEqualTo(400);
    String ws = api.ok(api.post("/projects/p/workspaces", key, "{}"), 201).json().get("id").asText();
    try {
      for (String body : List.of("{\"tables\":[null]}",
          "{\"tables\":[{\"source\":\"in_c_x.t\",\"columns\":[null]}]}")) {
        RestClient.Answer load = api.post("/projects/p/workspaces/" + ws + "/load", key, body);
        assertCleanError(load, body);
        assertThat(load.status()).as(body + " -> " + load.body()).isEqualTo(400);
      }
    } finally {
      api.ok(api.delete("/projects/p/workspaces/" + ws, key), 204);
    }
  }

  @Test void wrongTypesNameTheField() {
    RestClient.Answer a = api.post("/projects/p/tokens", key, "{\"bucket_permissions\":[\"in_c_x\"]}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.json().get("message").asText()).contains("bucket_permissions");
    RestClient.Answer b = api.post("/projects/p/buckets/in_c_x/tables", key,
        "{\"name\":\"u\",\"columns\":[{\"name\":\"a\",\"type\":\"INTEGER\",\"nullable\":\"maybe\"}]}");
    assertThat(b.status()).isEqualTo(400);
    assertThat(b.json().get("message").asText()).contains("nullable");
  }

  @Test void oversizedBodiesAre413() {
    RestClient.Answer upload = api.csv("/projects/p/buckets/in_c_x/tables/t/import", key,
        "x\n" + "1\n".repeat(5000));
    assertThat(upload.status()).isEqualTo(413);
    assertThat(upload.error()).isEqualTo("payload_too_large");
    assertThat(dataDir.resolve("tmp/uploads").toFile().list()).isEmpty();
    String huge = "{\"description\":\"" + "x".repeat(RestHandler.MAX_JSON_BYTES) + "\"}";
    assertThat(api.put("/projects/p", key, huge).status()).isEqualTo(413);
  }

  @Test void unknownIdsAre404() {
    assertThat(api.get("/projects/zz", api.admin()).status()).isEqualTo(404);
    assertThat(api.get("/projects/p/tokens/tok_zz", key).status()).isEqualTo(404);
    assertThat(api.get("/projects/p/jobs/job_zz", key).status()).isEqualTo(404);
    assertThat(api.delete("/projects/p/buckets/in_c_x/metadata/999999", key).status()).isEqualTo(404);
    assertThat(api.get("/projects/p/buckets/in_c_x/tables/zz/preview", key).status()).isEqualTo(404);
    assertThat(api.get("/no/such/endpoint", key).status()).isEqualTo(404);
  }

  @Test void refusedUploadsLeaveTheClientsConnectionsUsable() {
    // Refused before the body is read: a small body is drained, a large one closes the connection
    // with "Connection: close"; either way the client's next request must not hit a dead connection.
    for (int i = 0; i < 30; i++) {
      String body = "x\n" + "1\n".repeat(i % 2 == 0 ? 10 : 700_000);
      RestClient.Answer refused = api.csv("/projects/p/buckets/in_c_x/tables/t/import", "not-a-token", body);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(api.get("/projects/p", key).status()).isEqualTo(200);
      assertThat(api.post("/projects/p/buckets/in_c_x/metadata", key,
          "{\"metadata\":[{\"key\":\"k\",\"value\":\"v\"}]}").status()).isEqualTo(200);
    }
  }

  @Test void badTokensAre401() {
    for (String token : List.of("wrong", "x".repeat(5000), "proj_p_" + "A".repeat(43))) {
      RestClient.Answer a = api.get("/projects/p", token);
      assertThat(a.status()).isEqualTo(401);
      assertThat(a.error()).isEqualTo("unauthenticated");
    }
  }

  static void assertNoFilesOutsideTheDataDirectory() {
    try (Stream<Path> top = Files.list(sandbox); Stream<Path> inner = Files.list(sandbox.resolve("inner"))) {
      assertThat(top.map(p -> p.getFileName().toString()).toList()).containsExactly("inner");
      assertThat(inner.map(p -> p.getFileName().toString()).toList()).containsExactly("data");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    List<String> strays = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dataDir.resolve("projects"))) {
      all.filter(Files::isRegularFile).forEach(f -> {
        String name = dataDir.resolve("projects").relativize(f).toString();
        if (!name.matches("p/in_c_x/t\\.duckdb(\\.wal)?")) {
          strays.add(name);
        }
      });
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(strays).isEmpty();
    assertThat(URLEncoder.encode("..", StandardCharsets.UTF_8)).isEqualTo("..");
  }
}

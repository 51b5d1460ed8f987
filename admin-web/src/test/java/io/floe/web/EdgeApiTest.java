package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge as the REST API's callers meet it: strict JSON bodies, one rule for credentials,
 * one error body, and uploads refused by their declared size before they are sent.
 */
class EdgeApiTest {
  static final long MAX_UPLOAD = 4096;
  static RestClient api;
  static String master;

  @BeforeAll static void setUp() {
    api = RestClient.start(new WebConfig(MAX_UPLOAD, 1024));
    master = api.project("p");
    api.ok(api.post("/projects/p/buckets", master, "{\"name\":\"in_c_b\"}"), 201);
    api.ok(api.post("/projects/p/buckets/in_c_b/tables", master,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  private static RestClient.Answer verify(Map<String, String> headers) {
    return api.call("GET", "/tokens/verify", null, null, null, headers);
  }

  private static String basic(String password) {
    return "Basic " + Base64.getEncoder().encodeToString(("any:" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test void aJsonBodyWithADuplicateKeyIs400() {
    RestClient.Answer a = api.post("/projects/p/buckets", master, "{\"name\":\"x\",\"name\":\"y\"}");
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(a.error()).isEqualTo("invalid_argument");
    assertThat(a.json().get("sqlstate").asText()).isEqualTo("22023");
    assertThat(a.json().get("message").asText()).contains("Duplicate field 'name'");
    // Nested objects too, and nothing was created.
    assertThat(api.post("/projects/p/tokens", master,
        "{\"bucket_permissions\":{\"in_c_b\":\"read\",\"in_c_b\":\"write\"}}").status()).isEqualTo(400);
    assertThat(api.get("/projects/p/buckets/x", master).status()).isEqualTo(404);
    assertThat(api.get("/projects/p/buckets/y", master).status()).isEqualTo(404);
  }

  @Test void credentialsThatAgreeAreAcceptedInEveryForm() {
    for (Map<String, String> headers : java.util.List.of(
        Map.of("Authorization", "Bearer " + master),
        Map.of("Authorization", basic(master)),
        Map.of("X-StorageApi-Token", master),
        Map.of("Authorization", "Bearer " + master, "X-StorageApi-Token", master),
        Map.of("Authorization", basic(master), "X-StorageApi-Token", master))) {
      assertThat(verify(headers).status()).as(headers.keySet().toString()).isEqualTo(200);
    }
  }

  @Test void credentialsNamingDifferentTokensAre400NotTheFirstOneWins() {
    String other = api.ok(api.post("/projects/p/tokens", master, "{\"description\":\"other\"}"), 201)
        .json().get("token").asText();
    for (Map<String, String> headers : java.util.List.of(
        Map.of("Authorization", "Bearer " + other, "X-StorageApi-Token", master),
        Map.of("Authorization", basic(master), "X-StorageApi-Token", other),
        Map.of("Authorization", "Bearer nonsense", "X-StorageApi-Token", master))) {
      RestClient.Answer a = verify(headers);
      assertThat(a.status()).as(a.body()).isEqualTo(400);
      assertThat(a.error()).isEqualTo("conflicting_credentials");
      assertThat(a.json().get("sqlstate").asText()).isEqualTo("28000");
      assertThat(a.json().has("hint")).isTrue();
    }
  }

  @Test void missingOrInvalidCredentialsAre401WithAChallenge() {
    for (Map<String, String> headers : java.util.List.<Map<String, String>>of(Map.of(),
        Map.of("Authorization", "Bearer nonsense"), Map.of("X-StorageApi-Token", " "))) {
      RestClient.Answer a = verify(headers);
      assertThat(a.status()).as(a.body()).isEqualTo(401);
      assertThat(a.header("WWW-Authenticate")).hasValue("Bearer realm=\"floe\", Basic realm=\"floe\"");
      assertThat(a.error()).isEqualTo("unauthenticated");
      assertThat(a.json().get("sqlstate").asText()).isEqualTo("28000");
    }
  }

  @Test void errorBodiesAreEscapedJsonWithCodeAndSqlstate() {
    // A name with quotes and a line break comes back inside valid JSON, on one line.
    RestClient.Answer a = api.post("/projects/p/buckets", master, "{\"name\":\"\\\"x\\ny\\\"\"}");
    JsonNode body = a.json();
    assertThat(a.status()).as(a.body()).isEqualTo(400);
    assertThat(body.get("sqlstate").asText()).isEqualTo(
        io.floe.engine.api.ErrorCode.valueOf(body.get("error").asText().toUpperCase(java.util.Locale.ROOT))
            .sqlState());
    assertThat(body.get("message").asText()).as(a.body()).contains("'\"x").contains("y\"'");
    assertThat(a.body().strip()).as("one line").doesNotContain("\n");
    assertThat(a.body()).doesNotContain("\tat ", "Exception");
    // Jetty's own errors use the same body.
    RestClient.Answer method = api.call("PATCH", "/health", null, null, null);
    assertThat(method.status()).isEqualTo(405);
    assertThat(method.json().get("error").asText()).isEqualTo("method_not_allowed");
    assertThat(method.json().has("sqlstate")).isTrue();
  }

  @Test void aTokenLifetimeOfZeroIsRefusedNotEndless() {
    for (String expiresIn : new String[] {"0", "-1"}) {
      RestClient.Answer a = api.post("/projects/p/tokens", master, "{\"expires_in\":" + expiresIn + "}");
      assertThat(a.status()).as(a.body()).isEqualTo(400);
      assertThat(a.json().get("message").asText()).contains("expires_in");
    }
    assertThat(api.ok(api.post("/projects/p/tokens", master, "{\"expires_in\":1}"), 201)
        .json().get("expires_at").isNull()).isFalse();
  }

  @Test void anUploadDeclaredLargerThanTheLimitIs413BeforeItsBodyIsSent() throws Exception {
    try (Socket socket = new Socket(api.uri().getHost(), api.uri().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      // Headers only: the body is never sent, so only an answer that does not wait for it arrives.
      out.write(("POST /projects/p/buckets/in_c_b/tables/t/import HTTP/1.1\r\n"
          + "Host: localhost\r\nAuthorization: Bearer " + master + "\r\n"
          + "Content-Type: text/csv\r\nContent-Length: " + (MAX_UPLOAD + 1) + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.UTF_8));
      assertThat(in.readLine()).startsWith("HTTP/1.1 413");
      // Read up to the error body (the server may keep the connection open for a body that is
      // sent anyway, so not to its end).
      StringBuilder answer = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        answer.append(line).append('\n');
        if (line.contains("payload_too_large")) {
          break;
        }
      }
      assertThat(answer.toString()).containsIgnoringCase("connection: close")
          .contains("\"error\":\"payload_too_large\"", "\"sqlstate\":\"54000\"");
    }
  }
}

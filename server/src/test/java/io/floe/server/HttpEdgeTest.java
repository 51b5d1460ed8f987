package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge as the REST API and the JDBC endpoint share it on one server: one rule for the
 * caller's credentials, and errors that carry SQLSTATE, code and message but never a stack trace,
 * read both from the raw HTTP body and through the real driver.
 */
class HttpEdgeTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ProtobufTranslation PROTOBUF = new ProtobufTranslationImpl();
  static TestServer floe;
  static String token;
  static String other;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("edge");
    other = floe.createProject("edge2");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** Status, headers and body of a POST with exactly these headers. */
  static HttpResponse<byte[]> post(String path, byte[] body, String contentType,
      Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(floe.url() + path))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** A REST call that needs a caller: {@code GET /tokens/verify} with exactly these headers. */
  static HttpResponse<byte[]> verify(Map<String, String> headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(floe.url() + "/tokens/verify"));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  /** One Avatica request in JSON or protobuf, answered with Avatica's response. */
  static Service.Response avatica(Service.Request request, boolean json, Map<String, String> headers)
      throws Exception {
    HttpResponse<byte[]> r = json
        ? post("/avatica", JsonService.MAPPER.writeValueAsBytes(request), "application/json", headers)
        : post("/avatica", PROTOBUF.serializeRequest(request), "application/octet-stream", headers);
    String text = new String(r.body(), java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(text).as("no stack trace").doesNotContain("\tat ", "at org.", "at io.floe",
        "Exception", ".java:");
    return json ? JsonService.MAPPER.readValue(r.body(), Service.Response.class)
        : PROTOBUF.parseResponse(r.body());
  }

  @Test void avaticaErrorsCarrySqlstateCodeAndMessageButNoStackTrace() throws Exception {
    Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
    for (boolean json : new boolean[] {true, false}) {
      String connection = UUID.randomUUID().toString();
      avatica(new Service.OpenConnectionRequest(connection, Map.of()), json, auth);
      Service.CreateStatementResponse statement = (Service.CreateStatementResponse) avatica(
          new Service.CreateStatementRequest(connection), json, auth);
      Service.Response answer = avatica(new Service.PrepareAndExecuteRequest(connection,
          statement.statementId, "select * from no_such_table", -1), json, auth);
      assertThat(answer).isInstanceOf(Service.ErrorResponse.class);
      Service.ErrorResponse error = (Service.ErrorResponse) answer;
      assertThat(error.sqlState).isEqualTo(ErrorCode.NOT_FOUND.sqlState());
      assertThat(error.errorCode).isEqualTo(ErrorCode.NOT_FOUND.vendorCode());
      assertThat(error.errorMessage).contains("no_such_table");
      assertThat(error.exceptions).containsExactly(error.errorMessage);
    }
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token)) {
      assertThatThrownBy(() -> c.createStatement().executeQuery("select * from no_such_table"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo(ErrorCode.NOT_FOUND.sqlState());
            assertThat(e.getErrorCode()).isEqualTo(ErrorCode.NOT_FOUND.vendorCode());
            assertThat(e.getMessage()).contains("no_such_table");
          });
    }
  }

  @Test void restAndJdbcReadCredentialsByOneRule() throws Exception {
    byte[] open = JsonService.MAPPER.writeValueAsBytes(
        new Service.OpenConnectionRequest(UUID.randomUUID().toString(), Map.of()));
    Map<String, String> conflicting = Map.of("Authorization", "Bearer " + token,
        "X-StorageApi-Token", other);
    Map<String, String> agreeing = Map.of("Authorization", "Bearer " + token,
        "X-StorageApi-Token", token);
    Map<String, String> invalid = Map.of("X-StorageApi-Token", "not-a-token");

    HttpResponse<byte[]> rest = verify(conflicting);
    HttpResponse<byte[]> jdbc = post("/avatica", open, "application/json", conflicting);
    assertThat(rest.statusCode()).isEqualTo(400);
    assertThat(jdbc.statusCode()).isEqualTo(400);
    JsonNode restError = JSON.readTree(rest.body());
    JsonNode jdbcError = JSON.readTree(jdbc.body());
    assertThat(restError.get("error").asText()).isEqualTo("conflicting_credentials");
    assertThat(restError.get("sqlstate").asText()).isEqualTo("28000");
    assertThat(jdbcError.get("sqlState").asText()).isEqualTo("28000");
    assertThat(jdbcError.get("errorCode").asInt())
        .isEqualTo(ErrorCode.CONFLICTING_CREDENTIALS.vendorCode());
    assertThat(jdbcError.get("errorMessage").asText()).isEqualTo(restError.get("message").asText()
        + "\nHint: " + restError.get("hint").asText());

    assertThat(verify(agreeing).statusCode()).isEqualTo(200);
    assertThat(post("/avatica", open, "application/json", agreeing).statusCode()).isEqualTo(200);

    for (Map<String, String> headers : java.util.List.<Map<String, String>>of(invalid, Map.of())) {
      HttpResponse<byte[]> restRefused = verify(headers);
      HttpResponse<byte[]> jdbcRefused = post("/avatica", open, "application/json", headers);
      for (HttpResponse<byte[]> r : java.util.List.of(restRefused, jdbcRefused)) {
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate"))
            .hasValue("Bearer realm=\"floe\", Basic realm=\"floe\"");
      }
      assertThat(JSON.readTree(jdbcRefused.body()).get("sqlState").asText()).isEqualTo("28000");
    }
    // The driver reads the refusal's SQLSTATE, code and message from the 401.
    assertThatThrownBy(() -> DriverJar.connect(floe.jdbcUrl(), "not-a-token"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getErrorCode()).isEqualTo(ErrorCode.UNAUTHENTICATED.vendorCode());
          assertThat(e.getMessage()).isEqualTo("invalid, expired or revoked token");
        });
  }
}

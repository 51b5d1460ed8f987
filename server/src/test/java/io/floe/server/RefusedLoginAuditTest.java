package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.Engine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every front-end audits a refused authentication (front-end, remote address, reason, a hint that
 * is never the secret), and REST says what is wrong with a malformed {@code Authorization} header.
 */
class RefusedLoginAuditTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(10)).build();
  static TestServer floe;
  static String key;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    key = floe.createProject("audited");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** A GET of {@code /tokens/verify} with this Authorization header (none if null). */
  static TestServer.Answer verify(String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(floe.url() + "/tokens/verify"))
        .timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new TestServer.Answer(r.statusCode(), r.body());
  }

  /** Audit lines of refused logins written since {@code before} lines. */
  static List<JsonNode> refusals(int before) throws IOException {
    Engine.of(floe.server.engine()).audit().flush();
    List<String> lines = Files.readAllLines(Engine.of(floe.server.engine()).audit().file());
    List<JsonNode> out = new ArrayList<>();
    for (String line : lines.subList(before, lines.size())) {
      JsonNode n = JSON.readTree(line);
      if (n.path("sql").asText().equals("AUTHENTICATE")) {
        out.add(n);
      }
    }
    return out;
  }

  static int auditLines() throws IOException {
    Engine.of(floe.server.engine()).audit().flush();
    var file = Engine.of(floe.server.engine()).audit().file();
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }

  @Test void restSaysWhatIsWrongWithTheHeader() throws Exception {
    int before = auditLines();
    TestServer.Answer noScheme = verify(key);
    assertThat(noScheme.status()).isEqualTo(401);
    assertThat(noScheme.json().get("error").asText()).isEqualTo("unauthenticated");
    assertThat(noScheme.json().get("message").asText())
        .isEqualTo("Authorization header must be 'Bearer <token>'");
    TestServer.Answer empty = verify("Bearer ");
    assertThat(empty.status()).isEqualTo(401);
    assertThat(empty.json().get("message").asText()).isEqualTo("empty token");
    assertThat(verify("Bearer").json().get("message").asText()).isEqualTo("empty token");
    assertThat(verify("Bearer " + key).status()).as("the right header still works").isEqualTo(200);

    List<JsonNode> refused = refusals(before);
    assertThat(refused).extracting(n -> n.get("reason").asText())
        .containsExactly("Authorization header must be 'Bearer <token>'", "empty token", "empty token");
    assertThat(refused).allSatisfy(n -> {
      assertThat(n.get("front_end").asText()).isEqualTo("rest");
      assertThat(n.get("remote").asText()).isEqualTo("127.0.0.1");
      assertThat(n.get("error_code").asText()).isEqualTo("unauthenticated");
      assertThat(n.toString()).doesNotContain(key);
    });
  }

  @Test void restAuditsUnknownAndRevokedTokensWithoutTheSecret() throws Exception {
    TestServer.Answer issued = floe.json("POST", "/projects/audited/tokens", key,
        "{\"description\":\"short-lived\"}");
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    String secret = issued.json().get("token").asText();
    String id = issued.json().get("id").asText();
    assertThat(floe.json("DELETE", "/projects/audited/tokens/" + id, key, null).status()).isEqualTo(204);
    String unknown = key.substring(0, key.length() - 5) + "XXXXX";

    int before = auditLines();
    TestServer.Answer revoked = verify("Bearer " + secret);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(revoked.json().get("message").asText()).isEqualTo("invalid, expired or revoked token");
    assertThat(floe.call("GET", "/projects/audited", unknown, null, null).status()).isEqualTo(401);

    List<JsonNode> refused = refusals(before);
    assertThat(refused).hasSize(2);
    JsonNode first = refused.get(0);
    assertThat(first.get("reason").asText()).isEqualTo("token revoked");
    assertThat(first.get("principal").asText()).isEqualTo("token:" + id);
    assertThat(first.get("credential").asText()).isEqualTo("proj_audited_…");
    JsonNode second = refused.get(1);
    assertThat(second.get("reason").asText()).isEqualTo("unknown token");
    assertThat(second.get("principal").asText()).isEqualTo("anonymous");
    assertThat(second.get("credential").asText()).isEqualTo("proj_audited_admin_…");
    assertThat(refused).allSatisfy(n -> assertThat(n.toString())
        .doesNotContain(secret).doesNotContain(unknown).doesNotContain(secret.substring(20)));
  }

  @Test void jdbcAuditsABadToken() throws Exception {
    int before = auditLines();
    String bad = "proj_audited_" + "Z".repeat(43);
    assertThatThrownBy(() -> DriverJar.connect(floe.jdbcUrl(), bad))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("28000");
          assertThat(e.getMessage()).contains("invalid, expired or revoked token");
        });
    List<JsonNode> refused = refusals(before);
    assertThat(refused).isNotEmpty().allSatisfy(n -> {
      assertThat(n.get("front_end").asText()).isEqualTo("jdbc");
      assertThat(n.get("remote").asText()).isEqualTo("127.0.0.1");
      assertThat(n.get("reason").asText()).isEqualTo("unknown token");
      assertThat(n.get("credential").asText()).isEqualTo("proj_audited_…");
      assertThat(n.toString()).doesNotContain("ZZZZZZZZ");
    });
  }

  @Test void pgwireAuditsAWrongPassword() throws Exception {
    TestServer.Answer created = floe.json("POST", "/projects/audited/workspaces", key, "{}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode c = created.json().get("connection");
    String workspace = created.json().get("id").asText();
    String url = "jdbc:postgresql://127.0.0.1:" + c.get("port").asInt() + "/" + c.get("database").asText();
    String password = c.get("password").asText();
    Properties wrong = new Properties();
    wrong.setProperty("user", c.get("username").asText());
    wrong.setProperty("password", password + "-wrong-guess");
    Properties nobody = new Properties();
    nobody.setProperty("user", "nobody_here");
    nobody.setProperty("password", "a-password-guess");

    int before = auditLines();
    assertThatThrownBy(() -> DriverManager.getConnection(url, wrong))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
    assertThatThrownBy(() -> DriverManager.getConnection(url, nobody))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));

    List<JsonNode> refused = refusals(before);
    assertThat(refused).hasSize(2).allSatisfy(n -> {
      assertThat(n.get("front_end").asText()).isEqualTo("pgwire");
      assertThat(n.get("remote").asText()).isEqualTo("127.0.0.1");
      assertThat(n.get("sqlstate").asText()).isEqualTo("28P01");
      assertThat(n.toString()).doesNotContain(password).doesNotContain("a-password-guess");
    });
    assertThat(refused.get(0).get("reason").asText()).isEqualTo("wrong password");
    assertThat(refused.get(0).get("principal").asText()).isEqualTo("workspace:" + workspace);
    assertThat(refused.get(0).get("credential").asText()).isEqualTo("user:" + c.get("username").asText());
    assertThat(refused.get(1).get("reason").asText()).isEqualTo("no active workspace user of that name");
    assertThat(refused.get(1).get("principal").asText()).isEqualTo("anonymous");
    assertThat(refused.get(1).get("credential").asText()).isEqualTo("user:nobody_here");
  }
}

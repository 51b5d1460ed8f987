package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Project tokens through real HTTP: create, list, detail, verify, refresh, revoke, expiry. */
class TokensApiTest {
  /** Expiry without waiting: the test moves the server's clock past a token's end. */
  private static final io.floe.engine.testing.MovableClock CLOCK = new io.floe.engine.testing.MovableClock();
  static RestClient api;
  static String master;

  @BeforeAll static void setUp() {
    api = RestClient.start(CLOCK);
    master = api.project("p");
    api.ok(api.post("/projects/p/buckets", master, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/p/buckets", master, "{\"name\":\"in_c_b\"}"), 201);
    api.ok(api.post("/projects/p/buckets/in_c_a/tables", master,
        "{\"name\":\"t\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static JsonNode create(String body) {
    return api.ok(api.post("/projects/p/tokens", master, body), 201).json();
  }

  @Test void limitedTokenSeesAndWritesOnlyWhatItIsGiven() {
    JsonNode created = create("{\"description\":\"loader\",\"bucket_permissions\":"
        + "{\"in_c_a\":\"write\",\"in_c_b\":\"read\"}}");
    String token = created.get("token").asText();
    assertThat(token).startsWith("proj_p_");
    assertThat(created.get("id").asText()).startsWith("tok_");
    assertThat(created.get("bucket_permissions").get("in_c_a").asText()).isEqualTo("write");
    assertThat(created.get("status").asText()).isEqualTo("active");
    assertThat(created.get("is_master").asBoolean()).isFalse();

    assertThat(RestClient.each(api.get("/projects/p/buckets", token).json().get("buckets"), "name"))
        .containsExactly("in_c_a", "in_c_b");
    assertThat(api.csv("/projects/p/buckets/in_c_a/tables/t/import", token, "x\n1\n").status()).isEqualTo(200);
    assertThat(api.post("/projects/p/buckets/in_c_b/tables", token,
        "{\"name\":\"u\",\"columns\":[{\"name\":\"x\",\"type\":\"INTEGER\"}]}").status()).isEqualTo(403);
    assertThat(api.post("/projects/p/buckets", token, "{\"name\":\"in_c_c\"}").status()).isEqualTo(403);
    assertThat(api.post("/projects/p/tokens", token, "{}").status()).isEqualTo(403);
    assertThat(api.get("/projects/p/tokens", token).status()).isEqualTo(403);

    JsonNode verify = api.ok(api.get("/tokens/verify", token), 200).json();
    assertThat(verify.get("id").asText()).isEqualTo(created.get("id").asText());
    assertThat(verify.get("description").asText()).isEqualTo("loader");
    assertThat(verify.get("project").get("id").asText()).isEqualTo("p");
    assertThat(verify.get("bucket_permissions").get("in_c_b").asText()).isEqualTo("read");
    assertThat(verify.has("token")).isFalse();
  }

  @Test void readTokenSeesOnlyItsBuckets() {
    String token = create("{\"bucket_permissions\":{\"in_c_b\":\"read\"}}").get("token").asText();
    assertThat(RestClient.each(api.get("/projects/p/buckets", token).json().get("buckets"), "name"))
        .containsExactly("in_c_b");
    assertThat(api.get("/projects/p/buckets/in_c_a", token).status()).isEqualTo(404);
    assertThat(api.get("/projects/p/buckets/in_c_a/tables/t/preview", token).status()).isEqualTo(404);
  }

  @Test void canManageBucketsCoversEveryBucket() {
    String token = create("{\"can_manage_buckets\":true}").get("token").asText();
    assertThat(api.post("/projects/p/buckets", token, "{\"name\":\"in_c_managed\"}").status()).isEqualTo(201);
    assertThat(RestClient.each(api.get("/projects/p/buckets", token).json().get("buckets"), "name"))
        .contains("in_c_a", "in_c_b", "in_c_managed");
  }

  @Test void secretsAreShownOnceAndStoredHashed() throws Exception {
    JsonNode created = create("{\"description\":\"once\"}");
    String id = created.get("id").asText();
    String secret = created.get("token").asText();
    JsonNode listed = api.get("/projects/p/tokens", master).json().get("tokens");
    assertThat(listed.toString()).doesNotContain(secret);
    assertThat(RestClient.each(listed, "id")).contains(id);
    JsonNode detail = api.ok(api.get("/projects/p/tokens/" + id, master), 200).json();
    assertThat(detail.has("token")).isFalse();
    assertThat(detail.get("description").asText()).isEqualTo("once");
    String catalog = new String(Files.readAllBytes(api.floe.dataDir().resolve("catalog.db")),
        StandardCharsets.ISO_8859_1);
    assertThat(catalog).doesNotContain(secret);
  }

  @Test void revokedTokensStopAtOnce() {
    JsonNode created = create("{\"bucket_permissions\":{\"in_c_a\":\"read\"}}");
    String token = created.get("token").asText();
    assertThat(api.get("/projects/p/buckets", token).status()).isEqualTo(200);
    assertThat(api.delete("/projects/p/tokens/" + created.get("id").asText(), master).status()).isEqualTo(204);
    RestClient.Answer after = api.get("/projects/p/buckets", token);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.error()).isEqualTo("unauthenticated");
    assertThat(api.get("/projects/p/tokens/" + created.get("id").asText(), master).json()
        .get("status").asText()).isEqualTo("revoked");
    assertThat(api.post("/projects/p/tokens/" + created.get("id").asText() + "/refresh", master, null)
        .status()).isEqualTo(409);
  }

  @Test void refreshReplacesTheSecret() {
    JsonNode created = create("{\"description\":\"rotating\"}");
    String old = created.get("token").asText();
    JsonNode refreshed = api.ok(api.post("/projects/p/tokens/" + created.get("id").asText()
        + "/refresh", master, null), 200).json();
    String fresh = refreshed.get("token").asText();
    assertThat(fresh).isNotEqualTo(old);
    assertThat(refreshed.get("id").asText()).isEqualTo(created.get("id").asText());
    assertThat(api.get("/tokens/verify", old).status()).isEqualTo(401);
    assertThat(api.get("/tokens/verify", fresh).status()).isEqualTo(200);
  }

  @Test void expiredTokensStop() throws Exception {
    JsonNode created = create("{\"expires_in\":3600}");
    String token = created.get("token").asText();
    assertThat(created.get("expires_at").isNull()).isFalse();
    assertThat(api.get("/tokens/verify", token).status()).isEqualTo(200);
    CLOCK.advance(java.time.Duration.ofMinutes(61));
    assertThat(api.get("/tokens/verify", token).status()).isEqualTo(401);
    assertThat(api.get("/projects/p/tokens/" + created.get("id").asText(), master).json()
        .get("status").asText()).isEqualTo("expired");
  }

  @Test void theMasterTokenCannotBeRevokedButCanBeRefreshed() {
    JsonNode tokens = api.get("/projects/p/tokens", master).json().get("tokens");
    String masterId = null;
    for (JsonNode t : tokens) {
      if (t.get("is_master").asBoolean()) {
        masterId = t.get("id").asText();
      }
    }
    assertThat(masterId).isNotNull();
    RestClient.Answer refused = api.delete("/projects/p/tokens/" + masterId, master);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).isEqualTo("invalid_state");
  }

  @Test void badTokenRequestsAreRejectedClearly() {
    assertThat(api.post("/projects/p/tokens", master, "{\"bucket_permissions\":{\"nope\":\"read\"}}")
        .status()).isEqualTo(404);
    assertThat(api.post("/projects/p/tokens", master, "{\"bucket_permissions\":{\"in_c_a\":\"admin\"}}")
        .status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"expires_in\":-5}").status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"expires_in\":\"soon\"}").status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"expires_in\":\"60\"}").status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"description\":60}").status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"can_manage_buckets\":\"yes\"}").status()).isEqualTo(400);
    assertThat(api.post("/projects/p/tokens", master, "{\"scope\":\"all\"}").status()).isEqualTo(400);
    assertThat(api.get("/projects/p/tokens/tok_nope", master).status()).isEqualTo(404);
    String other = api.project("q");
    assertThat(api.get("/projects/p/tokens", other).status()).isEqualTo(403);
    assertThat(api.get("/tokens/verify", null).status()).isEqualTo(401);
  }

  @Test void theAdminVerifiesToo() {
    JsonNode admin = api.ok(api.get("/tokens/verify", api.admin()), 200).json();
    assertThat(admin.get("is_admin").asBoolean()).isTrue();
    assertThat(admin.get("project").isNull()).isTrue();
  }
}

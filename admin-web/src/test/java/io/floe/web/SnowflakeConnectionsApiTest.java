package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake connections over REST: what is refused before Floe tries to log in (a missing or a
 * second secret, http to a host that is not loopback, a key that is not a PEM PKCS#8 key), who may
 * manage them, and a login Snowflake does not answer.
 */
class SnowflakeConnectionsApiTest {
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("sf");
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  private static String body(String secretFields) {
    return "{\"name\":\"main\",\"account\":\"acme\",\"host\":\"127.0.0.1\",\"port\":9,"
        + "\"protocol\":\"http\",\"user\":\"floe\"" + secretFields + "}";
  }

  @Test void inputIsCheckedBeforeAnyLogin() {
    RestClient.Answer none = api.post("/projects/sf/snowflake-connections", key, body(""));
    assertThat(none.status()).as(none.body()).isEqualTo(400);
    assertThat(none.json().path("message").asText())
        .contains("exactly one of password, private_key and oauth_token");
    RestClient.Answer two = api.post("/projects/sf/snowflake-connections", key,
        body(",\"password\":\"x\",\"oauth_token\":\"y\""));
    assertThat(two.status()).isEqualTo(400);
    RestClient.Answer remoteHttp = api.post("/projects/sf/snowflake-connections", key,
        body(",\"password\":\"x\"").replace("127.0.0.1", "acme.snowflakecomputing.com"));
    assertThat(remoteHttp.status()).isEqualTo(400);
    assertThat(remoteHttp.body()).contains("only for a loopback host");
    RestClient.Answer pkcs1 = api.post("/projects/sf/snowflake-connections", key,
        body(",\"private_key\":\"-----BEGIN RSA PRIVATE KEY-----\\nAAAA\\n-----END RSA PRIVATE KEY-----\""));
    assertThat(pkcs1.status()).isEqualTo(400);
    assertThat(pkcs1.body()).contains("PKCS#8").doesNotContain("AAAA");
    RestClient.Answer badName = api.post("/projects/sf/snowflake-connections", key,
        body(",\"password\":\"x\"").replace("\"main\"", "\"no spaces\""));
    assertThat(badName.status()).isEqualTo(400);
    assertThat(api.get("/projects/sf/snowflake-connections", key).json().path("connections"))
        .isEmpty();
  }

  @Test void onlyTheMasterTokenOrTheAdminManagesConnections() {
    String other = api.project("sf_other");
    assertThat(api.get("/projects/sf/snowflake-connections", other).status()).isEqualTo(403);
    assertThat(api.get("/projects/sf/snowflake-connections", api.admin()).status()).isEqualTo(200);
    assertThat(api.get("/projects/sf/snowflake-connections", null).status()).isEqualTo(401);
    assertThat(api.get("/projects/sf/snowflake-connections/nope", key).status()).isEqualTo(404);
  }

  @Test void aLoginThatFailsIsA400WithTheReasonAndStoresNothing() {
    // Port 9 (discard) on loopback: nothing answers, so the driver's login fails.
    RestClient.Answer refused = api.post("/projects/sf/snowflake-connections", key,
        body(",\"password\":\"never-stored-pw\""));
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("error").asText()).isEqualTo("source_login_failed");
    assertThat(refused.body()).contains("Snowflake connection 'main'").doesNotContain("never-stored-pw");
    assertThat(api.get("/projects/sf/snowflake-connections", key).json().path("connections"))
        .isEmpty();
  }
}

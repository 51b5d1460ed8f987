package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Fakesnow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake connections over REST, against fakesnow (a third-party Snowflake emulator) reached
 * through Snowflake's own JDBC driver: create (logging in first), list, read, change, test and
 * delete; the secret is stored only encrypted and never shown; what is refused before Floe tries to
 * log in (a missing or a second secret, http to a host that is not loopback, a key that is not a
 * PEM PKCS#8 key); who may manage connections; a login nobody answers. (fakesnow takes any user
 * and password, so a wrong password cannot be tested here; an unreachable port stands in.)
 */
class SnowflakeConnectionsApiTest {
  static RestClient api;
  static String key;
  static Fakesnow snowflake;

  @BeforeAll static void setUp() {
    snowflake = Fakesnow.start();
    api = RestClient.start();
    key = api.project("sf");
  }

  @AfterAll static void tearDown() {
    api.close();
    snowflake.close();
  }

  @Test void aConnectionIsCreatedReadChangedTestedAndDeletedWithoutItsSecretEverShown()
      throws Exception {
    String secret = "pw-" + System.nanoTime();
    RestClient.Answer created = api.post("/projects/sf/snowflake-connections", key,
        "{\"name\":\"warehouse1\",\"account\":\"" + Fakesnow.ACCOUNT + "\",\"host\":\"127.0.0.1\","
            + "\"port\":" + snowflake.port() + ",\"protocol\":\"http\",\"user\":\"" + Fakesnow.USER
            + "\",\"password\":\"" + secret + "\",\"database\":\"SALES\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().path("auth").asText()).isEqualTo("password");
    assertThat(created.json().path("port").asInt()).isEqualTo(snowflake.port());
    assertThat(created.body()).doesNotContain(secret);
    RestClient.Answer list = api.get("/projects/sf/snowflake-connections", key);
    assertThat(RestClient.each(list.json().path("connections"), "name")).containsExactly("warehouse1");
    assertThat(list.body()).doesNotContain(secret);
    assertThat(api.post("/projects/sf/snowflake-connections", key, "{\"name\":\"WAREHOUSE1\","
        + "\"account\":\"a\",\"host\":\"127.0.0.1\",\"port\":" + snowflake.port()
        + ",\"protocol\":\"http\",\"user\":\"u\",\"password\":\"p\"}").status()).isEqualTo(409);
    RestClient.Answer changed = api.patch("/projects/sf/snowflake-connections/warehouse1", key,
        "{\"warehouse\":\"COMPUTE_WH\",\"role\":\"ANALYST\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().path("warehouse").asText()).isEqualTo("COMPUTE_WH");
    assertThat(api.post("/projects/sf/snowflake-connections/warehouse1/test", key, null).status())
        .isEqualTo(200);
    RestClient.Answer read = api.get("/projects/sf/snowflake-connections/warehouse1", key);
    assertThat(read.json().path("role").asText()).isEqualTo("ANALYST");
    // The secret is in neither the catalog nor any log or audit file, in any form seen here.
    try (Stream<Path> files = Files.walk(api.dataDir())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString()).doesNotContain(secret);
      }
    }
    assertThat(api.delete("/projects/sf/snowflake-connections/warehouse1", key).status()).isEqualTo(204);
    assertThat(api.get("/projects/sf/snowflake-connections/warehouse1", key).status()).isEqualTo(404);
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

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake key-pair users through real HTTP: register (PEM with or without its armour), list
 * with fingerprints, get, delete; bad keys, duplicates, other tokens and unknown users refused.
 */
class SnowflakeUsersApiTest {
  static RestClient api;
  static String master;
  static final String USERS = "/projects/p/snowflake-users";

  @BeforeAll static void setUp() {
    api = RestClient.start();
    master = api.project("p");
    api.ok(api.post("/projects/p/buckets", master, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/p/buckets", master, "{\"name\":\"in_c_b\"}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  static String base64(byte[] der) {
    return Base64.getEncoder().encodeToString(der);
  }

  static String pem(KeyPair keys) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64,
        "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static String fingerprint(KeyPair keys) throws Exception {
    return "SHA256:" + base64(MessageDigest.getInstance("SHA-256")
        .digest(keys.getPublic().getEncoded()));
  }

  static String body(String name, String key, String permissions) {
    return "{\"name\":\"" + name + "\",\"rsa_public_key\":\"" + key.replace("\n", "\\n") + "\""
        + (permissions == null ? "" : ",\"bucket_permissions\":" + permissions) + "}";
  }

  @Test void usersAreRegisteredListedAndDeleted() throws Exception {
    KeyPair keys = rsa(2048);
    JsonNode created = api.ok(api.post(USERS, master, body("alice", pem(keys),
        "{\"in_c_a\":\"read\",\"in_c_b\":\"write\"}")), 201).json();
    assertThat(created.get("name").asText()).isEqualTo("ALICE");
    assertThat(created.get("project_id").asText()).isEqualTo("p");
    assertThat(created.get("rsa_public_key_fp").asText()).isEqualTo(fingerprint(keys));
    assertThat(created.get("bucket_permissions").get("in_c_a").asText()).isEqualTo("read");
    assertThat(created.get("bucket_permissions").get("in_c_b").asText()).isEqualTo("write");
    assertThat(created.has("created_at")).isTrue();
    assertThat(created.has("rsa_public_key")).isFalse();

    // The key without its PEM lines, as ALTER USER ... SET RSA_PUBLIC_KEY takes it; the admin too.
    KeyPair bobs = rsa(3072);
    api.ok(api.post(USERS, api.admin(), body("Bob", base64(bobs.getPublic().getEncoded()), null)), 201);

    JsonNode list = api.ok(api.get(USERS, master), 200).json();
    assertThat(RestClient.each(list.get("users"), "name")).containsExactly("ALICE", "BOB");
    assertThat(RestClient.each(list.get("users"), "rsa_public_key_fp"))
        .containsExactly(fingerprint(keys), fingerprint(bobs));
    assertThat(api.ok(api.get(USERS + "/bob", master), 200).json().get("bucket_permissions").size())
        .isZero();
    // A user's rights are not a token of the project's.
    assertThat(api.ok(api.get("/projects/p/tokens", master), 200).json().get("tokens").size())
        .isEqualTo(1);

    assertThat(api.delete(USERS + "/Bob", master).status()).isEqualTo(204);
    assertThat(api.get(USERS + "/BOB", master).error()).isEqualTo("not_found");
    assertThat(RestClient.each(api.get(USERS, master).json().get("users"), "name"))
        .containsExactly("ALICE");
    assertThat(api.delete(USERS + "/alice", master).status()).isEqualTo(204);
  }

  @Test void badKeysAreRefusedWithTheirReason() throws Exception {
    RestClient.Answer notBase64 = api.post(USERS, master, body("k1", "not a key!", null));
    assertThat(notBase64.status()).isEqualTo(400);
    assertThat(notBase64.error()).isEqualTo("invalid_argument");
    assertThat(notBase64.json().get("message").asText()).contains("not base64");

    RestClient.Answer garbage = api.post(USERS, master, body("k1", base64(new byte[64]), null));
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.json().get("message").asText()).contains("is not an RSA public key");

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    RestClient.Answer notRsa = api.post(USERS, master, body("k1", pem(ec.generateKeyPair()), null));
    assertThat(notRsa.status()).isEqualTo(400);
    assertThat(notRsa.json().get("message").asText()).contains("is not an RSA public key");

    RestClient.Answer short1024 = api.post(USERS, master, body("k1", pem(rsa(1024)), null));
    assertThat(short1024.status()).isEqualTo(400);
    assertThat(short1024.json().get("message").asText())
        .contains("has 1024 bits; at least 2048 are needed");

    RestClient.Answer privateKey = api.post(USERS, master, body("k1",
        "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----", null));
    assertThat(privateKey.status()).isEqualTo(400);
    assertThat(privateKey.json().get("message").asText()).contains("holds a private key");

    RestClient.Answer missing = api.post(USERS, master, "{\"name\":\"k1\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("message").asText()).contains("rsa_public_key is missing");

    RestClient.Answer badName = api.post(USERS, master, body("no spaces", pem(rsa(2048)), null));
    assertThat(badName.status()).isEqualTo(400);
    assertThat(badName.error()).isEqualTo("invalid_name");

    RestClient.Answer badBucket = api.post(USERS, master, body("k1", pem(rsa(2048)),
        "{\"in_c_nope\":\"read\"}"));
    assertThat(badBucket.status()).isEqualTo(404);
    assertThat(badBucket.error()).isEqualTo("not_found");
    assertThat(api.get(USERS + "/k1", master).status()).isEqualTo(404);
  }

  @Test void aNameIsTakenWhateverItsCase() throws Exception {
    api.ok(api.post(USERS, master, body("carol", pem(rsa(2048)), null)), 201);
    RestClient.Answer again = api.post(USERS, master, body("CAROL", pem(rsa(2048)), null));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("already_exists");
    api.ok(api.delete(USERS + "/carol", master), 204);
  }

  @Test void onlyTheMasterTokenAndTheAdminManageUsers() throws Exception {
    String limited = api.ok(api.post("/projects/p/tokens", master,
        "{\"can_manage_buckets\":true}"), 201).json().get("token").asText();
    RestClient.Answer create = api.post(USERS, limited, body("dave", pem(rsa(2048)), null));
    assertThat(create.status()).isEqualTo(403);
    assertThat(create.error()).isEqualTo("access_denied");
    assertThat(api.get(USERS, limited).error()).isEqualTo("access_denied");
    assertThat(api.delete(USERS + "/dave", limited).error()).isEqualTo("access_denied");
    String other = api.project("q");
    assertThat(api.get(USERS, other).status()).isEqualTo(403);
    assertThat(api.get(USERS, null).status()).isEqualTo(401);
  }

  @Test void unknownUsersAreNotFound() {
    RestClient.Answer get = api.get(USERS + "/nobody", master);
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.error()).isEqualTo("not_found");
    assertThat(get.json().get("message").asText()).contains("Snowflake user 'nobody' not found");
    RestClient.Answer delete = api.delete(USERS + "/nobody", master);
    assertThat(delete.status()).isEqualTo(404);
    assertThat(delete.error()).isEqualTo("not_found");
  }
}

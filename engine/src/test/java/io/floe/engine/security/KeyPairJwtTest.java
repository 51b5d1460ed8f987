package io.floe.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.KeyPairLogin;
import io.floe.engine.api.Origin;
import io.floe.engine.api.admin.ProjectTokens;
import io.floe.engine.api.admin.AuditTrail.Entry;
import io.floe.engine.api.admin.AuditTrail.Filter;
import io.floe.engine.api.admin.SnowflakeUsers;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake key-pair JWTs: a good one logs the user in with exactly its bucket permissions; every
 * other one is refused as {@code unauthenticated} and audited with its reason. Keys are made here.
 */
class KeyPairJwtTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Origin ORIGIN = new Origin("snowflake", "10.0.0.7");
  private static KeyPair alice;
  private static KeyPair other;
  private static TestEngine floe;

  @BeforeAll static void start() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    alice = generator.generateKeyPair();
    other = generator.generateKeyPair();
    floe = TestEngine.start();
    floe.createProject("shop");
    floe.createProject("other");
    floe.createBucket("shop", "in_c_a");
    floe.createBucket("shop", "in_c_b");
    floe.createTable("shop", "in_c_a", "t", "id INTEGER");
    floe.createTable("shop", "in_c_b", "t", "id INTEGER");
    floe.importCsv("shop", "in_c_a", "t", TestEngine.csv("id", "1"), false);
    users().create(floe.admin(), "shop", new SnowflakeUsers.UserSpec("alice",
        pem(alice), Map.of("in_c_a", "read")));
  }

  @AfterAll static void stop() {
    floe.close();
  }

  private static SnowflakeUsers users() {
    return floe.engine().snowflakeUsers();
  }

  private static String pem(KeyPair keys) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A JWT as the Snowflake driver makes it, signed with {@code signer}, naming {@code named}'s key. */
  static String jwt(PrivateKey signer, KeyPair named, String qualifiedUser, long iat, long exp)
      throws Exception {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", qualifiedUser + "." + RsaPublicKeys.fingerprint(named.getPublic()));
    claims.put("sub", qualifiedUser);
    claims.put("iat", iat);
    claims.put("exp", exp);
    return sign(signer, Map.of("alg", "RS256", "typ", "JWT"), claims);
  }

  static String sign(PrivateKey signer, Map<String, Object> header, Map<String, Object> claims)
      throws Exception {
    String input = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(signer);
    rsa.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64(rsa.sign());
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static KeyPairLogin login(String jwt, String account) {
    return floe.engine().authentication().authenticateSnowflakeJwt(jwt, account, ORIGIN);
  }

  /** The login is refused as unauthenticated, and audited with a reason containing {@code reason}. */
  private static Entry refused(ThrowingCallable login, String reason) {
    assertThatThrownBy(login).isInstanceOfSatisfying(FloeException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
    Entry entry = floe.engine().auditTrail().query(floe.admin(), new Filter(null, "snowflake",
        null, null, null, null, null, 1, null)).entries().get(0);
    assertThat(entry.reason()).contains(reason);
    assertThat(entry.remote()).isEqualTo("10.0.0.7");
    assertThat(entry.sqlstate()).isEqualTo("28000");
    return entry;
  }

  @Test void aGoodJwtLogsTheUserInWithItsBucketPermissions() throws Exception {
    String token = jwt(alice.getPrivate(), alice, "SHOP.ALICE", now(), now() + 60);
    KeyPairLogin login = login(token, "shop.us-east-1.aws");
    assertThat(login.projectId()).isEqualTo("shop");
    assertThat(login.user()).isEqualTo("ALICE");
    assertThat(login.principal().projectId()).isEqualTo("shop");
    assertThat(login.principal().name()).isEqualTo("snowflake-user:shop.ALICE");
    assertThat(login.principal().token().master()).isFalse();
    // Account and user are case-insensitive; the account beside the JWT is optional.
    assertThat(login(jwt(alice.getPrivate(), alice, "shop.alice", now(), now() + 3600), null).user())
        .isEqualTo("ALICE");
    try (EngineSession s = floe.engine().openSession(login.principal(), "ALICE", "snowflake",
        SqlFlavor.SNOWFLAKE)) {
      assertThat(Rows.query(s, "select id from in_c_a.t")).containsExactly(List.of(1));
      assertThatThrownBy(() -> Rows.query(s, "select id from in_c_b.t"))
          .isInstanceOf(FloeException.class);
    }
  }

  /** The JWT snowflake-jdbc makes for {@code SNOWFLAKE_JWT} (its own code, called reflectively). */
  @Test void theSnowflakeDriversOwnJwtIsAccepted() throws Exception {
    Class<?> issuer = Class.forName("net.snowflake.client.internal.core.SessionUtilKeyPair");
    java.lang.reflect.Constructor<?> constructor = issuer.getDeclaredConstructor(PrivateKey.class,
        String.class, String.class, String.class, String.class, String.class);
    constructor.setAccessible(true);
    Object driver = constructor.newInstance(alice.getPrivate(), null, null, null,
        "shop.eu-central-1", "alice");
    java.lang.reflect.Method issue = issuer.getMethod("issueJwtToken");
    issue.setAccessible(true);
    String token = (String) issue.invoke(driver);
    assertThat(login(token, "shop.eu-central-1").principal().name())
        .isEqualTo("snowflake-user:shop.ALICE");
  }

  @Test void aJwtSignedWithAnotherKeyIsRefused() throws Exception {
    Entry entry = refused(() -> login(jwt(other.getPrivate(), alice, "SHOP.ALICE", now(),
        now() + 60), "shop"), "bad signature");
    assertThat(entry.principal()).isEqualTo("snowflake-user:shop.ALICE");
    assertThat(entry.project()).isEqualTo("shop");
    assertThat(entry.credential()).isEqualTo("jwt:SHOP.ALICE");
  }

  @Test void aJwtNamingAnotherKeysFingerprintIsRefused() throws Exception {
    refused(() -> login(jwt(alice.getPrivate(), other, "SHOP.ALICE", now(), now() + 60), "shop"),
        "the JWT names key " + RsaPublicKeys.fingerprint(other.getPublic()));
  }

  @Test void anExpiredJwtIsRefused() throws Exception {
    refused(() -> login(jwt(alice.getPrivate(), alice, "SHOP.ALICE", now() - 120, now() - 60),
        "shop"), "the JWT expired");
  }

  @Test void aJwtIssuedInTheFutureIsRefusedBeyondTheClockSkew() throws Exception {
    // 30 s ahead is a client's clock; 5 minutes is not.
    assertThat(login(jwt(alice.getPrivate(), alice, "SHOP.ALICE", now() + 30, now() + 90), "shop")
        .user()).isEqualTo("ALICE");
    refused(() -> login(jwt(alice.getPrivate(), alice, "SHOP.ALICE", now() + 300, now() + 600),
        "shop"), "issued in the future");
  }

  @Test void aJwtLivingLongerThanAnHourIsRefused() throws Exception {
    refused(() -> login(jwt(alice.getPrivate(), alice, "SHOP.ALICE", now(), now() + 3601), "shop"),
        "lifetime (exp - iat) is longer than 3600 s");
  }

  @Test void anUnknownUserIsRefused() throws Exception {
    Entry entry = refused(() -> login(jwt(alice.getPrivate(), alice, "SHOP.BOB", now(),
        now() + 60), "shop"), "unknown Snowflake user BOB of account SHOP");
    assertThat(entry.principal()).isEqualTo("anonymous");
    // The caller does not learn whether the user exists.
    assertThatThrownBy(() -> login(jwt(alice.getPrivate(), alice, "SHOP.BOB", now(), now() + 60),
        null)).hasMessage(KeyPairJwtCheck.NOT_SIGNED_BY_USER);
  }

  @Test void aDeletedUserIsRefusedAndItsSessionsEnd() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    users().create(floe.admin(), "shop", new SnowflakeUsers.UserSpec("carol",
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()), Map.of("in_c_a", "write")));
    KeyPairLogin login = login(jwt(keys.getPrivate(), keys, "SHOP.CAROL", now(), now() + 60), null);
    try (EngineSession s = floe.engine().openSession(login.principal(), "CAROL", "snowflake",
        SqlFlavor.SNOWFLAKE)) {
      assertThat(Rows.query(s, "select id from in_c_a.t")).containsExactly(List.of(1));
      users().delete(floe.admin(), "shop", "Carol");
      assertThatThrownBy(() -> Rows.query(s, "select id from in_c_a.t"))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_CLOSED));
    }
    refused(() -> login(jwt(keys.getPrivate(), keys, "SHOP.CAROL", now(), now() + 60), null),
        "unknown Snowflake user CAROL");
  }

  @Test void aJwtOfAnotherAccountIsRefused() throws Exception {
    // Alice is a user of shop, not of other; a client naming one account cannot use the other's JWT.
    refused(() -> login(jwt(alice.getPrivate(), alice, "OTHER.ALICE", now(), now() + 60), "other"),
        "unknown Snowflake user ALICE of account OTHER");
    refused(() -> login(jwt(alice.getPrivate(), alice, "SHOP.ALICE", now(), now() + 60),
        "other"), "the JWT is for account SHOP, the client names account other");
  }

  @Test void aMalformedJwtIsRefused() throws Exception {
    refused(() -> login("not-a-jwt", null), "three base64url parts");
    refused(() -> login("a.b.c", null), "header is not base64url");
    refused(() -> login("YWJj.YWJj.YWJj", null), "header is not JSON");
    refused(() -> login("", null), "the JWT is empty");
    Map<String, Object> claims = Map.of("iss", "SHOP.ALICE", "sub", "SHOP.ALICE", "iat", now(),
        "exp", now() + 60);
    refused(() -> login(sign(alice.getPrivate(), Map.of("alg", "RS256"), claims), null),
        "'iss' must be ACCOUNT.USER.SHA256:");
    Map<String, Object> noExp = Map.of("iss", "SHOP.ALICE." + RsaPublicKeys.fingerprint(
        alice.getPublic()), "sub", "SHOP.ALICE", "iat", now());
    refused(() -> login(sign(alice.getPrivate(), Map.of("alg", "RS256"), noExp), null),
        "'exp' is not a time in seconds");
  }

  @Test void algNoneIsRefused() throws Exception {
    String signed = jwt(alice.getPrivate(), alice, "SHOP.ALICE", now(), now() + 60);
    String payload = signed.split("\\.")[1];
    String unsigned = b64(JSON.writeValueAsBytes(Map.of("alg", "none"))) + "." + payload + ".";
    refused(() -> login(unsigned, "shop"), "signed with 'none'; only RS256 is accepted");
    String hs256 = b64(JSON.writeValueAsBytes(Map.of("alg", "HS256"))) + "." + payload + "."
        + signed.split("\\.")[2];
    refused(() -> login(hs256, "shop"), "only RS256 is accepted");
  }

  @Test void aUsersTokenIsNotAProjectToken() {
    ProjectTokens tokens = floe.engine().storageServices().tokens();
    String master = floe.engine().storageServices().tokens().list(floe.admin(), "shop").stream()
        .filter(t -> t.record().master()).findFirst().orElseThrow().record().id();
    assertThat(tokens.list(floe.admin(), "shop")).extracting(t -> t.record().id())
        .containsExactly(master);
  }
}

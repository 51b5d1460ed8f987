package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.StatementConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's SQL API v2 ({@code /api/v2/statements}) through Java's HTTP client: a Floe token is
 * the bearer token, the project the database, a bucket the schema; answers are Snowflake's.
 */
class SnowflakeSqlApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  static TestServer floe;
  static String token;
  static String other;

  @BeforeAll static void setUp() {
    // Partitions of 100 rows, so that a 3000-row result has 30.
    floe = TestServer.start(EngineConfig.defaults(TestServer.tempDir()).withDuckDb("1GB", 2)
        .withStatements(new StatementConfig(100, 256L << 20, Duration.ofHours(1))));
    token = ShopData.load(floe);
    other = floe.createProject("elsewhere");
    floe.createTable("shop", token, "in_c_sales",
        "{\"name\":\"notes\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"},"
            + "{\"name\":\"body\",\"type\":\"VARCHAR\"}]}");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** An answer: status, headers and JSON body. */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String link() {
      return raw.headers().firstValue("Link").orElse(null);
    }
  }

  static Reply send(String method, String path, String bearer, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(floe.url() + path))
        .timeout(Duration.ofSeconds(90))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("User-Agent", "floe-test/1.0")
        .header("Accept", "application/json");
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    headers.forEach(b::header);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Reply post(String query, String bearer, Object body) {
    try {
      return send("POST", "/api/v2/statements" + query, bearer, Map.of("Content-Type", "application/json"),
          JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Reply run(String sql) {
    return post("", token, Map.of("statement", sql, "database", "SHOP", "schema", "IN_C_SALES"));
  }

  static Reply get(String handle, String query, String bearer) {
    return send("GET", "/api/v2/statements/" + handle + query, bearer, Map.of(), null);
  }

  /** Polls a handle until it is no longer running. */
  static Reply poll(String handle) throws InterruptedException {
    for (int i = 0; i < 120; i++) {
      Reply r = get(handle, "", token);
      if (r.status() != 202) {
        return r;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("still running: " + handle);
  }

  @Test void answersASelectWithEveryTypeAsSnowflakeWritesIt() {
    Reply r = run("select 42 as answer, cast(1.5 as decimal(10,2)) as d, cast(2.5 as double) as r, "
        + "'x' as s, true as b, date '2024-03-01' as dt, time '10:00:00.5' as t, "
        + "timestamp '2024-03-01 10:00:00.123' as ts, cast(null as varchar) as n");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    JsonNode b = r.body();
    assertThat(b.get("code").asText()).isEqualTo("090001");
    assertThat(b.get("sqlState").asText()).isEqualTo("00000");
    assertThat(b.get("message").asText()).isEqualTo("Statement executed successfully.");
    String handle = b.get("statementHandle").asText();
    assertThat(UUID.fromString(handle)).isNotNull();
    assertThat(b.get("statementStatusUrl").asText()).isEqualTo("/api/v2/statements/" + handle);
    assertThat(b.get("createdOn").asLong()).isPositive();
    JsonNode meta = b.get("resultSetMetaData");
    assertThat(meta.get("numRows").asLong()).isEqualTo(1);
    assertThat(meta.get("format").asText()).isEqualTo("jsonv2");
    assertThat(meta.get("nullable").asBoolean()).isTrue();
    assertThat(meta.get("partitionInfo")).hasSize(1);
    assertThat(meta.get("partitionInfo").get(0).get("rowCount").asInt()).isEqualTo(1);
    assertThat(meta.get("partitionInfo").get(0).get("uncompressedSize").asInt()).isPositive();
    JsonNode rowType = meta.get("rowType");
    assertThat(rowType.get(0).get("name").asText()).isEqualTo("ANSWER");
    assertThat(rowType.get(0).get("type").asText()).isEqualTo("fixed");
    assertThat(rowType.get(1).get("scale").asInt()).isEqualTo(2);
    assertThat(rowType.get(2).get("type").asText()).isEqualTo("real");
    assertThat(rowType.get(3).get("type").asText()).isEqualTo("text");
    assertThat(rowType.get(4).get("type").asText()).isEqualTo("boolean");
    assertThat(rowType.get(5).get("type").asText()).isEqualTo("date");
    assertThat(rowType.get(6).get("type").asText()).isEqualTo("time");
    assertThat(rowType.get(7).get("type").asText()).isEqualTo("timestamp_ntz");
    JsonNode row = b.get("data").get(0);
    assertThat(row.get(0).asText()).isEqualTo("42");
    assertThat(row.get(1).asText()).isEqualTo("1.50");
    assertThat(row.get(2).asText()).isEqualTo("2.5");
    assertThat(row.get(3).asText()).isEqualTo("x");
    assertThat(row.get(4).asText()).isEqualTo("true");
    assertThat(row.get(5).asText()).isEqualTo(Long.toString(LocalDate.of(2024, 3, 1).toEpochDay()));
    assertThat(row.get(6).asText()).isEqualTo("36000.500000000");
    assertThat(row.get(7).asText()).isEqualTo("1709287200.123000000");
    assertThat(row.get(8).isNull()).isTrue();
    assertThat(r.link()).contains("partition=0>; rel=\"first\"").contains("rel=\"last\"");
    // The same result again by its handle.
    Reply again = get(handle, "", token);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("data")).isEqualTo(b.get("data"));
  }

  @Test void nullableFalseWritesNullAsText() {
    Reply r = post("?nullable=false", token, Map.of("statement", "select cast(null as varchar) as n, 1 as one",
        "database", "shop"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("data").get(0).get(0).asText()).isEqualTo("null");
    assertThat(r.body().get("resultSetMetaData").get("nullable").asBoolean()).isFalse();
    assertThat(get(r.body().get("statementHandle").asText(), "", token).body().get("data").get(0).get(0)
        .asText()).isEqualTo("null");
  }

  @Test void asyncAnswers202AtOnceAndThePollerGetsTheResult() throws Exception {
    Reply r = post("?async=true", token, Map.of("statement",
        "select count(*) as n from big a, big b where a.v < b.v", "database", "shop", "schema", "in_c_sales",
        "warehouse", "WH", "role", "ANALYST"));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    assertThat(r.body().get("code").asText()).isEqualTo("333334");
    String handle = r.body().get("statementHandle").asText();
    assertThat(r.body().get("statementStatusUrl").asText()).isEqualTo("/api/v2/statements/" + handle);
    Reply done = poll(handle);
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body().get("data").get(0).get(0).asText()).isEqualTo(Long.toString(3000L * 2999 / 2));
  }

  @Test void aLargeResultComesInPartitions() {
    Reply r = run("select v from big order by v");
    assertThat(r.status()).isEqualTo(200);
    JsonNode meta = r.body().get("resultSetMetaData");
    assertThat(meta.get("numRows").asLong()).isEqualTo(3000);
    assertThat(meta.get("partitionInfo")).hasSize(30);
    meta.get("partitionInfo").forEach(p -> assertThat(p.get("rowCount").asInt()).isEqualTo(100));
    assertThat(r.body().get("data")).hasSize(100);
    assertThat(r.body().get("data").get(99).get(0).asText()).isEqualTo("99");
    String handle = r.body().get("statementHandle").asText();
    assertThat(r.link()).contains("/api/v2/statements/" + handle + "?partition=1>; rel=\"next\"")
        .contains("/api/v2/statements/" + handle + "?partition=29>; rel=\"last\"");
    Reply last = get(handle, "?partition=29", token);
    assertThat(last.status()).isEqualTo(200);
    assertThat(last.body().has("resultSetMetaData")).isFalse();
    assertThat(last.body().get("data")).hasSize(100);
    assertThat(last.body().get("data").get(0).get(0).asText()).isEqualTo("2900");
    assertThat(last.link()).contains("partition=28>; rel=\"prev\"").doesNotContain("rel=\"next\"");
    assertThat(get(handle, "?partition=30", token).status()).isEqualTo(400);
  }

  @Test void bindsEveryKindOfValue() {
    Reply r = post("", token, Map.of("statement", "select id from orders where customer = ? and amount > ? "
        + "and ordered_on >= ? order by id", "database", "shop", "schema", "in_c_sales",
        "bindings", Map.of("1", Map.of("type", "TEXT", "value", "alice"),
            "2", Map.of("type", "FIXED", "value", "10"),
            "3", Map.of("type", "DATE", "value", "2024-03-02"))));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("data").toString()).isEqualTo("[[\"3\"]]");
    long millis = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400_000L;
    r = post("", token, Map.of("statement", "select id from orders where customer = ? and amount > ? "
        + "and ordered_on >= ? order by id", "database", "shop", "schema", "in_c_sales",
        "bindings", Map.of("1", Map.of("type", "TEXT", "value", "bob"),
            "2", Map.of("type", "REAL", "value", "0.5"),
            "3", Map.of("type", "DATE", "value", Long.toString(millis)))));
    assertThat(r.body().get("data").toString()).isEqualTo("[[\"2\"]]");
    r = post("", token, Map.of("statement", "select cast(? as boolean) as b, "
        + "cast(? as time) as t, cast(? as timestamp) as ts, cast(? as binary) as bin, cast(? as decimal(10,2)) as f", "database", "shop",
        "bindings", Map.of("1", Map.of("type", "BOOLEAN", "value", "true"),
            "2", Map.of("type", "TIME", "value", "10:00:00"),
            "3", Map.of("type", "TIMESTAMP_NTZ", "value", "2024-03-01T10:00:00"),
            "4", Map.of("type", "BINARY", "value", "CAFE"),
            "5", Map.of("type", "FIXED", "value", "1.25"))));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("data").toString())
        .isEqualTo("[[\"true\",\"36000.000000000\",\"1709287200.000000000\",\"CAFE\",\"1.25\"]]");
    assertThat(r.body().get("resultSetMetaData").get("rowType").get(3).get("type").asText()).isEqualTo("binary");
    r = post("", token, Map.of("statement", "select ?", "database", "shop",
        "bindings", Map.of("1", Map.of("type", "DATE", "value", "not a date"))));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("message").asText()).contains("binding 1");
  }

  @Test void writesToProjectTablesAreRefusedAsInEverySqlFrontEnd() {
    // Project data changes through the storage API; the stats of DML are checked in SqlApiAnswersTest.
    Reply r = run("insert into notes values (1, 'a')");
    assertThat(r.status()).as(r.body().toString()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("003001");
    assertThat(r.body().get("sqlState").asText()).isEqualTo("42501");
  }

  @Test void runsSeveralStatementsInOrder() throws Exception {
    Reply r = post("", token, Map.of("statement", "select 1 as a; select count(*) from orders; "
        + "select 'x' as s", "database", "shop", "schema", "in_c_sales",
        "parameters", Map.of("MULTI_STATEMENT_COUNT", "3")));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
    assertThat(r.body().get("data").toString()).isEqualTo("[[\"Multiple statements executed successfully.\"]]");
    JsonNode handles = r.body().get("statementHandles");
    assertThat(handles).hasSize(3);
    assertThat(get(handles.get(0).asText(), "", token).body().get("data").toString()).isEqualTo("[[\"1\"]]");
    assertThat(get(handles.get(1).asText(), "", token).body().get("data").toString()).isEqualTo("[[\"3\"]]");
    assertThat(get(handles.get(2).asText(), "", token).body().get("data").toString()).isEqualTo("[[\"x\"]]");
    assertThat(get(handles.get(0).asText(), "", other).status()).isEqualTo(404);
    assertThat(get(r.body().get("statementHandle").asText(), "", token).body().get("statementHandles"))
        .isEqualTo(handles);
    // Any number with 0; a failing statement fails the request and stops it.
    r = post("", token, Map.of("statement", "select 1; select * from nowhere; select 3",
        "database", "shop", "parameters", Map.of("multi_statement_count", 0)));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("002003");
    // A count other than the statements'.
    r = run("select 1; select 2");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("000008");
    assertThat(r.body().get("message").asText()).contains("Actual statement count 2");
    assertThat(r.body().get("statementHandle").asText()).isNotBlank();
  }

  @Test void sqlErrorsAre422WithSnowflakesCodes() {
    Reply r = run("selec 1");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("001003");
    assertThat(r.body().get("sqlState").asText()).isEqualTo("42000");
    String handle = r.body().get("statementHandle").asText();
    assertThat(get(handle, "", token).status()).isEqualTo(422);
    r = run("select * from nope");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("002003");
    r = run("select 1 / (id - id) from orders");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("100051");
    for (String refused : new String[] {"use schema in_c_sales", "alter session set timezone = 'UTC'",
        "begin", "commit", "rollback", "put file:///tmp/x @~", "get @~/x file:///tmp"}) {
      r = run(refused);
      assertThat(r.status()).as(refused).isEqualTo(422);
      assertThat(r.body().get("message").asText()).as(refused).contains("Unsupported statement type");
    }
    r = post("", token, Map.of("statement", "select 1", "database", "elsewhere"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("message").asText()).contains("Database 'elsewhere' does not exist");
    r = post("", token, Map.of("statement", "select 1", "database", "shop", "schema", "nowhere"));
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.body().get("code").asText()).isEqualTo("002003");
  }

  @Test void aStatementThatHitsItsTimeoutIs408() {
    Reply r = post("", token, Map.of("statement", SnowflakeDriverTest.LONG_QUERY, "database", "shop",
        "timeout", 1));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(408);
    assertThat(r.body().get("code").asText()).isEqualTo("000630");
    assertThat(r.body().get("statementHandle").asText()).isNotBlank();
  }

  @Test void cancelStopsALongStatement() throws Exception {
    Reply r = post("?async=true", token, Map.of("statement", SnowflakeDriverTest.LONG_QUERY, "database", "shop"));
    assertThat(r.status()).isEqualTo(202);
    String handle = r.body().get("statementHandle").asText();
    Thread.sleep(1000);
    assertThat(get(handle, "", token).status()).isEqualTo(202);
    // Another project's token neither sees nor cancels it.
    assertThat(send("POST", "/api/v2/statements/" + handle + "/cancel", other, Map.of(), null).status())
        .isEqualTo(404);
    Reply cancelled = send("POST", "/api/v2/statements/" + handle + "/cancel", token, Map.of(), null);
    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    assertThat(cancelled.body().get("message").asText()).isEqualTo("successfully canceled");
    Reply after = poll(handle);
    assertThat(after.status()).isEqualTo(422);
    assertThat(after.body().get("code").asText()).isEqualTo("000604");
    Reply again = send("POST", "/api/v2/statements/" + handle + "/cancel", token, Map.of(), null);
    assertThat(again.status()).isEqualTo(422);
  }

  @Test void cancellingSeveralStatementsStopsTheRunningOneAndTheRest() throws Exception {
    Reply r = post("?async=true", token, Map.of("statement", "select 1; " + SnowflakeDriverTest.LONG_QUERY
        + "; select 3", "database", "shop", "parameters", Map.of("MULTI_STATEMENT_COUNT", 3)));
    assertThat(r.status()).as(r.body().toString()).isEqualTo(202);
    String handle = r.body().get("statementHandle").asText();
    Thread.sleep(1500);
    Reply cancelled = send("POST", "/api/v2/statements/" + handle + "/cancel", token, Map.of(), null);
    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    Reply after = poll(handle);
    assertThat(after.status()).as(after.body().toString()).isEqualTo(422);
    assertThat(after.body().get("code").asText()).isEqualTo("000604");
  }

  @Test void anotherProjectsTokenIsToldTheHandleDoesNotExist() {
    Reply r = run("select count(*) from orders");
    String handle = r.body().get("statementHandle").asText();
    Reply foreign = get(handle, "", other);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body().toString()).doesNotContain("\"3\"");
    assertThat(get(UUID.randomUUID().toString(), "", token).status()).isEqualTo(404);
    assertThat(get(handle, "", TestServer.ADMIN_TOKEN).status()).isEqualTo(200);
  }

  @Test void theSameRequestIdGivesTheSameHandle() {
    String requestId = UUID.randomUUID().toString();
    Map<String, Object> body = Map.of("statement", "select count(*) from orders", "database", "shop",
        "schema", "in_c_sales");
    Reply first = post("?requestId=" + requestId, token, body);
    Reply retry = post("?requestId=" + requestId + "&retry=true", token, body);
    assertThat(first.status()).isEqualTo(200);
    assertThat(retry.status()).isEqualTo(200);
    String handle = first.body().get("statementHandle").asText();
    assertThat(retry.body().get("statementHandle").asText()).isEqualTo(handle);
    assertThat(first.body().get("statementStatusUrl").asText())
        .isEqualTo("/api/v2/statements/" + handle + "?requestId=" + requestId);
    // Another principal's request with the same id is its own.
    Reply admin = post("?requestId=" + requestId, TestServer.ADMIN_TOKEN, body);
    assertThat(admin.body().get("statementHandle").asText()).isNotEqualTo(handle);
  }

  /** A key-pair JWT made as Snowflake documents it: RS256, iss ACCOUNT.USER.SHA256:fingerprint. */
  static String jwt(String account, String user, java.security.KeyPair keys, long expiresInSeconds)
      throws Exception {
    java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String fingerprint = java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded()));
    long now = System.currentTimeMillis() / 1000;
    String qualified = account.toUpperCase(java.util.Locale.ROOT) + "." + user.toUpperCase(java.util.Locale.ROOT);
    String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes());
    String claims = b64.encodeToString(("{\"iss\":\"" + qualified + ".SHA256:" + fingerprint + "\",\"sub\":\""
        + qualified + "\",\"iat\":" + now + ",\"exp\":" + (now + expiresInSeconds) + "}").getBytes());
    java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
    rs256.initSign(keys.getPrivate());
    rs256.update((header + "." + claims).getBytes());
    return header + "." + claims + "." + b64.encodeToString(rs256.sign());
  }

  @Test void aKeyPairUserAuthenticatesWithAJwt() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    java.security.KeyPair keys = generator.generateKeyPair();
    assertThat(floe.json("POST", "/projects/shop/snowflake-users", token, "{\"name\":\"api_user\","
        + "\"rsa_public_key\":\"" + java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())
        + "\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}").status()).isEqualTo(201);
    Map<String, String> headers = Map.of("Content-Type", "application/json",
        "X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
    byte[] body = "{\"statement\":\"select 1 as one\",\"database\":\"shop\"}".getBytes();
    Reply ok = send("POST", "/api/v2/statements", jwt("shop", "api_user", keys, 60), headers, body);
    assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
    assertThat(ok.body().get("data").get(0).get(0).asText()).isEqualTo("1");
    Reply expired = send("POST", "/api/v2/statements", jwt("shop", "api_user", keys, -10), headers, body);
    assertThat(expired.status()).isEqualTo(401);
    java.security.KeyPair other = generator.generateKeyPair();
    Reply wrongKey = send("POST", "/api/v2/statements", jwt("shop", "api_user", other, 60), headers, body);
    assertThat(wrongKey.status()).isEqualTo(401);
  }

  @Test void refusesBadRequestsWithSnowflakesStatuses() throws Exception {
    Reply r = post("", null, Map.of("statement", "select 1"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.body().get("code").asText()).isEqualTo("390303");
    assertThat(post("", "not-a-token", Map.of("statement", "select 1")).status()).isEqualTo(401);
    Reply jwt = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json",
        "X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT"), "{\"statement\":\"select 1\"}".getBytes());
    assertThat(jwt.status()).isEqualTo(401);
    assertThat(jwt.body().get("code").asText()).isEqualTo("390303");
    Reply pat = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json",
        "X-Snowflake-Authorization-Token-Type", "PROGRAMMATIC_ACCESS_TOKEN"), "{\"statement\":\"select 1\"}".getBytes());
    assertThat(pat.status()).isEqualTo(200);
    Reply malformed = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json"),
        "{\"statement\": ".getBytes());
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("message").asText()).contains("not JSON");
    Reply text = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "text/plain"),
        "select 1".getBytes());
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.body().get("code").asText()).isEqualTo("101047");
    assertThat(send("DELETE", "/api/v2/statements/" + UUID.randomUUID(), token, Map.of(), null).status())
        .isEqualTo(405);
    assertThat(post("", token, Map.of("database", "shop")).status()).isEqualTo(400);
    assertThat(post("", TestServer.ADMIN_TOKEN, Map.of("statement", "select 1")).status()).isEqualTo(422);
    // A gzip bomb: 64 MB of zeros in a few kilobytes.
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(zipped)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) {
        z.write(zeros);
      }
    }
    Reply bomb = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json",
        "Content-Encoding", "gzip"), zipped.toByteArray());
    assertThat(bomb.status()).isEqualTo(413);
    Reply huge = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json"),
        ("{\"statement\":\"select '" + "x".repeat(5 << 20) + "'\"}").getBytes());
    assertThat(huge.status()).isEqualTo(413);
    // A gzipped request is read.
    ByteArrayOutputStream small = new ByteArrayOutputStream();
    try (OutputStream z = new GZIPOutputStream(small)) {
      z.write("{\"statement\":\"select 7\",\"database\":\"shop\"}".getBytes());
    }
    Reply gz = send("POST", "/api/v2/statements", token, Map.of("Content-Type", "application/json",
        "Content-Encoding", "gzip"), small.toByteArray());
    assertThat(gz.status()).isEqualTo(200);
    assertThat(gz.body().get("data").toString()).isEqualTo("[[\"7\"]]");
    assertThat(withoutUserAgent()).startsWith("HTTP/1.1 400").contains("391903");
  }

  /** Java's client always sends a User-Agent; a raw request does not. */
  private static String withoutUserAgent() throws IOException {
    URI uri = URI.create(floe.url());
    String body = "{\"statement\":\"select 1\"}";
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v2/statements HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAuthorization: Bearer "
          + token + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
          + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

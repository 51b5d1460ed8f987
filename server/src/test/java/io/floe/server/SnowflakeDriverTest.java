package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's own JDBC driver (snowflake-jdbc, unchanged) against Floe's Snowflake front door: the
 * account is the project, the password a Floe token, and every statement runs in Floe's engine in
 * the Snowflake dialect with the token's rights.
 */
class SnowflakeDriverTest {
  /** 3000^4 row combinations: runs until it is cancelled. */
  static final String LONG_QUERY = "select count(*) from in_c_sales.big a, in_c_sales.big b, "
      + "in_c_sales.big c, in_c_sales.big d where a.v + b.v + c.v + d.v > -1";

  static TestServer floe;
  static String token;
  static String other;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = ShopData.load(floe);
    other = floe.createProject("elsewhere");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** What a Snowflake user changes: host, port, account; plus plain HTTP and no cloud probing. */
  static Connection connect(String account, String password, String schema) throws SQLException {
    Properties p = new Properties();
    p.put("user", "analyst");
    p.put("password", password);
    p.put("account", account);
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    p.put("maxHttpRetries", "0");
    p.put("loginTimeout", "30");
    if (schema != null) {
      p.put("db", account);
      p.put("schema", schema);
    }
    String hostPort = floe.url().substring("http://".length());
    return DriverManager.getConnection("jdbc:snowflake://" + hostPort + "/", p);
  }

  @Test void logsInAndReadsEveryTypeAsSnowflakeWritesIt() throws Exception {
    try (Connection c = connect("shop", token, null); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select 42 as answer, 'x' as s, cast(1.5 as decimal(10,2)) as d, "
             + "true as b, date '2024-03-01' as dt, timestamp '2024-03-01 10:00:00.123' as ts, "
             + "cast(null as varchar) as n, cast(2.5 as double) as r")) {
      assertThat(c.getCatalog()).isEqualTo("SHOP");
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnName(1)).isEqualTo("ANSWER");
      assertThat(md.getColumnType(3)).isEqualTo(Types.DECIMAL);
      assertThat(md.getScale(3)).isEqualTo(2);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(42);
      assertThat(rs.getString(2)).isEqualTo("x");
      assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("1.50");
      assertThat(rs.getBoolean(4)).isTrue();
      assertThat(rs.getDate(5).toLocalDate()).isEqualTo(LocalDate.of(2024, 3, 1));
      assertThat(rs.getTimestamp(6).toLocalDateTime()).isEqualTo("2024-03-01T10:00:00.123");
      assertThat(rs.getString(7)).isNull();
      assertThat(rs.wasNull()).isTrue();
      assertThat(rs.getDouble(8)).isEqualTo(2.5);
      assertThat(rs.next()).isFalse();
    }
  }

  @Test void readsTheProjectsTablesByBucketAndInTheSchemaInUse() throws Exception {
    try (Connection c = connect("SHOP", token, "in_c_sales"); Statement s = c.createStatement()) {
      assertThat(c.getSchema()).isEqualTo("IN_C_SALES");
      try (ResultSet rs = s.executeQuery("select customer, sum(amount) as total from orders "
          + "group by customer order by customer")) {
        assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("TOTAL");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("alice");
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("29.99");
      }
      try (ResultSet rs = s.executeQuery("select count(*) from IN_C_SALES.ORDERS")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }

  @Test void aLargeResultComesInChunksTheDriverDownloads() throws Exception {
    try (Connection c = connect("shop", token, "in_c_sales"); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select a.v * 3000 + b.v as n, 'row ' || cast(b.v as varchar) as label "
             + "from big a, big b where a.v < 80 order by n")) {
      long count = 0;
      while (rs.next()) {
        assertThat(rs.getLong(1)).isEqualTo(count);
        assertThat(rs.getString(2)).isEqualTo("row " + (count % 3000));
        count++;
      }
      assertThat(count).isEqualTo(240_000);
    }
  }

  @Test void bindsParametersOfEveryKind() throws Exception {
    try (Connection c = connect("shop", token, "in_c_sales");
         PreparedStatement ps = c.prepareStatement(
             "select id from orders where customer = ? and amount > ? and ordered_on >= ? order by id")) {
      ps.setString(1, "alice");
      ps.setBigDecimal(2, new BigDecimal("10"));
      ps.setDate(3, java.sql.Date.valueOf("2024-03-02"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(3);
        assertThat(rs.next()).isFalse();
      }
      ps.setString(1, "bob");
      ps.setInt(2, 0);
      ps.setDate(3, java.sql.Date.valueOf("2024-01-01"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test void useAndAlterSessionChangeTheSession() throws Exception {
    try (Connection c = connect("shop", token, null); Statement s = c.createStatement()) {
      s.execute("alter session set query_tag = 'nightly', timezone = 'UTC'");
      s.execute("use schema in_c_sales");
      assertThat(c.getSchema()).isEqualTo("IN_C_SALES");
      try (ResultSet rs = s.executeQuery("select count(*) from big")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3000);
      }
      c.setSchema("IN_C_SALES");
      assertThat(c.getSchema()).isEqualTo("IN_C_SALES");
      assertThatThrownBy(() -> s.execute("use schema nowhere"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(2003));
    }
  }

  @Test void sqlErrorsCarrySnowflakesCodesAndSqlStates() throws Exception {
    try (Connection c = connect("shop", token, "in_c_sales"); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("selec 1")).isInstanceOfSatisfying(SQLException.class, e -> {
        assertThat(e.getErrorCode()).isEqualTo(1003);
        assertThat(e.getSQLState()).isEqualTo("42000");
      });
      assertThatThrownBy(() -> s.executeQuery("select * from nope")).isInstanceOfSatisfying(
          SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(2003);
            assertThat(e.getSQLState()).isEqualTo("42S02");
          });
      assertThatThrownBy(() -> s.executeQuery("select 1 / (id - id) from orders")).isInstanceOfSatisfying(
          SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(100051));
      // The connection still works after errors.
      try (ResultSet rs = s.executeQuery("select 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test void cancelStopsALongStatement() throws Exception {
    try (Connection c = connect("shop", token, "in_c_sales"); Statement s = c.createStatement()) {
      CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rs = s.executeQuery(LONG_QUERY)) {
          return rs.next();
        } catch (SQLException e) {
          return e;
        }
      });
      Thread.sleep(1500);
      assertThat(running).isNotDone();
      s.cancel();
      Object outcome = running.get(30, TimeUnit.SECONDS);
      assertThat(outcome).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
    }
  }

  /** Project data changes through the storage API only; SQL writes to it are refused as Snowflake refuses them. */
  @Test void writesToProjectDataAreRefusedWithSnowflakesPrivilegeError() throws Exception {
    try (Connection c = connect("shop", token, "in_c_sales"); Statement s = c.createStatement()) {
      for (String write : List.of("insert into orders (id) values (9)", "update orders set amount = 0",
          "delete from orders", "create table scratch (id int)")) {
        assertThatThrownBy(() -> s.executeUpdate(write)).as(write).isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getErrorCode()).isEqualTo(3001);
          assertThat(e.getSQLState()).isEqualTo("42501");
        });
      }
      try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }

  @Test void aRegisteredKeyPairUserLogsInWithItsPrivateKey() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    java.security.KeyPair keys = generator.generateKeyPair();
    java.security.KeyPair stranger = generator.generateKeyPair();
    String publicKey = java.util.Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    assertThat(floe.json("POST", "/projects/shop/snowflake-users", token, "{\"name\":\"bi_user\","
        + "\"rsa_public_key\":\"" + publicKey + "\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}")
        .status()).isEqualTo(201);
    try (Connection c = keyPair("bi_user", keys.getPrivate()); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from orders")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
    assertThatThrownBy(() -> keyPair("bi_user", stranger.getPrivate())).isInstanceOfSatisfying(
        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100));
    assertThatThrownBy(() -> keyPair("nobody", keys.getPrivate())).isInstanceOfSatisfying(
        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100));
    assertThat(floe.call("DELETE", "/projects/shop/snowflake-users/bi_user", token, null, null).status())
        .isEqualTo(204);
    assertThatThrownBy(() -> keyPair("bi_user", keys.getPrivate())).isInstanceOfSatisfying(
        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100));
  }

  /** A key-pair login, as Snowflake documents it for JDBC: the private key in the properties. */
  static Connection keyPair(String user, java.security.PrivateKey key) throws SQLException {
    Properties p = new Properties();
    p.put("user", user);
    p.put("authenticator", "SNOWFLAKE_JWT");
    p.put("privateKey", key);
    p.put("account", "shop");
    p.put("db", "shop");
    p.put("schema", "in_c_sales");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    p.put("maxHttpRetries", "0");
    return DriverManager.getConnection("jdbc:snowflake://" + floe.url().substring("http://".length()) + "/", p);
  }

  /** Seed 002's load: 50 users at once, 1000 statements in flight, every answer right. */
  @Test void fiftyUsersWithAThousandStatementsInFlight() throws Exception {
    List<Connection> users = new java.util.ArrayList<>();
    try {
      for (int u = 0; u < 50; u++) {
        String user = floe.json("POST", "/projects/shop/tokens", token, "{\"description\":\"user " + u
            + "\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}").json().get("token").asText();
        users.add(connect("shop", user, "in_c_sales"));
      }
      // Every user sends its 20 statements at once (asynchronously), so all 1000 are in flight; then
      // each user reads its answers (users in parallel, as 50 clients would).
      List<List<ResultSet>> inFlight = new java.util.ArrayList<>();
      for (int u = 0; u < users.size(); u++) {
        List<ResultSet> mine = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
          Statement s = users.get(u).createStatement();
          mine.add(s.unwrap(net.snowflake.client.api.statement.SnowflakeStatement.class)
              .executeAsyncQuery("select count(*) + " + (u * 100L + i) + " from orders where amount > 0"));
        }
        inFlight.add(mine);
      }
      assertThat(inFlight.stream().mapToInt(List::size).sum()).isEqualTo(1000);
      java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(50);
      try {
        List<java.util.concurrent.Future<Integer>> read = new java.util.ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
          int user = u;
          read.add(readers.submit(() -> {
            int right = 0;
            for (int i = 0; i < 20; i++) {
              try (ResultSet rs = inFlight.get(user).get(i)) {
                if (rs.next() && rs.getLong(1) == 3 + user * 100L + i) {
                  right++;
                }
              }
            }
            return right;
          }));
        }
        int right = 0;
        for (java.util.concurrent.Future<Integer> f : read) {
          right += f.get(5, TimeUnit.MINUTES);
        }
        assertThat(right).isEqualTo(1000);
      } finally {
        readers.shutdownNow();
      }
    } finally {
      for (Connection c : users) {
        c.close();
      }
    }
  }

  @Test void wrongTokensAndOtherProjectsAreRefused() {
    assertThatThrownBy(() -> connect("shop", "not-a-token", null)).isInstanceOfSatisfying(
        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100));
    assertThatThrownBy(() -> connect("shop", other, null)).isInstanceOfSatisfying(
        SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(390100));
  }

  @Test void aRevokedTokenStopsItsSessions() throws Exception {
    String limited = floe.json("POST", "/projects/shop/tokens", token,
        "{\"description\":\"bi\",\"bucket_permissions\":{\"in_c_sales\":\"read\"}}").json().get("token").asText();
    String id = floe.json("GET", "/tokens/verify", limited, null).json().get("id").asText();
    try (Connection c = connect("shop", limited, "in_c_sales"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
        assertThat(rs.next()).isTrue();
      }
      assertThat(floe.call("DELETE", "/projects/shop/tokens/" + id, token, null, null).status()).isEqualTo(204);
      assertThatThrownBy(() -> s.executeQuery("select count(*) from orders")).isInstanceOf(SQLException.class);
    }
    assertThatThrownBy(() -> connect("shop", limited, null)).isInstanceOf(SQLException.class);
  }
}

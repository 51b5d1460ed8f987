package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.Engine;
import io.floe.engine.testing.MovableClock;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access changes reach JDBC connections that are already open: a revoked or expired token, an
 * unshared bucket. Linked buckets appear in metadata and information_schema like any other.
 */
class OpenConnectionAccessTest {
  /** Expiry without waiting: the test moves the server's clock past a token's end. */
  private static final MovableClock CLOCK = new MovableClock();
  static TestServer floe;
  static String owner;

  @BeforeAll static void setUp() {
    floe = TestServer.start(CLOCK);
    owner = floe.createProject("own");
    floe.createBucket("own", owner, "in_c_data");
    floe.createTable("own", owner, "in_c_data",
        "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
    StringBuilder csv = new StringBuilder("v\n");
    for (int i = 0; i < 4000; i++) {
      csv.append(i).append('\n');
    }
    assertThat(floe.importCsv("own", owner, "in_c_data", "big", csv.toString(), false).status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static JsonNode ok(TestServer.Answer a) {
    assertThat(a.status()).as(a.body()).isBetween(200, 299);
    return a.body().isEmpty() ? null : a.json();
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * The SQLSTATE of a failure, which the driver reports as a {@link SQLException} (possibly wrapped
   * by the test's own executor).
   */
  static String sqlState(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getSQLState();
      }
    }
    throw new AssertionError("not a SQLException: " + e, e);
  }

  /** Closing a connection the server already dropped succeeds, as JDBC callers expect. */
  static void closeQuietly(Connection c) throws SQLException {
    c.close();
    assertThat(c.isClosed()).isTrue();
  }

  static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  @Test void aRevokedTokenStopsOnAnOpenConnection() throws Exception {
    JsonNode token = ok(floe.json("POST", "/projects/own/tokens", owner,
        "{\"bucket_permissions\":{\"in_c_data\":\"read\"}}"));
    Connection c = DriverJar.connect(floe.jdbcUrl(), token.get("token").asText());
    try {
      assertThat(count(c, "in_c_data.big")).isEqualTo(4000);
      ok(floe.json("DELETE", "/projects/own/tokens/" + token.get("id").asText(), owner, null));
      assertThatThrownBy(() -> count(c, "in_c_data.big"))
          .satisfies(e -> assertThat(sqlState(e)).as(String.valueOf(e)).isEqualTo("28000"));
    } finally {
      closeQuietly(c);
    }
  }

  @Test void anExpiredTokenStopsOnAnOpenConnection() throws Exception {
    JsonNode token = ok(floe.json("POST", "/projects/own/tokens", owner,
        "{\"bucket_permissions\":{\"in_c_data\":\"read\"},\"expires_in\":3600}"));
    Connection c = DriverJar.connect(floe.jdbcUrl(), token.get("token").asText());
    try {
      assertThat(count(c, "in_c_data.big")).isEqualTo(4000);
      CLOCK.advance(Duration.ofMinutes(61));
      assertThatThrownBy(() -> count(c, "in_c_data.big"))
          .satisfies(e -> assertThat(sqlState(e)).as(String.valueOf(e)).isEqualTo("28000"));
      // The server ends the token's sessions by itself within a second of expiry.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
      while (hasSession(token.get("id").asText()) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(hasSession(token.get("id").asText())).isFalse();
    } finally {
      closeQuietly(c);
    }
  }

  @Test void aRevokedTokensRunningStatementStops() throws Exception {
    JsonNode token = ok(floe.json("POST", "/projects/own/tokens", owner,
        "{\"bucket_permissions\":{\"in_c_data\":\"read\"}}"));
    Connection c = DriverJar.connect(floe.jdbcUrl(), token.get("token").asText());
    try {
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
        try {
          return count(c, "in_c_data.big a, in_c_data.big b, in_c_data.big c, in_c_data.big d "
              + "where a.v + b.v + c.v + d.v > -1");
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      awaitRunning();
      ok(floe.json("DELETE", "/projects/own/tokens/" + token.get("id").asText(), owner, null));
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
      assertThat(Engine.of(floe.server.engine()).sessions().running()).isEmpty();
    } finally {
      closeQuietly(c);
    }
  }

  @Test void unsharingEndsAccessForOpenConnectionsAndRunningStatements() throws Exception {
    String reader = floe.createProject("rdr");
    ok(floe.json("POST", "/projects/own/buckets/in_c_data/share", owner, "{\"target_project_id\":\"rdr\"}"));
    ok(floe.json("POST", "/projects/rdr/buckets/data/link", reader,
        "{\"source_project_id\":\"own\",\"source_bucket_name\":\"in_c_data\"}"));
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), reader)) {
      assertThat(count(c, "data.big")).isEqualTo(4000);
      DatabaseMetaData md = c.getMetaData();
      assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("data");
      assertThat(column(md.getTables("rdr", "data", "%", null), "TABLE_NAME")).containsExactly("big");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "select table_schema, table_name from information_schema.tables")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1) + "." + rs.getString(2)).isEqualTo("data.big");
      }
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
        try {
          return count(c, "data.big a, data.big b, data.big c, data.big d where a.v + b.v + c.v + d.v > -1");
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      awaitRunning();
      ok(floe.json("DELETE", "/projects/own/buckets/in_c_data/share?target_project_id=rdr", owner, null));
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .satisfies(e -> assertThat(sqlState(e)).as(String.valueOf(e)).isEqualTo("42501"));
    }
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), reader)) {
      assertThatThrownBy(() -> count(c, "data.big"))
          .satisfies(e -> assertThat(sqlState(e)).as(String.valueOf(e)).isEqualTo("42P01"));
      assertThat(column(c.getMetaData().getSchemas(), "TABLE_SCHEM")).isEmpty();
    }
  }

  @Test void theAdminSeesASourceAndItsLinkUnderBothNames() throws Exception {
    String viewer = floe.createProject("viewer");
    ok(floe.json("POST", "/projects/own/buckets/in_c_data/grant-readonly", owner,
        "{\"target_project_id\":\"viewer\",\"link_name\":\"own_data\"}"));
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), TestServer.ADMIN_TOKEN);
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select table_catalog || '.' || table_schema || '.' || table_name "
             + "from information_schema.tables where table_name = 'big' order by 1")) {
      List<String> names = new ArrayList<>();
      while (rs.next()) {
        names.add(rs.getString(1));
      }
      assertThat(names).containsExactly("own.in_c_data.big", "viewer.own_data.big");
      assertThat(count(c, "viewer.own_data.big")).isEqualTo(count(c, "own.in_c_data.big"));
    }
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), viewer)) {
      assertThat(count(c, "own_data.big")).isEqualTo(4000);
    }
    ok(floe.json("DELETE", "/projects/own/buckets/in_c_data/grant-readonly?target_project_id=viewer", owner, null));
  }

  static boolean hasSession(String tokenId) {
    return Engine.of(floe.server.engine()).sessions().sessions().stream()
        .anyMatch(session -> tokenId.equals(session.principal().tokenId()));
  }

  static void awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Engine.of(floe.server.engine()).sessions().running().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Engine.of(floe.server.engine()).sessions().running()).isNotEmpty();
    Thread.sleep(300);
  }
}

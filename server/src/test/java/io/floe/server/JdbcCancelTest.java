package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.Engine;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.Statements;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A statement running for minutes is stopped from the JDBC client, and DuckDB stops with it. */
class JdbcCancelTest {
  /** 4000^4 row combinations: far more than any test waits for. */
  static final String LONG_QUERY = "select count(*) from in_c_b.big a, in_c_b.big b, in_c_b.big c, in_c_b.big d "
      + "where a.v + b.v + c.v + d.v > -1";

  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_b");
    floe.createTable("p", token, "in_c_b", "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
    StringBuilder csv = new StringBuilder("v\n");
    for (int i = 0; i < 4000; i++) {
      csv.append(i).append('\n');
    }
    assertThat(floe.importCsv("p", token, "in_c_b", "big", csv.toString(), false).status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** Runs {@code sql} in the background; whether it had a first row. */
  private static CompletableFuture<Object> firstRow(Statement s, String sql) {
    return CompletableFuture.supplyAsync(() -> {
      try (ResultSet rs = s.executeQuery(sql)) {
        return rs.next();
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    });
  }

  private static void awaitRunning() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Engine.of(floe.server.engine()).sessions().running().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Engine.of(floe.server.engine()).sessions().running()).isNotEmpty();
    Thread.sleep(500);
  }

  private static void assertNothingRunsWithin(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Engine.of(floe.server.engine()).sessions().running().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Engine.of(floe.server.engine()).sessions().running()).isEmpty();
  }

  @Test void cancelFromTheClientStopsTheServerWork() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      CompletableFuture<Object> running = firstRow(s, LONG_QUERY);
      awaitRunning();
      long cancelled = System.nanoTime();
      s.cancel();
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .satisfies(e -> {
            SQLException sql = (SQLException) e.getCause().getCause();
            assertThat(sql.getSQLState()).as(sql.toString()).isEqualTo("57014");
          });
      assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(2));
      assertNothingRunsWithin(Duration.ofSeconds(1));
      // The connection stays usable.
      try (ResultSet rs = s.executeQuery("select count(*) from in_c_b.big")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(4000);
      }
    }
  }

  @Test void queryTimeoutStopsTheServerWork() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token);
         PreparedStatement ps = c.prepareStatement(LONG_QUERY)) {
      ps.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(ps::executeQuery)
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"))
          .hasMessageContaining("timeout");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertNothingRunsWithin(Duration.ofSeconds(1));
    }
  }

  @Test void serverStatementTimeoutFromConnectionProperty() throws Exception {
    java.util.Properties props = new java.util.Properties();
    props.setProperty("token", token);
    props.setProperty("statement_timeout_ms", "1000");
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), props); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(LONG_QUERY))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertNothingRunsWithin(Duration.ofSeconds(1));
    }
  }

  @Test void closingTheConnectionStopsItsWork() throws Exception {
    Connection c = DriverJar.connect(floe.jdbcUrl(), token);
    Statement s = c.createStatement();
    CompletableFuture<Object> running = firstRow(s, LONG_QUERY);
    awaitRunning();
    c.close();
    assertNothingRunsWithin(Duration.ofSeconds(2));
    assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
  }

  private static Statements.Status handleOf(String sql) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Statements.Status st : floe.server.engine().statements().list(admin())) {
        if (st.sql().equals(sql)) {
          return st;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no statement handle for " + sql);
  }

  private static Principal admin() {
    return Engine.of(floe.server.engine()).authenticate(TestServer.ADMIN_TOKEN).orElseThrow();
  }

  @Test void aRunningJdbcStatementHasAHandleThatCancelsIt() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      CompletableFuture<Object> running = firstRow(s, LONG_QUERY);
      Statements.Status handle = handleOf(LONG_QUERY);
      assertThat(handle.state()).isEqualTo(Statements.State.RUNNING);
      assertThat(handle.projectId()).isEqualTo("p");
      floe.server.engine().statements().cancel(admin(), handle.id());
      assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .satisfies(e -> {
            SQLException sql = (SQLException) e.getCause().getCause();
            assertThat(sql.getSQLState()).as(sql.toString()).isEqualTo("57014");
          });
      assertNothingRunsWithin(Duration.ofSeconds(2));
    }
  }

  @Test void aResultBeingReadIsAHandleWithItsRowsAndEndsWithIt() throws Exception {
    String sql = "select a.v, b.v from in_c_b.big a, in_c_b.big b";
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      s.setFetchSize(100);
      ResultSet rs = s.executeQuery(sql);
      for (int i = 0; i < 150; i++) {
        assertThat(rs.next()).isTrue();
      }
      Statements.Status handle = handleOf(sql);
      assertThat(handle.state()).isEqualTo(Statements.State.RUNNING);
      assertThat(handle.rows()).as("rows sent so far").isBetween(150L, 1_000_000L);
      floe.server.engine().statements().cancel(admin(), handle.id());
      long read = 150;
      SQLException stopped = null;
      try {
        while (rs.next()) {
          read++;
        }
      } catch (SQLException e) {
        stopped = e;
      }
      assertThat(stopped == null ? null : stopped.getSQLState())
          .as("stopped after %d of 16M rows", read).isEqualTo("57014");
      assertThat(read).isLessThan(16_000_000L);
      rs.close();
      assertThat(floe.server.engine().statements().list(admin()))
          .extracting(Statements.Status::sql).doesNotContain(sql);
      // The statement runs again on the same connection, to the end, and its handle goes with it.
      try (ResultSet again = s.executeQuery(sql + " where a.v < 2")) {
        int n = 0;
        while (again.next()) {
          n++;
        }
        assertThat(n).isEqualTo(8000);
      }
      assertThat(floe.server.engine().statements().list(admin()))
          .extracting(Statements.Status::sql).doesNotContain(sql);
    }
  }
}

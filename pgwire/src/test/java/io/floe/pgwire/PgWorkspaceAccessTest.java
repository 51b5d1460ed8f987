package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.WorkspaceConfig;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.service.ProjectTokenService;
import io.floe.engine.testing.MovableClock;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a workspace reads follows its creating token and the project's sharing live, seen through
 * pgjdbc sessions that stay open while the access changes; and the background reaper drops expired
 * workspaces on its own.
 */
class PgWorkspaceAccessTest {
  static PgTestServer pg;

  @BeforeAll static void start() {
    pg = new PgTestServer();
  }

  @AfterAll static void stop() {
    pg.close();
  }

  static Connection connect(PgTestServer server, CreatedWorkspace ws) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", ws.username());
    p.setProperty("password", ws.password());
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.server.port() + "/"
        + ws.workspace().databaseName(), p);
  }

  static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static String schemas(Connection c) throws SQLException {
    return text(c, "select string_agg(nspname, ',' order by nspname) from pg_catalog.pg_namespace");
  }

  static String sqlState(Throwable e) {
    return ((SQLException) e).getSQLState();
  }

  static ProjectTokenService.CreatedToken token(Map<String, String> buckets) {
    return pg.floe.engine().storageServices().tokens().create(pg.floe.principal(pg.projectKey), "p1",
        new ProjectTokenService.TokenSpec("limited", buckets, false, null));
  }

  @Test void aLinkedBucketAppearsInOpenSessionsAndDisappearsOnUnshare() throws Exception {
    String key2 = pg.floe.createProject("p2");
    pg.floe.createBucket("p2", "in_c_rates");
    pg.floe.createTable("p2", "in_c_rates", "rates", "code VARCHAR", "rate DOUBLE");
    pg.floe.importCsv("p2", "in_c_rates", "rates", TestEngine.csv("code,rate", "EUR,1.0", "USD,1.1"),
        false);
    var sharing = pg.floe.engine().storageServices().sharing();
    try (Connection c = pg.connect()) {
      assertThat(schemas(c)).doesNotContain("shared_rates");
      sharing.share(pg.floe.principal(key2), "p2", "in_c_rates", List.of("p1"), false);
      sharing.link(pg.floe.principal(pg.projectKey), "p1", "shared_rates", "p2", "in_c_rates");
      assertThat(text(c, "select count(*) from shared_rates.rates")).isEqualTo("2");
      assertThat(text(c, "select string_agg(r.code, ',' order by r.code) from shared_rates.rates r "
          + "join in_c_sales.orders o on o.id = 1")).isEqualTo("EUR,USD");
      assertThat(schemas(c)).contains("shared_rates");
      sharing.unshare(pg.floe.principal(key2), "p2", "in_c_rates", "p1", false);
      assertThatThrownBy(() -> text(c, "select count(*) from shared_rates.rates"))
          .satisfies(e -> assertThat(sqlState(e)).isIn("42P01", "3F000"));
      assertThat(schemas(c)).doesNotContain("shared_rates");
      assertThat(text(c, "select count(*) from in_c_sales.orders")).isEqualTo("3");
    }
  }

  @Test void aLimitedTokensWorkspaceSeesOnlyItsBuckets() throws Exception {
    pg.floe.createBucket("p1", "in_c_hidden");
    pg.floe.createTable("p1", "in_c_hidden", "secrets", "x INTEGER");
    String limited = token(Map.of("in_c_sales", "write")).secret();
    CreatedWorkspace ws = pg.floe.engine().workspaces().create(pg.floe.principal(limited), "p1",
        null, "limited", null, null, List.of());
    try (Connection c = connect(pg, ws)) {
      assertThat(text(c, "select count(*) from in_c_sales.orders")).isEqualTo("3");
      assertThatThrownBy(() -> text(c, "select count(*) from in_c_hidden.secrets"))
          .satisfies(e -> assertThat(sqlState(e)).isIn("42P01", "3F000"));
      assertThat(schemas(c)).contains("in_c_sales").doesNotContain("in_c_hidden");
      assertThat(text(c, "select count(*) from information_schema.tables where table_name = 'secrets'"))
          .isEqualTo("0");
      try (ResultSet rs = c.getMetaData().getTables(null, "in_c_hidden", "%", null)) {
        assertThat(rs.next()).as("JDBC metadata lists nothing of it").isFalse();
      }
    }
    try (Connection c = pg.connect()) {
      assertThat(text(c, "select count(*) from in_c_hidden.secrets"))
          .as("the master token's workspace reads it").isEqualTo("0");
    }
  }

  @Test void revokingTheCreatingTokenEndsOpenSessionsAndLogins() throws Exception {
    ProjectTokenService.CreatedToken token = token(Map.of("in_c_sales", "write"));
    CreatedWorkspace ws = pg.floe.engine().workspaces().create(pg.floe.principal(token.secret()),
        "p1", null, "revoked", null, null, List.of());
    try (Connection c = connect(pg, ws)) {
      assertThat(text(c, "select count(*) from in_c_sales.orders")).isEqualTo("3");
      pg.floe.engine().storageServices().tokens().revoke(pg.floe.principal(pg.projectKey), "p1",
          token.info().record().id());
      assertThatThrownBy(() -> text(c, "select count(*) from in_c_sales.orders"))
          .isInstanceOf(SQLException.class);
    }
    assertThatThrownBy(() -> connect(pg, ws).close())
        .satisfies(e -> assertThat(sqlState(e)).isEqualTo("28P01"));
  }

  @Test void theBackgroundReaperDropsAnExpiredWorkspace() throws Exception {
    Path dir = Files.createTempDirectory("floe-reaper");
    EngineConfig config = EngineConfig.defaults(dir).withDuckDb("1GB", 2)
        .withWorkspaces(WorkspaceConfig.defaults().withReaperInterval(Duration.ofMillis(200)));
    // The workspace lives an hour on a clock the test moves: logging in (TLS, SCRAM) never races
    // its expiry however slow the machine, and expiry needs no waiting.
    MovableClock clock = new MovableClock();
    try (PgTestServer reaped = new PgTestServer(PgConfig.defaults(dir), TestEngine.start(config, clock))) {
      CreatedWorkspace ws = reaped.floe.engine().workspaces().create(
          reaped.floe.principal(reaped.projectKey), "p1", null, "short", 1.0, null, List.of());
      Path file = dir.resolve("projects/p1/_workspaces/" + ws.workspace().id() + ".duckdb");
      try (Connection c = connect(reaped, ws); Statement s = c.createStatement()) {
        s.execute("create table t (a int)");
        assertThat(file).exists();
        Thread.sleep(600);
        assertThat(file).as("not expired yet: the reaper leaves it").exists();
        clock.advance(Duration.ofMinutes(61));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.exists(file) && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(file).as("dropped by the reaper, nobody called it").doesNotExist();
        assertThat(reaped.floe.engine().catalog().snapshot().workspaces()
            .workspace(ws.workspace().id())).isEmpty();
        assertThatThrownBy(() -> s.executeQuery("select 1").close())
            .as("its session ended").isInstanceOf(SQLException.class);
      }
    }
  }
}

package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What an unauthenticated or idle client can hold: start-up messages are small, sessions are
 * bounded (53300 beyond them) while a CancelRequest still gets through, idle sessions end (57P05).
 */
class PgLimitsTest {
  static final Path TLS = Path.of(System.getProperty("java.io.tmpdir"), "floe-pg-tls");

  @Test void defaultsFollowTheSeed() {
    PgConfig defaults = PgConfig.defaults(Path.of("data"));
    assertThat(defaults.idleSessionTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(defaults.maxConnections()).isEqualTo(256);
    assertThat(PgMessageReader.MAX_STARTUP_MESSAGE).isEqualTo(10_000);
  }

  @Test void anUnauthenticatedClientCannotDeclareALargeMessage() throws Exception {
    try (PgTestServer pg = new PgTestServer(); RawPg raw = new RawPg(pg.server.port())) {
      raw.startup("user", pg.workspace.username());
      RawPg.Message sasl = raw.read();
      assertThat(sasl.int32(0)).isEqualTo(10);
      // A SASL response that claims a megabyte: refused from its header, nothing more is read.
      DataOutputStream out = raw.out;
      out.writeByte('p');
      out.writeInt(1_000_000);
      out.flush();
      RawPg.Message error = raw.read();
      assertThat(error.type()).isEqualTo('E');
      assertThat(error.fields().get('S')).isEqualTo("FATAL");
      assertThat(error.fields().get('C')).isEqualTo("08P01");
      assertThat(raw.closedByServer()).isTrue();
    }
  }

  @Test void sessionsBeyondTheLimitAreRefusedAndCancelStillWorks() throws Exception {
    try (PgTestServer pg = new PgTestServer(PgConfig.defaults(TLS).withMaxConnections(2))) {
      Properties quick = new Properties();
      quick.setProperty("loginTimeout", "10");
      try (Connection first = pg.connect(quick); Connection second = pg.connect(quick)) {
        try (Statement s = second.createStatement()) {
          s.execute("create table ten (x int)");
          s.execute("insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)");
          s.execute("create table thousand as select a.x * 100 + b.x * 10 + c.x as x "
              + "from ten a, ten b, ten c");
        }
        assertThatThrownBy(() -> pg.connect(quick).close())
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"))
            .hasMessageContaining("too many clients");
        try (Statement s = first.createStatement()) {
          CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
            try {
              waitUntilRunning(pg);
              s.cancel();
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          });
          long t0 = System.nanoTime();
          assertThatThrownBy(() -> s.executeQuery(PgProtocolTest.LONG_QUERY))
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
          assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(20);
          cancel.get(10, TimeUnit.SECONDS);
        }
      }
      // The slots are free again.
      try (Connection c = pg.connect(quick); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }

  static void waitUntilRunning(PgTestServer pg) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline && pg.floe.engine().sessions().running().stream()
        .noneMatch(e -> e.frontEnd().equals("pgwire"))) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
  }

  @Test void idleSessionsAreClosed() throws Exception {
    try (PgTestServer pg = new PgTestServer(PgConfig.defaults(TLS)
        .withIdleSessionTimeout(Duration.ofMillis(700)));
         RawPg raw = new RawPg(pg.server.port())) {
      raw.startup("user", pg.workspace.username());
      raw.scram(pg.workspace.password());
      // Timed from before the query: the session is idle from its answer on, so at least the
      // timeout passes whatever the load on the machine delays the test by.
      long t0 = System.nanoTime();
      raw.query("select 1");
      raw.readUntil('Z');
      RawPg.Message error = raw.read();
      assertThat(error.type()).isEqualTo('E');
      assertThat(error.fields().get('C')).isEqualTo("57P05");
      assertThat(error.fields().get('M')).contains("idle-session timeout");
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(700L, 30_000L);
      assertThat(raw.closedByServer()).isTrue();
      long deadline = System.currentTimeMillis() + 5_000;
      while (pg.server.openConnections() > 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(pg.server.openConnections()).isZero();
    }
  }
}

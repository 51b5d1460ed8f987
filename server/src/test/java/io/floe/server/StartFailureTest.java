package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.avatica.AvaticaConfig;
import io.floe.engine.Engine;
import io.floe.engine.api.EngineConfig;
import io.floe.pgwire.PgConfig;
import io.floe.web.WebConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A start that fails (a port in use) leaves nothing behind: no listener threads, no open engine, no
 * TLS files written later; the same data directory starts at once afterwards.
 */
class StartFailureTest {
  private static ServerConfig config(Path dir, int httpPort, int pgPort) {
    EngineConfig engine = EngineConfig.defaults(dir).withDuckDb("512MB", 1);
    return new ServerConfig(engine, "127.0.0.1", httpPort, TestServer.ADMIN_TOKEN,
        AvaticaConfig.defaults(), WebConfig.defaults(),
        PgConfig.defaults(dir).withAddress("127.0.0.1", pgPort));
  }

  private static Set<Thread> floeThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().startsWith("floe-http") || t.getName().startsWith("floe-pg-"))
        .collect(Collectors.toSet());
  }

  @Test void aPortInUseFailsTheStartAndLeavesNothingRunning() throws Exception {
    Path dir = TestServer.tempDir();
    Set<Thread> before = floeThreads();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> FloeServer.start(config(dir, port, 0)))
          .isInstanceOf(StartFailure.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port + " (HTTP)")
          .hasMessageContaining("--http-port or FLOE_HTTP_PORT");
      assertThatThrownBy(() -> FloeServer.start(config(dir, 0, port)))
          .isInstanceOf(StartFailure.class)
          .hasMessageContaining("cannot listen on 127.0.0.1:" + port + " (PostgreSQL)")
          .hasMessageContaining("--pg-port or FLOE_PG_PORT");
    }
    Thread.sleep(200);
    Set<Thread> left = floeThreads();
    left.removeAll(before);
    assertThat(left).as("threads of the failed starts").isEmpty();
    // The key store would load 3 s after a start; a failed start must not write it later.
    Thread.sleep(3_500);
    assertThat(Files.exists(dir.resolve("tls").resolve("pg-tls.p12"))).isFalse();
    try (FloeServer server = FloeServer.start(config(dir, 0, 0))) {
      assertThat(server.httpPort()).isPositive();
      assertThat(Engine.of(server.engine()).catalog().snapshot()).isNotNull();
    }
  }

  @Test void aFailedFirstStartStoresNoAdminTokenSoTheNextOneGeneratesAndShowsOne() throws Exception {
    Path dir = TestServer.tempDir();
    ServerConfig generating;
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerConfig busy = config(dir, 0, taken.getLocalPort());
      generating = new ServerConfig(busy.engine(), "127.0.0.1", 0, null, busy.avatica(), busy.web(),
          busy.pg());
      assertThatThrownBy(() -> FloeServer.start(generating)).isInstanceOf(StartFailure.class);
    }
    ServerConfig free = new ServerConfig(generating.engine(), "127.0.0.1", 0, null,
        generating.avatica(), generating.web(), generating.pg().withAddress("127.0.0.1", 0));
    try (FloeServer server = FloeServer.start(free)) {
      assertThat(server.generatedAdminToken()).as("generated now, shown by this start").isPresent();
    }
  }

  @Test void aSecondServerOnOneDataDirectoryIsRefusedAndTheFirstGoesOn() throws Exception {
    Path dir = TestServer.tempDir();
    try (FloeServer first = FloeServer.start(config(dir, 0, 0))) {
      assertThatThrownBy(() -> FloeServer.start(config(dir, 0, 0)))
          .isInstanceOf(StartFailure.class)
          .hasMessageContaining("data directory " + dir)
          .hasMessageContaining("is in use by another Floe (pid " + ProcessHandle.current().pid())
          .hasMessageContaining("--data-dir or FLOE_DATA_DIR");
      assertThat(Engine.of(first.engine()).catalog().snapshot()).isNotNull();
    }
    try (FloeServer again = FloeServer.start(config(dir, 0, 0))) {
      assertThat(again.httpPort()).as("closing released the directory").isPositive();
    }
  }
}

package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.avatica.AvaticaConfig;
import io.floe.engine.EngineConfig;
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
      assertThatThrownBy(() -> FloeServer.start(config(dir, taken.getLocalPort(), 0)))
          .hasMessageContaining("Failed to bind");
      assertThatThrownBy(() -> FloeServer.start(config(dir, 0, taken.getLocalPort())))
          .isInstanceOf(java.net.BindException.class);
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
      assertThat(server.engine().catalog().snapshot()).isNotNull();
    }
  }
}

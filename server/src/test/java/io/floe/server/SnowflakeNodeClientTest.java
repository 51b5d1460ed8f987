package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's Node.js driver (snowflake-sdk, pinned with its lock file, installed by npm) against
 * Floe's Snowflake front door: login with a Floe token, rows with Snowflake's column names and
 * types, bound values, a result large enough to come in chunks, errors and a refused token.
 */
class SnowflakeNodeClientTest {
  @Test void theNodeDriverWorksUnchanged() throws Exception {
    Clients.require(Clients.onPath("node") && Clients.onPath("npm"), "node and npm");
    try (TestServer floe = TestServer.start()) {
      String token = ShopData.load(floe);
      Path modules = NodeEnvironments.ensure("snowflake-sdk", "node-snowflake");
      Path script = modules.resolve("snowflake_node_client.js");
      try (InputStream in = SnowflakeNodeClientTest.class.getResourceAsStream("snowflake_node_client.js")) {
        Files.write(script, in.readAllBytes());
      }
      String port = floe.url().substring(floe.url().lastIndexOf(':') + 1);
      Process p = new ProcessBuilder(List.of("node", script.toString(), port, "shop", token))
          .directory(modules.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      assertThat(ended).as(output).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("done");
    }
  }
}

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
      String token = floe.createProject("shop");
      floe.createBucket("shop", token, "in_c_sales");
      floe.createTable("shop", token, "in_c_sales", "{\"name\":\"orders\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer\",\"type\":\"VARCHAR\"},"
          + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"ordered_on\",\"type\":\"DATE\"}]}");
      assertThat(floe.importCsv("shop", token, "in_c_sales", "orders", "id,customer,amount,ordered_on\n"
          + "1,alice,9.99,2024-03-01\n2,bob,120.00,2024-03-02\n3,alice,20.00,2024-03-03\n", false)
          .status()).isEqualTo(200);
      floe.createTable("shop", token, "in_c_sales",
          "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
      StringBuilder big = new StringBuilder("v\n");
      for (int i = 0; i < 3000; i++) {
        big.append(i).append('\n');
      }
      assertThat(floe.importCsv("shop", token, "in_c_sales", "big", big.toString(), false).status())
          .isEqualTo(200);
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

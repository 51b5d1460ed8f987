package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Fakesnow;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's Python connector (snowflake-connector-python, pinned, from the virtual environment
 * fakesnow's tests use) against Floe's Snowflake front door: login with a Floe token, every type
 * as Python values, bound values in both paramstyles, errors with Snowflake's codes, refusals.
 */
class SnowflakePythonClientTest {
  @Test void thePythonConnectorWorksUnchanged() throws Exception {
    try (TestServer floe = TestServer.start()) {
      String token = floe.createProject("shop");
      String other = floe.createProject("elsewhere");
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
      Path venv = Fakesnow.environment();
      Path script = Files.createTempFile("snowflake_python_client", ".py");
      try (InputStream in = SnowflakePythonClientTest.class.getResourceAsStream("snowflake_python_client.py")) {
        Files.write(script, in.readAllBytes());
      }
      String port = floe.url().substring(floe.url().lastIndexOf(':') + 1);
      Process p = new ProcessBuilder(List.of(venv.resolve("bin/python").toString(), script.toString(),
          port, "shop", token, other)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      Files.deleteIfExists(script);
      assertThat(ended).as(output).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("done");
    }
  }
}

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
      String token = ShopData.load(floe);
      String other = floe.createProject("elsewhere");
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

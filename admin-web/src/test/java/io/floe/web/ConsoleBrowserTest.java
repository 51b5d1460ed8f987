package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.testing.PythonEnvironments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web console in a real browser: Playwright (from PyPI, pinned, in a virtual environment the
 * test makes) driving Debian's Chromium ({@code .ci/run} installs it; {@code FLOE_CHROMIUM} names
 * another). The walk ({@code console_walkthrough.py}) signs in, lists and creates projects, opens a
 * table, checks that markup in names stays text, signs out, manages tokens, workspaces and Snowflake
 * (fakesnow, the emulator) connections and registered buckets, and shows what a project token and a
 * revoked token see. Screenshots go to {@code admin-web/target/screenshots/}.
 */
class ConsoleBrowserTest {
  static final String XSS = "<img src=x onerror=alert(1)>";

  @Test void theConsoleWorksInARealBrowser() throws Exception {
    String chromium = System.getenv().getOrDefault("FLOE_CHROMIUM", "/usr/bin/chromium");
    assumeTrue(Files.isExecutable(Path.of(chromium)) || "true".equals(System.getenv("CI")),
        "Chromium is not installed (.ci/run installs it)");
    try (RestClient api = RestClient.start();
         io.floe.engine.testing.Fakesnow snowflake = io.floe.engine.testing.Fakesnow.start()) {
      try (java.sql.Connection c = snowflake.connect(); java.sql.Statement s = c.createStatement()) {
        s.execute("create database sales");
        s.execute("create schema sales.crm");
        s.execute("create table sales.crm.orders (id number(38,0), amount number(10,2))");
        s.execute("insert into sales.crm.orders values (1, 42.50), (2, 7.25)");
      }
      String admin = api.admin();
      String sales = api.ok(api.post("/projects", admin, "{\"id\":\"sales\",\"name\":\"Sales\"}"), 201)
          .json().get("api_key").asText();
      api.ok(api.post("/projects/sales/buckets", sales, "{\"name\":\"in_c_main\"}"), 201);
      api.ok(api.post("/projects/sales/buckets/in_c_main/tables", sales, "{\"name\":\"orders\","
          + "\"description\":\"" + XSS + "\",\"primary_key\":[\"id\"],\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\","
          + "\"description\":\"" + XSS + "\"}]}"), 201);
      api.ok(api.csv("/projects/sales/buckets/in_c_main/tables/orders/import", sales,
          "id,amount\n1,9.99\n2,120.00\n3,20.00\n"), 200);
      JsonNode second = api.ok(api.post("/projects/sales/tokens", sales,
          "{\"description\":\"soon revoked\",\"bucket_permissions\":{\"in_c_main\":\"read\"}}"), 201)
          .json();
      String other = api.ok(api.post("/projects", admin, "{\"id\":\"other\"}"), 201)
          .json().get("api_key").asText();
      api.ok(api.post("/projects/other/buckets", other, "{\"name\":\"in_c_secret\"}"), 201);

      Path venv = PythonEnvironments.ensure("playwright", ConsoleBrowserTest.class,
          "playwright-requirements.txt");
      Path script = Files.createTempFile("console_walkthrough", ".py");
      try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("console_walkthrough.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path shots = Path.of("target", "screenshots").toAbsolutePath();
      Process p = new ProcessBuilder(List.of(venv.resolve("bin/python").toString(), script.toString(),
          api.uri().toString(), admin, sales, second.get("id").asText(), second.get("token").asText(),
          shots.toString(), chromium, Integer.toString(snowflake.port()))).redirectErrorStream(true)
          .start();
      p.getOutputStream().close();
      String output = read(p.getInputStream());
      boolean ended = p.waitFor(180, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      Files.deleteIfExists(script);
      assertThat(ended).as(output).isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("done");
      assertThat(shots.resolve("table.png")).exists();
    }
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

}

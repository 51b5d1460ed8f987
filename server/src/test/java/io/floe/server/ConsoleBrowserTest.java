package io.floe.server;

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
 * revoked token see, runs SQL and cancels it, and connects with psql from the copied string. It
 * runs here, against the whole server, so that the workspace's psql string reaches a real
 * PostgreSQL listener. Screenshots go to {@code admin-web/target/screenshots/}, beside the
 * console's own module.
 */
class ConsoleBrowserTest {
  static final String XSS = "<img src=x onerror=alert(1)>";

  @Test void theConsoleWorksInARealBrowser() throws Exception {
    Clients.requirePsql();
    String chromium = System.getenv().getOrDefault("FLOE_CHROMIUM", "/usr/bin/chromium");
    assumeTrue(Files.isExecutable(Path.of(chromium)) || "true".equals(System.getenv("CI")),
        "Chromium is not installed (.ci/run installs it)");
    try (TestServer floe = TestServer.start();
         io.floe.engine.testing.Fakesnow snowflake = io.floe.engine.testing.Fakesnow.start()) {
      try (java.sql.Connection c = snowflake.connect(); java.sql.Statement s = c.createStatement()) {
        s.execute("create database sales");
        s.execute("create schema sales.crm");
        s.execute("create table sales.crm.orders (id number(38,0), amount number(10,2))");
        s.execute("insert into sales.crm.orders values (1, 42.50), (2, 7.25)");
      }
      String admin = TestServer.ADMIN_TOKEN;
      String sales = ok(floe.json("POST", "/projects", admin, "{\"id\":\"sales\",\"name\":\"Sales\"}"), 201)
          .get("api_key").asText();
      floe.createBucket("sales", sales, "in_c_main");
      floe.createTable("sales", sales, "in_c_main", "{\"name\":\"orders\","
          + "\"description\":\"" + XSS + "\",\"primary_key\":[\"id\"],\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\","
          + "\"description\":\"" + XSS + "\"}]}");
      ok(floe.importCsv("sales", sales, "in_c_main", "orders", "id,amount\n1,9.99\n2,120.00\n3,20.00\n",
          false), 200);
      floe.createTable("sales", sales, "in_c_main",
          "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}");
      StringBuilder big = new StringBuilder("v\n");
      for (int i = 0; i < 3000; i++) {
        big.append(i).append('\n');
      }
      ok(floe.importCsv("sales", sales, "in_c_main", "big", big.toString(), false), 200);
      JsonNode second = ok(floe.json("POST", "/projects/sales/tokens", sales,
          "{\"description\":\"soon revoked\",\"bucket_permissions\":{\"in_c_main\":\"read\"}}"), 201);
      String other = floe.createProject("other");
      floe.createBucket("other", other, "in_c_secret");

      Path venv = PythonEnvironments.ensure("playwright", ConsoleBrowserTest.class,
          "playwright-requirements.txt");
      Path script = Files.createTempFile("console_walkthrough", ".py");
      try (InputStream in = ConsoleBrowserTest.class.getResourceAsStream("console_walkthrough.py")) {
        Files.write(script, in.readAllBytes());
      }
      Path shots = Path.of("..", "admin-web", "target", "screenshots").toAbsolutePath().normalize();
      // A key pair's public half, as openssl rsa -pubout writes it, for a Snowflake user.
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      Path publicKey = Files.createTempFile("snowflake-user", ".pub");
      Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n" + java.util.Base64.getMimeEncoder(64,
          "\n".getBytes()).encodeToString(generator.generateKeyPair().getPublic().getEncoded())
          + "\n-----END PUBLIC KEY-----\n");
      Process p = new ProcessBuilder(List.of(venv.resolve("bin/python").toString(), script.toString(),
          floe.url(), admin, sales, second.get("id").asText(), second.get("token").asText(),
          shots.toString(), chromium, Integer.toString(snowflake.port()), publicKey.toString()))
          .redirectErrorStream(true)
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

  private static JsonNode ok(TestServer.Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    return answer.json();
  }

  private static String read(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

}

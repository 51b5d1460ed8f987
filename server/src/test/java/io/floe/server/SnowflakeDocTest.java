package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.testing.Fakesnow;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/snowflake-source.md}'s examples, pasted in order into one bash session against Floe
 * and fakesnow (a third-party Snowflake emulator that Floe reaches through Snowflake's own JDBC
 * driver). Two things differ from a user's terminal, because a test cannot do otherwise: the Floe
 * port is the one this server bound, and the Snowflake host of the examples is the emulator's
 * loopback address, port and {@code http}. Each example's output is compared with the block the
 * page shows after it: JSON exactly, text line by line. Needs bash, curl, jq and openssl.
 */
class SnowflakeDocTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test void theSnowflakePageRunsAsWritten() throws Exception {
    Clients.require(Clients.onPath("curl") && Clients.onPath("jq") && Clients.onPath("openssl"),
        "curl, jq and openssl");
    Path page = Path.of(System.getProperty("floe.docs.dir", "../docs")).resolve("snowflake-source.md");
    List<DocExamples.Example> examples = DocExamples.of(page);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
    Path work = Files.createTempDirectory("floe-snowflake-doc");
    try (Fakesnow snowflake = Fakesnow.start(); TestServer floe = TestServer.start()) {
      try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
        s.execute("create database sales");
        s.execute("create schema sales.crm");
        s.execute("create table sales.crm.orders (id number(38,0), customer_id number(38,0), "
            + "amount number(10,2), status varchar)");
        s.execute("insert into sales.crm.orders values (1, 2, 100.00, 'open'), "
            + "(2, 4, 50.00, 'open'), (3, 3, 30.50, 'shipped')");
      }
      String master = floe.createProject("sales");
      floe.createBucket("sales", master, "in_c_main");
      floe.createTable("sales", master, "in_c_main", "{\"name\":\"customers\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"region\",\"type\":\"VARCHAR\"}]}");
      assertThat(floe.importCsv("sales", master, "in_c_main", "customers",
          "id,region\n1,EU\n2,EU\n3,US\n4,US\n", false).status()).isEqualTo(200);

      List<String> scripts = examples.stream().map(e -> asPasted(e.script(), floe, snowflake)).toList();
      List<String> printed = DocExamples.runInOneSession(scripts, work, java.util.Map.of("MASTER_TOKEN",
          master));
      for (int i = 0; i < examples.size(); i++) {
        DocExamples.Example e = examples.get(i);
        if (e.expected() == null) {
          continue;
        }
        String what = "the output of\n" + e.script();
        if ("json".equals(e.language())) {
          assertThat(JSON.readTree(printed.get(i))).as(what + "\n" + printed.get(i))
              .isEqualTo(JSON.readTree(e.expected()));
        } else {
          assertThat(printed.get(i).lines().toList()).as(what + "\n" + printed.get(i))
              .containsSubsequence(e.expected().lines().toList());
        }
      }
      // The private key the page made is nowhere in Floe's files: catalog, audit, logs.
      String keyLine = Files.readAllLines(work.resolve("rsa_key.p8")).stream()
          .filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
      try (var files = Files.walk(floe.dataDir)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          assertThat(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(f.toString()).doesNotContain(keyLine);
        }
      }
    } finally {
      TestEngine.deleteRecursively(work);
    }
  }

  /** The example as pasted here: this server's port, the emulator for Snowflake, the built jars. */
  private static String asPasted(String script, TestServer floe, Fakesnow snowflake) {
    String http = floe.url().replaceFirst("^http://", "");
    return script.replace("127.0.0.1:8080", http)
        .replace("host: \"myorg-myaccount.snowflakecomputing.com\"",
            "host: \"127.0.0.1\", port: " + snowflake.port() + ", protocol: \"http\"")
        .replace("target/clients/sqlline-1.12.0-jar-with-dependencies.jar",
            Path.of(System.getProperty("floe.sqlline.jar")).toAbsolutePath().toString())
        .replace("jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar",
            DriverJar.path().toAbsolutePath().toString());
  }
}

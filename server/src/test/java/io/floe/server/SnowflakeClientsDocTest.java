package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Fakesnow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/snowflake.md}'s Python example, run as written with snowflake-connector-python
 * against a Floe holding the README's data (project {@code demo}, bucket {@code in_c_sales}, table
 * {@code orders}); what it prints is compared with the page exactly. One thing differs from a
 * reader's run: the port is the one this server bound, not 8080.
 */
class SnowflakeClientsDocTest {
  @Test void thePythonExampleRunsAsWritten() throws Exception {
    Path docs = Path.of(System.getProperty("floe.docs.dir", "../docs"));
    List<DocExamples.Example> examples = DocExamples.of(docs.resolve("snowflake.md"), "python");
    assertThat(examples).isNotEmpty();
    try (TestServer floe = TestServer.start()) {
      String token = floe.createProject("demo");
      floe.createBucket("demo", token, "in_c_sales");
      floe.createTable("demo", token, "in_c_sales", "{\"name\":\"orders\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer_id\",\"type\":\"INTEGER\"},"
          + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]}");
      assertThat(floe.importCsv("demo", token, "in_c_sales", "orders",
          "id,customer_id,amount\n1,10,9.99\n2,20,120.00\n3,10,20.00\n", false).status()).isEqualTo(200);
      String port = floe.url().substring(floe.url().lastIndexOf(':') + 1);
      Path venv = Fakesnow.environment();
      for (DocExamples.Example example : examples) {
        Path script = Files.createTempFile("snowflake-doc", ".py");
        Files.writeString(script, example.script().replace("port=8080", "port=" + port));
        ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/python").toString(), script.toString())
            .redirectErrorStream(true);
        builder.environment().put("FLOE_TOKEN", token);
        Process p = builder.start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        Files.deleteIfExists(script);
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).isEqualTo(example.expected());
      }
    }
  }
}

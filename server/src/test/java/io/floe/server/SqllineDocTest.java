package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the sqlline example of {@code docs/jdbc.md} as written (with the live server's port and
 * the test's jar locations substituted), with sqlline and the driver jar from Maven.
 */
class SqllineDocTest {
  static List<String> bashBlocks(Path markdown) throws IOException {
    List<String> blocks = new ArrayList<>();
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown, StandardCharsets.UTF_8)) {
      if (current == null && line.strip().equals("```bash")) {
        current = new StringBuilder();
      } else if (current != null && line.strip().equals("```")) {
        blocks.add(current.toString());
        current = null;
      } else if (current != null) {
        current.append(line).append('\n');
      }
    }
    return blocks;
  }

  @Test void sqllineExampleRuns() throws Exception {
    Path docs = Path.of(System.getProperty("floe.docs.dir", "../docs"));
    String block = bashBlocks(docs.resolve("jdbc.md")).stream()
        .filter(b -> b.contains("sqlline.SqlLine") && b.contains(" -e "))
        .findFirst().orElseThrow(() -> new AssertionError("docs/jdbc.md lost its sqlline example"));
    try (TestServer floe = TestServer.start()) {
      String token = floe.createProject("p");
      floe.createBucket("p", token, "in_c_sales");
      floe.createTable("p", token, "in_c_sales", JdbcEndToEndTest.CUSTOMERS_TABLE);
      floe.importCsv("p", token, "in_c_sales", "customers", JdbcEndToEndTest.CUSTOMERS_CSV, false);
      String command = block
          .replace("127.0.0.1:8080", "127.0.0.1:" + floe.server.httpPort())
          .replace("target/clients/sqlline-1.12.0-jar-with-dependencies.jar",
              Path.of(System.getProperty("floe.sqlline.jar")).toAbsolutePath().toString())
          .replace("jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar", DriverJar.path().toAbsolutePath().toString());
      ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
      pb.environment().put("FLOE_TOKEN", token);
      Process process = pb.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output).contains("country", "customers", "CZ", "DE")
          .containsPattern("CZ\\s*\\|\\s*2")
          .containsPattern("DE\\s*\\|\\s*1");
      assertThat(process.exitValue()).as(output).isZero();
    }
  }
}

package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.testing.TestEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of the "SQL API v2" section of {@code docs/snowflake.md}, pasted in order into one
 * bash session against a live Floe (only the port differs), each output compared with the block
 * the page shows after it. Needs bash, curl and jq.
 */
class SnowflakeSqlApiDocTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test void theSqlApiSectionRunsAsWritten() throws Exception {
    Clients.require(Clients.onPath("curl") && Clients.onPath("jq"), "curl and jq");
    Path page = Path.of(System.getProperty("floe.docs.dir", "../docs")).resolve("snowflake.md");
    String doc = Files.readString(page, StandardCharsets.UTF_8);
    int start = doc.indexOf("\n## SQL API v2\n");
    assertThat(start).as("docs/snowflake.md lost its SQL API v2 section").isNotNegative();
    int end = doc.indexOf("\n## ", start + 1);
    Path work = Files.createTempDirectory("floe-sqlapi-doc");
    Path section = work.resolve("section.md");
    Files.writeString(section, doc.substring(start, end < 0 ? doc.length() : end));
    List<DocExamples.Example> examples = DocExamples.of(section);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
    try (TestServer floe = TestServer.start()) {
      String token = floe.createProject("shop");
      floe.createBucket("shop", token, "in_c_sales");
      floe.createTable("shop", token, "in_c_sales", "{\"name\":\"orders\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer\",\"type\":\"VARCHAR\"},"
          + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"},{\"name\":\"ordered_on\",\"type\":\"DATE\"}]}");
      assertThat(floe.importCsv("shop", token, "in_c_sales", "orders", "id,customer,amount,ordered_on\n"
          + "1,alice,9.99,2024-03-01\n2,bob,120.00,2024-03-02\n3,alice,20.00,2024-03-03\n", false)
          .status()).isEqualTo(200);
      String http = floe.url().replaceFirst("^http://", "");
      List<String> scripts = examples.stream().map(e -> e.script().replace("127.0.0.1:8080", http)).toList();
      List<String> printed = DocExamples.runInOneSession(scripts, work, Map.of("TOKEN", token));
      for (int i = 0; i < examples.size(); i++) {
        DocExamples.Example e = examples.get(i);
        if (e.expected() == null) {
          continue;
        }
        String what = "the output of\n" + e.script() + "\n" + printed.get(i);
        if ("json".equals(e.language())) {
          assertThat(JSON.readTree(printed.get(i))).as(what).isEqualTo(JSON.readTree(e.expected()));
        } else {
          assertThat(printed.get(i).lines().toList()).as(what).containsSubsequence(e.expected().lines().toList());
        }
      }
    } finally {
      TestEngine.deleteRecursively(work);
    }
  }
}

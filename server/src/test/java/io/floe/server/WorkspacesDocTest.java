package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Runs docs/workspaces.md's SQL example with psql against a fresh workspace. */
class WorkspacesDocTest {
  @Test void theDocumentedExampleRuns() throws Exception {
    Clients.requirePsql();
    String doc = Files.readString(Path.of(System.getProperty("floe.docs.dir"), "workspaces.md"));
    int marker = doc.indexOf("workspaces-doc-example");
    int start = doc.indexOf("```sql", marker) + "```sql".length();
    String sql = doc.substring(start, doc.indexOf("```", start)).strip();
    try (TestServer floe = TestServer.start()) {
      String key = floe.createProject("demo");
      floe.createBucket("demo", key, "in_c_sales");
      floe.createTable("demo", key, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
      floe.importCsv("demo", key, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false);
      JsonNode created = floe.json("POST", "/projects/demo/workspaces", key, "{}").json();
      Path file = Files.createTempFile(floe.dataDir, "example", ".sql");
      Files.writeString(file, sql);
      Clients.Run run = Clients.run(Clients.list("psql",
          created.get("connection").get("connection_string").asText(), "-X", "-A",
          "-v", "ON_ERROR_STOP=1", "-f", file.toString()), java.util.Map.of(), null, 120);
      assertThat(run.exit()).as(run.all()).isZero();
      assertThat(run.stdout()).contains("CREATE TABLE", "INSERT 0 2", "UPDATE 1", "CREATE VIEW",
          "Alice|", "Bobby|", "DELETE 1", "BEGIN", "ROLLBACK", "kept\n1\n", "DROP VIEW", "DROP TABLE");
    }
  }
}

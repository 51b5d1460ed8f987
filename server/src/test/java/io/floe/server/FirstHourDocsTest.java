package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.avatica.AvaticaConfig;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.testing.TestEngine;
import io.floe.pgwire.PgConfig;
import io.floe.web.WebConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first hour, as one story: the README's first query, then {@code docs/jdbc.md},
 * {@code docs/workspaces.md} and {@code docs/storage-api.md}, their examples pasted in that order
 * into one bash session against a Floe started on an empty data directory with a generated admin
 * token, exactly as the pages write them. Three things differ from a user's terminal, each because
 * a test cannot do otherwise: the ports are the ones this server bound (not 8080 and 5433, which
 * may be taken), the jdbc page's {@code ./mvnw} steps are skipped (the build that runs this test
 * has built the driver and fetched sqlline already, and the jar paths point there), and the
 * workspaces page's SQL, which it tells the reader to paste into psql, is run with {@code psql -f}.
 *
 * <p>What each example prints is compared with the block the page shows after it: exactly where
 * the output is deterministic, and by its JSON fields where the page shows one answer's shape
 * (ids, passwords and times differ on every run). Needs bash, curl, jq, openssl and psql.
 */
class FirstHourDocsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One pasted example, where it comes from, and how its output is checked. */
  record Step(String page, DocExamples.Example example, Check check) {}

  /**
   * How an example's output is compared with the page: {@code EXACT}; {@code LINES}, each line of
   * the page's block among the lines printed (sqlline adds its banner and timings); by
   * {@code JSON_FIELDS}; or not at all.
   */
  enum Check { EXACT, LINES, JSON_FIELDS, NONE }

  @Test void theReadmeThenJdbcThenWorkspacesThenStorageApiRunAsOneSession() throws Exception {
    Clients.requirePsql();
    Clients.require(Clients.onPath("curl") && Clients.onPath("jq") && Clients.onPath("openssl"),
        "curl, jq and openssl");
    Path docs = Path.of(System.getProperty("floe.docs.dir", "../docs"));
    Path readme = docs.resolveSibling("README.md");
    List<Step> steps = new ArrayList<>();
    DocExamples.Example firstQuery = DocExamples.of(readme).stream()
        .filter(e -> e.script().contains("/projects/demo/tokens")).findFirst()
        .orElseThrow(() -> new AssertionError("the README lost its first query"));
    steps.add(new Step("README.md", firstQuery, Check.EXACT));
    steps.add(new Step("README.md, run again", firstQuery, Check.NONE));
    for (DocExamples.Example e : DocExamples.of(docs.resolve("jdbc.md"))) {
      if (!e.script().startsWith("./mvnw")) {
        steps.add(new Step("docs/jdbc.md", e, Check.LINES));
      }
    }
    for (DocExamples.Example e : DocExamples.of(docs.resolve("workspaces.md"))) {
      steps.add(new Step("docs/workspaces.md", e,
          "json".equals(e.language()) ? Check.JSON_FIELDS : Check.EXACT));
    }
    String workspaceSql = DocExamples.sqlAfter(docs.resolve("workspaces.md"), "workspaces-doc-example");
    steps.add(new Step("docs/workspaces.md, its SQL pasted into psql", new DocExamples.Example(
        "psql \"$PGURL\" -X -A -v ON_ERROR_STOP=1 -f example.sql\n", null, null), Check.NONE));
    for (DocExamples.Example e : DocExamples.of(docs.resolve("storage-api.md"))) {
      steps.add(new Step("docs/storage-api.md", e, Check.EXACT));
    }

    Path dir = TestServer.tempDir();
    Path work = Files.createTempDirectory("floe-first-hour");
    EngineConfig engine = EngineConfig.defaults(dir.resolve("floe-data")).withDuckDb("1GB", 2);
    ServerConfig config = new ServerConfig(engine, "127.0.0.1", 0, null, AvaticaConfig.defaults(),
        WebConfig.defaults(), PgConfig.defaults(engine.dataDir()).withAddress("127.0.0.1", 0));
    try (FloeServer floe = FloeServer.start(config)) {
      String admin = floe.generatedAdminToken().orElseThrow();
      Files.writeString(work.resolve("example.sql"), workspaceSql);
      List<String> scripts = new ArrayList<>();
      for (Step step : steps) {
        scripts.add(asPasted(step.example().script(), floe));
      }
      String[] printed = DocExamples.runInOneSession(scripts, work, java.util.Map.of("ADMIN", admin))
          .toArray(new String[0]);
      for (int i = 0; i < steps.size(); i++) {
        check(steps.get(i), printed[i]);
      }
      assertThat(printed[1]).as("the README's block run a second time")
          .contains("project demo: 409", "bucket in_c_sales: 409", "table orders: 409", "import: 200")
          .endsWith("id,customer_id,amount\n1,10,9.99\n2,20,120.00\n3,10,20.00\n");
      String psql = printed[steps.indexOf(steps.stream()
          .filter(s -> s.page().contains("SQL pasted")).findFirst().orElseThrow())];
      assertThat(psql).contains("CREATE TABLE", "INSERT 0 2", "UPDATE 1", "CREATE VIEW",
          "Alice|29.99", "Bobby|120.00", "DELETE 1", "BEGIN", "ROLLBACK", "kept\n1\n", "DROP VIEW",
          "DROP TABLE");
    } finally {
      TestEngine.deleteRecursively(dir);
      TestEngine.deleteRecursively(work);
    }
  }

  /** The example as a user on this machine would paste it: this server's ports, the built jars. */
  private static String asPasted(String script, FloeServer floe) {
    String http = "127.0.0.1:" + floe.httpPort();
    return script.replace("localhost:8080", http).replace("127.0.0.1:8080", http)
        .replace("target/clients/sqlline-1.12.0-jar-with-dependencies.jar",
            Path.of(System.getProperty("floe.sqlline.jar")).toAbsolutePath().toString())
        .replace("jdbc-driver/target/floe-jdbc-0.1.0-SNAPSHOT.jar",
            DriverJar.path().toAbsolutePath().toString());
  }

  private static void check(Step step, String printed) throws IOException {
    String expected = step.example().expected();
    if (expected == null || step.check() == Check.NONE) {
      return;
    }
    String what = step.page() + ", the output of\n" + step.example().script();
    if (step.check() == Check.EXACT) {
      assertThat(printed).as(what).isEqualTo(expected);
    } else if (step.check() == Check.LINES) {
      assertThat(printed.lines().toList()).as(what).containsSubsequence(expected.lines().toList());
    } else {
      assertThat(fields(JSON.readTree(printed))).as(what).isEqualTo(fields(JSON.readTree(expected)));
    }
  }

  /** Every field path of a JSON value ({@code connection.host}, {@code loaded[].rows}). */
  private static TreeSet<String> fields(JsonNode node) {
    TreeSet<String> paths = new TreeSet<>();
    collect(node, "", paths);
    return paths;
  }

  private static void collect(JsonNode node, String prefix, TreeSet<String> paths) {
    if (node.isObject()) {
      for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        String path = prefix.isEmpty() ? name : prefix + "." + name;
        paths.add(path);
        collect(node.get(name), path, paths);
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, prefix + "[]", paths);
      }
    }
  }
}

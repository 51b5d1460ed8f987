package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Imports into a dev branch's copy of a table, through real HTTP: the same streamed uploads, size
 * limits and options as imports into the table itself (CSV dialects, Parquet, columns, jobs), the
 * caller's write access checked before the body is stored, and an audit line for each.
 */
class BranchImportApiTest {
  static final String MAIN = "/projects/bp/buckets/in_c_b/tables/t";
  static final long MAX_UPLOAD = 4L << 20;
  static RestClient api;
  static String key;
  static String branch;
  static String base;
  static Path scratch;

  @BeforeAll static void setUp() throws Exception {
    // Uploads up to 4 MiB; over 2 MiB they run as jobs.
    api = RestClient.start(new WebConfig(MAX_UPLOAD, 2L << 20));
    key = api.project("bp");
    scratch = Files.createTempDirectory("floe-branch-import");
    api.ok(api.post("/projects/bp/buckets", key, "{\"name\":\"in_c_b\"}"), 201);
    api.ok(api.post("/projects/bp/buckets/in_c_b/tables", key, "{\"name\":\"t\",\"primary_key\":[\"id\"],"
        + "\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"v\",\"type\":\"VARCHAR\"}]}"), 201);
    api.ok(api.csv(MAIN + "/import", key, "id,v\n1,main\n2,main\n"), 200);
    branch = api.ok(api.post("/projects/bp/branches", key, "{\"name\":\"dev\"}"), 201).json()
        .get("id").asText();
    base = "/projects/bp/branches/" + branch + "/buckets/in_c_b/tables/t/import";
  }

  @AfterAll static void tearDown() {
    api.close();
    io.floe.engine.testing.TestEngine.deleteRecursively(scratch);
  }

  /** {@code sql}'s single number, read by a workspace on the branch. */
  static long onBranch(String sql) {
    String ws = api.ok(api.post("/projects/bp/branches/" + branch + "/workspaces", key, "{}"), 201)
        .json().get("id").asText();
    try {
      Principal p = api.floe.engine().workspaces().principal(ws);
      try (EngineSession s = api.floe.engine().openSession(p, "test", SqlFlavor.POSTGRES)) {
        QueryResult r = s.execute(sql, List.of());
        try (RowCursor c = r.cursor()) {
          c.next();
          return ((Number) c.get(0)).longValue();
        }
      }
    } finally {
      api.ok(api.delete("/projects/bp/branches/" + branch + "/workspaces/" + ws, key), 204);
    }
  }

  static String rows(int from, int to, String value) {
    StringBuilder csv = new StringBuilder("id,v\n");
    for (int i = from; i <= to; i++) {
      csv.append(i).append(',').append(value).append('\n');
    }
    return csv.toString();
  }

  @Test void uploadsOverOneMebibyteStreamInAndTheMainBranchNeverSeesThem() {
    String csv = rows(1, 150_000, "branch");
    assertThat(csv.length()).isGreaterThan(1 << 20).isLessThan(2 << 20);
    RestClient.Answer a = api.csv(base, key, csv);
    api.ok(a, 200);
    assertThat(a.json().get("branch").asText()).isEqualTo(branch);
    assertThat(a.json().get("imported_rows").asLong()).isEqualTo(150_000);
    assertThat(a.json().get("total_rows").asLong()).isEqualTo(150_000);
    assertThat(a.json().get("table").get("row_count").asLong()).isEqualTo(150_000);
    assertThat(onBranch("select count(*) from in_c_b.t where v = 'branch'")).isEqualTo(150_000);
    JsonNode main = api.ok(api.get(MAIN + "/preview?order_by=id", key), 200).json();
    assertThat(RestClient.each(main.get("rows"), "v")).containsExactly("main", "main");
  }

  @Test void bigUploadsRunAsJobsAndTooBigOnesAre413() {
    String csv = rows(1, 250_000, "job");
    assertThat((long) csv.length()).isGreaterThan(2L << 20).isLessThan(MAX_UPLOAD);
    RestClient.Answer accepted = api.csv(base, key, csv);
    api.ok(accepted, 202);
    JsonNode job = api.ok(api.get(accepted.json().get("url").asText() + "?wait=30", key), 200).json();
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("success");
    assertThat(job.get("operation").asText()).isEqualTo("branch.import");
    assertThat(job.get("result").get("imported_rows").asLong()).isEqualTo(250_000);

    RestClient.Answer forced = api.csv(base + "?async=true&incremental=true", key, "id,v\n7,forced\n");
    api.ok(forced, 202);
    assertThat(api.get(forced.json().get("url").asText() + "?wait=30", key).json().get("status").asText())
        .isEqualTo("success");

    RestClient.Answer tooBig = api.csv(base, key, rows(1, 500_000, "too big"));
    assertThat(tooBig.status()).as(tooBig.body()).isEqualTo(413);
    assertThat(tooBig.error()).isEqualTo("payload_too_large");
    assertThat(api.floe.dataDir().resolve("tmp/uploads").toFile().list()).isEmpty();
  }

  @Test void csvDialectsColumnsAndParquetWorkAsOnTheMainBranch() throws Exception {
    RestClient.Answer dialect = api.csv(base + "?header=false&delimiter=%3B&columns=v,id&null_marker=NA",
        key, "x;1\nNA;2\n");
    api.ok(dialect, 200);
    assertThat(dialect.json().get("total_rows").asLong()).isEqualTo(2);
    assertThat(onBranch("select count(*) from in_c_b.t where v is null and id = 2")).isEqualTo(1);

    Path parquet = scratch.resolve("rows.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("COPY (SELECT range::INTEGER AS id, 'pq' AS v FROM range(10, 15)) TO '"
          + parquet.toString().replace("'", "''") + "' (FORMAT parquet)");
    }
    RestClient.Answer a = api.call("POST", base + "?incremental=true", key, TableDataResource.PARQUET,
        Files.readAllBytes(parquet));
    api.ok(a, 200);
    assertThat(a.json().get("imported_rows").asLong()).isEqualTo(5);
    assertThat(a.json().get("total_rows").asLong()).isEqualTo(7);
  }

  @Test void writeAccessIsCheckedBeforeTheBodyIsStored() {
    String reader = api.ok(api.post("/projects/bp/tokens", key,
        "{\"bucket_permissions\":{\"in_c_b\":\"read\"}}"), 201).json().get("token").asText();
    // Over the upload limit: storing it first would answer 413; the access check answers first.
    RestClient.Answer refused = api.csv(base, reader, rows(1, 500_000, "x"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(403);
    assertThat(refused.error()).isEqualTo("access_denied");
    RestClient.Answer noBranch = api.csv("/projects/bp/branches/nope/buckets/in_c_b/tables/t/import",
        key, "id,v\n1,x\n");
    assertThat(noBranch.status()).isEqualTo(404);
    RestClient.Answer noTable = api.csv("/projects/bp/branches/" + branch
        + "/buckets/in_c_b/tables/nope/import", key, "id,v\n1,x\n");
    assertThat(noTable.status()).isEqualTo(404);
    assertThat(api.floe.dataDir().resolve("tmp/uploads").toFile().list()).isEmpty();
  }

  @Test void branchImportsAreAudited() throws Exception {
    api.ok(api.csv(base + "?incremental=true", key, "id,v\n99,audited\n"), 200);
    api.csv(base, key, "id,v\nnot a number,x\n");
    api.floe.engine().audit().flush();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(api.floe.engine().audit().file())) {
      lines.add(Json.MAPPER.readTree(line));
    }
    JsonNode ok = StorageAuditApiTest.line(lines, "IMPORT CSV INTO bp.in_c_b.t ON BRANCH " + branch
        + " INCREMENTAL");
    assertThat(ok.get("outcome").asText()).isEqualTo("ok");
    assertThat(ok.get("rows").asLong()).isEqualTo(1);
    assertThat(ok.get("principal").asText()).startsWith("token:tok_");
    assertThat(lines).anySatisfy(failed -> {
      assertThat(failed.get("sql").asText()).isEqualTo("IMPORT CSV INTO bp.in_c_b.t ON BRANCH " + branch);
      assertThat(failed.get("outcome").asText()).isEqualTo("error");
      assertThat(failed.get("error_code").asText()).isEqualTo("invalid_data");
    });
  }
}

package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /audit}: REST operations and SQL of two projects' tokens and the admin, read back
 * through the API, filtered, paged, newest first, each project seeing only its own lines, across
 * a rotated file.
 */
class AuditApiTest {
  static final String LONG_SQL = "select '" + "x".repeat(3000) + "' as s";
  static Path dir;
  static RestClient api;
  static String a;
  static String b;
  static String principalA;
  static String principalB;
  static String readerA;
  static String managerA;

  @BeforeAll static void setUp() throws Exception {
    dir = Files.createTempDirectory("floe-audit-api");
    // A small file size, so the log rotates while the test sets up.
    api = RestClient.start(EngineConfig.defaults(dir).withDuckDb("1GB", 2).withAudit(4096, 100));
    a = api.project("aud_a");
    b = api.project("aud_b");
    principalA = "token:" + api.get("/tokens/verify", a).json().get("id").asText();
    principalB = "token:" + api.get("/tokens/verify", b).json().get("id").asText();
    for (String[] p : new String[][] {{"aud_a", a}, {"aud_b", b}}) {
      String bucket = "/projects/" + p[0] + "/buckets/in_c_sales";
      api.ok(api.post("/projects/" + p[0] + "/buckets", p[1], "{\"name\":\"in_c_sales\"}"), 201);
      api.ok(api.post(bucket + "/tables", p[1],
          "{\"name\":\"orders\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}"), 201);
      api.ok(api.csv(bucket + "/tables/orders/import", p[1], "id\n1\n2\n3\n"), 200);
      for (int i = 0; i < 8; i++) {
        api.ok(api.get(bucket + "/tables/orders/preview?limit=" + (i + 1), p[1]), 200);
      }
    }
    readerA = api.ok(api.post("/projects/aud_a/tokens", a, "{\"description\":\"reader\","
        + "\"bucket_permissions\":{\"in_c_sales\":\"read\"}}"), 201).json().get("token").asText();
    managerA = api.ok(api.post("/projects/aud_a/tokens", a, "{\"description\":\"manager\","
        + "\"can_manage_buckets\":true}"), 201).json().get("token").asText();
    api.ok(api.post("/projects/aud_b/tokens", api.admin(), "{\"description\":\"by admin\"}"), 201);
    try (EngineSession s = api.floe.engine().openSession(api.floe.principal(a), "jdbc",
        SqlFlavor.POSTGRES)) {
      Rows.query(s, "SELECT count(*) FROM in_c_sales.orders");
      try {
        Rows.query(s, "select * from in_c_sales.missing");
      } catch (RuntimeException expected) {
        // audited as an error
      }
      Rows.query(s, LONG_SQL);
    }
    try (EngineSession s = api.floe.engine().openSession(api.floe.principal(b), "jdbc",
        SqlFlavor.POSTGRES)) {
      Rows.query(s, "select 42 as newest");
    }
  }

  @AfterAll static void tearDown() {
    api.close();
    TestEngine.deleteRecursively(dir);
  }

  static JsonNode audit(String token, String query) {
    return api.ok(api.get("/audit" + query, token), 200).json();
  }

  static List<String> ids(JsonNode page) {
    return RestClient.each(page.get("entries"), "id");
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test void theAdminPagesThroughEverythingNewestFirstAcrossRotatedFiles() throws Exception {
    JsonNode all = audit(api.admin(), "?limit=1000");
    assertThat(all.get("next_before").isNull()).isTrue();
    assertThat(all.get("entries").get(0).get("sql").asText()).isEqualTo("select 42 as newest");
    List<String> paged = new ArrayList<>();
    String before = null;
    do {
      JsonNode page = audit(api.admin(), "?limit=7" + (before == null ? "" : "&before=" + q(before)));
      assertThat(page.get("entries").size()).isLessThanOrEqualTo(7);
      paged.addAll(ids(page));
      before = page.get("next_before").isNull() ? null : page.get("next_before").asText();
    } while (before != null);
    assertThat(paged).isEqualTo(ids(all)).doesNotHaveDuplicates();
    // The first import's line is only in a rotated file by now, and still listed.
    try (Stream<Path> files = Files.list(dir.resolve("audit"))) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("audit-"))).isNotEmpty();
    }
    assertThat(Files.readString(dir.resolve("audit/audit.jsonl")))
        .doesNotContain("IMPORT CSV INTO aud_a.in_c_sales.orders");
    assertThat(RestClient.each(all.get("entries"), "sql"))
        .contains("IMPORT CSV INTO aud_a.in_c_sales.orders", "CREATE TOKEN IN PROJECT aud_b");
    JsonNode byAdmin = audit(api.admin(), "?principal=admin");
    assertThat(byAdmin.get("entries").get(0).get("sql").asText()).isEqualTo("CREATE TOKEN IN PROJECT aud_b");
    assertThat(byAdmin.get("entries").get(0).get("project").isNull()).isTrue();
  }

  @Test void filtersCombine() {
    JsonNode failed = audit(a, "?outcome=error&front_end=jdbc");
    assertThat(failed.get("entries")).hasSize(1);
    JsonNode e = failed.get("entries").get(0);
    assertThat(e.get("sql").asText()).isEqualTo("select * from in_c_sales.missing");
    assertThat(e.get("error_code").asText()).isEqualTo("not_found");
    assertThat(e.get("sqlstate").asText()).isEqualTo("42P01");
    assertThat(e.get("principal").asText()).isEqualTo(principalA);
    assertThat(e.get("project").asText()).isEqualTo("aud_a");
    assertThat(RestClient.each(audit(a, "?text=" + q("SELECT COUNT")).get("entries"), "sql"))
        .containsExactly("SELECT count(*) FROM in_c_sales.orders");
    JsonNode orders = audit(api.admin(), "?table=IN_C_SALES.ORDERS&front_end=rest&principal="
        + q(principalB));
    assertThat(orders.get("entries")).hasSize(9);
    assertThat(orders.get("entries").get(8).get("sql").asText())
        .isEqualTo("IMPORT CSV INTO aud_b.in_c_sales.orders");
    assertThat(audit(api.admin(), "?table=orders&outcome=ok").get("entries")).hasSize(19);
    assertThat(audit(api.admin(), "?from=2100-01-01").get("entries")).isEmpty();
    assertThat(audit(api.admin(), "?to=2000-01-01T00:00:00Z").get("entries")).isEmpty();
    assertThat(audit(api.admin(), "?from=2000-01-01T00:00:00Z&to=2100-01-01&limit=3")
        .get("entries")).hasSize(3);
  }

  @Test void everyEntryHasTheSameFields() {
    JsonNode page = audit(api.admin(), "?limit=1");
    assertThat(iterable(page.fieldNames())).containsExactly("entries", "next_before");
    assertThat(iterable(page.get("entries").get(0).fieldNames())).containsExactly("id", "time",
        "principal", "project", "front_end", "session", "sql", "sql_truncated", "tables", "rows",
        "duration_ms", "outcome", "error_code", "sqlstate", "source_queries", "source_rows",
        "remote", "reason", "credential");
  }

  @Test void aProjectSeesOnlyItsOwnLines() {
    JsonNode mine = audit(a, "?limit=1000");
    assertThat(mine.get("entries")).isNotEmpty();
    assertThat(RestClient.each(mine.get("entries"), "project")).containsOnly("aud_a");
    assertThat(RestClient.each(mine.get("entries"), "principal")).doesNotContain(principalB, "admin");
    assertThat(audit(a, "?principal=" + q(principalB)).get("entries")).isEmpty();
    String theirs = ids(audit(b, "?limit=1")).get(0);
    RestClient.Answer hidden = api.get("/audit/" + theirs, a);
    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.error()).isEqualTo("not_found");
    assertThat(api.ok(api.get("/audit/" + theirs, b), 200).json().get("sql").asText())
        .isEqualTo("select 42 as newest");
  }

  @Test void limitedTokensMayNotReadTheLog() {
    for (String token : new String[] {readerA, managerA}) {
      RestClient.Answer denied = api.get("/audit", token);
      assertThat(denied.status()).isEqualTo(403);
      assertThat(denied.error()).isEqualTo("access_denied");
      assertThat(denied.json().get("sqlstate").asText()).isEqualTo("42501");
      assertThat(api.get("/audit/" + ids(audit(a, "?limit=1")).get(0), token).status()).isEqualTo(403);
    }
    assertThat(api.get("/audit", null).status()).isEqualTo(401);
  }

  @Test void theListCutsLongSqlAndTheDetailHasAllOfIt() {
    JsonNode listed = audit(a, "?text=xxxxx").get("entries");
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("sql_truncated").asBoolean()).isTrue();
    assertThat(listed.get(0).get("sql").asText()).hasSize(2000);
    JsonNode detail = api.ok(api.get("/audit/" + listed.get(0).get("id").asText(), a), 200).json();
    assertThat(detail.get("sql").asText()).isEqualTo(LONG_SQL);
    assertThat(detail.get("sql_truncated").asBoolean()).isFalse();
    assertThat(detail.get("id").asText()).isEqualTo(listed.get(0).get("id").asText());
    RestClient.Answer missing = api.get("/audit/0123456789ab-0", api.admin());
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("not_found");
    assertThat(api.get("/audit/nonsense", api.admin()).status()).isEqualTo(404);
  }

  @Test void badParametersAreRefused() {
    for (String query : new String[] {"?outcome=maybe", "?from=yesterday", "?to=12:00",
        "?limit=0", "?limit=1001", "?limit=many", "?before=nonsense"}) {
      RestClient.Answer bad = api.get("/audit" + query, api.admin());
      assertThat(bad.status()).as(query).isEqualTo(400);
      assertThat(bad.error()).as(query).isEqualTo("invalid_argument");
      assertThat(bad.json().get("sqlstate").asText()).as(query).isEqualTo("22023");
    }
  }

  private static List<String> iterable(Iterator<String> it) {
    List<String> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}

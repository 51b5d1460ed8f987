package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SQL over REST: run, page, cancel and drop statements, as the caller's principal only. */
class StatementsApiTest {
  static final String B = "/projects/p/buckets/in_c_sales";
  static final String S = "/projects/p/statements";
  /** 3000^4 row combinations: far more than any test waits for. */
  static final String LONG_QUERY = "select count(*) from in_c_sales.big a, in_c_sales.big b, "
      + "in_c_sales.big c, in_c_sales.big d where a.v + b.v + c.v + d.v > -1";
  static RestClient api;
  static String key;
  static String other;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("p");
    other = api.project("q");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_sales\"}"), 201);
    api.ok(api.post(B + "/tables", key, "{\"name\":\"orders\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"region\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]}"), 201);
    StringBuilder csv = new StringBuilder("id,region,amount\n");
    for (int i = 1; i <= 250; i++) {
      csv.append(i).append(',').append(i % 2 == 0 ? "EU" : "US").append(',').append(i).append(".50\n");
    }
    api.ok(api.csv(B + "/tables/orders/import", key, csv.toString()), 200);
    api.ok(api.post(B + "/tables", key,
        "{\"name\":\"big\",\"columns\":[{\"name\":\"v\",\"type\":\"INTEGER\"}]}"), 201);
    StringBuilder big = new StringBuilder("v\n");
    for (int i = 0; i < 3000; i++) {
      big.append(i).append('\n');
    }
    api.ok(api.csv(B + "/tables/big/import", key, big.toString()), 200);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static JsonNode run(String sql, String extra, int status) {
    return api.ok(api.post(S, key, "{\"sql\":\"" + sql + "\"" + extra + "}"), status).json();
  }

  @Test void runsAQueryAndPagesThroughItsRows() {
    JsonNode done = run("select region, sum(amount) as total, count(*) as n from in_c_sales.orders "
        + "group by region order by region", "", 201);
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
    assertThat(done.get("rows").asLong()).isEqualTo(2);
    assertThat(done.get("truncated").asBoolean()).isFalse();
    assertThat(RestClient.each(done.get("columns"), "name")).containsExactly("region", "total", "n");
    assertThat(done.get("elapsed_ms").asLong()).isNotNegative();
    JsonNode page = api.ok(api.get(S + "/" + done.get("id").asText() + "/rows", key), 200).json();
    assertThat(page.get("last").asBoolean()).isTrue();
    assertThat(page.get("rows").get(0).get(0).asText()).isEqualTo("EU");
    // 2 + 4 + ... + 250 plus 125 halves
    assertThat(page.get("rows").get(0).get(1).decimalValue()).isEqualByComparingTo("15812.50");
    assertThat(page.get("rows").get(1).get(2).asLong()).isEqualTo(125);
    assertThat(api.ok(api.get(S + "/" + done.get("id").asText() + "/rows?format=csv", key), 200).body())
        .isEqualTo("region,total,n\nEU,15812.50,125\nUS,15687.50,125\n");

    JsonNode all = run("select id from in_c_sales.orders order by id", "", 201);
    String rows = S + "/" + all.get("id").asText() + "/rows";
    JsonNode second = api.ok(api.get(rows + "?offset=100&limit=100", key), 200).json();
    assertThat(second.get("offset").asLong()).isEqualTo(100);
    assertThat(second.get("rows")).hasSize(100);
    assertThat(second.get("rows").get(0).get(0).asInt()).isEqualTo(101);
    assertThat(second.get("last").asBoolean()).isFalse();
    JsonNode third = api.ok(api.get(rows + "?offset=200&limit=100", key), 200).json();
    assertThat(third.get("rows")).hasSize(50);
    assertThat(third.get("last").asBoolean()).isTrue();
    assertThat(RestClient.each(api.get(S, key).json().get("statements"), "id"))
        .contains(all.get("id").asText());
  }

  @Test void readsSnowflakeSqlWhenAsked() {
    // Unquoted names fold to upper case and match Floe's lower-case names, as in Snowflake; the
    // dialect's own functions (IFF, DIV0, ...) come with the Snowflake front door.
    JsonNode done = run("select count(*) as n, case when count(*) > 100 then 'many' else 'few' end as size "
        + "from IN_C_SALES.Orders", ",\"dialect\":\"snowflake\"", 201);
    assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("succeeded");
    assertThat(RestClient.each(done.get("columns"), "name")).containsExactly("N", "SIZE");
    JsonNode rows = api.ok(api.get(S + "/" + done.get("id").asText() + "/rows", key), 200).json();
    assertThat(rows.get("rows").get(0).get(0).asLong()).isEqualTo(250);
    assertThat(rows.get("rows").get(0).get(1).asText()).isEqualTo("many");
  }

  @Test void cutsAResultAtMaxRowsAndSaysSo() {
    JsonNode cut = run("select * from in_c_sales.orders", ",\"max_rows\":10", 201);
    assertThat(cut.get("rows").asLong()).isEqualTo(10);
    assertThat(cut.get("truncated").asBoolean()).isTrue();
    JsonNode exact = run("select * from in_c_sales.orders", ",\"max_rows\":250", 201);
    assertThat(exact.get("truncated").asBoolean()).isFalse();
  }

  @Test void cancelsALongStatement() throws InterruptedException {
    JsonNode running = run(LONG_QUERY, ",\"wait_seconds\":0", 202);
    String id = running.get("id").asText();
    assertThat(running.get("state").asText()).isIn("queued", "running");
    JsonNode still = api.ok(api.get(S + "/" + id + "?wait=1", key), 200).json();
    assertThat(still.get("state").asText()).isEqualTo("running");
    api.ok(api.post(S + "/" + id + "/cancel", key, "{}"), 200);
    JsonNode cancelled = api.ok(api.get(S + "/" + id + "?wait=30", key), 200).json();
    assertThat(cancelled.get("state").asText()).isEqualTo("cancelled");
    assertThat(cancelled.get("error").get("error").asText()).isEqualTo("query_cancelled");
    assertThat(cancelled.get("error").get("sqlstate").asText()).isEqualTo("57014");
    assertThat(api.get(S + "/" + id + "/rows", key).status()).isEqualTo(409);
  }

  @Test void answersPlanningErrorsAtOnceWithTheirCodes() {
    RestClient.Answer syntax = api.post(S, key, "{\"sql\":\"selec 1\"}");
    assertThat(syntax.status()).isEqualTo(400);
    assertThat(syntax.json().get("sqlstate").asText()).isEqualTo("42601");
    RestClient.Answer missing = api.post(S, key, "{\"sql\":\"select * from in_c_sales.nope\"}");
    assertThat(missing.json().get("sqlstate").asText()).isEqualTo("42P01");
    JsonNode failed = run("select 1 / (id - id) from in_c_sales.orders", "", 201);
    assertThat(failed.get("state").asText()).isEqualTo("failed");
    assertThat(failed.get("error").get("sqlstate").asText()).isEqualTo("22012");
  }

  @Test void refusesBadInputWithCodes() {
    for (String body : new String[] {"{}", "{\"sql\":\" \"}",
        "{\"sql\":\"select 1\",\"dialect\":\"oracle\"}", "{\"sql\":\"select 1\",\"max_rows\":0}",
        "{\"sql\":\"select 1\",\"wait_seconds\":61}", "{\"sql\":\"select 1\",\"timeout_seconds\":0}"}) {
      RestClient.Answer bad = api.post(S, key, body);
      assertThat(bad.status()).as(body).isEqualTo(400);
      assertThat(bad.json().get("error").asText()).as(body).isEqualTo("invalid_argument");
    }
    JsonNode one = run("select 1 as x", "", 201);
    assertThat(api.get(S + "/" + one.get("id").asText() + "/rows?limit=0", key).status()).isEqualTo(400);
    assertThat(api.get(S + "/" + one.get("id").asText() + "/rows?offset=-1", key).status()).isEqualTo(400);
  }

  @Test void anotherProjectSeesNothing() {
    JsonNode mine = run("select count(*) from in_c_sales.orders", "", 201);
    String id = mine.get("id").asText();
    assertThat(api.get(S + "/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/projects/q/statements/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/projects/q/statements/" + id + "/rows", other).status()).isEqualTo(404);
    assertThat(api.post("/projects/q/statements/" + id + "/cancel", other, "{}").status())
        .isEqualTo(404);
    assertThat(api.post(S, other, "{\"sql\":\"select 1\"}").status()).isIn(403, 404);
    RestClient.Answer hidden = api.post("/projects/q/statements", other,
        "{\"sql\":\"select * from in_c_sales.orders\"}");
    assertThat(hidden.json().get("sqlstate").asText()).isEqualTo("42P01");
    assertThat(RestClient.each(api.get("/projects/q/statements", other).json().get("statements"),
        "id")).doesNotContain(id);
  }

  @Test void dropsAResult() {
    JsonNode one = run("select 1 as x", "", 201);
    String id = one.get("id").asText();
    assertThat(api.delete(S + "/" + id, key).status()).isEqualTo(204);
    assertThat(api.get(S + "/" + id + "/rows", key).status()).isIn(404, 409, 410);
  }

  @Test void theAdminRunsInAnyProject() {
    JsonNode done = api.ok(api.post(S, api.admin(),
        "{\"sql\":\"select count(*) as n from in_c_sales.orders\"}"), 201).json();
    assertThat(done.get("state").asText()).isEqualTo("succeeded");
  }
}

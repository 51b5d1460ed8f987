package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Table definitions through real HTTP: description, columns, primary key. */
class TableSchemaApiTest {
  static final String T = "/projects/p/buckets/in_c_s/tables";
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("p");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_s\"}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static void table(String name, String csv) {
    api.ok(api.post(T, key, "{\"name\":\"" + name + "\",\"description\":\"d\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"v\",\"type\":\"VARCHAR\"}]}"), 201);
    if (csv != null) {
      api.ok(api.csv(T + "/" + name + "/import", key, csv), 200);
    }
  }

  @Test void addAndDropColumns() {
    table("cols", "id,v\n1,a\n");
    JsonNode added = api.ok(api.post(T + "/cols/columns", key,
        "{\"name\":\"amount\",\"type\":\"DECIMAL(12,2)\",\"description\":\"euros\"}"), 201).json();
    assertThat(RestClient.each(added.get("columns"), "name")).containsExactly("id", "v", "amount");
    assertThat(added.get("columns").get(2).get("type").asText()).isEqualTo("DECIMAL(12,2)");
    api.ok(api.csv(T + "/cols/import?incremental=true", key, "id,v,amount\n2,b,9.50\n"), 200);
    JsonNode rows = api.get(T + "/cols/preview?order_by=id", key).json().get("rows");
    assertThat(rows.get(0).get("amount").isNull()).isTrue();
    assertThat(rows.get(1).get("amount").decimalValue()).isEqualByComparingTo("9.50");

    RestClient.Answer duplicate = api.post(T + "/cols/columns", key, "{\"name\":\"AMOUNT\",\"type\":\"INTEGER\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    RestClient.Answer notNull = api.post(T + "/cols/columns", key,
        "{\"name\":\"required\",\"type\":\"INTEGER\",\"nullable\":false}");
    assertThat(notNull.status()).isEqualTo(400);
    assertThat(notNull.error()).isEqualTo("not_null_violation");
    assertThat(api.post(T + "/cols/columns", key, "{\"name\":\"bad.name\",\"type\":\"INTEGER\"}").status())
        .isEqualTo(400);

    JsonNode dropped = api.ok(api.delete(T + "/cols/columns/v", key), 200).json();
    assertThat(RestClient.each(dropped.get("columns"), "name")).containsExactly("id", "amount");
    assertThat(api.get(T + "/cols/preview", key).json().get("columns").toString()).doesNotContain("\"v\"");
    assertThat(api.delete(T + "/cols/columns/v", key).status()).isEqualTo(400);
  }

  @Test void primaryKeyFailsClearlyOnDuplicatesAndNulls() {
    table("keys", "id,v\n1,a\n1,b\n,c\n");
    RestClient.Answer nulls = api.post(T + "/keys/primary-key", key, "{\"columns\":[\"id\"]}");
    assertThat(nulls.status()).isEqualTo(400);
    assertThat(nulls.error()).isEqualTo("not_null_violation");
    RestClient.Answer duplicates = api.post(T + "/keys/primary-key", key, "{\"columns\":[\"v\",\"id\"]}");
    assertThat(duplicates.status()).as(duplicates.body()).isEqualTo(400);
    api.ok(api.csv(T + "/keys/import", key, "id,v\n1,a\n1,b\n2,c\n"), 200);
    RestClient.Answer dup = api.post(T + "/keys/primary-key", key, "{\"columns\":[\"id\"]}");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.error()).isEqualTo("unique_violation");
    assertThat(dup.json().get("message").asText()).contains("(1) appears 2 times");
    assertThat(api.get(T + "/keys", key).json().get("primary_key")).isEmpty();

    JsonNode keyed = api.ok(api.post(T + "/keys/primary-key", key, "{\"columns\":[\"id\",\"v\"]}"), 200).json();
    assertThat(keyed.get("primary_key").toString()).isEqualTo("[\"id\",\"v\"]");
    assertThat(keyed.get("columns").get(0).get("nullable").asBoolean()).isFalse();
    // Incremental loads now upsert by (id, v).
    api.ok(api.csv(T + "/keys/import?incremental=true", key, "id,v\n1,a\n3,d\n"), 200);
    assertThat(api.get(T + "/keys", key).json().get("row_count").asLong()).isEqualTo(4);
    assertThat(api.delete(T + "/keys/columns/id", key).status()).isEqualTo(409);

    JsonNode unkeyed = api.ok(api.delete(T + "/keys/primary-key", key), 200).json();
    assertThat(unkeyed.get("primary_key")).isEmpty();
    assertThat(unkeyed.get("columns").get(0).get("nullable").asBoolean()).isTrue();
    api.ok(api.csv(T + "/keys/import?incremental=true", key, "id,v\n,e\n"), 200);
    assertThat(api.delete(T + "/keys/primary-key", key).status()).isEqualTo(404);
    assertThat(api.post(T + "/keys/primary-key", key, "{\"columns\":[\"nope\"]}").status()).isEqualTo(400);
    assertThat(api.post(T + "/keys/primary-key", key, "{\"columns\":[]}").status()).isEqualTo(400);
  }

  @Test void descriptionsChange() {
    table("described", null);
    JsonNode updated = api.ok(api.put(T + "/described", key, "{\"description\":\"orders of 2024\"}"), 200).json();
    assertThat(updated.get("description").asText()).isEqualTo("orders of 2024");
    JsonNode bucket = api.ok(api.put("/projects/p/buckets/in_c_s", key, "{\"description\":\"raw\"}"), 200).json();
    assertThat(bucket.get("description").asText()).isEqualTo("raw");
    assertThat(api.put(T + "/described", key, "{\"description\":\"" + "x".repeat(300) + "\"}").status())
        .isEqualTo(400);
  }

  @Test void readOnlyTokensChangeNothing() {
    table("guarded", null);
    String reader = api.ok(api.post("/projects/p/tokens", key,
        "{\"bucket_permissions\":{\"in_c_s\":\"read\"}}"), 201).json().get("token").asText();
    assertThat(api.post(T + "/guarded/columns", reader, "{\"name\":\"z\",\"type\":\"INTEGER\"}").status())
        .isEqualTo(403);
    assertThat(api.post(T + "/guarded/primary-key", reader, "{\"columns\":[\"id\"]}").status()).isEqualTo(403);
    assertThat(api.put(T + "/guarded", reader, "{\"description\":\"x\"}").status()).isEqualTo(403);
    assertThat(api.get(T + "/guarded", reader).status()).isEqualTo(200);
  }
}

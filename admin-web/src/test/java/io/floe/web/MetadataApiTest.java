package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key/value metadata on buckets, tables and columns, and searching tables by it. */
class MetadataApiTest {
  static final String B = "/projects/p/buckets/in_c_crm";
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("p");
    api.ok(api.post("/projects/p/buckets", key, "{\"name\":\"in_c_crm\"}"), 201);
    for (String t : new String[] {"customers", "contacts", "events"}) {
      api.ok(api.post(B + "/tables", key, "{\"name\":\"" + t + "\",\"columns\":["
          + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"email\",\"type\":\"VARCHAR\"}]}"), 201);
    }
    api.ok(api.put(B + "/tables/events", key, "{\"description\":\"clickstream from the web shop\"}"), 200);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  @Test void setListReplaceAndDelete() {
    JsonNode set = api.ok(api.post(B + "/metadata", key, "{\"metadata\":[{\"key\":\"owner\","
        + "\"value\":\"crm-team\"},{\"key\":\"KBC.description\",\"value\":\"CRM extract\"}]}"), 200).json();
    assertThat(RestClient.each(set.get("metadata"), "key")).containsExactly("KBC.description", "owner");
    assertThat(set.get("metadata").get(0).get("provider").asText()).isEqualTo("user");
    JsonNode replaced = api.ok(api.post(B + "/metadata", key,
        "{\"metadata\":[{\"key\":\"owner\",\"value\":\"sales-team\"}]}"), 200).json();
    assertThat(replaced.get("metadata")).hasSize(2);
    assertThat(replaced.get("metadata").get(1).get("value").asText()).isEqualTo("sales-team");
    JsonNode other = api.ok(api.post(B + "/metadata", key,
        "{\"provider\":\"extractor\",\"metadata\":[{\"key\":\"owner\",\"value\":\"bot\"}]}"), 200).json();
    assertThat(other.get("metadata")).hasSize(3);
    long id = other.get("metadata").get(0).get("id").asLong();
    assertThat(api.delete(B + "/metadata/" + id, key).status()).isEqualTo(204);
    assertThat(api.get(B + "/metadata", key).json().get("metadata")).hasSize(2);
    assertThat(api.delete(B + "/metadata/" + id, key).status()).isEqualTo(404);
    assertThat(api.delete(B + "/metadata/abc", key).status()).isEqualTo(404);
  }

  @Test void columnMetadataBelongsToItsColumn() {
    api.ok(api.post(B + "/tables", key, "{\"name\":\"leads\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"email\",\"type\":\"VARCHAR\"}]}"), 201);
    api.ok(api.post(B + "/tables/leads/columns/email/metadata", key,
        "{\"metadata\":[{\"key\":\"pii\",\"value\":\"true\"}]}"), 200);
    assertThat(api.get(B + "/tables/leads/columns/email/metadata", key).json().get("metadata")).hasSize(1);
    assertThat(api.get(B + "/tables/leads/columns/id/metadata", key).json().get("metadata")).isEmpty();
    assertThat(api.get(B + "/tables/leads/metadata", key).json().get("metadata")).isEmpty();
    assertThat(api.get(B + "/tables/leads/columns/nope/metadata", key).status()).isEqualTo(400);
    // Dropping the column drops its metadata.
    api.ok(api.post(B + "/tables/leads/columns", key, "{\"name\":\"phone\",\"type\":\"VARCHAR\"}"), 201);
    api.ok(api.post(B + "/tables/leads/columns/phone/metadata", key,
        "{\"metadata\":[{\"key\":\"pii\",\"value\":\"true\"}]}"), 200);
    api.ok(api.delete(B + "/tables/leads/columns/phone", key), 200);
    api.ok(api.post(B + "/tables/leads/columns", key, "{\"name\":\"phone\",\"type\":\"VARCHAR\"}"), 201);
    assertThat(api.get(B + "/tables/leads/columns/phone/metadata", key).json().get("metadata")).isEmpty();
  }

  @Test void searchTablesByTagOrText() {
    api.ok(api.post(B + "/tables/customers/metadata", key,
        "{\"metadata\":[{\"key\":\"domain\",\"value\":\"Sales\"},{\"key\":\"tier\",\"value\":\"gold\"}]}"), 200);
    api.ok(api.post(B + "/tables/contacts/metadata", key,
        "{\"metadata\":[{\"key\":\"domain\",\"value\":\"marketing\"}]}"), 200);
    assertThat(RestClient.each(api.get("/projects/p/tables", key).json().get("tables"), "name"))
        .contains("contacts", "customers", "events");
    JsonNode sales = api.get("/projects/p/tables?metadata_key=domain&metadata_value=sales", key).json();
    assertThat(RestClient.each(sales.get("tables"), "name")).containsExactly("customers");
    assertThat(RestClient.each(sales.get("tables").get(0).get("metadata"), "key")).contains("domain", "tier");
    assertThat(RestClient.each(api.get("/projects/p/tables?metadata_key=domain", key).json()
        .get("tables"), "name")).containsExactly("contacts", "customers");
    assertThat(RestClient.each(api.get("/projects/p/tables?q=GOLD", key).json().get("tables"), "name"))
        .containsExactly("customers");
    assertThat(RestClient.each(api.get("/projects/p/tables?q=web%20shop", key).json().get("tables"), "name"))
        .containsExactly("events");
    assertThat(RestClient.each(api.get("/projects/p/tables?q=contac", key).json().get("tables"), "name"))
        .containsExactly("contacts");
    assertThat(api.get("/projects/p/tables?metadata_key=none", key).json().get("tables")).isEmpty();
  }

  @Test void readersReadAndOnlyWritersWrite() {
    String reader = api.ok(api.post("/projects/p/tokens", key,
        "{\"bucket_permissions\":{\"in_c_crm\":\"read\"}}"), 201).json().get("token").asText();
    assertThat(api.get(B + "/metadata", reader).status()).isEqualTo(200);
    assertThat(api.post(B + "/metadata", reader, "{\"metadata\":[{\"key\":\"k\",\"value\":\"v\"}]}")
        .status()).isEqualTo(403);
    String outsider = api.project("q");
    assertThat(api.get(B + "/metadata", outsider).status()).isEqualTo(403);
    assertThat(api.get("/projects/p/tables", outsider).status()).isEqualTo(403);
  }

  @Test void badMetadataIsRejected() {
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[]}").status()).isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[{\"key\":\"\",\"value\":\"v\"}]}").status())
        .isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[{\"key\":\"k\"}]}").status()).isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[{\"key\":\"k\",\"value\":\"v\",\"x\":1}]}")
        .status()).isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[{\"key\":\"" + "k".repeat(300)
        + "\",\"value\":\"v\"}]}").status()).isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":[null]}").status()).isEqualTo(400);
    assertThat(api.post(B + "/metadata", key, "{\"metadata\":{\"k\":\"v\"}}").status()).isEqualTo(400);
  }
}

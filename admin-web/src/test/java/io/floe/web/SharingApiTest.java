package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sharing through real HTTP: share, link, unlink, unshare, grant-readonly and its revocation, the
 * linked bucket read-only under its link name, and deletion of a linked source.
 */
class SharingApiTest {
  static RestClient api;
  static String owner;
  static String reader;
  static String other;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    owner = api.project("owner");
    reader = api.project("reader");
    other = api.project("other");
    api.ok(api.post("/projects/owner/buckets", owner, "{\"name\":\"out_c_sales\",\"stage\":\"out\","
        + "\"description\":\"curated sales\"}"), 201);
    api.ok(api.post("/projects/owner/buckets/out_c_sales/tables", owner, "{\"name\":\"orders\","
        + "\"primary_key\":[\"id\"],\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]}"), 201);
    api.ok(api.csv("/projects/owner/buckets/out_c_sales/tables/orders/import", owner,
        "id,amount\n1,10.00\n2,20.00\n"), 200);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  @Test void shareLinkReadUnlinkUnshare() {
    // Not shared yet: the reader cannot link it, and learns nothing about whether it exists.
    RestClient.Answer early = api.post("/projects/reader/buckets/sales/link", reader,
        "{\"source_project_id\":\"owner\",\"source_bucket_name\":\"out_c_sales\"}");
    assertThat(early.status()).isEqualTo(404);
    assertThat(early.json().get("message").asText()).contains("not shared");

    JsonNode shared = api.ok(api.post("/projects/owner/buckets/out_c_sales/share", owner,
        "{\"target_project_id\":\"reader\"}"), 200).json();
    assertThat(shared.get("shared_with").findValuesAsText("target_project_id")).containsExactly("reader");
    assertThat(api.get("/projects/reader/shared-buckets", reader).json().get("buckets")
        .findValuesAsText("source_bucket_name")).contains("out_c_sales");
    assertThat(api.get("/projects/other/shared-buckets", other).json().get("buckets")
        .findValuesAsText("source_bucket_name")).doesNotContain("out_c_sales");

    JsonNode link = api.ok(api.post("/projects/reader/buckets/sales/link", reader,
        "{\"source_project_id\":\"owner\",\"source_bucket_name\":\"out_c_sales\"}"), 201).json();
    assertThat(link.get("name").asText()).isEqualTo("sales");
    assertThat(link.get("linked").asBoolean()).isTrue();
    assertThat(link.get("read_only").asBoolean()).isTrue();
    assertThat(link.get("source_project_id").asText()).isEqualTo("owner");
    assertThat(link.get("description").asText()).isEqualTo("curated sales");

    assertThat(api.get("/projects/reader/buckets", reader).json().get("buckets")
        .findValuesAsText("name")).containsExactly("sales");
    assertThat(RestClient.each(api.get("/projects/reader/buckets/sales/tables", reader).json()
        .get("tables"), "name")).containsExactly("orders");
    JsonNode preview = api.ok(api.get("/projects/reader/buckets/sales/tables/orders/preview?order_by=id",
        reader), 200).json();
    assertThat(preview.get("rows").findValuesAsText("id")).containsExactly("1", "2");
    assertThat(api.get("/projects/owner/buckets/out_c_sales/share", owner).json().get("linked_by")
        .findValuesAsText("project_id")).containsExactly("reader");

    // Read-only: no import, no table, no delete through the link.
    RestClient.Answer write = api.csv("/projects/reader/buckets/sales/tables/orders/import", reader,
        "id,amount\n3,1.00\n");
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.error()).isEqualTo("access_denied");
    assertThat(api.post("/projects/reader/buckets/sales/tables", reader,
        "{\"name\":\"x\",\"columns\":[{\"name\":\"a\",\"type\":\"INTEGER\"}]}").status()).isEqualTo(403);
    assertThat(api.delete("/projects/reader/buckets/sales/tables/orders", reader).status()).isEqualTo(403);
    // The reader cannot reach the source project itself.
    assertThat(api.get("/projects/owner/buckets/out_c_sales", reader).status()).isEqualTo(403);

    // Unsharing removes the link at once.
    JsonNode removed = api.ok(api.delete("/projects/owner/buckets/out_c_sales/share?target_project_id=reader",
        owner), 200).json();
    assertThat(removed.get("removed_links").findValuesAsText("name")).containsExactly("sales");
    assertThat(api.get("/projects/reader/buckets/sales", reader).status()).isEqualTo(404);
    assertThat(api.get("/projects/reader/buckets/sales/tables/orders/preview", reader).status()).isEqualTo(404);
    assertThat(api.delete("/projects/owner/buckets/out_c_sales/share?target_project_id=reader", owner)
        .status()).isEqualTo(404);
  }

  @Test void unlinkKeepsTheSourceAndTheShare() {
    api.ok(api.post("/projects/owner/buckets/out_c_sales/share", owner,
        "{\"target_project_ids\":[\"other\"]}"), 200);
    api.ok(api.post("/projects/other/buckets/owner_sales/link", other,
        "{\"source_project_id\":\"owner\",\"source_bucket_name\":\"out_c_sales\"}"), 201);
    RestClient.Answer twice = api.post("/projects/other/buckets/again/link", other,
        "{\"source_project_id\":\"owner\",\"source_bucket_name\":\"out_c_sales\"}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().get("message").asText()).contains("owner_sales");
    // A link cannot be deleted like a bucket, and an own bucket cannot be unlinked.
    assertThat(api.delete("/projects/other/buckets/owner_sales", other).status()).isEqualTo(400);
    assertThat(api.delete("/projects/owner/buckets/out_c_sales/link", owner).status()).isEqualTo(409);
    assertThat(api.delete("/projects/other/buckets/owner_sales/link", other).status()).isEqualTo(204);
    assertThat(api.get("/projects/other/buckets/owner_sales", other).status()).isEqualTo(404);
    assertThat(api.get("/projects/owner/buckets/out_c_sales/tables/orders", owner).status()).isEqualTo(200);
    assertThat(api.get("/projects/owner/buckets/out_c_sales/share", owner).json().get("shared_with")
        .findValuesAsText("target_project_id")).contains("other");
    api.ok(api.delete("/projects/owner/buckets/out_c_sales/share?target_project_id=other", owner), 200);
  }

  @Test void grantReadOnlyLinksForTheTargetAndRevokeRemovesIt() {
    JsonNode grant = api.ok(api.post("/projects/owner/buckets/out_c_sales/grant-readonly", owner,
        "{\"target_project_id\":\"other\",\"link_name\":\"from_owner\"}"), 200).json();
    assertThat(grant.get("link").get("name").asText()).isEqualTo("from_owner");
    JsonNode bucket = api.ok(api.get("/projects/other/buckets/from_owner", other), 200).json();
    assertThat(bucket.get("read_only").asBoolean()).isTrue();
    assertThat(api.get("/projects/other/buckets/from_owner/tables/orders/preview", other).status())
        .isEqualTo(200);
    JsonNode revoked = api.ok(api.delete("/projects/owner/buckets/out_c_sales/grant-readonly"
        + "?target_project_id=other", owner), 200).json();
    assertThat(revoked.get("removed_links").findValuesAsText("name")).containsExactly("from_owner");
    assertThat(api.get("/projects/other/buckets/from_owner", other).status()).isEqualTo(404);
    assertThat(api.delete("/projects/owner/buckets/out_c_sales/grant-readonly?target_project_id=other",
        owner).status()).isEqualTo(404);
  }

  @Test void shareToAllProjects() {
    api.ok(api.post("/projects/owner/buckets", owner, "{\"name\":\"out_c_public\"}"), 201);
    api.ok(api.post("/projects/owner/buckets/out_c_public/share", owner, "{\"all_projects\":true}"), 200);
    String late = api.project("late");
    api.ok(api.post("/projects/late/buckets/open_data/link", late,
        "{\"source_project_id\":\"owner\",\"source_bucket_name\":\"out_c_public\"}"), 201);
    api.ok(api.delete("/projects/owner/buckets/out_c_public/share?all_projects=true", owner), 200);
    assertThat(api.get("/projects/late/buckets/open_data", late).status()).isEqualTo(404);
  }

  @Test void onlyTheOwnersAdministratorShares() {
    String limited = api.ok(api.post("/projects/owner/tokens", owner,
        "{\"description\":\"manager\",\"can_manage_buckets\":true}"), 201).json().get("token").asText();
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", limited,
        "{\"target_project_id\":\"other\"}").status()).isEqualTo(403);
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", reader,
        "{\"target_project_id\":\"other\"}").status()).isEqualTo(403);
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", owner,
        "{\"target_project_id\":\"owner\"}").status()).isEqualTo(400);
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", owner,
        "{\"target_project_id\":\"nobody\"}").status()).isEqualTo(404);
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", owner, "{}").status()).isEqualTo(400);
    assertThat(api.post("/projects/owner/buckets/out_c_sales/share", owner,
        "{\"target_project_id\":\"other\",\"all_projects\":true}").status()).isEqualTo(400);
  }

  @Test void aLinkedSourceIsDeletedOnlyWithForce() {
    api.ok(api.post("/projects/owner/buckets", owner, "{\"name\":\"in_c_doomed\"}"), 201);
    api.ok(api.post("/projects/owner/buckets/in_c_doomed/grant-readonly", owner,
        "{\"target_project_id\":\"reader\"}"), 200);
    RestClient.Answer refused = api.delete("/projects/owner/buckets/in_c_doomed", owner);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).isEqualTo("object_in_use");
    assertThat(refused.json().get("message").asText()).contains("reader");
    assertThat(api.get("/projects/reader/buckets/in_c_doomed", reader).status()).isEqualTo(200);
    assertThat(api.delete("/projects/owner/buckets/in_c_doomed?force=true", owner).status()).isEqualTo(204);
    assertThat(api.get("/projects/reader/buckets/in_c_doomed", reader).status()).isEqualTo(404);
  }
}

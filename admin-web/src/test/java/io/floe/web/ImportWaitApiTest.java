package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.catalog.TableDef;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An import that waits for the table's write lock (another import or a schema change is running)
 * works with the table as it is once it holds the lock: a primary key set meanwhile makes it an
 * upsert, a table deleted meanwhile answers 404, a token revoked meanwhile 401. The test holds the
 * table's lock itself (as a running change would), sends the import over HTTP, waits until the
 * import queues for the lock, changes the table through the engine and lets go.
 */
class ImportWaitApiTest {
  static RestClient api;
  static String key;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    key = api.project("w");
    api.ok(api.post("/projects/w/buckets", key, "{\"name\":\"in_c_w\"}"), 201);
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  static TableDef table(String name) {
    api.ok(api.post("/projects/w/buckets/in_c_w/tables", key, "{\"name\":\"" + name + "\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"v\",\"type\":\"VARCHAR\"}]}"), 201);
    api.ok(api.csv(path(name) + "/import", key, "id,v\n1,a\n2,b\n"), 200);
    return api.floe.engine().tables().get(api.floe.admin(), "w", "in_c_w", name);
  }

  static String path(String table) {
    return "/projects/w/buckets/in_c_w/tables/" + table;
  }

  /**
   * Sends {@code call} while holding {@code table}'s write lock; once the call waits for the lock,
   * runs {@code meanwhile} (still holding it), then lets go and returns the call's answer.
   */
  static RestClient.Answer whileLocked(TableDef table, Supplier<RestClient.Answer> call,
      Runnable meanwhile) throws Exception {
    CompletableFuture<RestClient.Answer> answer = new CompletableFuture<>();
    api.floe.engine().tables().withWritableTable(api.floe.admin(), "w", "in_c_w", table.name(),
        io.floe.engine.service.TableService.WriteControl.NONE, (p, def) -> {
          CompletableFuture.runAsync(() -> answer.complete(call.get()));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (api.floe.engine().tables().waitingWrites(table.id()) == 0) {
            assertThat(System.nanoTime()).as("the import never waited for the lock").isLessThan(deadline);
            Thread.onSpinWait();
          }
          meanwhile.run();
          return null;
        });
    return answer.get(60, TimeUnit.SECONDS);
  }

  static List<String> ids(String table) {
    JsonNode rows = api.ok(api.get(path(table) + "/preview?order_by=id", key), 200).json().get("rows");
    return RestClient.each(rows, "id");
  }

  @Test void aPrimaryKeySetWhileTheImportWaitedMakesItAnUpsert() throws Exception {
    TableDef t = table("pk_meanwhile");
    RestClient.Answer answer = whileLocked(t,
        () -> api.csv(path("pk_meanwhile") + "/import?incremental=true", key, "id,v\n1,x\n"),
        () -> api.floe.engine().storageServices().tableSchemas().setPrimaryKey(api.floe.admin(), "w",
            "in_c_w", "pk_meanwhile", List.of("id")));
    api.ok(answer, 200);
    assertThat(answer.json().get("total_rows").asLong()).as("no duplicate key 1").isEqualTo(2);
    assertThat(ids("pk_meanwhile")).containsExactly("1", "2");
  }

  @Test void aColumnDroppedWhileTheImportWaitedIsNotWritten() throws Exception {
    TableDef t = table("drop_meanwhile");
    RestClient.Answer answer = whileLocked(t,
        () -> api.csv(path("drop_meanwhile") + "/import?incremental=true", key, "id,v\n3,c\n"),
        () -> api.floe.engine().storageServices().tableSchemas().dropColumn(api.floe.admin(), "w",
            "in_c_w", "drop_meanwhile", "v"));
    // The file now has a column the table lacks: a clear 400, not a binder error.
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(answer.error()).isEqualTo("invalid_data");
    assertThat(ids("drop_meanwhile")).containsExactly("1", "2");
  }

  @Test void aTableDeletedWhileTheImportWaitedAnswers404() throws Exception {
    TableDef t = table("gone_meanwhile");
    RestClient.Answer answer = whileLocked(t,
        () -> api.csv(path("gone_meanwhile") + "/import", key, "id,v\n9,z\n"),
        () -> api.floe.engine().tables().delete(api.floe.admin(), "w", "in_c_w", "gone_meanwhile"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(404);
    assertThat(answer.error()).isEqualTo("not_found");
  }

  @Test void aTokenRevokedWhileTheImportWaitedIsRefused() throws Exception {
    TableDef t = table("revoked_meanwhile");
    JsonNode writer = api.ok(api.post("/projects/w/tokens", key,
        "{\"bucket_permissions\":{\"in_c_w\":\"write\"}}"), 201).json();
    RestClient.Answer answer = whileLocked(t,
        () -> api.csv(path("revoked_meanwhile") + "/import", writer.get("token").asText(), "id,v\n9,z\n"),
        () -> api.ok(api.delete("/projects/w/tokens/" + writer.get("id").asText(), key), 204));
    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(ids("revoked_meanwhile")).containsExactly("1", "2");
  }

  @Test void aJobWaitingForTheTableUsesTheKeySetMeanwhile() throws Exception {
    TableDef t = table("job_meanwhile");
    RestClient.Answer accepted = whileLocked(t,
        () -> api.csv(path("job_meanwhile") + "/import?incremental=true&async=true", key, "id,v\n1,x\n"),
        () -> api.floe.engine().storageServices().tableSchemas().setPrimaryKey(api.floe.admin(), "w",
            "in_c_w", "job_meanwhile", List.of("id")));
    api.ok(accepted, 202);
    JsonNode job = waitForJob(accepted.json().get("id").asText());
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("success");
    assertThat(job.get("result").get("total_rows").asLong()).isEqualTo(2);
    assertThat(ids("job_meanwhile")).containsExactly("1", "2");
  }

  static JsonNode waitForJob(String id) {
    return api.ok(api.get("/projects/w/jobs/" + id + "?wait=30", key), 200).json();
  }
}

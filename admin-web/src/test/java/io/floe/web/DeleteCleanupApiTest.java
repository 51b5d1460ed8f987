package io.floe.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.api.catalog.BranchTable;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.storage.DuckDbStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a table, a bucket or a project through HTTP removes every file that belonged to it, dev
 * branches' copies of its tables and (with a project) its workspaces included: the files are gone
 * from disk and DuckDB no longer has them attached.
 */
class DeleteCleanupApiTest {
  static RestClient api;
  static String key;
  static DuckDbStorage storage;

  @BeforeAll static void setUp() {
    api = RestClient.start();
    storage = api.floe.engine().storage();
  }

  @AfterAll static void tearDown() {
    api.close();
  }

  /** Catalogs DuckDB has attached now. */
  static List<String> attached() throws Exception {
    List<String> names = new ArrayList<>();
    try (Connection c = storage.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT database_name FROM duckdb_databases()")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }

  static TableDef table(String project, String bucket, String name) {
    api.ok(api.post("/projects/" + project + "/buckets/" + bucket + "/tables", key, "{\"name\":\""
        + name + "\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}"), 201);
    api.ok(api.csv("/projects/" + project + "/buckets/" + bucket + "/tables/" + name + "/import", key,
        "id\n1\n"), 200);
    return api.floe.engine().tables().get(api.floe.admin(), project, bucket, name);
  }

  /** Writes {@code table} on the branch, which gives the branch its own copy; returns its file. */
  static Path branchCopy(String project, String branch, TableDef table) throws Exception {
    api.ok(api.csv("/projects/" + project + "/branches/" + branch + "/buckets/" + table.bucketName()
        + "/tables/" + table.name() + "/import", key, "id\n2\n"), 200);
    Path file = storage.branchTableFile(project, branch, table.id());
    assertThat(file).exists();
    assertThat(attached()).contains(BranchTable.duckDbCatalog(branch, table.id()));
    return file;
  }

  static void assertGone(Path file, String alias) throws Exception {
    assertThat(file).doesNotExist();
    assertThat(file.resolveSibling(file.getFileName() + ".wal")).doesNotExist();
    assertThat(attached()).doesNotContain(alias);
  }

  @Test void deletingATableBucketOrProjectRemovesBranchCopiesAndWorkspaces() throws Exception {
    key = api.project("dp");
    api.ok(api.post("/projects/dp/buckets", key, "{\"name\":\"in_c_a\"}"), 201);
    api.ok(api.post("/projects/dp/buckets", key, "{\"name\":\"in_c_b\"}"), 201);
    TableDef t1 = table("dp", "in_c_a", "t1");
    TableDef t2 = table("dp", "in_c_a", "t2");
    TableDef t3 = table("dp", "in_c_b", "t3");
    String branch = api.ok(api.post("/projects/dp/branches", key, "{\"name\":\"dev\"}"), 201).json()
        .get("id").asText();
    Path copy1 = branchCopy("dp", branch, t1);
    Path copy2 = branchCopy("dp", branch, t2);
    Path copy3 = branchCopy("dp", branch, t3);

    // A table: its file and the branch's copy of it.
    api.ok(api.delete("/projects/dp/buckets/in_c_a/tables/t1", key), 204);
    assertGone(storage.tableFile(t1), t1.duckDbCatalog());
    assertGone(copy1, BranchTable.duckDbCatalog(branch, t1.id()));
    assertThat(copy2).exists();

    // A bucket: its tables' files and the branch's copies of them.
    api.ok(api.delete("/projects/dp/buckets/in_c_a", key), 204);
    assertGone(storage.tableFile(t2), t2.duckDbCatalog());
    assertGone(copy2, BranchTable.duckDbCatalog(branch, t2.id()));
    assertThat(copy3).exists();

    // A project: everything, workspaces on main and on the branch included.
    String ws = api.ok(api.post("/projects/dp/workspaces", key, "{}"), 201).json().get("id").asText();
    String branchWs = api.ok(api.post("/projects/dp/branches/" + branch + "/workspaces", key, "{}"), 201)
        .json().get("id").asText();
    Path wsFile = storage.workspaceFile("dp", null, ws);
    Path branchWsFile = storage.workspaceFile("dp", branch, branchWs);
    assertThat(wsFile).exists();
    assertThat(branchWsFile).exists();
    assertThat(attached()).contains(ws, branchWs);

    api.ok(api.delete("/projects/dp", api.admin()), 204);
    assertGone(storage.tableFile(t3), t3.duckDbCatalog());
    assertGone(copy3, BranchTable.duckDbCatalog(branch, t3.id()));
    assertGone(wsFile, ws);
    assertGone(branchWsFile, branchWs);
    assertThat(storage.projectDir("dp")).doesNotExist();
    assertThat(api.get("/projects/dp/workspaces/" + ws, api.admin()).status()).isEqualTo(404);
  }
}

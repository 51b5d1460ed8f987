package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.sql.SqlLexer;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.TestEngine;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog mirror answers every captured client catalog query, with visible objects only. */
class PgCatalogMirrorTest {
  static TestEngine floe;
  static EngineSession session;
  static PgCatalogMirror mirror;
  static CreatedWorkspace ws;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    String key = floe.createProject("p1");
    floe.createBucket("p1", "in_c_sales");
    floe.createTable("p1", "in_c_sales", "orders", "id INTEGER PK", "amount DECIMAL(12,2)");
    floe.createProject("p2");
    floe.createBucket("p2", "secret");
    ws = floe.engine().workspaces().create(floe.principal(key), "p1", null, "t", null, null, List.of());
    session = floe.engine().openSession(floe.engine().workspaces().principal(ws.workspace().id()),
        "test", SqlFlavor.POSTGRES);
    session.execute("create table items (id int primary key, name varchar(20) not null, "
        + "price numeric(10,2), created timestamp)", List.of());
    mirror = PgCatalogMirror.create(ws.workspace().databaseName());
    mirror.refresh(session.listing(), ws.workspace().databaseName(), ws.username());
  }

  @AfterAll static void tearDown() {
    mirror.close();
    session.close();
    floe.close();
  }

  static List<List<Object>> run(String sql) {
    String rewritten = PgCatalogRewriter.rewrite(sql, new PgSettings("u", Map.of())::get, "u");
    List<List<Object>> rows = new ArrayList<>();
    try (PgResult r = mirror.execute(rewritten, List.of(), s -> {})) {
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < r.columns().size(); i++) {
          row.add(r.get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test void everyCapturedQueryRuns() throws Exception {
    JsonNode queries;
    try (InputStream in = getClass().getResourceAsStream("pgwire-captured-queries.json")) {
      queries = new ObjectMapper().readTree(in).get("queries");
    }
    List<String> failures = new ArrayList<>();
    int catalog = 0;
    int index = -1;
    for (JsonNode q : queries) {
      index++;
      String sql = q.get("sql").asText();
      if (!PgCatalogRouting.isCatalogQuery(SqlLexer.significant(sql))) {
        continue;
      }
      catalog++;
      try {
        run(sql);
      } catch (RuntimeException e) {
        failures.add("#" + index + " " + q.get("client").asText() + ": " + e.getMessage() + "\n   "
            + PgCatalogRewriter.rewrite(sql, n -> null, "u").replace('\n', ' '));
      }
    }
    assertThat(failures).as("%d catalog queries", catalog).isEmpty();
  }

  @Test void psqlListsOnlyVisibleTables() {
    List<List<Object>> rows = run("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c "
        + "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','p','') "
        + "AND pg_catalog.pg_table_is_visible(c.oid) ORDER BY 1,2");
    assertThat(rows).containsExactly(List.of("in_c_sales", "orders"), List.of("public", "items"));
  }
}

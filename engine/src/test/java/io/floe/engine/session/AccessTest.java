package io.floe.engine.session;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.sql.FloeRoot;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A principal's schema holds only what it may read; everything else does not exist for it. */
class AccessTest {
  static TestEngine floe;
  static String tokenA;
  static String tokenB;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    tokenA = floe.createProject("a");
    tokenB = floe.createProject("b");
    for (String p : List.of("a", "b")) {
      floe.createBucket(p, "in_c_sales");
      floe.createTable(p, "in_c_sales", "orders", "id INTEGER", "owner VARCHAR");
      floe.importCsv(p, "in_c_sales", "orders", csv("id,owner", "1," + p), false);
    }
    floe.createBucket("b", "in_c_secret");
    floe.createTable("b", "in_c_secret", "salaries", "id INTEGER");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  @Test void projectTokenSeesOnlyItsProject() {
    try (EngineSession a = floe.engine().openSession(floe.principal(tokenA), "test", SqlFlavor.POSTGRES)) {
      FloeRoot root = a.root();
      assertThat(a.listing().catalogs()).containsExactly("a");
      assertThat(root.schema().subSchemas().getNames(org.apache.calcite.schema.lookup.LikePattern.any()))
          .containsExactlyInAnyOrder("a", "information_schema");
      assertThat(root.tables().values()).allSatisfy(t -> assertThat(t.projectId()).isEqualTo("a"));
      assertThat(Rows.query(a, "select owner from in_c_sales.orders")).containsExactly(List.of("a"));
      assertThat(Rows.query(a, "select owner from a.in_c_sales.orders")).containsExactly(List.of("a"));
    }
  }

  @Test void otherProjectsTablesAreNotFound() {
    try (EngineSession a = floe.engine().openSession(floe.principal(tokenA), "test", SqlFlavor.POSTGRES)) {
      for (String sql : List.of("select * from b.in_c_sales.orders", "select * from in_c_secret.salaries",
          "select * from b.in_c_secret.salaries")) {
        assertThatThrownBy(() -> a.prepare(sql))
            .isInstanceOf(FloeException.class)
            .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
      }
    }
  }

  @Test void adminSeesAllProjects() {
    try (EngineSession admin = floe.engine().openSession(floe.admin(), "test", SqlFlavor.POSTGRES)) {
      assertThat(Rows.query(admin, "select a.owner, b.owner from a.in_c_sales.orders a "
          + "cross join b.in_c_sales.orders b")).containsExactly(List.of("a", "b"));
    }
  }

  @Test void dmlOnProjectTablesIsDenied() {
    try (EngineSession a = floe.engine().openSession(floe.principal(tokenA), "test", SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> a.prepare("insert into in_c_sales.orders values (2, 'x')"))
          .isInstanceOf(FloeException.class)
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42501"));
    }
  }
}

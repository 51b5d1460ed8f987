package io.floe.engine.storage;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV imports: full, incremental, primary keys, failures that change nothing, restarts. */
class ImportTest {
  private static List<List<Object>> rows(TestEngine floe, String sql) {
    try (EngineSession s = floe.engine().openSession(floe.admin(), "test", SqlFlavor.POSTGRES)) {
      return Rows.query(s, sql);
    }
  }

  @Test void fullLoadReplacesAndIncrementalUpsertsByPrimaryKey() {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER PK", "name VARCHAR");
      floe.importCsv("p", "in_c_b", "t", csv("id,name", "1,a", "2,b"), false);
      floe.importCsv("p", "in_c_b", "t", csv("name,id", "B,2", "c,3", "C,3"), true);
      assertThat(rows(floe, "select id, name from p.in_c_b.t order by id"))
          .containsExactly(List.of(1, "a"), List.of(2, "B"), List.of(3, "C"));
      floe.importCsv("p", "in_c_b", "t", csv("id,name", "9,z"), false);
      assertThat(rows(floe, "select id, name from p.in_c_b.t")).containsExactly(List.of(9, "z"));
    }
  }

  @Test void incrementalWithoutPrimaryKeyAppends() {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER", "name VARCHAR");
      floe.importCsv("p", "in_c_b", "t", csv("id,name", "1,a"), false);
      floe.importCsv("p", "in_c_b", "t", csv("id,name", "1,a"), true);
      assertThat(rows(floe, "select count(*) from p.in_c_b.t")).containsExactly(List.of(2L));
    }
  }

  @Test void emptyAndQuotedEmptyFields() {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER", "name VARCHAR");
      floe.importCsv("p", "in_c_b", "t", csv("id,name", "1,", "2,\"\"", ",\"x, \"\"quoted\"\"\""), false);
      assertThat(rows(floe, "select id, name from p.in_c_b.t order by id nulls last"))
          .containsExactly(java.util.Arrays.asList(1, null), List.of(2, ""),
              java.util.Arrays.asList(null, "x, \"quoted\""));
    }
  }

  @Test void aBadFileLeavesTheTableExactlyAsItWas() {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER PK", "amount DECIMAL(10,2)");
      floe.importCsv("p", "in_c_b", "t", csv("id,amount", "1,1.50", "2,2.50"), false);
      List<String> bad = List.of(
          csv("id,amount", "3,3.00", "4,not-a-number"),
          csv("id,amount,extra", "3,1,1"),
          csv("id,amount", "3,1,1"),
          csv("amount", "1"),
          csv("id,amount", ",1"),
          "");
      for (String file : bad) {
        for (boolean incremental : new boolean[] {false, true}) {
          assertThatThrownBy(() -> floe.importCsv("p", "in_c_b", "t", file, incremental))
              .as("import of %s", file)
              .isInstanceOf(FloeException.class)
              .satisfies(e -> assertThat(((FloeException) e).code().httpStatus()).isBetween(400, 499));
          assertThat(rows(floe, "select id, amount from p.in_c_b.t order by id"))
              .containsExactly(List.of(1, new java.math.BigDecimal("1.50")),
                  List.of(2, new java.math.BigDecimal("2.50")));
        }
      }
    }
  }

  @Test void conversionErrorsNameTheLine() {
    try (TestEngine floe = TestEngine.start()) {
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER");
      assertThatThrownBy(() -> floe.importCsv("p", "in_c_b", "t", csv("id", "1", "x"), false))
          .isInstanceOf(FloeException.class)
          .hasMessageContaining("Line: 3")
          .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.INVALID_DATA));
    }
  }

  @Test void restartKeepsCatalogAndData() {
    Path dir;
    try (TestEngine floe = TestEngine.start()) {
      dir = floe.dataDir();
      floe.createProject("p");
      floe.createBucket("p", "in_c_b");
      floe.createTable("p", "in_c_b", "t", "id INTEGER PK", "ts TIMESTAMP");
      floe.importCsv("p", "in_c_b", "t", csv("id,ts", "1,2024-05-06 07:08:09.123456"), false);
      // Keep the directory: close the engine without deleting it.
      floe.engine().close();
      try (TestEngine again = TestEngine.restart(dir)) {
        assertThat(rows(again, "select id, cast(ts as varchar) from p.in_c_b.t"))
            .containsExactly(List.of(1, "2024-05-06 07:08:09.123456"));
        assertThat(again.engine().catalog().snapshot().project("p")).isPresent();
      }
    }
  }
}

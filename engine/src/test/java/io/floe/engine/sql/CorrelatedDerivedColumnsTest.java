package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A correlated sub-query that reads an expression column of a derived table (or of a CTE) sees the
 * column's value, and the outer query's own reference to the column computes it once: Calcite's
 * converter folded the outer select list into the derived table's and then put it back over that
 * table, so {@code i*2} came out as {@code (i*2)*2}.
 */
class CorrelatedDerivedColumnsTest {
  static final String[] I = {"i INTEGER"};
  static final String IDATA = csv("i", "1", "2", "3", "");
  static final String[] S = {"k VARCHAR", "v INTEGER"};
  static final String SDATA = csv("k,v", "a,1", "a,2", "b,5", ",7");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("integers", I, IDATA), table("s", S, SDATA));

  @ParameterizedTest
  @ValueSource(strings = {
      // Select list: scalar, EXISTS, IN, nested, the outer column alone or in an expression.
      "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j * 10, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, (SELECT max(v) + c.j FROM b.s) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, (SELECT c.j) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, (SELECT (SELECT max(v) FROM b.s WHERE v > c.j)) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, EXISTS (SELECT 1 FROM b.s WHERE v = c.j) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, j IN (SELECT v FROM b.s WHERE v <= c.j + 1) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1",
      // Several expression columns, the sub-query reading one or both.
      "SELECT j, m, (SELECT max(v) FROM b.s WHERE v > c.j AND v < c.m) "
          + "FROM (SELECT i*2 AS j, i+5 AS m FROM b.integers) c ORDER BY 1",
      "SELECT j, m, (SELECT max(v) FROM b.s WHERE v > c.m) FROM (SELECT i*2 AS j, i+3 AS m FROM b.integers) c ORDER BY 1",
      // Derived tables that filter, deduplicate, nest; a CTE; a string expression.
      "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers WHERE i > 1) c ORDER BY 1",
      "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT DISTINCT i*2 AS j FROM b.integers) c ORDER BY 1",
      "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) "
          + "FROM (SELECT j * 1 AS j FROM (SELECT i*2 AS j FROM b.integers) x) c ORDER BY 1",
      "WITH c AS (SELECT i*2 AS j FROM b.integers) SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM c ORDER BY 1",
      "SELECT k2, (SELECT count(*) FROM b.s s2 WHERE upper(s2.k) = c.k2) FROM (SELECT upper(k) AS k2 FROM b.s) c "
          + "ORDER BY 1 NULLS FIRST",
      // WHERE and HAVING.
      "SELECT j FROM (SELECT i*2 AS j FROM b.integers) c WHERE (SELECT count(*) FROM b.s WHERE v > c.j) > 1 ORDER BY 1",
      "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) + j FROM (SELECT i*2 AS j FROM b.integers) c "
          + "WHERE j > (SELECT min(v) FROM b.s WHERE v < c.j) ORDER BY 1",
      "SELECT j FROM (SELECT i*2 AS j FROM b.integers) c WHERE EXISTS (SELECT 1 FROM b.s WHERE v = c.j) ORDER BY 1",
      "SELECT j FROM (SELECT i*2 AS j FROM b.integers) c WHERE j + 1 IN (SELECT v FROM b.s WHERE v > c.j) ORDER BY 1",
      "SELECT j, count(*) FROM (SELECT i*2 AS j FROM b.integers) c GROUP BY j "
          + "HAVING (SELECT count(*) FROM b.s WHERE v > c.j) > 0 ORDER BY 1",
      // Aggregates: the sub-query as an aggregate's argument, or beside a group key.
      "SELECT j, sum((SELECT max(v) FROM b.s WHERE v > c.j)) FROM (SELECT i*2 AS j FROM b.integers) c GROUP BY j ORDER BY 1",
      "SELECT sum((SELECT max(v) FROM b.s WHERE v > c.j)) FROM (SELECT i*2 AS j FROM b.integers) c",
      "SELECT j, (SELECT count(*) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers) c GROUP BY j ORDER BY 1",
      // Joins of derived tables.
      "SELECT c.j, d.w, (SELECT max(v) FROM b.s WHERE v > c.j AND v > d.w) FROM (SELECT i*2 AS j FROM b.integers) c "
          + "JOIN (SELECT v - 1 AS w FROM b.s) d ON c.j <= d.w ORDER BY 1, 2",
      "SELECT c.j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers) c "
          + "LEFT JOIN (SELECT v*3 AS w FROM b.s) d ON c.j = d.w ORDER BY 1",
  })
  void answersAsDuckDb(String sql) {
    // Compared as text: DuckDB's SUM of integers is a HUGEINT, Floe's a BIGINT.
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @Test void outerColumnIsReadNotComputedAgain() {
    String sql = "SELECT j, (SELECT max(v) FROM b.s WHERE v > c.j) FROM (SELECT i*2 AS j FROM b.integers) c ORDER BY 1";
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as(plan.planText()).isTrue();
    assertThat(plan.planText()).contains("CorrelatedJdbcProject(j=[$0]").contains("JdbcProject(j=[*($0, 2)])");
    assertThat(Rows.query(db.session(), sql).toString()).isEqualTo("[[2, 7], [4, 7], [6, 7], [null, null]]");
  }
}

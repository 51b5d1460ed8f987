package io.floe.server.sqllogic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowComparisonsTest {
  @Test void comparesRowsFieldByField() {
    assertThat(RowComparisons.standard("SELECT (a, b) = (c, d) FROM rows"))
        .isEqualTo("SELECT ((a) = (c) AND (b) = (d)) FROM rows");
    assertThat(RowComparisons.standard("SELECT count(*) FROM t WHERE ROW(a + 1, f(b, c)) <> row(c, d)"))
        .isEqualTo("SELECT count(*) FROM t WHERE (NOT ((a + 1) = (c) AND (f(b, c)) = (d)))");
  }

  @Test void leavesArgumentsSubQueriesAndSingleValuesAlone() {
    for (String sql : new String[] {"SELECT f(a, b) = (c, d)", "SELECT (a, b) = (SELECT 1, 2)",
        "SELECT (a) = (b)", "SELECT (a, b) = ANY (SELECT c, d FROM t)", "SELECT (a, b) IN ((1, 2))",
        "SELECT '(a, b) = (c, d)'", "SELECT (a, b, c) = (1, 2)"}) {
      assertThat(RowComparisons.standard(sql)).isEqualTo(sql);
    }
  }

  @Test void rowsInSubQueriesBecomeScalarSubQueriesDuckDbRuns() {
    assertThat(RowComparisons.standard(
        "SELECT * FROM t o WHERE (o.i, o.j) NOT IN (SELECT x.i, x.j FROM u x WHERE x.j = o.j)"))
        .isEqualTo("SELECT * FROM t o WHERE (NOT (SELECT CASE WHEN bool_or(((o.i) = (_floe_in._r0) AND "
            + "(o.j) = (_floe_in._r1))) THEN true WHEN bool_or(((o.i) = (_floe_in._r0) AND (o.j) = "
            + "(_floe_in._r1)) IS NULL) THEN NULL ELSE false END FROM (SELECT x.i AS _r0, x.j AS _r1 "
            + "FROM u x WHERE x.j = o.j) AS _floe_in))");
    assertThat(RowComparisons.standard("SELECT ROW(1, 2) IN (SELECT i, j FROM t)"))
        .isEqualTo("SELECT (SELECT CASE WHEN bool_or(((1) = (_floe_in._r0) AND (2) = (_floe_in._r1))) "
            + "THEN true WHEN bool_or(((1) = (_floe_in._r0) AND (2) = (_floe_in._r1)) IS NULL) THEN NULL "
            + "ELSE false END FROM (SELECT i AS _r0, j AS _r1 FROM t) AS _floe_in)");
    assertThat(RowComparisons.standard("SELECT ROW(1, 2) IN (SELECT i1.i, i1.i + 1) FROM integers i1"))
        .isEqualTo("SELECT (SELECT CASE WHEN bool_or(((1) = (_floe_in._r0) AND (2) = (_floe_in._r1))) "
            + "THEN true WHEN bool_or(((1) = (_floe_in._r0) AND (2) = (_floe_in._r1)) IS NULL) THEN NULL "
            + "ELSE false END FROM (SELECT i1.i AS _r0, i1.i + 1 AS _r1) AS _floe_in) FROM integers i1");
    for (String sql : new String[] {"SELECT (a, b) IN (SELECT c, d FROM t GROUP BY c, d)",
        "SELECT (a, b) IN (SELECT DISTINCT c, d FROM t)", "SELECT (a, b) IN (SELECT c FROM t)",
        "SELECT f(a, b) IN (SELECT c, d FROM t)", "SELECT a IN (SELECT c FROM t)"}) {
      assertThat(RowComparisons.standard(sql)).isEqualTo(sql);
    }
  }
}

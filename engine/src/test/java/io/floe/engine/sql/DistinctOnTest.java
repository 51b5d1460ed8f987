package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How {@code DISTINCT ON (...)} is marked for Calcite's parser: every other token stays in place. */
class DistinctOnTest {
  @Test void marksTheClauseInEverySelect() {
    assertThat(DistinctOn.mark("select distinct on (a) a, b from t"))
        .isEqualTo("select floe$don    (a),a, b from t");
    assertThat(DistinctOn.mark("SELECT DISTINCT ON(a, b + 1)* FROM t"))
        .isEqualTo("SELECT floe$don   (a, b + 1),* FROM t");
    assertThat(DistinctOn.mark("select distinct\non ((a), f(b))\ta from t"))
        .isEqualTo("select floe$don\n   ((a), f(b)),a from t");
    assertThat(DistinctOn.mark("select (select distinct on (x) x from u) from t"))
        .isEqualTo("select (select floe$don    (x),x from u) from t");
  }

  @Test void leavesEverythingElseAlone() {
    for (String sql : new String[] {"select distinct a from t", "select a from t join u on (a = b)",
        "select 'select distinct on (a)', \"distinct on (\" /* select distinct on ( */ from t"}) {
      assertThat(DistinctOn.mark(sql)).isSameAs(sql);
    }
  }
}

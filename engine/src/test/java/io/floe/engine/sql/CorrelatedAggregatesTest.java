package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregates over an outer query's columns belong to that outer query, and an outer query's column
 * is a constant inside an aggregating sub-query: answers as PostgreSQL and DuckDB give them.
 */
class CorrelatedAggregatesTest {
  static final String[] I = {"i INTEGER"};
  static final String IDATA = csv("i", "1", "2", "3", "");
  static final String[] S = {"k VARCHAR", "v INTEGER"};
  static final String SDATA = csv("k,v", "a,1", "a,2", "b,5", ",7");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("integers", I, IDATA), table("s", S, SDATA));

  @ParameterizedTest
  @ValueSource(strings = {
      // An outer query's column, constant inside an aggregating sub-query.
      "SELECT i, (SELECT MIN(i)+i1.i FROM b.integers) FROM b.integers i1 ORDER BY i",
      "SELECT i, (SELECT MIN(i)+i1.i FROM b.integers WHERE i>i1.i) FROM b.integers i1 ORDER BY i",
      "SELECT i, (SELECT i FROM b.integers GROUP BY i HAVING i=i1.i) AS j FROM b.integers i1 ORDER BY i",
      "SELECT i AS j, (SELECT i1.i*SUM(i) FROM b.integers) AS k FROM b.integers i1 GROUP BY j ORDER BY j",
      "SELECT i, SUM((SELECT SUM(i)*i1.i FROM b.integers)) AS k FROM b.integers i1 GROUP BY i ORDER BY i",
      "SELECT SUM(i) FROM b.integers i1 WHERE i>(SELECT (SUM(i)+i1.i)/2 FROM b.integers WHERE i=1)",
      "SELECT k, (SELECT count(*) + s.v FROM b.integers WHERE i < s.v) FROM b.s ORDER BY k NULLS FIRST, v",
      "SELECT k, (SELECT coalesce(max(i), s.v) FROM b.integers WHERE i > 100) FROM b.s ORDER BY v",
      // An aggregate of the outer query's columns, inside a sub-query.
      "SELECT (SELECT SUM(i1.i)) FROM b.integers i1",
      "SELECT MIN(i), (SELECT SUM(i1.i)) FROM b.integers i1",
      "SELECT (SELECT SUM(i1.i)), (SELECT SUM(i1.i)) FROM b.integers i1",
      "SELECT i, SUM(i), (SELECT SUM(i)+SUM(i1.i) FROM b.integers) FROM b.integers i1 GROUP BY i ORDER BY i",
      "SELECT i, SUM(i1.i), (SELECT SUM(i1.i)) AS k FROM b.integers i1 GROUP BY i ORDER BY i",
      "SELECT i, (SELECT SUM(i1.i)*SUM(i) FROM b.integers) AS k FROM b.integers i1 GROUP BY i ORDER BY i",
      "SELECT i, SUM(i1.i) FROM b.integers i1 GROUP BY i ORDER BY (SELECT SUM(i1.i)), i",
      "SELECT EXISTS(SELECT i FROM b.integers WHERE i>MIN(i1.i)) FROM b.integers i1",
      "SELECT EXISTS(SELECT i+MIN(i1.i) FROM b.integers WHERE i=3) FROM b.integers i1",
      "SELECT i, SUM(i) FROM b.integers i1 GROUP BY i HAVING EXISTS(SELECT i FROM b.integers WHERE i>MIN(i1.i)) ORDER BY i",
      "SELECT (SELECT COVAR_POP(i1.i, i1.i) FROM b.integers i2 LIMIT 1) FROM b.integers i1",
      "SELECT k, (SELECT max(s.v) FROM b.integers LIMIT 1) FROM b.s GROUP BY k ORDER BY k NULLS FIRST",
      "SELECT i, (SELECT (SELECT i1.i+SUM(i2.i)) FROM b.integers i2) AS j FROM b.integers i1 ORDER BY i",
      "SELECT (SELECT (SELECT SUM(i1.i)+SUM(i2.i)+SUM(i3.i) FROM b.integers i3) FROM b.integers i2) FROM b.integers i1",
      // FILTER and ORDER BY count for the aggregate's level as its arguments do, and move with it.
      "SELECT (SELECT count(*) FILTER (WHERE i1.i > 1)) FROM b.integers i1",
      "SELECT (SELECT sum(i1.i) FILTER (WHERE i1.i > 1)) FROM b.integers i1",
      "SELECT (SELECT sum(i1.i) FILTER (WHERE v > 1) FROM b.s) AS x FROM b.integers i1 ORDER BY x",
      "SELECT i, (SELECT count(*) FILTER (WHERE v > i1.i) + i1.i FROM b.s) FROM b.integers i1 ORDER BY i",
      "SELECT (SELECT max(v) FILTER (WHERE v > 1) + sum(i1.i) FROM b.s) FROM b.integers i1",
      "SELECT i, (SELECT string_agg(k, ',' ORDER BY v DESC) || i1.i FROM b.s) FROM b.integers i1 ORDER BY i",
      // The statement's own names starting _floe_ do not take the derived table's place.
      "SELECT (SELECT sum(i1.i) FROM (SELECT 100 AS _floe_a1) _floe_g1) FROM b.integers i1",
      // HAVING or GROUP BY () alone: one group, also over no rows.
      "SELECT i, (SELECT i1.i FROM b.s HAVING i1.i > 1) FROM b.integers i1 ORDER BY 1",
      "SELECT i, (SELECT i1.i FROM b.s WHERE v > 100 HAVING i1.i > 1) FROM b.integers i1 ORDER BY 1",
      "SELECT i, (SELECT i1.i FROM b.s WHERE v > 100 GROUP BY ()) FROM b.integers i1 ORDER BY 1",
      // A CASE group key, written again in the select list.
      "SELECT i, (SELECT CASE WHEN v > 2 THEN 1 ELSE 0 END + i1.i FROM b.s GROUP BY CASE WHEN v > 2 THEN 1 ELSE 0 END ORDER BY 1 LIMIT 1) FROM b.integers i1 ORDER BY i",
      // The split select is a derived table read by name (its failed validation is not asked).
      "SELECT i1.i, (SELECT x.c FROM (SELECT count(*) + i1.i AS c FROM b.s) x) FROM b.integers i1 ORDER BY 1",
      "SELECT i1.i, x.c FROM b.integers i1 LEFT JOIN LATERAL (SELECT max(v) + i1.i AS c FROM b.s WHERE v > i1.i) x ON true ORDER BY 1",
      // A group key that is an outer column, and an outer aggregate beside it.
      "SELECT i, (SELECT sum(i1.i) FROM b.s WHERE v > 100 GROUP BY i1.i) FROM b.integers i1 GROUP BY i ORDER BY 1",
      "SELECT i, (SELECT sum(i1.i) + count(*) FROM b.s GROUP BY i1.i + 1) FROM b.integers i1 GROUP BY i ORDER BY 1",
  })
  void answersAsDuckDb(String sql) {
    // Compared as text: DuckDB's SUM of integers is a HUGEINT, Floe's a BIGINT.
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @Test void outerAggregateGroupedByItsOwnColumnInsideTheSubQuery() {
    // PostgreSQL: sum(i1.i) is the outer group's (i), grouped inside by i1.i (one group), plus
    // count(*) over s (4). DuckDB answers 8, 12, 16.
    assertThat(Rows.query(db.session(), "SELECT i, (SELECT sum(i1.i) + count(*) FROM b.s GROUP BY i1.i) "
        + "FROM b.integers i1 GROUP BY i ORDER BY 1").toString())
        .isEqualTo("[[1, 5], [2, 6], [3, 7], [null, null]]");
    assertThat(Rows.query(db.session(), "SELECT i, (SELECT sum(i1.i) FILTER (WHERE i1.i > 1) + count(*) "
        + "FROM b.s GROUP BY i1.i) FROM b.integers i1 GROUP BY i ORDER BY 1").toString())
        .isEqualTo("[[1, null], [2, 6], [3, 7], [null, null]]");
  }

  @Test void labelsAsPostgresNamesThem() {
    assertThat(db.session().prepare("SELECT (SELECT sum(i1.i)), (SELECT count(*) FILTER (WHERE i1.i > 1)), "
        + "count(*) FILTER (WHERE i > 1), (SELECT max(v) + i1.i FROM b.s) FROM b.integers i1 "
        + "GROUP BY i").columns().stream().map(c -> c.label()).toList())
        .containsExactly("sum", "count", "count", "?column?");
  }

  @Test void refusedWhereAColumnsQueryCannotBeTold() {
    // PostgreSQL: 1 for each row. A USING column's query is not told; once FROM moves into the
    // derived table, v would name the outer s0.v: refused rather than answered so.
    String sql = "SELECT s0.k, (SELECT v + 0 * length(s0.k) FROM b.s s1 JOIN b.s s2 USING (v) "
        + "GROUP BY s1.v ORDER BY 1 LIMIT 1) FROM b.s s0";
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUPING_ERROR));
  }

  @Test void outerAggregateIsOneRowOverTheOuterQuery() {
    // PostgreSQL: 6 (one row: the sum over integers), not one row per integer.
    assertThat(Rows.query(db.session(), "SELECT (SELECT SUM(i1.i)) AS s FROM b.integers i1"))
        .isEqualTo(java.util.List.of(java.util.List.of(6L)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // PostgreSQL's own refusals: the outer aggregate makes the outer query aggregate.
      "SELECT i, (SELECT SUM(i1.i)) FROM b.integers i1|must appear in the GROUP BY clause",
      "SELECT i FROM b.integers i1 WHERE (SELECT SUM(i1.i)) > 0|aggregate functions are not allowed in WHERE",
      "SELECT i, (SELECT count(*) + i1.i FROM b.s GROUP BY 1) FROM b.integers i1|aggregate functions are not allowed in GROUP BY",
      "SELECT i, (SELECT count(*) + i1.i AS w FROM b.s GROUP BY w) FROM b.integers i1|aggregate functions are not allowed in GROUP BY",
  })
  void refusedAsPostgresRefuses(String sql, String message) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUPING_ERROR))
        .hasMessageContaining(message);
  }
}

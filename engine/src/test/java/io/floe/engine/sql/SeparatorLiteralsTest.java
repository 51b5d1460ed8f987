package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * string_agg in a correlated sub-query whose ORDER BY or argument reads the outer query
 * (DuckDB's test_string_agg): the separator is written as a literal, as DuckDB requires, and the
 * statement runs in DuckDB as written.
 */
class SeparatorLiteralsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("integers", new String[] {"i INTEGER"}, csv("i", "1", "2", "3", "")),
      table("t", new String[] {"a INTEGER", "b INTEGER"}, csv("a,b", "1,2", "3,", "-7,2", ",4", "-7,-3")),
      table("s", new String[] {"g INTEGER", "x VARCHAR"}, csv("g,x", "1,a", "1,b", "2,", "2,c", ",d")),
      table("e", new String[] {"a INTEGER"}, csv("a")));

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT i1.i, (SELECT STRING_AGG(i::VARCHAR, ',' ORDER BY i1.i+i) FROM b.integers WHERE i<=i1.i) c1"
          + " FROM b.integers i1 ORDER BY 1 NULLS LAST",
      "select a, (select string_agg(cast(b as varchar), '-' order by t1.a - b desc) from b.t where b <= t1.a)"
          + " from b.t t1 order by 1 nulls last",
      "select a, (select string_agg(distinct cast(b as varchar), ';' order by cast(b as varchar)) from b.t"
          + " where b <> t1.a) from b.t t1 order by 1 nulls last",
      "select a, (select string_agg(x, ',' order by t1.a * g, x) from b.s where g is not null) from b.t t1"
          + " order by 1 nulls last",
      "select a, (select string_agg(x || t1.a, ', ' order by x) from b.s) from b.t t1 order by 1 nulls last",
      "select a, (select string_agg(x, ',' order by t1.a + g) from b.e, b.s where e.a = t1.a) from b.t t1"
          + " order by 1 nulls last",
  })
  void answersAsDuckDb(String sql) {
    assertThat(db.session().prepare(sql).isPushedDown()).as(sql).isTrue();
    assertThat(db.query(sql)).as(sql).isEqualTo(db.duck().query(sql));
  }
}

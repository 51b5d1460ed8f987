package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A row tested with IN against a correlated sub-query, which DuckDB does not run and Calcite's
 * rewrite answers wrongly where values are NULL: written for DuckDB as the scalar sub-query that
 * means the same. Expected answers are PostgreSQL 15's on the same data.
 */
class RowInSubQueriesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER", "a INTEGER", "b INTEGER"},
          csv("id,a,b", "1,1,2", "2,1,", "3,3,4", "4,,", "5,5,6")),
      table("u", new String[] {"x INTEGER", "y INTEGER", "k INTEGER"},
          csv("x,y,k", "1,2,1", "1,3,2", "3,,3", "5,6,5", ",6,5")));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select id, (a, b) in (select x, y from b.u where u.k = t.id) as r from b.t order by id"
          + "|[[1, true], [2, null], [3, null], [4, false], [5, true]]",
      "select id, (a, b) not in (select x, y from b.u where u.k >= t.id) as r from b.t order by id"
          + "|[[1, false], [2, null], [3, null], [4, null], [5, false]]",
      "select id from b.t where (a, b) in (select x, y from b.u where u.k <= t.id) order by id"
          + "|[[1], [5]]",
      "select id, (a, b) in (select x, y from b.u where u.k = t.id and false) as r from b.t order by id"
          + "|[[1, false], [2, false], [3, false], [4, false], [5, false]]",
  })
  void answersAsPostgreSql(String sql, String expected) {
    assertThat(db.query(sql).toString()).as(sql).isEqualTo(expected);
    assertThat(db.session().prepare(sql).isPushedDown()).as(sql).isTrue();
  }
}

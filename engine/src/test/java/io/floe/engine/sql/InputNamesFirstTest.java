package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A select-list alias that is also a column's name: a whole sort key that is the name is the result
 * column, and inside an ORDER BY expression or HAVING the name is the table's column, as in
 * PostgreSQL (and DuckDB, for ORDER BY).
 */
class InputNamesFirstTest {
  static final String[] I = {"i INTEGER"};
  static final String IDATA = csv("i", "1", "2", "3", "");
  static final String[] T = {"k VARCHAR", "v INTEGER"};
  static final String TDATA = csv("k,v", "a,1", "b,", ",3", "a,4");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("integers", I, IDATA), table("t", T, TDATA));

  @ParameterizedTest
  @ValueSource(strings = {
      // Inside an expression, i is the table's column; alone, it is the result column.
      "SELECT -i AS i FROM b.integers ORDER BY i + 0",
      "SELECT -i AS i FROM b.integers ORDER BY -i",
      "SELECT -i AS i FROM b.integers ORDER BY abs(i)",
      "SELECT -i AS i FROM b.integers ORDER BY i + 0 DESC NULLS LAST",
      "SELECT -i AS i FROM b.integers ORDER BY i + 0 LIMIT 2",
      "SELECT -i AS i FROM b.integers ORDER BY i",
      "SELECT -i AS i FROM b.integers ORDER BY (i)",
      // A qualified name is the table's column, also once written as DuckDB SQL.
      "SELECT -i AS i FROM b.integers ORDER BY integers.i",
      "SELECT -i AS i FROM b.integers ORDER BY integers.i DESC",
      // Two aliases that swap two columns' names.
      "SELECT v AS k, k AS v FROM b.t ORDER BY k || '', v",
      "SELECT v AS k, k AS v FROM b.t ORDER BY k, v + 0",
      // A name that is only an alias is the result column, inside an expression too (as DuckDB).
      "SELECT -i AS j FROM b.integers ORDER BY j + 0",
      // Inside an aggregate in ORDER BY and HAVING.
      "SELECT k AS v, sum(v) FROM b.t GROUP BY k ORDER BY sum(v)",
      "SELECT k AS v, sum(v) AS s FROM b.t GROUP BY k HAVING sum(v) > 2 ORDER BY 1",
      // GROUP BY a name that is both: the table's column, as in both databases.
      "SELECT i + 1 AS i, count(*) FROM b.integers GROUP BY i ORDER BY 1",
      "SELECT i + 1 AS i, count(*) FROM b.integers GROUP BY i + 1 ORDER BY i + 1",
      // A USING column inside a sort expression.
      "SELECT t1.v AS v FROM b.t t1 JOIN b.t t2 USING (k) ORDER BY k || 'x', 1",
  })
  void answersAsDuckDb(String sql) {
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // PostgreSQL: the table's i + 1 > 3, so the group 4; DuckDB reads the alias (groups 3 and 4).
      "SELECT i + 1 AS i, count(*) FROM b.integers GROUP BY i + 1 HAVING i + 1 > 3 | [[4, 1]]",
      "SELECT i * 10 AS i FROM b.integers GROUP BY i * 10 HAVING min(i) > 1 ORDER BY 1 | [[20], [30]]",
  })
  void havingReadsTheTablesColumnAsPostgres(String sql, String rows) {
    assertThat(Rows.query(db.session(), sql).toString()).isEqualTo(rows);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // PostgreSQL's refusals: the table's i is not grouped (DuckDB reads the alias).
      "SELECT i % 2 AS i, count(*) FROM b.integers GROUP BY 1 HAVING i > 0",
      "SELECT i % 2 AS i FROM b.integers GROUP BY i % 2 ORDER BY i + 0",
  })
  void refusesAnUngroupedColumnAsPostgres(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.GROUPING_ERROR))
        .hasMessageContaining("column \"integers.i\" must appear in the GROUP BY clause");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // Both databases: an alias is no column inside a GROUP BY expression.
      "SELECT 1 AS k, sum(i) FROM b.integers GROUP BY k + 1",
      "SELECT i AS j, count(*) FROM b.integers GROUP BY j + 0",
      "SELECT i AS j, count(*) FROM b.integers GROUP BY ROLLUP (j * 2)",
  })
  void refusesAnAliasInsideAGroupExpression(String sql) {
    assertThatThrownBy(() -> db.duck().query(sql)).hasMessageContaining("alias");
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.COLUMN_NOT_FOUND))
        .hasMessageContaining("does not exist");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT i % 2 AS j, count(*) FROM b.integers GROUP BY j ORDER BY 1",
      "SELECT i % 2 AS j, count(*) FROM b.integers GROUP BY ROLLUP (j) ORDER BY 1, 2",
      "SELECT i % 2 AS i, count(*) FROM b.integers GROUP BY i % 2 ORDER BY 1",
  })
  void groupsByAWholeAlias(String sql) {
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"SELECT DISTINCT -i AS i FROM b.integers ORDER BY i + 0"})
  void distinctSortsOnlyByWhatItSelects(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .hasMessageContaining("for SELECT DISTINCT, ORDER BY expressions must appear in select list");
  }
}

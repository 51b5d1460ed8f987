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
 * LIMIT and OFFSET given as constant expressions, as PostgreSQL and DuckDB take them: evaluated
 * while planning; NULL is no limit (no offset); a negative one is refused with 2201W (2201X).
 */
class LimitExpressionsTest {
  static final String[] T = {"x INTEGER"};
  static final String TDATA = csv("x", "0", "1", "2", "3", "4", "5", "6", "7");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, TDATA));

  @Test void rewritesOnlyExpressions() {
    assertThat(LimitExpressions.rewrite("select x from t limit 2-1 offset (select 3) ;"))
        .isEqualTo("select x from t limit 1 offset 3 ;");
    assertThat(LimitExpressions.rewrite("select (select x from t limit (select null)) from u"))
        .isEqualTo("select (select x from t limit ALL) from u");
    for (String sql : new String[] {"select x from t limit 3 offset 1", "select x from t limit ? offset $1",
        "select x from t limit all", "select x from t offset 2 rows fetch next 1 rows only",
        "select t.limit, 'limit 1+1' from t"}) {
      assertThat(LimitExpressions.rewrite(sql)).as(sql).isSameAs(sql);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select x from b.t order by x limit 2-1",
      "select x from b.t order by x limit (select 5)",
      "select x from b.t order by x offset (select 5)",
      "select x from b.t order by x limit (select 3) offset (select 3)",
      "select x from b.t order by x limit 3 offset (select 1 + 2)",
      "select x from b.t order by x limit (select null)",
      "select x from b.t order by x limit (select null) offset (select null)",
      "select x from b.t order by x limit cast(2.6 as integer) offset -(-1)",
      "select x from b.t order by x limit 7 / 2",
  })
  void constantExpressionsLimitAsInDuckDb(String sql) {
    assertThat(Rows.query(db.session(), sql)).as(sql).isEqualTo(db.duck().query(sql));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select x from b.t limit 1 - 2|INVALID_ROW_COUNT_IN_LIMIT|LIMIT must not be negative",
      "select x from b.t offset (select -1)|INVALID_ROW_COUNT_IN_OFFSET|OFFSET must not be negative",
      "select x from b.t order by x + 1 limit (select max(x) from b.t)|NOT_SUPPORTED|LIMIT and OFFSET take a constant here",
      "select x from b.t limit x|NOT_SUPPORTED|LIMIT and OFFSET take a constant here",
      "select x from b.t limit sum(42)|NOT_SUPPORTED|LIMIT and OFFSET take a constant here",
  })
  void negativeAndNonConstantAreRefused(String sql, ErrorCode code, String message) {
    assertThatThrownBy(() -> db.session().prepare(sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).isEqualTo(message);
        });
    assertThat(ErrorCode.INVALID_ROW_COUNT_IN_LIMIT.sqlState()).isEqualTo("2201W");
    assertThat(ErrorCode.INVALID_ROW_COUNT_IN_OFFSET.sqlState()).isEqualTo("2201X");
  }

  /**
   * A sub-query that reads a table gives LIMIT and OFFSET as in PostgreSQL and DuckDB: the limited
   * query becomes a derived table filtered by row numbers in its order, run as one statement.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "select x from b.t order by x limit (select min(x) + 2 from b.t)",
      "select x from b.t order by x desc offset (select max(x) - 2 from b.t)",
      "select x from b.t as u order by u.x limit (select max(x) from b.t where x < 4) offset (select min(x) + 1 from b.t)",
      "select x from b.t order by x limit (select max(x) from b.t where x > 100)",
      "select x from b.t order by x limit 2 offset (select max(x) from b.t where x > 100)",
      "select x, x * 2 as y from b.t where x > 1 order by y desc nulls last limit (select count(*) / 3 from b.t)",
      "select count(*) as n from (select x from b.t order by x limit (select 3 from b.t limit 1)) s",
      "select x from b.t where x in (select x from b.t order by x desc limit (select min(x) + 3 from b.t)) order by x",
  })
  void subQueriesLimitAsInDuckDb(String sql) {
    assertThat(Rows.query(db.session(), sql)).as(sql).isEqualTo(db.duck().query(sql));
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("plan of %s:%n%s", sql, plan.planText()).isTrue();
  }

  /** DuckDB itself takes no sub-query in the LIMIT of a set operation; Floe does. */
  @Test void aSetOperationIsLimitedBySubQueries() {
    assertThat(Rows.query(db.session(), "select x from b.t union select x + 10 from b.t order by x "
        + "limit (select max(x) from b.t) offset (select 4 from b.t limit 1)"))
        .isEqualTo(db.duck().query("select * from (select x from b.t union select x + 10 from b.t) u order by x "
            + "limit 7 offset 4"));
  }

  /** The query's own columns are not visible to LIMIT and OFFSET, as in PostgreSQL. */
  @ParameterizedTest
  @ValueSource(strings = {"select x from b.t as u limit (select u.x)",
      "select x from b.t offset (select max(x) from b.t) + x"})
  void theQuerysColumnsAreNotValues(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isIn(ErrorCode.COLUMN_NOT_FOUND, ErrorCode.NOT_FOUND));
  }

  @Test void aSubQueryWithoutOrderLimitsTheRowCount() {
    assertThat(Rows.query(db.session(), "select x from b.t limit (select min(x) + 3 from b.t)")).hasSize(3);
    assertThat(Rows.query(db.session(), "select x from b.t offset (select min(x) + 3 from b.t)")).hasSize(5);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select x from b.t limit (select min(x) - 1 from b.t)|INVALID_ROW_COUNT_IN_LIMIT|LIMIT must not be negative",
      "select x from b.t order by x offset (select -max(x) from b.t)|INVALID_ROW_COUNT_IN_OFFSET|OFFSET must not be negative",
  })
  void negativeSubQueriesFailAsInPostgreSql(String sql, ErrorCode code, String message) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }
}

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A common table expression or derived table may repeat a column name, as in PostgreSQL: its other
 * columns answer, {@code SELECT *} over it gives every column, and naming the repeated column is
 * ambiguous.
 */
class RepeatedColumnNamesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK"}, csv("id", "1")),
      table("u", new String[] {"a INTEGER", "b VARCHAR"}, csv("a,b", "1,x", "-2,", ",y", "1,x", "3,z")),
      table("empty", new String[] {"a INTEGER", "b VARCHAR"}, csv("a,b")));

  @ParameterizedTest
  @ValueSource(strings = {
      "WITH cte AS (SELECT 42 AS a, 44 AS a, 3 AS b) SELECT b FROM cte",
      "WITH cte AS (SELECT id AS a, id + 1 AS a FROM b.t) SELECT count(*) AS n FROM cte",
  })
  void answersTheOtherColumns(String sql) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT * FROM (SELECT 42 AS a, 44 AS a) tbl1",
      "SELECT * FROM (WITH cte AS (SELECT 42 AS a, 44 AS a) SELECT * FROM cte) tbl1",
      "SELECT tbl1.* FROM (SELECT 42 AS a, 44 AS a) tbl1",
      "SELECT * FROM (SELECT a, b AS a FROM b.u) x ORDER BY 1, 2",
      "SELECT * FROM (SELECT b AS a, a, a * 2 AS a FROM b.u) x ORDER BY 2, 1",
      "SELECT * FROM (SELECT a, b AS a FROM b.empty) x",
      "WITH cte AS (SELECT a, b AS a, a + 1 AS a FROM b.u) SELECT * FROM cte ORDER BY 1, 2",
      "SELECT * FROM (SELECT a, b AS a FROM b.u UNION ALL SELECT 1, 'w') x ORDER BY 1, 2",
      "SELECT * FROM (SELECT a, b AS a, 3 AS a FROM b.u) x(p) ORDER BY 1, 2",
      "SELECT * FROM (SELECT * FROM (SELECT a, b AS a FROM b.u) x) y ORDER BY 1, 2",
      "SELECT x.*, y.* FROM (SELECT a, a AS a FROM b.u) x, (SELECT b AS a, b FROM b.u) y ORDER BY 1, 2, 3",
      "SELECT DISTINCT * FROM (SELECT a, b AS a FROM b.u) x ORDER BY 1, 2",
  })
  void starGivesEveryColumn(String sql) {
    assertThat(Rows.query(db.session(), sql)).as(sql).isEqualTo(db.duck().query(sql));
  }

  @Test void starKeepsTheRepeatedNames() {
    assertThat(db.session().prepare("SELECT * FROM (SELECT a, b AS a, 1 AS c FROM b.u) x").columns()
        .stream().map(c -> c.label()).toList()).containsExactly("a", "a", "c");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT a FROM (SELECT 42 AS a, 44 AS a) tbl1",
      "SELECT * FROM (SELECT a, b AS a FROM b.u) x WHERE a > 0",
      "SELECT * FROM (SELECT a, b AS a FROM b.u) x ORDER BY x.a",
      "WITH cte AS (SELECT a, b AS a FROM b.u) SELECT cte.* FROM cte, b.u y WHERE cte.a = y.a",
  })
  void namingItIsAmbiguousEvenWithAStar(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_COLUMN));
  }

  @Test void namingTheRepeatedColumnIsAmbiguous() {
    assertThatThrownBy(() -> Rows.query(db.session(), "WITH cte AS (SELECT 42 AS a, 44 AS a) SELECT a FROM cte"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_COLUMN));
  }
}

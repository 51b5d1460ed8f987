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
 * A common table expression may repeat a column name, as in PostgreSQL: its other columns answer,
 * and naming the repeated column is ambiguous. ({@code SELECT *} over it names each column, so it
 * is ambiguous too, as over a derived table that repeats a name; PostgreSQL answers.)
 */
class RepeatedColumnNamesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK"}, csv("id", "1")));

  @ParameterizedTest
  @ValueSource(strings = {
      "WITH cte AS (SELECT 42 AS a, 44 AS a, 3 AS b) SELECT b FROM cte",
      "WITH cte AS (SELECT id AS a, id + 1 AS a FROM b.t) SELECT count(*) AS n FROM cte",
  })
  void answersTheOtherColumns(String sql) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }

  @Test void namingTheRepeatedColumnIsAmbiguous() {
    assertThatThrownBy(() -> Rows.query(db.session(), "WITH cte AS (SELECT 42 AS a, 44 AS a) SELECT a FROM cte"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_COLUMN));
  }
}

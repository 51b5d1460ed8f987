package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A FROM item's name as a value is the row of its columns, as PostgreSQL's whole-row reference,
 * written as DuckDB writes rows ({@code (1, 2, c)}, one field {@code (0,)}); a column of that name
 * is still the column.
 */
class WholeRowReferencesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK", "t VARCHAR"},
      csv("id,t", "1,one")), table("u", new String[] {"i INTEGER PK"}, csv("i", "0", "1")));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select u from b.u order by u.i|[[(0,)], [(1,)]]",
      "select x from b.u as x order by x.i|[[(0,)], [(1,)]]",
      "select x from (select * from b.u) as x order by x.i|[[(0,)], [(1,)]]",
      "with d as (select 1 as a, 2 as b, 'c' as c) select d from d|[[(1, 2, c)]]",
      "select coalesce(x, null) from b.u x order by x.i|[[(0,)], [(1,)]]",
      "select x.i, x from b.u x where x.i = 1|[[1, (1,)]]",
      "select d as whole from (select 1 as a, null as b) d|[[(1, NULL)]]",
  })
  void aWholeRowIsTheRowOfItsColumns(String sql, String expected) {
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test void theResultColumnIsNamedAfterTheItem() {
    assertThat(db.session().prepare("select x from b.u as x").columns())
        .extracting(io.floe.engine.api.sql.ResultColumn::label).containsExactly("x");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select t from b.t",
      "select t.t, (select count(*) from b.u where u.i < t.id) as c from b.t",
      "select i from b.u as i order by i",
      // A select item's alias that is also a table's name is no whole-row reference.
      "select (c.i + 1) as c from b.u c order by c.i",
  })
  void aColumnOfTheNameIsTheColumn(String sql) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }
}

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
import org.junit.jupiter.params.provider.ValueSource;

/** A FROM item's name as a value fails with 0A000; a column of that name is still the column. */
class WholeRowReferencesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK", "t VARCHAR"},
      csv("id,t", "1,one")), table("u", new String[] {"i INTEGER PK"}, csv("i", "0", "1")));

  @ParameterizedTest
  @ValueSource(strings = {
      "select u from b.u",
      "select x from b.u as x",
      "select x from (select * from b.u) as x",
      "with d as (select 1 as a, 2 as b) select d from d",
      "select coalesce(x, null) from b.u x",
  })
  void refusesAWholeRow(String sql) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
          assertThat(e.hint()).contains("List the columns");
        })
        .hasMessageContaining("whole-row references are not supported");
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

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL's limits on grouping sets (messages and SQLSTATEs checked in PostgreSQL 15): a query
 * whose GROUP BY makes more than 4096 sets is refused before planning, rather than expanded into
 * tens of thousands of sets that kept Calcite's planner busy for minutes.
 */
class GroupingSetLimitsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("s", new String[] {"course VARCHAR", "type VARCHAR"},
      "course,type\nmath,a\ncs,b\n"));

  @Test
  void tooManyGroupingSetsAreRefused() {
    assertThatThrownBy(() -> db.query("select course, type, count(*) from b.s group by "
        + "cube (course, type, course, type, course), cube(type, course, type, course), "
        + "cube(type, course, type, (course, type), (course, type), course, type)"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.STATEMENT_TOO_COMPLEX);
          assertThat(e.getMessage()).contains("too many grouping sets present (maximum 4096)");
        });
    assertThatThrownBy(() -> db.query("select count(*) from b.s group by "
        + "cube(course, type, course, type, course, type, course, type, course, type, course, type, course)"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_COLUMNS);
          assertThat(e.getMessage()).contains("CUBE is limited to 12 elements");
        });
  }

  @Test
  void setsWithinTheLimitsAnswer() {
    String sql = "select course, type, count(*) as n from b.s group by cube (course, type), rollup(course) "
        + "order by 1, 2, 3";
    assertThat(db.query(sql)).isEqualTo(db.duck().query(sql));
  }
}

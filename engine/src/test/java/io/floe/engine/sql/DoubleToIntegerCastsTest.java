package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cast of a double or real to an integer type rounds half to even, and a cast of a numeric half
 * away from zero, as in PostgreSQL 15 (answers checked there), whether DuckDB casts or the planner
 * folds a constant.
 */
class DoubleToIntegerCastsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"d DOUBLE", "r REAL", "n DECIMAL(5,1)"},
      "d,r,n\n2.5,2.5,2.5\n3.5,3.5,3.5\n-2.5,-2.5,-2.5\n0.5,0.5,0.5\n2.6,2.6,2.4\n"));

  @Test
  void columnsRoundAsPostgresqlDoes() {
    assertThat(db.query("SELECT d::int, d::bigint, d::smallint, r::int, cast(d as integer), n::int "
        + "FROM b.t ORDER BY n")).isEqualTo(List.of(
            List.of(-2, -2L, (short) -2, -2, -2, -3),
            List.of(0, 0L, (short) 0, 0, 0, 1),
            List.of(3, 3L, (short) 3, 3, 3, 2),
            List.of(2, 2L, (short) 2, 2, 2, 3),
            List.of(4, 4L, (short) 4, 4, 4, 4)));
  }

  @Test
  void constantsRoundAsPostgresqlDoes() {
    assertThat(db.query("SELECT 2.5::float8::int, 3.5::float8::int, (-2.5)::float8::int, "
        + "2.5::float4::smallint, 2.5::float8::bigint, 2.5::numeric::int, (-2.5)::numeric::int"))
        .isEqualTo(List.of(List.of(2, 4, -2, (short) 2, 2L, 3, -3)));
    assertThat(db.query("SELECT 2.5::float8::int FROM b.t LIMIT 1")).isEqualTo(List.of(List.of(2)));
  }
}

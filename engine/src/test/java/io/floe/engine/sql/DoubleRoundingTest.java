package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code round(x)} of a double rounds half to even, as PostgreSQL's {@code round(double precision)}
 * does (answers checked in PostgreSQL 15); a numeric rounds half away from zero, as in PostgreSQL
 * and DuckDB.
 */
class DoubleRoundingTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"d DOUBLE", "n DECIMAL(5,1)"},
      "d,n\n2.5,2.5\n3.5,3.5\n-2.5,-2.5\n0.5,0.5\n2.6,2.4\n"));

  @Test
  void doublesRoundHalfToEven() {
    assertThat(db.query("SELECT round(d) FROM b.t ORDER BY n")).isEqualTo(
        List.of(List.of(-2.0), List.of(0.0), List.of(3.0), List.of(2.0), List.of(4.0)));
    assertThat(db.query("SELECT round(2.5::float8), round(-2.5::float8), round(0.5::real)"))
        .isEqualTo(List.of(List.of(2.0, -2.0, 0.0)));
    assertThat(db.query("SELECT round(2.5::float8) FROM b.t LIMIT 1")).isEqualTo(List.of(List.of(2.0)));
    assertThat(db.query("SELECT round(NULL::float8)")).isEqualTo(List.of(java.util.Arrays.asList((Object) null)));
    assertThat(db.query("EXPLAIN PLAN FOR SELECT round(d) FROM b.t").toString()).contains("ROUND_EVEN(");
  }

  @Test
  void numericsRoundHalfAwayFromZeroAsInDuckDb() {
    String sql = "SELECT round(n), round(2.5), round(-2.5), round(2.5::numeric) FROM b.t ORDER BY n";
    assertThat(db.query(sql)).isEqualTo(db.duck().query(sql));
    assertThat(db.query("SELECT round(2.5), round(-2.5)").toString()).isEqualTo("[[3, -3]]");
  }

  @Test
  void parameterIsTypedAsBefore() {
    assertThat(db.query("SELECT round(d + ?) FROM b.t ORDER BY n LIMIT 1", 0.0))
        .isEqualTo(List.of(List.of(-2.0)));
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code date_trunc('century' | 'millennium', x)} starts centuries in years ending in 1, as
 * PostgreSQL 15 does (checked in psql: {@code date_trunc('century', timestamp '2000-05-01')} is
 * 1901-01-01), where DuckDB answers 2000-01-01; for constants Calcite folds and for columns DuckDB
 * computes.
 */
class DateTruncCenturiesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER", "ts TIMESTAMP", "d DATE"}, csv("id,ts,d",
          "1,2024-05-01 10:00:00,2024-05-01", "2,2000-12-31 23:59:59.999,2000-05-01",
          "3,2001-01-01 00:00:00,1001-01-01")));

  @Test void constantsFoldAsPostgres() {
    assertThat(db.query("select date_trunc('century', date '2024-05-01'), date_trunc('century', timestamp"
        + " '2000-05-01'), date_trunc('millennium', timestamp '2000-05-01'), date_trunc('millennium',"
        + " timestamp '2001-05-01'), date_trunc('decade', timestamp '2000-05-01')"))
        .isEqualTo(List.of(List.of(ts("2001-01-01"), ts("1901-01-01"), ts("1001-01-01"), ts("2001-01-01"),
            ts("2000-01-01"))));
  }

  @Test void columnsTruncateInDuckDb() {
    String sql = "select id, date_trunc('century', ts), date_trunc('millennium', ts), date_trunc('century', d),"
        + " date_trunc('millennium', d) from b.t order by id";
    assertThat(db.query(sql)).isEqualTo(List.of(
        List.of(1, ts("2001-01-01"), ts("2001-01-01"), ts("2001-01-01"), ts("2001-01-01")),
        List.of(2, ts("1901-01-01"), ts("1001-01-01"), ts("1901-01-01"), ts("1001-01-01")),
        List.of(3, ts("2001-01-01"), ts("2001-01-01"), ts("1001-01-01"), ts("1001-01-01"))));
    assertThat(db.query("EXPLAIN PLAN FOR " + sql).toString()).contains("date_trunc('century'")
        .doesNotContain("EnumerableCalc");
  }

  /** Before AD, as PostgreSQL: 44 BC (year -43) is in the century from 100 BC (year -99). */
  @Test void yearsBeforeAd() {
    assertThat(db.query("select date_trunc('century', DATE '0044-03-15 (BC)'), date_trunc('millennium',"
        + " TIMESTAMP '0001-03-15 (BC)'), date_trunc('century', TIMESTAMP '0100-03-15 (BC)'),"
        + " date_trunc('century', TIMESTAMP '0101-03-15 (BC)')"))
        .isEqualTo(List.of(List.of(LocalDateTime.of(-99, 1, 1, 0, 0), LocalDateTime.of(-999, 1, 1, 0, 0),
            LocalDateTime.of(-99, 1, 1, 0, 0), LocalDateTime.of(-199, 1, 1, 0, 0))));
  }

  private static LocalDateTime ts(String date) {
    return LocalDateTime.parse(date + "T00:00");
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Differences of times, and of a timestamp and a date, as PostgreSQL 15 computes them (answers
 * checked there): an interval; the date is midnight of its day.
 */
class TimeDifferencesTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("ev", new String[] {"id INTEGER", "t1 TIME",
      "t2 TIME", "ts TIMESTAMP", "d DATE"},
      "id,t1,t2,ts,d\n1,10:00:00,08:30:00,2024-01-02 10:00:00,2024-01-01\n"
          + "2,08:00:00,10:30:00.5,2024-03-01 00:00:00.25,2024-03-02\n3,,,,\n"));

  @Test
  void differencesAreIntervals() {
    assertThat(db.query("select extract(epoch from t1 - t2) as a, extract(epoch from ts - d) as b, "
        + "extract(epoch from d - ts) as c from b.ev order by id")).isEqualTo(List.of(
            List.of(5400.0, 122400.0, -122400.0),
            List.of(-9000.5, -86399.75, 86399.75),
            java.util.Arrays.asList(null, null, null)));
    assertThat(db.query("select (time '10:00' - time '08:30')::varchar as a, "
        + "(timestamp '2024-01-02 10:00' - date '2024-01-01')::varchar as b, "
        + "(timestamptz '2024-01-02 10:00+00' - date '2024-01-01')::varchar as c"))
        .isEqualTo(List.of(List.of("01:30:00", "1 day 10:00:00", "1 day 10:00:00")));
    assertThat(db.query("select id from b.ev where t1 - t2 > interval '1 hour' order by id"))
        .isEqualTo(List.of(List.of(1)));
  }

  @Test
  void datesStillDifferInDays() {
    assertThat(db.query("select d - date '2024-01-01' as n from b.ev order by id"))
        .isEqualTo(List.of(List.of(0), List.of(61), java.util.Arrays.asList((Object) null)));
  }
}

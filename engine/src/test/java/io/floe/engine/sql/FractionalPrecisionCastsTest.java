package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Casts to {@code timestamp(p)} and {@code time(p)} round to {@code p} fractional digits as
 * PostgreSQL 15 does (each answer checked in psql): half a unit away from zero counted from
 * 2000-01-01, so {@code 1999-12-31 23:59:59.95} as {@code timestamp(1)} is 23:59:59.9.
 */
class FractionalPrecisionCastsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER", "ts TIMESTAMP", "tm TIME"}, csv("id,ts,tm",
          "1,2024-01-01 10:00:00.5,10:00:00.5", "2,2000-05-01 10:00:00.49,10:00:00.45",
          "3,1999-12-31 23:59:59.95,12:00:00.0005", "4,1969-07-20 20:17:40.5,00:00:00")));

  @Test void constantsRound() {
    assertThat(db.query("select cast(timestamp '2024-01-01 10:00:00.5' as timestamp(0)),"
        + " cast(timestamp '2024-01-01 10:00:00.0005' as timestamp(3)), cast(time '10:00:00.5' as time(0)),"
        + " cast(timestamp '2024-01-01 10:00:00.49' as timestamp(0)), '2024-01-01 10:00:00.5'::timestamp(0),"
        + " cast(timestamp '1900-01-01 10:00:00.5' as timestamp(0)),"
        + " cast(timestamp '2024-01-01 10:00:00.55' as timestamp(1))"))
        .isEqualTo(List.of(List.of(ts("2024-01-01T10:00:01"), ts("2024-01-01T10:00:00.001"),
            LocalTime.parse("10:00:01"), ts("2024-01-01T10:00"), ts("2024-01-01T10:00:01"),
            ts("1900-01-01T10:00"), ts("2024-01-01T10:00:00.6"))));
  }

  @Test void columnsRoundInDuckDb() {
    String sql = "select id, cast(ts as timestamp(0)), cast(ts as timestamp(1)), ts::timestamp(3),"
        + " cast(tm as time(0)), cast(tm as time(1)), cast(tm as time(3)) from b.t order by id";
    assertThat(db.query(sql)).isEqualTo(List.of(
        List.of(1, ts("2024-01-01T10:00:01"), ts("2024-01-01T10:00:00.5"), ts("2024-01-01T10:00:00.5"),
            time("10:00:01"), time("10:00:00.5"), time("10:00:00.5")),
        List.of(2, ts("2000-05-01T10:00"), ts("2000-05-01T10:00:00.5"), ts("2000-05-01T10:00:00.49"),
            time("10:00"), time("10:00:00.5"), time("10:00:00.45")),
        List.of(3, ts("2000-01-01T00:00"), ts("1999-12-31T23:59:59.9"), ts("1999-12-31T23:59:59.95"),
            time("12:00"), time("12:00"), time("12:00:00.001")),
        List.of(4, ts("1969-07-20T20:17:40"), ts("1969-07-20T20:17:40.5"), ts("1969-07-20T20:17:40.5"),
            time("00:00"), time("00:00"), time("00:00"))));
    assertThat(db.query("EXPLAIN PLAN FOR " + sql).toString()).contains("epoch_us(")
        .doesNotContain("EnumerableCalc");
  }

  @Test void timestampsWithTimeZoneRound() {
    assertThat(db.query("select cast(ts as timestamp(0) with time zone) from b.t where id in (1, 2) order by id"))
        .isEqualTo(List.of(List.of(OffsetDateTime.parse("2024-01-01T10:00:01Z")),
            List.of(OffsetDateTime.parse("2000-05-01T10:00Z"))));
    // PostgreSQL's short name with a precision, in both cast forms.
    assertThat(db.query("select ts::timestamptz(0), cast(ts as timestamptz(1)) from b.t where id = 3"))
        .isEqualTo(List.of(List.of(OffsetDateTime.parse("2000-01-01T00:00Z"),
            OffsetDateTime.parse("1999-12-31T23:59:59.9Z"))));
  }

  private static LocalDateTime ts(String text) {
    return LocalDateTime.parse(text);
  }

  private static LocalTime time(String text) {
    return LocalTime.parse(text);
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code x AT TIME ZONE zone} as in PostgreSQL (answers checked in PostgreSQL 15 with the session in
 * UTC): a timestamp read as local time in the zone gives the instant, an instant gives the local
 * time there; it binds tighter than arithmetic. DuckDB runs the same syntax the same way.
 */
class AtTimeZoneTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("ev", new String[] {"id INTEGER", "ts TIMESTAMP",
      "tz TIMESTAMPTZ", "zone VARCHAR"},
      "id,ts,tz,zone\n1,2024-01-15 10:30:00,2024-01-15 10:30:00+00,America/New_York\n"
          + "2,2024-07-01 00:00:00.5,2024-07-01 00:00:00+00,Europe/Prague\n3,,,UTC\n"));

  @ParameterizedTest
  @ValueSource(strings = {
      "select id, ts at time zone 'UTC' as a, tz at time zone 'Europe/Prague' as b from b.ev order by id",
      "select id, ts at time zone zone as a, tz at time zone zone as b from b.ev order by id",
      "select id, (ts + interval '1 hour') at time zone 'Asia/Tokyo' as a from b.ev order by id",
      "select id, tz AT TIME ZONE 'America/New_York' AT TIME ZONE 'UTC' as a from b.ev order by id",
      "select id from b.ev where ts at time zone 'UTC' > timestamptz '2024-03-01 00:00:00+00' order by id",
      "select date_trunc('day', tz at time zone 'America/New_York') as d, count(*) as n from b.ev group by 1 order by 1"})
  void answersAsDuckDbDoes(String sql) {
    assertThat(db.query(sql)).isEqualTo(db.duck().query(sql));
  }

  @Test
  void answersAsPostgresqlDoes() {
    assertThat(db.query("select timestamp '2024-01-15 10:30:00' at time zone 'America/New_York' = "
        + "timestamptz '2024-01-15 15:30:00+00' as a, "
        + "timestamptz '2024-01-15 10:30:00+00' at time zone 'America/New_York' as b"))
        .isEqualTo(List.of(List.of(true, java.time.LocalDateTime.of(2024, 1, 15, 5, 30))));
  }

  @Test
  void aMissingOperandIsRefusedWithAHint() {
    assertThatThrownBy(() -> db.query("select at time zone 'UTC'"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED))
        .hasMessageContaining("AT TIME ZONE");
  }
}

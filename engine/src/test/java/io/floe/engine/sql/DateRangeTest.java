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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dates hold PostgreSQL's range, 4714-11-24 BC to 5874897-12-31, and fail beyond it as there. */
class DateRangeTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK"}, csv("id", "1")));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select '5877642-06-25 (BC)'::date + 1|date out of range: \"5877642-06-25 (BC)\"",
      "select '5881580-07-10'::date - 1|date out of range: \"5881580-07-10\"",
      "select cast('5874898-01-01' as date)|date out of range: \"5874898-01-01\"",
      "select '4714-11-23 BC'::date|date out of range: \"4714-11-23 BC\"",
      "select '5881580-07-10'::date - '5877642-06-25 (BC)'::date|date out of range: \"5881580-07-10\"",
      "select date '0000-01-01'|date/time field value out of range: \"0000-01-01\"",
      "select date '0000-01-01 (BC)'|date/time field value out of range: \"0000-01-01 (BC)\"",
  })
  void failsBeyondPostgresRange(String sql, String message) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATETIME_OUT_OF_RANGE))
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select cast('5874897-12-31' as date) as d",
      "select cast('4714-11-24 (BC)' as date) + 1 as d",
      "select date '2024-02-29' + 1 as d",
  })
  void answersWithinIt(String sql) {
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }
}

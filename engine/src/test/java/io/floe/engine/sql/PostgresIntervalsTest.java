package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's interval text, read exactly and written as Calcite literals. */
class PostgresIntervalsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "3 days 2 hours|0|3|7200000000",
      "1 year 2 months|14|0|0",
      "90 minutes|0|0|5400000000",
      "1 day 02:00:00|0|1|7200000000",
      "-1 day|0|-1|0",
      "1.5 hours|0|0|5400000000",
      "2 weeks|0|14|0",
      "1 y 1 mon 1 w 1 d 1 h 1 m 1 s 1 ms 1 us|13|8|3661001001",
      "1 yr 2 yrs|-|-|-",
      "3 YEARS 2 Mons 1 hrs 2 mins 3 secs 4 msecs 5 usecs|38|0|3723004005",
      "1 decade 2 centuries 1 millennium|14520|0|0",
      "1.5 months|1|15|0",
      "1.25 months|1|7|43200000000",
      "1.5 years|18|0|0",
      "1.5 weeks|0|10|43200000000",
      "-1.5 days|0|-1|-43200000000",
      "1 month -2 days 3 hours|1|-2|10800000000",
      "@ 1 day 2 hours ago|0|-1|-7200000000",
      "-1 day -02:30|0|-1|-9000000000",
      "1:2:3.5|0|0|3723500000",
      "10|0|0|10000000",
      "-.5|0|0|-500000",
      "1day 2hours|0|1|7200000000",
      "0.000001 s|0|0|1",
      "1.5 ms|0|0|1500",
  })
  void readsPostgreSqlText(String text, String months, String days, String micros) {
    if (months.equals("-")) {
      assertThatThrownBy(() -> PostgresIntervalText.parse(text)).isInstanceOf(FloeException.class);
      return;
    }
    assertThat(PostgresIntervalText.parse(text))
        .isEqualTo(new IntervalParts(Integer.parseInt(months), Integer.parseInt(days), Long.parseLong(micros)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "day", "3 dais", "1 day 1 day", "1 hour 02:00", "1-2", "1 2:03:04",
      "P1D", "1e2 days", "1 day ago 2 hours", "1 2", "+"})
  void refusesOtherTextAs22007(String text) {
    assertThatThrownBy(() -> PostgresIntervalText.parse(text))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATETIME_FORMAT);
          assertThat(e.sqlState()).isEqualTo("22007");
          assertThat(e.getMessage()).isEqualTo("invalid input syntax for type interval: \"" + text + "\"");
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2147483648 days|INTERVAL_FIELD_OVERFLOW",
      "2147483648 months|INTERVAL_FIELD_OVERFLOW",
      "1:99|INTERVAL_FIELD_OVERFLOW",
      "1.5 us|NOT_SUPPORTED",
      "0.0000005 s|NOT_SUPPORTED",
      "0.1 years|NOT_SUPPORTED",
  })
  void refusesWhatItCannotHoldExactly(String text, ErrorCode code) {
    assertThatThrownBy(() -> PostgresIntervalText.parse(text))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(code);
          assertThat(e.getMessage()).contains("\"" + text + "\"");
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select interval '3 days 2 hours'|select INTERVAL '3 2:00:00' DAY TO SECOND",
      "select interval '1 year 2 months'|select INTERVAL '14' MONTH",
      "select now() - interval '7 days'|select now() - INTERVAL '7' DAY",
      "select INTERVAL '90 minutes'|select INTERVAL '5400' SECOND",
      "select interval '1.5 seconds'|select INTERVAL '1.5' SECOND",
      "select ts + interval '1 month 2 days'|select ts + (INTERVAL '1' MONTH + INTERVAL '2' DAY)",
      "select interval '1 day -1 hour'|select (INTERVAL '1' DAY + INTERVAL '-3600' SECOND)",
      "select interval '-1 day -02:00'|select INTERVAL '-1 2:00:00' DAY TO SECOND",
      "select interval '1 day 30 hours'|select (INTERVAL '1' DAY + INTERVAL '108000' SECOND)",
      "select interval '10 us'|select INTERVAL '0.00001' SECOND",
      "select interval '3000000 hours'|select INTERVAL '3000000:00:00' HOUR TO SECOND",
      "select interval '0 days'|select INTERVAL '0' SECOND",
      "select '1 hour'::interval|select '1 hour'::interval",
      "select CAST('1 hour' AS interval)|select INTERVAL '3600' SECOND",
      "select cast ( '2 weeks' as INTERVAL ) + d|select INTERVAL '14' DAY + d",
      "select interval '3' day, interval '1' day to hour|select interval '3' day, interval '1' day to hour",
      "select interval '3 days' days|select interval '3 days' days",
      "select 'interval ''1 day''' -- interval '1 day'|select 'interval ''1 day''' -- interval '1 day'",
      "select interval 'it''s' from t|-",
  })
  void writesCalciteLiterals(String sql, String rewritten) {
    if (rewritten.equals("-")) {
      assertThatThrownBy(() -> PostgresIntervals.rewrite(sql)).hasMessageContaining("\"it's\"");
      return;
    }
    assertThat(PostgresIntervals.rewrite(sql)).isEqualTo(rewritten);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select cast(s as interval) from t", "select cast(null as interval)",
      "select try_cast('1 day' as interval)"})
  void refusesCastsOfOtherThanALiteral(String sql) {
    assertThatThrownBy(() -> PostgresIntervals.rewrite(sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
  }
}

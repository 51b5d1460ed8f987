package io.floe.engine.session;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Date and timestamp parameters sent as text read as PostgreSQL 15 reads them: strictly, so a day
 * the month lacks fails with 22008 instead of moving to the month's last day (checked in psql:
 * {@code select '2023-04-31'::date} fails with "date/time field value out of range").
 */
class DateTimeParametersTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"i INTEGER"}, "i\n7\n"));

  @ParameterizedTest
  @ValueSource(strings = {"2023-04-31", "2023-02-29", "2023-02-29 10:00:00", "2023-13-01", "2024-01-01 25:00"})
  void fieldOutOfRangeFails(String text) {
    for (String sql : List.of("SELECT ?::date", "SELECT ?::timestamp", "SELECT CAST(? AS timestamptz)")) {
      assertThatThrownBy(() -> db.query(sql, text)).as(sql)
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.DATETIME_OUT_OF_RANGE))
          .hasMessageContaining("date/time field value out of range: \"" + text + "\"");
    }
  }

  /** A timestamp ignores an offset in the text and a timestamptz applies it, as in PostgreSQL. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "2024-02-29|2024-02-29T00:00|2024-02-29T00:00Z",
      "2023-04-30 10:00:00.5|2023-04-30T10:00:00.5|2023-04-30T10:00:00.5Z",
      "2023-04-30T10:00|2023-04-30T10:00|2023-04-30T10:00Z",
      "2023-04-30 10:00:00+02|2023-04-30T10:00|2023-04-30T08:00Z",
      "2023-04-30 10:00:00.123456-01:30|2023-04-30T10:00:00.123456|2023-04-30T11:30:00.123456Z",
  })
  void whatPostgresReadsStillReads(String text, String timestamp, String timestamptz) {
    LocalDateTime ts = LocalDateTime.parse(timestamp);
    assertThat(db.query("SELECT ?::timestamp", text)).isEqualTo(List.of(List.of(ts)));
    assertThat(db.query("SELECT ?::date", text)).isEqualTo(List.of(List.of(ts.toLocalDate())));
    assertThat(db.query("SELECT ?::timestamptz", text))
        .isEqualTo(List.of(List.of(OffsetDateTime.parse(timestamptz))));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2023-04-xx", "yesterday-ish"})
  void textThatIsNoDateStillFailsAsSyntax(String text) {
    assertThatThrownBy(() -> db.query("SELECT ?::date", text))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isNotEqualTo(ErrorCode.DATETIME_OUT_OF_RANGE));
  }
}

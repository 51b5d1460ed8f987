package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How {@code date_part}'s field reaches Calcite's parser. */
class DatePartsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select date_part(s, d)|select date_part(s, d)",
      "select date_part('year', d)|select date_part('year', d)",
      "select date_part(CAST(NULL AS varchar), d)|select date_part((CAST(NULL AS varchar)), d)",
      "select DATE_PART(lower(s), d), date_part(s + 1, f(d, e))|select DATE_PART((lower(s)), d), date_part((s + 1), f(d, e))",
  })
  void parenthesizesDatePartFieldsThatStartWithAName(String sql, String rewritten) {
    assertThat(DateParts.parenthesizeFields(sql)).isEqualTo(rewritten);
  }
}

package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@code ^} applies to, as PostgreSQL binds it. */
class PowerOperatorTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select 2 * 3 ^ 2|select 2 * (3 ^ 2)",
      "select 1 + 2 ^ 2 - 1|select 1 + (2 ^ 2) - 1",
      "select 2 ^ 3 ^ 2|select ((2 ^ 3) ^ 2)",
      "select -2 ^ 2, x - 2 ^ 2|select (-2 ^ 2), x - (2 ^ 2)",
      "select 2 ^ -1 * 4|select (2 ^ -1) * 4",
      "select abs(x) ^ t.y from t|select (abs(x) ^ t.y) from t",
      "select (a + 1) ^ 2 as sq|select ((a + 1) ^ 2) as sq",
      "select x from t where x ^ 2 > 3|select x from t where (x ^ 2) > 3",
      "select CAST(a AS double) ^ 2|select (CAST(a AS double) ^ 2)",
      "select '^', a ^@ b|select '^', a ^@ b",
  })
  void groupsTheOperandsBesideIt(String sql, String grouped) {
    assertThat(PowerOperator.group(sql)).isEqualTo(grouped);
  }

  @ParameterizedTest
  @ValueSource(strings = {"select date '2024-01-01' ^ 2", "select a[1] ^ 2", "select 2 ^ a[1]",
      "select case when a then 1 else 2 end ^ 2"})
  void refusesOperandsItCannotTell(String sql) {
    assertThatThrownBy(() -> PowerOperator.group(sql))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
          assertThat(e.hint()).contains("power(a, b)");
        });
  }
}

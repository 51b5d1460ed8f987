package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DuckDB's own forms that PostgreSQL refuses too are refused by name; look-alikes pass. */
class DuckDbOnlySyntaxTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "select sum(pay) filter (gender = 'male') from t|FILTER without WHERE",
      "select \"hello world\".i from integers as 'hello world'|a quoted string as an alias",
      "select 1 as 'one'|a quoted string as an alias",
      "select 1.25::float::dec(), cast(x as decimal ( )) from t|DEC() with empty parentheses",
      "select 1.25::numeric()|NUMERIC() with empty parentheses",
      "select concat(blob 'aaa\\x80', blob 'aaa')|BLOB '...' literals",
  })
  void refusesByName(String sql, String what) {
    assertThatThrownBy(() -> DuckDbOnlySyntax.check(sql)).isInstanceOfSatisfying(FloeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      assertThat(e.getMessage()).startsWith(what).endsWith("DuckDB's own syntax and not supported");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select sum(pay) filter (where gender = 'male'), filter from t",
      "select 1 as \"one\", 'as' as a, cast(x as decimal), cast(y as numeric(10, 2)) from t",
      "select cast(b as blob), blob from t where blob = 'x'",
  })
  void leavesPostgreSqlAlone(String sql) {
    assertThat(DuckDbOnlySyntax.check(sql)).isEqualTo(sql);
  }
}

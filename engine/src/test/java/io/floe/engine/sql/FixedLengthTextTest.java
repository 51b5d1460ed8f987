package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A cast to {@code char(n)} answers as in PostgreSQL 15 (each answer checked there), with and
 * without a FROM clause: cut to n characters, trailing blanks dropped where the value is used as
 * text.
 */
class FixedLengthTextTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"c VARCHAR"}, "c\nab\n"));

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "cast('ab' as char(5)) || '|';ab|",
      "cast(cast('ab' as char(5)) as varchar) || '|';ab|",
      "length(cast('ab' as char(5)));2",
      "cast('abcdef' as char(3));abc",
      "cast('ab  ' as char(5)) || '|';ab|",
      "cast('xyz' as char) || '|';x|",
      "cast('xyz' as character(2)) || '|';xy|",
      "'ab'::char(5) || '|';ab|",
      "upper('ab'::char(5)) || '|';AB|",
      "cast(12345 as char(3));123",
      "cast(c as char(5)) || '|';ab|",
  })
  void likePostgres(String expression, String expected) {
    assertThat(db.query("SELECT " + expression + " FROM b.t").toString())
        .isEqualTo("[[" + expected + "]]");
    if (!expression.contains("c as")) {
      assertThat(db.query("SELECT " + expression).toString()).isEqualTo("[[" + expected + "]]");
    }
  }

  @org.junit.jupiter.api.Test
  void nullStaysNull() {
    assertThat(db.query("SELECT cast(NULL as char(3)) FROM b.t"))
        .isEqualTo(List.of(java.util.Arrays.asList((Object) null)));
  }
}

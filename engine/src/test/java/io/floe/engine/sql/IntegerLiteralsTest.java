package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A quoted constant cast to an integer type reads as PostgreSQL 15 reads integer input. */
class IntegerLiteralsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("n", new String[] {"i INTEGER"}, "i\n1\n"));

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "' 12 '::int;12",
      "'+5'::smallint;5",
      "'-0'::bigint;0",
      "CAST('2147483647' AS INTEGER);2147483647",
      "'-9223372036854775808'::bigint;-9223372036854775808",
  })
  void integerInputAnswers(String expression, String expected) {
    assertThat(db.query("SELECT " + expression).toString()).isEqualTo("[[" + expected + "]]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "'1.5'::int;22P02;invalid input syntax for type integer: \"1.5\"",
      "'1e3'::int;22P02;invalid input syntax for type integer: \"1e3\"",
      "''::bigint;22P02;invalid input syntax for type bigint: \"\"",
      "'0x1F'::int;22P02;invalid input syntax for type integer: \"0x1F\"",
      "CAST('99999999999' AS INTEGER);22003;value \"99999999999\" is out of range for type integer",
      "'40000'::smallint;22003;value \"40000\" is out of range for type smallint",
  })
  void otherInputFailsAsInPostgres(String expression, String sqlState, String message) {
    assertThatThrownBy(() -> db.query("SELECT " + expression + " FROM b.n"))
        .as(expression)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.sqlState()).isEqualTo(sqlState);
          assertThat(e.getMessage()).contains(message);
        });
  }
}

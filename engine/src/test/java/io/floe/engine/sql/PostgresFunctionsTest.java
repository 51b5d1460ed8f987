package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PostgreSQL functions DuckDB has under another name or not at all: btrim, width_bucket, encode,
 * decode and date_bin, each answer checked in PostgreSQL 15, of constants and of columns.
 */
class PostgresFunctionsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("f",
      new String[] {"s VARCHAR", "x DECIMAL(10,3)", "n INTEGER", "ts TIMESTAMP"},
      "s,x,n,ts\nxxaxx,5.35,5,2020-02-11 15:44:17\n"));

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "btrim('  ab  ');ab",
      "btrim('xxaxx', 'x');a",
      "btrim(s, 'x');a",
      "width_bucket(5.35, 0.024, 10.06, 5);3",
      "width_bucket(x, 0.024, 10.06, n);3",
      "width_bucket(10.06, 0.024, 10.06, 5);6",
      "width_bucket(-1, 0, 10, 5);0",
      "width_bucket(5, 10, 0, 5);3",
      "width_bucket(0, 10, 0, 5);6",
      "encode(CAST('hello' AS bytea), 'base64');aGVsbG8=",
      "encode('\\x00ff'::bytea, 'hex');00ff",
      "decode('68656c6c6f', 'hex') = CAST('hello' AS bytea);true",
      "decode('aGVsbG8=', 'base64') = CAST('hello' AS bytea);true",
      "encode(decode(substr(s, 1, 4), 'base64'), 'base64');xxax",
      "date_bin(INTERVAL '15' MINUTE, TIMESTAMP '2020-02-11 15:44:17', TIMESTAMP '2001-01-01 00:00:00');2020-02-11T15:30",
      "date_bin(INTERVAL '1' HOUR, ts, TIMESTAMP '2001-01-01 00:10:00');2020-02-11T15:10",
      "quote_literal('O''Reilly');'O''Reilly'",
      "quote_literal('a\\b');E'a\\\\b'",
      "quote_literal(42);'42'",
      "quote_literal(s);'xxaxx'",
      "quote_literal(CAST(NULL AS VARCHAR)) IS NULL;true",
      "quote_nullable(CAST(NULL AS VARCHAR));NULL",
      "quote_nullable(s);'xxaxx'",
  })
  void answersAsPostgres(String expression, String expected) {
    assertThat(db.query("SELECT " + expression + " FROM b.f").toString())
        .as(expression).isEqualTo("[[" + expected + "]]");
  }

  @Test void badArgumentsFailAsInPostgres() {
    assertThatThrownBy(() -> db.query("SELECT width_bucket(1, 0, 10, 0) FROM b.f"))
        .isInstanceOf(FloeException.class).hasMessageContaining("count must be greater than zero");
    assertThatThrownBy(() -> db.query("SELECT encode(CAST('a' AS bytea), 'foo') FROM b.f"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
          assertThat(e.getMessage()).contains("unrecognized encoding: \"foo\"");
        });
    assertThatThrownBy(() -> db.query("SELECT encode(CAST('a' AS bytea), s) FROM b.f"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
  }
}

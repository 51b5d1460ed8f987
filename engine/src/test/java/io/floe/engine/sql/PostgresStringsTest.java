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
 * String functions and pattern matching that answer as in PostgreSQL 15 where DuckDB answers
 * otherwise (each answer checked there): SIMILAR TO patterns, LIKE's default escape character,
 * {@code to_hex}, {@code string_to_array} and {@code substring} with a start before 1. Each
 * expression is asked of constants and of the table's columns.
 */
class PostgresStringsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t",
      new String[] {"s VARCHAR", "w VARCHAR", "n INTEGER", "b BIGINT", "z INTEGER"},
      "s,w,n,b,z\nHello World,Widget,-1,-1,1000\n"));

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      // SIMILAR TO
      "'Widget' SIMILAR TO '%idget';true",
      "w SIMILAR TO '%idget';true",
      "'abc' SIMILAR TO 'a_c';true",
      "'abc' SIMILAR TO '%(b|x)%';true",
      "'abc' SIMILAR TO 'a.c';false",
      "'a.c' SIMILAR TO 'a.c';true",
      "'abc' NOT SIMILAR TO 'a_c';false",
      "w NOT SIMILAR TO 'W_d';true",
      "'a%c' SIMILAR TO 'a#%c' ESCAPE '#';true",
      "'abc' SIMILAR TO 'a#%c' ESCAPE '#';false",
      "'a_b' SIMILAR TO 'a\\_b';true",
      "'axb' SIMILAR TO 'a\\_b';false",
      "'a\\c' SIMILAR TO 'a\\c' ESCAPE '';true",
      "'a]c' SIMILAR TO 'a[]]c';true",
      "']' SIMILAR TO '[^]]';false",
      "'a%' SIMILAR TO '[[:alpha:]]%';true",
      "'axb' SIMILAR TO 'a[.]b';false",
      "'a^$' SIMILAR TO 'a^$';true",
      "'abbb' SIMILAR TO 'ab{2,3}';true",
      "'abbb' SIMILAR TO 'ab+';true",
      "'ab' SIMILAR TO 'a|b';false",
      "'a5' SIMILAR TO 'a\\d';true",
      "'ab' SIMILAR TO 'a#\"b#\"' ESCAPE '#';true",
      "'a' SIMILAR TO 'a\\';true",
      "E'a\\nb' SIMILAR TO 'a_b';true",
      // LIKE: backslash escapes unless ESCAPE says otherwise
      "'a%b' LIKE 'a\\%b';true",
      "'a_b' LIKE 'a\\_b';true",
      "'a\\b' LIKE 'a\\b';false",
      "'ab' LIKE 'a\\b';true",
      "'a\\b' LIKE 'a\\\\b';true",
      "'a\\b' LIKE 'a\\b' ESCAPE '';true",
      "'A%B' ILIKE 'a\\%b';true",
      "'a%b' NOT LIKE 'a\\%b';false",
      "'a%b' LIKE 'a#%b' ESCAPE '#';true",
      "w LIKE 'W\\_dget';false",
      "w LIKE 'W_dget';true",
      "w LIKE 'Widget';true",
      // to_hex: lower case, 32 bits for an integer
      "to_hex(1000);3e8",
      "to_hex(z);3e8",
      "to_hex(-1);ffffffff",
      "to_hex(n);ffffffff",
      "to_hex(b);ffffffffffffffff",
      "to_hex(cast(-1 as bigint));ffffffffffffffff",
      "to_hex(2147483648);80000000",
      // string_to_array
      "string_to_array('', '-');[]",
      "string_to_array(substr(s, 1, 0), '-');[]",
      "cardinality(string_to_array(substr(s, 1, 0), '-'));0",
      "string_to_array('a--b', '-');[a, '', b]",
      "string_to_array('abc', '');[abc]",
      "string_to_array('abc', NULL);[a, b, c]",
      "string_to_array(NULL, '') IS NULL;true",
      // substring: a start before 1 shortens the answer
      "substring('Hello World', -1, 4);He",
      "substring(s, -1, 4);He",
      "substring(s from -1 for 4);He",
      "substr(s, -1, 4);He",
      "substring(s, n, 3);H",
      "substring(s, -10, 4);''",
      "substring(s, -5);Hello World",
      "substring(s from 0);Hello World",
      "substring(s, 3, 2);ll",
      "substring(s, 7);World",
      "substring(s, 2, cast(NULL as integer)) IS NULL;true",
      "substring(s, cast(NULL as integer), 2) IS NULL;true",
  })
  void likePostgres(String expression, String expected) {
    String answer = expected.equals("''") ? "" : expected;
    assertThat(db.query("SELECT " + expression + " FROM b.t").toString())
        .isEqualTo("[[" + answer + "]]");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "'Widget' SIMILAR TO '%idget';true",
      "'abc' SIMILAR TO 'a.c';false",
      "'a%b' LIKE 'a\\%b';true",
      "to_hex(-1);ffffffff",
      "cardinality(string_to_array('', '-'));0",
      "substring('Hello World', -1, 4);He",
  })
  void withoutFrom(String expression, String expected) {
    assertThat(db.query("SELECT " + expression).toString()).isEqualTo("[[" + expected + "]]");
  }

  @Test void aNegativeSubstringLengthFails() {
    for (String sql : new String[] {"SELECT substring('Hello World', 2, -1)",
        "SELECT substr(s, 2, -1) FROM b.t", "SELECT substring(s from 2 for n) FROM b.t"}) {
      assertThatThrownBy(() -> db.query(sql)).as(sql)
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBSTRING_ERROR))
          .hasMessageContaining("negative substring length not allowed");
    }
  }

  /**
   * A pattern in a column is translated while the query runs, to the same regular expression a
   * constant pattern gets while planning: the SIMILAR TO cases of {@link #likePostgres} with its
   * pattern read from a row.
   */
  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "Widget;%idget;;true",
      "abc;a_c;;true",
      "abc;%(b|x)%;;true",
      "abc;a.c;;false",
      "a.c;a.c;;true",
      "a%c;a#%c;#;true",
      "abc;a#%c;#;false",
      "a_b;a\\_b;;true",
      "axb;a\\_b;;false",
      "a\\c;a\\c;'';true",
      "a]c;a[]]c;;true",
      "];[^]];;false",
      "a%;[[:alpha:]]%;;true",
      "axb;a[.]b;;false",
      "a^$;a^$;;true",
      "abbb;ab{2,3};;true",
      "ab;a|b;;false",
      "a5;a\\d;;true",
      "ab;a#\"b#\";#;true",
      "aaa;a[a-z]a;;true",
      "aba;ab.*;;false",
      "aba;.*b.*;;false",
  })
  void aPatternInAColumnAnswersAsAConstantOne(String text, String pattern, String escape,
      boolean expected) {
    String escapeClause = escape == null ? "" : escape.equals("''") ? " ESCAPE ''"
        : " ESCAPE '" + escape + "'";
    String values = "(VALUES ('" + text.replace("'", "''") + "', '" + pattern.replace("'", "''")
        + "')) AS v(s, p)";
    assertThat(db.query("SELECT s SIMILAR TO p" + escapeClause + " FROM " + values).toString())
        .isEqualTo("[[" + expected + "]]");
    assertThat(db.query("SELECT s NOT SIMILAR TO p" + escapeClause + " FROM " + values).toString())
        .isEqualTo("[[" + !expected + "]]");
    assertThat(db.query("SELECT '" + text.replace("'", "''") + "' SIMILAR TO '"
        + pattern.replace("'", "''") + "'" + escapeClause).toString())
        .isEqualTo("[[" + expected + "]]");
  }

  @Test void aPatternInAColumnIsReadPerRowAndNullStaysNull() {
    assertThat(db.query("SELECT s SIMILAR TO p FROM (VALUES ('aaa', 'a[a-z]a'), ('abab', 'ab.*'), "
        + "('aaa', NULL), ('a.', 'a.')) AS v(s, p)").toString())
        .isEqualTo("[[true], [false], [null], [true]]");
    assertThatThrownBy(() -> db.query("SELECT s SIMILAR TO p FROM (VALUES ('ab', 'a\\qb')) AS v(s, p)"))
        .isInstanceOf(FloeException.class)
        .hasMessageContaining("escape sequence \\q in a SIMILAR TO pattern is not supported");
  }

  @Test void aSimilarToEscapeMustBeAConstant() {
    assertThatThrownBy(() -> db.query("SELECT s SIMILAR TO w ESCAPE w FROM b.t"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
  }

  @Test void escapeStringsAsPostgres() {
    assertThatThrownBy(() -> db.query("SELECT 'a' SIMILAR TO 'a' ESCAPE 'ab'"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ESCAPE_SEQUENCE))
        .hasMessageContaining("invalid escape string");
    assertThatThrownBy(() -> db.query("SELECT 'abc' SIMILAR TO 'a#\"b#\"c#\"' ESCAPE '#'"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_USE_OF_ESCAPE_CHARACTER));
    assertThatThrownBy(() -> db.query("SELECT 'a\\' LIKE 'a\\'"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ESCAPE_SEQUENCE))
        .hasMessageContaining("LIKE pattern must not end with escape character");
  }

  @Test void planSendsTheMatchToDuckDb() {
    assertThat(db.query("EXPLAIN PLAN FOR SELECT w SIMILAR TO '%idget' FROM b.t").toString())
        .contains("regexp_full_match(\"w\", '(?s)^(?:.*idget)$')");
  }
}

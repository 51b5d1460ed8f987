package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ||} of a bytea and text, as PostgreSQL resolves it (DuckDB's test_blob_function): with a
 * text value the bytea's text form is concatenated, as in DuckDB; a string literal is read as a
 * bytea. Text cast to a bytea is read by DuckDB, escapes and all.
 */
class ByteaConcatenationTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("s", new String[] {"x VARCHAR"}, csv("x", "a", "5A5A", "", "\\xFF")),
      table("n", new String[] {"x VARCHAR"}, csv("x", "q", "")));

  @ParameterizedTest
  @ValueSource(strings = {
      "select cast('\\xFF' as bytea) || '5A5A'::varchar",
      "select cast('\\x41' as bytea) || cast('zz' as varchar), 'zz'::text || cast('\\x41' as bytea)",
      "select x, cast(x as bytea) || x, x || cast(x as bytea) from b.s order by 1",
      "select x, cast('\\xFF' as bytea) || upper(x) from b.s order by 1",
      "select x, x || cast('\\x41' as bytea), cast('\\x41' as bytea) = cast(x as bytea) from b.s order by 1",
      "select cast(null as bytea) || cast('zz' as varchar), cast('\\xFF' as bytea) || cast(null as text)",
      "select x, cast(x as bytea) || x from b.n where x = 'none'",
  })
  void textMakesTheByteaText(String sql) {
    assertThat(db.query(sql)).as(sql).isEqualTo(db.duck().query(sql));
  }

  /** A literal is read as a bytea, as PostgreSQL reads an unknown-typed literal. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
      "select octet_length(cast('\\xFF' as bytea) || '5A5A')"
          + ";select octet_length(cast('\\xFF' as bytea) || cast('5A5A' as bytea))",
      "select x, octet_length('ZZ' || cast(x as bytea)) from b.s order by 1"
          + ";select x, octet_length(cast('ZZ' as bytea) || cast(x as bytea)) from b.s order by 1",
      "select x, cast(cast(x as bytea) || 'ZZ' as varchar) from b.s order by 1"
          + ";select x, cast(cast(x as bytea) || cast('ZZ' as bytea) as varchar) from b.s order by 1",
  })
  void aLiteralIsABytea(String sql, String asBytea) {
    // PostgreSQL's octet_length is an integer, DuckDB's a bigint: compared as text.
    assertThat(db.query(sql).toString()).as(sql).isEqualTo(db.duck().query(asBytea).toString());
  }

  /** PostgreSQL's hex format of bytea input (answers checked in PostgreSQL 15). */
  @org.junit.jupiter.api.Test
  void hexInputIsReadAsBytes() {
    assertThat(db.query("select octet_length('\\x00ff'::bytea) as n, '\\x00ff'::bytea = '\\x00FF'::bytea as e, "
        + "octet_length('\\x'::bytea) as z, octet_length('\\x 41 42'::bytea) as w").toString())
        .isEqualTo("[[2, true, 0, 2]]");
    assertThat((byte[]) db.query("select '\\x00ff41'::bytea as b").get(0).get(0))
        .containsExactly(0, -1, 0x41);
  }
}

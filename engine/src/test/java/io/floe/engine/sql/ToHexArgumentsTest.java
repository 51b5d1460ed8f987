package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code to_hex} takes integers, as PostgreSQL's: text is refused, not read as a number. */
class ToHexArgumentsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", new String[] {"id INTEGER PK", "s VARCHAR"},
      csv("id,s", "255,ff")));

  @Test void answersForIntegers() {
    // In lower case, as PostgreSQL writes it (DuckDB writes FF).
    String sql = "select to_hex(id) as h, to_hex(255) as c from b.t";
    assertThat(Rows.query(db.session(), sql).toString()).isEqualTo("[[ff, ff]]");
  }

  @Test void aQuotedLiteralIsAmbiguous() {
    assertThatThrownBy(() -> Rows.query(db.session(), "select to_hex('duckdb')"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.AMBIGUOUS_FUNCTION))
        .hasMessageContaining("function to_hex(unknown) is not unique");
  }

  @Test void textIsNoInteger() {
    assertThatThrownBy(() -> Rows.query(db.session(), "select to_hex(s) from b.t"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FUNCTION_NOT_FOUND))
        .hasMessageContaining("function to_hex(varchar) does not exist");
  }
}

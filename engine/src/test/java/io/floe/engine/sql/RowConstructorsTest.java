package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How PostgreSQL's {@code ROW(...)} constructor reaches Calcite's parser. */
class RowConstructorsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select row(a, b) in (select x, y from t)|select    (a, b) in (select x, y from t)",
      "select ROW (1, 2) = Row(1, 2)|select     (1, 2) =    (1, 2)",
      "select row(1) in (select i from t)|select    (1) in (select i from t)",
      // Not a constructor: a type, a qualified name, quoted, in a literal or a comment, other words.
      "select cast(x as row(a int))|select cast(x as row(a int))",
      "select x::row(a int)|select x::row(a int)",
      "select s.row(1), \"row\"(1), 'row(1)' /* row(1) */|select s.row(1), \"row\"(1), 'row(1)' /* row(1) */",
      "select sum(x) over (rows between 1 preceding and current row) from t fetch first 1 row only"
          + "|select sum(x) over (rows between 1 preceding and current row) from t fetch first 1 row only",
      "select rowid, arrow(1) from t|select rowid, arrow(1) from t",
  })
  void rewritesRowConstructorsAsParenthesizedLists(String sql, String rewritten) {
    assertThat(RowConstructors.rewrite(sql)).isEqualTo(rewritten);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select row() = row()|cannot compare rows of zero length",
      "select x from t where row ( ) <> row(1)|cannot compare rows of zero length",
      "select row()|a row of zero length (ROW()) is not supported",
  })
  void refusesRowsOfZeroLength(String sql, String message) {
    assertThatThrownBy(() -> RowConstructors.rewrite(sql)).isInstanceOfSatisfying(FloeException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      assertThat(e.getMessage()).isEqualTo(message);
    });
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.testing.SqlFixture;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Row constructors tested and compared field by field, as in PostgreSQL 15 (each answer checked in
 * psql): {@code (a, b) IS NULL} when all fields are NULL, {@code IS NOT NULL} when none is, and
 * {@code <}, {@code <=}, {@code >}, {@code >=} lexicographic with PostgreSQL's NULLs.
 */
class RowComparisonsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER", "a INTEGER", "b INTEGER"}, csv("id,a,b", "1,1,", "2,,", "3,1,2")));

  @Test void rowIsNullWhenEveryFieldIs() {
    assertThat(db.query("SELECT (a,b) IS NULL, (a,b) IS NOT NULL, row(a,b) is null, not (a,b) is null,"
        + " ((a,b),a) is not null FROM (VALUES (1,NULL),(NULL,NULL),(1,2)) t(a,b)"))
        .isEqualTo(List.of(
            List.of(false, false, false, true, true),
            List.of(true, false, true, false, false),
            List.of(false, true, false, true, true)));
    assertThat(db.query("SELECT id FROM b.t WHERE row(a, b) IS NULL")).isEqualTo(List.of(List.of(2)));
    assertThat(db.query("SELECT id FROM b.t WHERE (a, b) IS NOT NULL")).isEqualTo(List.of(List.of(3)));
    assertThat(db.query("SELECT id FROM b.t WHERE NOT (a, b) IS NULL ORDER BY id"))
        .isEqualTo(List.of(List.of(1), List.of(3)));
  }

  @Test void rowsCompareLexicographically() {
    assertThat(db.query("select (1,2) < (1,3), (1,null) < (2,null), (1,null) < (1,3), (null,1) < (1,2),"
        + " (1,2) <= (1,2), (1,2) > (1,null), (2,null) > (1,5), (1,2) = (1,null), (1,2) <> (1,null),"
        + " (1,2) <> (2,null), (1,2) >= (1,3), (2,1,0) > (2,1,-1)"))
        .isEqualTo(List.of(Arrays.asList(true, true, null, null, true, null, true, null, null, true, false,
            true)));
  }

  @Test void rowsAreDistinctFieldByField() {
    assertThat(db.query("select (1, 2) is distinct from (1, 3), (1, null) is not distinct from (1, null),"
        + " (1, null) is distinct from (1, null), (1, 2) is not distinct from (1, null)"))
        .isEqualTo(List.of(List.of(true, true, false, false)));
  }

  @Test void rowsOfDifferentLengthsAreRefusedInPostgresWords() {
    assertThatThrownBy(() -> db.query("select (1, 2) < (1, 2, 3)"))
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("unequal number of entries in row expressions");
  }

  /** PostgreSQL compares a row with a sub-query's row; Floe refuses it in PostgreSQL's words. */
  @Test void rowAgainstSubQueryOfSeveralColumnsIsRefusedInPostgresWords() {
    assertThatThrownBy(() -> db.query("select (1, 2) < (select 1, 3)"))
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SYNTAX_ERROR))
        .hasMessageContaining("subquery must return only one column")
        .hasMessageNotContaining("$SCALAR_QUERY").hasMessageNotContaining("class ");
  }

  @Test void rowsOfColumnsCompareInDuckDb() {
    String sql = "SELECT id, (a, b) < (1, 3), (a, b) >= (1, 2), (a, b) <> (1, null) FROM b.t ORDER BY id";
    assertThat(db.query(sql)).isEqualTo(List.of(
        Arrays.asList(1, null, null, null),
        Arrays.asList(2, null, null, null),
        Arrays.asList(3, true, true, null)));
    assertThat(db.query("EXPLAIN PLAN FOR " + sql).toString()).doesNotContain("EnumerableCalc");
    assertThat(db.query("SELECT id FROM b.t WHERE (id, a) > (1, 5) ORDER BY id"))
        .isEqualTo(List.of(List.of(2), List.of(3)));
  }
}

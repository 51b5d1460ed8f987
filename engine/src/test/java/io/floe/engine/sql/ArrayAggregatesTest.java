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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code array_agg} keeps NULL values, as PostgreSQL and DuckDB do: it runs in DuckDB (Calcite's
 * own implementation leaves NULLs out, so {@code [1, 2, 3]} instead of {@code [1, 2, 3, NULL]}).
 */
class ArrayAggregatesTest {
  static final String[] I = {"i INTEGER"};
  static final String IDATA = csv("i", "1", "2", "3", "");
  static final String[] T = {"k VARCHAR", "v INTEGER", "d DATE"};
  static final String TDATA = csv("k,v,d", "a,1,2020-01-01", "b,,", ",3,2020-01-03", "a,4,2020-01-04");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("integers", I, IDATA), table("t", T, TDATA));

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT array_agg(i ORDER BY i) FROM b.integers",
      "SELECT array_agg(i ORDER BY i NULLS FIRST) FROM b.integers",
      "SELECT array_agg(i ORDER BY i DESC NULLS LAST) FROM b.integers",
      "SELECT array_agg(DISTINCT i ORDER BY i) FROM b.integers",
      "SELECT array_agg(i ORDER BY i) FILTER (WHERE i IS NULL OR i > 2) FROM b.integers",
      "SELECT array_agg(i ORDER BY i) FILTER (WHERE i > 1) FROM b.integers",
      "SELECT array_agg(i) FROM b.integers WHERE i > 100",
      "SELECT cardinality(array_agg(i)) FROM b.integers",
      "SELECT array_agg(NULL::int) FROM b.integers",
      // Strings and dates.
      "SELECT array_agg(k ORDER BY v NULLS FIRST) FROM b.t",
      "SELECT array_agg(d ORDER BY v NULLS FIRST) FROM b.t",
      "SELECT array_agg(DISTINCT k ORDER BY k) FROM b.t",
      // A group of NULLs is an array of NULLs, not NULL.
      "SELECT k, array_agg(v ORDER BY v) FROM b.t GROUP BY k ORDER BY k NULLS FIRST",
      "SELECT k, array_agg(d ORDER BY d) FROM b.t GROUP BY k ORDER BY k NULLS FIRST",
      // As a window function and in a correlated sub-query.
      "SELECT array_agg(i) OVER (ORDER BY i) FROM b.integers",
      "SELECT i, (SELECT array_agg(v ORDER BY v) FROM b.t WHERE v > i1.i OR v IS NULL) FROM b.integers i1 ORDER BY i",
      // A CASE whose other branch is NULL is no FILTER: its NULLs are values.
      "SELECT array_agg(CASE WHEN i = 2 THEN NULL ELSE i END ORDER BY i) FROM b.integers",
      "SELECT array_agg(CASE WHEN i = 2 THEN i END ORDER BY i NULLS FIRST) FROM b.integers",
      "SELECT array_agg(CASE WHEN i > 1 THEN i END ORDER BY i) FILTER (WHERE i < 3) FROM b.integers",
      "SELECT k, array_agg(CASE WHEN v > 1 THEN d END ORDER BY d), sum(CASE WHEN v > 1 THEN v END) "
          + "FROM b.t GROUP BY k ORDER BY k NULLS FIRST",
      // string_agg leaves NULLs out, as in PostgreSQL and DuckDB.
      "SELECT string_agg(k, ',' ORDER BY v NULLS FIRST) FROM b.t",
  })
  void keepsNullsAsDuckDb(String sql) {
    // DuckDB's JDBC array prints NULL where the reference's list prints null.
    assertThat(text(Rows.query(db.session(), sql))).as(sql).isEqualTo(text(db.duck().query(sql)));
  }

  @Test void runsInDuckDb() {
    assertThat(Rows.query(db.session(), "EXPLAIN PLAN FOR SELECT array_agg(i) FROM b.integers").toString())
        .contains("JdbcAggregate").doesNotContain("EnumerableAggregate");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT array_agg(CASE WHEN table_name = 'integers' THEN NULL ELSE 'x' END) "
          + "FROM information_schema.tables WHERE table_schema = 'b'",
      "SELECT array_agg(table_schema) OVER () FROM information_schema.tables",
  })
  void refusedWhereCalciteWouldLeaveNullsOut(String sql) {
    // Calcite runs queries of information_schema; its array_agg drops NULLs ([] here, not [NULL]).
    assertThatThrownBy(() -> Rows.query(db.session(), sql))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED));
  }

  private static String text(Object rows) {
    return rows.toString().replace("NULL", "null");
  }
}

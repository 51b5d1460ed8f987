package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expressions in the part of a plan Calcite runs (here: a join with information_schema, or
 * arg_max) whose Calcite implementation differs from DuckDB's: each is refused with 0A000 or
 * answered as DuckDB answers, never answered differently.
 */
class CalciteRunExpressionsTest {
  static final String[] T = {"i INTEGER", "d DATE", "ts TIMESTAMP", "tz TIMESTAMPTZ", "b BOOLEAN",
      "n DECIMAL(10,2)", "x DOUBLE", "s VARCHAR"};
  static final String T_DATA = csv("i,d,ts,tz,b,n,x,s",
      "2147483647,2024-01-07,2024-01-07 10:30:00.5,2024-01-07 10:30:00.5+00,true,0.00,1.5,a",
      "1,2024-01-10,2024-01-10 00:00:00.123456,2024-01-10 00:00:00.123456+00,false,0.50,2.25,b",
      ",,,,,,,");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, T_DATA));

  /** Cross join with a listing of information_schema: the join, and what is above it, runs in Calcite. */
  private static String inCalcite(String selectList) {
    return "SELECT " + selectList + " FROM b.t, (SELECT count(*) AS c FROM information_schema.schemata) s"
        + " WHERE s.c > 0 ORDER BY 1 NULLS LAST";
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "extract(dow FROM d), i",
      "extract(dow FROM d + s.c * 0), i",
      "date_trunc('week', d), i",
      "date_trunc('week', d + s.c * 0), i",
      "ts + interval '1 day', i",
      "ts + s.c * interval '1 second', i",
      "ts::varchar, i",
      "tz = ts, i",
      "b::varchar, i",
      "(b AND s.c > 0)::varchar, i",
      "n::varchar, i",
      "(n + s.c)::varchar, i",
      "tz::varchar, i",
      "ts, tz, i",
      "i, ts > timestamp '2024-01-07 10:30:00.4'",
      "ts - timestamp '2024-01-01 00:00:00', i",
      "i, s = 'a', s || 'x' = 'ax'",
      "i, row_number() OVER (ORDER BY i DESC)",
  })
  void refusesOrAnswersAsDuckDb(String selectList) {
    String sql = inCalcite(selectList);
    List<List<Object>> floe;
    try {
      floe = Rows.query(db.session(), sql);
    } catch (FloeException e) {
      assertThat(e.sqlState()).as(sql).isEqualTo("0A000");
      assertThat(e.getMessage()).contains("outside DuckDB");
      assertThat(e.hint()).contains("information_schema");
      return;
    }
    assertThat(floe.toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "extract(dow FROM d + s.c * 0), i",
      "date_trunc('week', d + s.c * 0), i",
      "ts + s.c * interval '1 second', i",
      "(b AND s.c > 0)::varchar, i",
      "(n + s.c)::varchar, i",
  })
  void refusesWhatCalciteComputesDifferently(String selectList) {
    // Each expression reads the information_schema side, so Calcite must compute it.
    String sql = inCalcite(selectList);
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("0A000");
          assertThat(e.getMessage()).contains("needs part of its plan run outside DuckDB");
        });
  }

  @Test
  void integerOverflowIsNeverWrapped() {
    String sql = inCalcite("coalesce(i, 0) + 1 + s.c * 0");
    assertThatThrownBy(() -> db.duck().query(sql));
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.sqlState()).isIn("0A000", "22003"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "i, s.c > 0, coalesce(i, -1), CASE WHEN i > 1 THEN 'big' ELSE 'small' END",
      "i, n * 2 + n - n, x + s.c * 0, -x, i IS NULL OR s.c = 0",
      "i, coalesce(i, 0) + s.c * 0, i - 1 + s.c - s.c",
      "i, s, b AND s.c > 0, NOT b, b IS NULL",
      "i, s = 'a', s IN ('a', 'c'), d < date '2024-01-08', rank() OVER (ORDER BY s.c, i)",
      "i, s || '.' || s, s || 'x' = 'ax'",
  })
  void answersWhatCalciteComputesAlike(String selectList) {
    String sql = inCalcite(selectList);
    assertThat(Rows.query(db.session(), "EXPLAIN " + sql).toString()).contains("Enumerable");
    assertThat(Rows.query(db.session(), sql).toString()).as(sql)
        .isEqualTo(db.duck().query(sql).toString());
  }

  /**
   * The quotient and remainder of integers Calcite computes: truncated, the remainder with the sign
   * of the dividend, NULL for NULL.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "i, (i + s.c * 0) % 7, mod(i + s.c * 0, -7), (0 - i - s.c * 0) % 7, (0 - i - s.c * 0) % -7",
      "i, mod(s.c * 0 + 5, i), (s.c * 0 - 5) % coalesce(i, 3), mod(cast(null AS integer), s.c)",
      "i, cast(i AS bigint) % (s.c * 0 + 2), (s.c * 0 - 10) % cast(4 AS smallint), i % (s.c * 0 - 1)",
      "i, (i + s.c * 0) / 7, (i + s.c * 0) / -7, (0 - i - s.c * 0) / 7, (s.c * 0 - 7) / 2",
      "i, i / CASE WHEN s.c > 0 THEN -2 END, i % CASE WHEN s.c > 0 THEN -2 END, -7 % CASE WHEN s.c > 0 THEN 3 END",
      "i, cast(i AS bigint) / (s.c * 0 + 2), (s.c * 0 - 10) / cast(4 AS smallint), 7 / coalesce(i, 3)",
  })
  void quotientAndRemainderOfIntegersAsDuckDb(String selectList) {
    String sql = inCalcite(selectList);
    assertThat(Rows.query(db.session(), "EXPLAIN " + sql).toString()).contains("Enumerable");
    assertThat(Rows.query(db.session(), sql).toString()).as(sql)
        .isEqualTo(db.duck().query(sql).toString());
  }

  @Test
  void quotientOfTheLeastIntegerByMinusOneRaises() {
    String sql = inCalcite("(0 - i - 1) / CASE WHEN s.c > 0 THEN -1 END, (0 - i - 1) % CASE WHEN s.c > 0 THEN -1 END");
    assertThatThrownBy(() -> db.duck().query(sql));
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("22003"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"i % (s.c - s.c)", "i / (s.c - s.c)", "mod(s.c, s.c * 0)"})
  void byZeroRaises(String selectList) {
    String sql = inCalcite(selectList);
    assertThatThrownBy(() -> db.duck().query(sql));
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("22012"));
  }

  @Test
  void remainderInARecursiveQueryCalciteRuns() {
    // The collatz steps of DuckDB's test_correlated_recursive_cte, which Calcite runs (LATERAL).
    String sql = "SELECT t2.* FROM (VALUES (1)) t(_corr), LATERAL (WITH RECURSIVE collatz(x, t, steps) AS ("
        + "SELECT x, x, 0 FROM (WITH RECURSIVE n(t) AS (SELECT _corr UNION ALL SELECT t + _corr FROM n"
        + " WHERE t < 10) SELECT * FROM n) AS _(x) UNION ALL (SELECT x, CASE WHEN t % 2 = _corr THEN"
        + " t * 3 + p ELSE t / 2 END, steps + p FROM collatz, (WITH RECURSIVE n(t) AS (SELECT _corr"
        + " UNION ALL SELECT t + _corr FROM n WHERE t < _corr) SELECT * FROM n) AS _(p) WHERE t <> _corr))"
        + " SELECT * FROM collatz WHERE t = _corr) t2 ORDER BY x";
    assertThat(db.session().prepare(sql).isPushedDown()).isFalse();
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }

  @Test
  void integerOverflowInARecursiveQueryCalciteRunsRaises() {
    // Calcite runs a recursive query inside LATERAL; its k + 1 must raise at INT_MAX, not wrap.
    String sql = "with r(k) as (select q.k from (values (2147483640)) v(c), lateral (with recursive q(k) as "
        + "(select c union all select k + 1 from q where k > 0) select k from q) q) select count(*) from r";
    assertThat(db.session().prepare(sql).isPushedDown()).isFalse();
    assertThatThrownBy(() -> db.duck().query(sql));
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("22003"));
  }

  @Test
  void argMaxOfAnExpressionCalciteWouldComputeIsRefusedOrRight() {
    String sql = "SELECT arg_max(extract(dow FROM d), i), arg_max(ts::varchar, i) FROM b.t";
    try {
      assertThat(Rows.query(db.session(), sql).toString()).as(sql)
          .isEqualTo(db.duck().query(sql).toString());
    } catch (FloeException e) {
      assertThat(e.sqlState()).isEqualTo("0A000");
    }
  }
}

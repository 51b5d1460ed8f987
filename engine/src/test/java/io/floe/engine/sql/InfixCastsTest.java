package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What {@code ::} applies to, as PostgreSQL binds it. */
class InfixCastsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select a / b::float|select a / CAST(b AS float)",
      "select f(x)::text|select CAST(f(x) AS text)",
      "select s.f(x)::text|select CAST(s.f(x) AS text)",
      "select (a + 1)::int|select CAST((a + 1) AS int)",
      "select date '2024-01-01'::varchar|select CAST(date '2024-01-01' AS varchar)",
      "select sum(v) over (order by i)::varchar|select CAST(sum(v) over (order by i) AS varchar)",
      "select sum(v) over w::varchar from t window w as ()|select CAST(sum(v) over w AS varchar) from t window w as ()",
      "select count(*) filter (where v > 0)::int|select CAST(count(*) filter (where v > 0) AS int)",
      "select count(*) filter (where v > 0) over ()::int|select CAST(count(*) filter (where v > 0) over () AS int)",
      "select percentile_cont(0.5) within group (order by v)::text|select CAST(percentile_cont(0.5) within group (order by v) AS text)",
      "select x from t where a in (1, 2) and (b)::int > 0|select x from t where a in (1, 2) and CAST((b) AS int) > 0",
      "select '::'|select '::'",
      "select case when true then 1 end::text|select CAST(case when true then 1 end AS text)",
      "select 1 + case when a then (case b when 1 then 2 end) else 3 end::int|select 1 + CAST(case when a then (case b when 1 then 2 end) else 3 end AS int)",
      "select case when a then case when b then 1 end end::text|select CAST(case when a then case when b then 1 end end AS text)",
  })
  void castsTheExpressionBeforeIt(String sql, String rewritten) {
    assertThat(InfixCasts.rewrite(sql)).isEqualTo(rewritten);
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;

import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Floe answers common SQL exactly as DuckDB does, and keeps it in one DuckDB statement. Each query
 * runs through Floe and on a plain DuckDB holding the same data.
 */
class SqlCompatibilityTest {
  static final String[] T = {"id INTEGER PK", "grp VARCHAR", "n INTEGER", "x DOUBLE",
      "d DECIMAL(12,3)", "s VARCHAR", "day DATE", "ts TIMESTAMP", "tz TIMESTAMPTZ", "flag BOOLEAN",
      "u UUID", "big BIGINT"};
  static final String DATA = csv(
      "id,grp,n,x,d,s,day,ts,tz,flag,u,big",
      "1,a,7,1.5,10.125,Hello World,2024-01-15,2024-01-15 08:30:00.000001,2024-01-15 08:30:00+00,true,"
          + "11111111-2222-3333-4444-555555555555,9000000000000000000",
      "2,a,-3,2.25,-0.500,hello,2024-02-29,2024-02-29 23:59:59.999999,2024-02-29 12:00:00+02,false,"
          + "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee,1",
      "3,b,,3.0,,  padded  ,2023-12-31,2023-12-31 00:00:00,2023-12-31 23:00:00-05,,"
          + "00000000-0000-0000-0000-000000000001,-5",
      "4,b,4,,99.999,x%y_z,,,,true,,",
      "5,c,10,-1e3,0.001,Ünïcödé ✓,2024-06-01,2024-06-01 12:00:00.5,2024-06-01 12:00:00.5+00,false,"
          + "ffffffff-ffff-ffff-ffff-ffffffffffff,42");
  static final String[] U = {"id INTEGER PK", "label VARCHAR"};
  static final String UDATA = csv("id,label", "1,one", "2,two", "9,nine");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, DATA), table("u", U, UDATA));

  /**
   * Values compare by what they are, not by their Java width: Floe types {@code char_length} as
   * INTEGER where DuckDB says BIGINT, and DuckDB sums integers into HUGEINT.
   */
  static List<List<Object>> normalized(List<List<Object>> rows) {
    return rows.stream().map(r -> r.stream().map(v -> {
      if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
        return (Object) ((Number) v).longValue();
      }
      if (v instanceof java.math.BigDecimal d && d.scale() <= 0 && d.abs().compareTo(
          java.math.BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
        return d.longValueExact();
      }
      return v;
    }).toList()).toList();
  }

  private static void same(String sql) {
    List<List<Object>> expected = normalized(db.duck().query(sql));
    assertThat(normalized(Rows.query(db.session(), sql))).as("%s%n%s", sql, db.session().prepare(sql).planText())
        .isEqualTo(expected);
  }

  /** Queries that must run as one DuckDB statement and equal DuckDB's answer. */
  @ParameterizedTest
  @ValueSource(strings = {
      "select id, cast(n as varchar) as nv, cast(d as varchar) as dv from b.t order by id",
      "select id, coalesce(n, 0) as c, nullif(n, 7) as nn, case when n > 0 then 'pos' when n < 0 then 'neg' else 'none' end as sign from b.t order by id",
      "select id, upper(s) as up, lower(s) as lo, trim(s) as tr, char_length(s) as len, substring(s from 2 for 3) as sub from b.t order by id",
      "select id, s || '!' as bang, position('l' in s) as pos, replace(s, 'l', 'L') as rep from b.t order by id",
      "select id from b.t where s like 'h%' or s like '%\\%%' escape '\\' order by id",
      "select id from b.t where s ilike 'HELLO%' order by id",
      "select id from b.t where n in (7, 10) or grp not in ('a') order by id",
      "select id from b.t where n between -5 and 5 order by id",
      "select id, extract(year from day) as y, extract(month from ts) as m, extract(day from day) as dd from b.t order by id",
      "select id, date_trunc('month', ts) as mon, date_trunc('day', ts) as dday, date_trunc('quarter', ts) as q from b.t order by id",
      "select id, cast(day + interval '1' day as date) as tomorrow, ts - interval '1' hour as earlier from b.t order by id",
      "select id, cast(ts as date) as dt, cast(day as timestamp) as midnight from b.t order by id",
      "select id, abs(n) as a, mod(n, 3) as m, round(x, 1) as r, power(x, 2) as p, sqrt(abs(x)) as q from b.t order by id",
      "select id, n * 2 + 1 as k, d * 2 as d2, d + 1 as d1, x / 2 as xh from b.t order by id",
      "select grp, count(*) as c, count(n) as cn, sum(n) as sn, min(s) as mi, max(ts) as mx, avg(x) as ax from b.t group by grp order by grp",
      "select grp, count(distinct flag) as cd from b.t group by grp order by grp",
      "select grp, sum(d) as sd from b.t group by grp having sum(d) > 0 order by grp",
      "select grp, stddev_samp(x) as sx, var_pop(n) as vn from b.t group by grp order by grp",
      "select id, rank() over (order by n desc nulls last) as r, lag(n) over (order by id) as prev, "
          + "sum(n) over (partition by grp order by id rows between unbounded preceding and current row) as run from b.t order by id",
      "select t.id, u.label from b.t t left join b.u u on t.id = u.id order by t.id",
      "select t.id, u.label from b.t t full outer join b.u u on t.id = u.id order by t.id nulls last, u.label",
      "select id from b.t union select id from b.u order by id",
      "select id from b.t union all select id from b.u order by id",
      "select id from b.t intersect select id from b.u order by id",
      "select id from b.t except select id from b.u order by id",
      "select * from (select grp, count(*) as c from b.t group by grp) q where c > 1 order by grp",
      "with a as (select grp, max(n) as mx from b.t group by grp) select * from a order by grp",
      "select id, flag, not flag as nf, flag is null as fn from b.t order by id",
      "select id, u from b.t where u = '11111111-2222-3333-4444-555555555555'",
      "select id, tz from b.t order by id",
      "select id, big, big + 1 as b1 from b.t where big is not null order by id",
      "select id from b.t order by id limit 2 offset 1",
      "select distinct grp from b.t order by grp",
      "select count(*) as c from b.t where ts > timestamp '2024-01-15 08:30:00' and ts < timestamp '2024-06-01 12:00:00.5'",
      "select id, case grp when 'a' then 1 when 'b' then 2 end as g from b.t order by id",
      "select id, greatest(n, 0) as g, least(n, 0) as l from b.t order by id",
      "select t.id from b.t t join b.u u on t.id = u.id and t.n < u.id * 10 order by t.id",
      "select t.id from b.t t where t.n < (select 2 * avg(n) from b.t x where x.grp = t.grp) order by t.id",
  })
  void pushedDownAndSame(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("not pushed down: %s%n%s", sql, plan.planText()).isTrue();
    same(sql);
  }

  /** Queries Calcite may run partly itself; the answer must still be DuckDB's. */
  @ParameterizedTest
  @ValueSource(strings = {
      "select id from b.t where id in (select id from b.u) order by id",
      "select id from b.t where exists (select 1 from b.u where u.id = t.id) order by id",
      "select id from b.t where not exists (select 1 from b.u where u.id = t.id) order by id",
      "select id, (select label from b.u where u.id = t.id) as l from b.t order by id",
      "select id from b.t where n > (select avg(n) from b.t) order by id",
      "select id from b.t where id not in (select id from b.u) order by id",
      "select grp, string_agg(s, ',' order by id) as ss from b.t group by grp order by grp",
  })
  void sameAnswer(String sql) {
    same(sql);
  }
}

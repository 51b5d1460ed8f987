package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostgreSQL's functions and operators that Calcite lacks or reads otherwise: each answers as
 * PostgreSQL 15 does (values and types), is computed by DuckDB in one statement, and agrees with
 * DuckDB's own answer on the same data.
 */
class PostgresFunctionsTest {
  static final String[] T = {"id INTEGER PK", "i INTEGER", "si SMALLINT", "big BIGINT", "x DOUBLE",
      "d DATE", "tm TIME", "s VARCHAR"};
  static final String DATA = csv("id,i,si,big,x,d,tm,s",
      "1,53,1,20,2.5,2020-01-01,10:00:00,hello",
      "2,7,-1,0,-1.5,1992-03-03,20:08:10.998,xxhixx",
      "3,,,,,,,");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, DATA));

  @ParameterizedTest
  @ValueSource(strings = {
      "select factorial(0) as a, factorial(1) as b, factorial(10) as c, factorial(20) as e, factorial(33) as f",
      "select id, factorial(i % 30) as a, factorial(si + 1) as c from b.t order by id",
      "select factorial(null) as n",
      "select ltrim('hello', 'ho') as a, rtrim('hello', 'ho') as b, ltrim('papapapa', 'pa') as c, "
          + "rtrim('blaHblabla', 'bla') as e, ltrim('blabla', '') as f, ltrim('blabla', null) as g",
      "select id, ltrim(s, 'x') as a, rtrim(s, 'xo') as b, ltrim(s) as c from b.t order by id",
      "select to_timestamp(0) as a, to_timestamp(1) as b, to_timestamp(-1) as c, to_timestamp(1284352323.5) as e",
      "select id, to_timestamp(i) as a, to_timestamp(x) as b, to_timestamp(big * 86400) as c from b.t order by id",
      "select round(53, -1) as a, round(53) as b, round(1.2345, 2) as c, round(-2.5e0, 0) as e",
      "select id, round(i, si) as a, round(53, si) as b, round(53, -si) as c, round(x, si) as e, round(i, -1) as f "
          + "from b.t order by id",
      "select round(i, -si) as r, count(*) as n from b.t group by r order by r",
      // A NULL scale is NULL, also of a DECIMAL (DuckDB's round takes an INTEGER scale).
      "select round(12::decimal(3,0), null) as a, round(1.5, null) as b, trunc(2.75, null) as c",
      "select date '2020-01-01' + time '10:00' as a, time '10:00:00.5' + date '2020-01-01' as b",
      "select id, d + tm as a, tm + d as b, d + tm + interval '1' hour as c, d + 1 as e from b.t order by id",
      "select id from b.t where d + tm > timestamp '2000-01-01 00:00:00' order by id",
      "select 2 ^ 3 as a, 2 ^ -1 as b, -2 ^ 2 as c, 2 * 3 ^ 2 as d, 1 + 2 ^ 2 as e, 2 ^ 3 ^ 2 as f, "
          + "2 ^ 3 * 2 as g, 4 ^ 0.5 as h, 2.0::float8 ^ -1.0::float8 as k, 0.0::float8 ^ -1.0::float8 as l",
      "select id, x ^ 2 as a, i ^ si as b, (x + 1) ^ 2 as c, i - 2 ^ 2 as e, abs(x) ^ 0.5 as f from b.t order by id",
      "select id from b.t where x ^ 2 > 3 order by x ^ 2, id",
      "select timestamptz '2021-11-15 02:30:00' as a, timestamptz '2021-11-15 02:30:00+02' as b, "
          + "timestamp with time zone '2021-11-15' as c, timestamptz '2021-11-15 02:30:00'::varchar as e",
      // Bitwise operators bind alike, from left to right, between arithmetic and comparisons.
      "select 16 >> 2 as a, 1 >> 2 as b, null >> 2 as c, 2 >> null as e, 1 << 2 as f, 1 | 2 as g, 6 & 3 as h",
      "select 1 + 2 | 4 * 2 as a, ~1 + 2 as b, 1 | 2 = 3 as c, 1 + 1 & 1 as e, -1 >> 2 as f, 1 | 2 & 6 as g",
      "select id, i | si as a, i & ~si as b, i >> 1 << 2 as c, (i | 1)::varchar as e, - i | - big as f, "
          + "i | 1 || 'x' as g from b.t order by id",
      "select id from b.t where i & 1 = 1 and i | 2 > 2 order by i & 3, id",
      // Ranking functions over a window without ORDER BY: all rows are peers.
      "select id, rank() over () as r, dense_rank() over (partition by i % 2) as d, percent_rank() over () as p, "
          + "cume_dist() over () as c from b.t order by id",
      "select count(*) over w as c, rank() over w as r, dense_rank() over w as dr, row_number() over w as rn, "
          + "cume_dist() over (v) as cd from b.t window w as (rows between 1 preceding and 1 following), "
          + "v as (partition by si) order by rn",
      // A window that copies another keeps its own frame, also a GROUPS frame over the copied order.
      "select id, count(*) over w as c, sum(i) over (base rows 1 preceding) as s, sum(i) over (v) as z from b.t "
          + "window base as (partition by si order by id), w as (base rows between current row and unbounded "
          + "following), v as (base) order by id",
      "select id, count(*) over w as c, rank() over w as r from b.t window base as (order by si), "
          + "w as (base groups between current row and unbounded following) order by id",
      "select id, ntile(null) over (partition by si order by id) as n, ntile(2) over (order by id) as m from b.t "
          + "order by id",
      // IGNORE NULLS among a window function's arguments (DuckDB's place for it).
      "select id, lead(i ignore nulls) over (order by id desc) as a, lag(si respect nulls) over (order by id) as b, "
          + "first_value(x ignore nulls) over (order by id desc) as c, last_value(i ignore nulls) over (order by id) "
          + "as e from b.t order by id",
      // A DISTINCT string_agg keeps its separator a constant (DuckDB takes no other).
      "select si, string_agg(distinct s, ',' order by s desc) as a, string_agg(distinct s, '-' order by s) "
          + "filter (where i > 10) as b, count(distinct i) as c from b.t group by si order by si",
      // Number literals wider than DECIMAL(38) or a DOUBLE are read as DuckDB reads them.
      "select 1e1000 as a, -1e1000 < 0 as b, 102398294123451814.12345 as c, "
          + "-49238409238403918140294812084.12490812490 as e",
      // A column named like a unit, truncated by date_trunc.
      "select date_trunc('month', day) as m, date_trunc('year', month) as y from (select d as day, d + tm as month "
          + "from b.t) v order by 1",
      // A quoted literal in a VALUES column of numbers is a number.
      "select * from (values (3), ('42')) v1",
      "select * from (values (3, 'a'), ('42', 'b'), (null, 'c'), (-5000000000, 'd'), (1e0, 'e')) v(n, s) order by n",
      // A difference of timestamps is an interval of days and time.
      "select timestamp '2020-01-02 10:00:00' - timestamp '2020-01-01 00:00:00' as a, "
          + "timestamp '2019-01-02 10:00:00.5' - timestamp '2020-03-01 00:00:00' as b, "
          + "timestamptz '2020-01-02 10:00:00+02' - timestamptz '2020-01-01 00:00:00' as c",
      "select id, (d + tm) - timestamp '2000-01-01 00:00:00' as a, ((d + tm) - (d + tm))::varchar as b, "
          + "(d + tm) - timestamp '1992-03-03 00:00:00' > interval '1 day' as c from b.t order by id",
      // A column alias list may name only the first columns; the others keep their names.
      "select * from (select 42, 41 as x) v1(a)",
      "select * from (with cte as (select 42, 41 as x) select * from cte) v1(a)",
      "select v.a + v.x as s, w.b, w.j from (select i, si as x from b.t) v(a) join (select id, i as j from b.t) w(b) "
          + "on v.a = w.j order by 1",
      // substring with a count and no start starts at the first character.
      "select substring('hello' for 3) as a, substring(s for i % 5) as b, substring(s for 0) as c from b.t order by id",
  })
  void sameAsDuckDbInOneStatement(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("not pushed down: %s%n%s", sql, plan.planText()).isTrue();
    assertThat(SqlCompatibilityTest.normalized(Rows.query(db.session(), sql)))
        .as("%s%n%s", sql, plan.planText())
        .isEqualTo(SqlCompatibilityTest.normalized(db.duck().query(sql)));
  }

  @Test void factorialIsANumeric() {
    assertThat(types("select factorial(5), factorial(si) from b.t")).containsOnly(TypeName.DECIMAL);
    assertThat(Rows.query(db.session(), "select factorial(5) as f, factorial(30) as g")).isEqualTo(List.of(List.of(
        new BigDecimal("120"), new BigDecimal("265252859812191058636308480000000"))));
    assertThatThrownBy(() -> Rows.query(db.session(), "select factorial(-1)"))
        .isInstanceOf(FloeException.class).hasMessageContaining("factorial of a negative number is undefined");
    // Of a BIGINT too, as PostgreSQL's factorial(bigint) (DuckDB's takes an INTEGER).
    assertThat(Rows.query(db.session(), "select factorial(big) as f from b.t order by id")).isEqualTo(List.of(
        List.of(new BigDecimal("2432902008176640000")), List.of(BigDecimal.ONE),
        java.util.Arrays.asList((Object) null)));
  }

  @Test void trimsTheGivenCharacters() {
    assertThat(Rows.query(db.session(), "select ltrim('hello', 'ho') as a, rtrim('hello', 'ho') as b"))
        .isEqualTo(List.of(List.of("ello", "hell")));
    assertThat(types("select ltrim(s, 'x'), rtrim(s, 'x') from b.t")).containsOnly(TypeName.VARCHAR);
  }

  @Test void toTimestampOfSecondsIsAnInstant() {
    assertThat(types("select to_timestamp(0), to_timestamp(x) from b.t")).containsOnly(TypeName.TIMESTAMPTZ);
    assertThat(Rows.query(db.session(), "select to_timestamp(0) as a, to_timestamp(1284352323.5) as b"))
        .isEqualTo(List.of(List.of(OffsetDateTime.parse("1970-01-01T00:00Z"),
            OffsetDateTime.parse("2010-09-13T04:32:03.5Z"))));
  }

  @Test void roundTakesDigitsOfAnyIntegerType() {
    assertThat(Rows.query(db.session(),
        "select round(53, -1) as a, round(i, si) as b, round(x, si) as c from b.t order by id"))
        .isEqualTo(List.of(List.of(50, 53, 2.5), List.of(50, 10, -0.0), java.util.Arrays.asList(50, null, null)));
    // Each keeps the type of the value rounded, as in DuckDB (PostgreSQL rounds an integer as a NUMERIC).
    assertThat(types("select round(i, si), round(x, si), round(1.25, cast(1 as bigint)) from b.t"))
        .containsExactly(TypeName.INTEGER, TypeName.DOUBLE, TypeName.DECIMAL);
  }

  @Test void aDatePlusATimeIsATimestamp() {
    assertThat(types("select d + tm, tm + d, date '2020-01-01' + time '10:00' from b.t"))
        .containsOnly(TypeName.TIMESTAMP);
    assertThat(Rows.query(db.session(), "select date '2020-01-01' + time '10:00' as a"))
        .isEqualTo(List.of(List.of(java.time.LocalDateTime.parse("2020-01-01T10:00"))));
    assertThat(db.session().prepare("select d + tm from b.t").columns().get(0).label()).isEqualTo("?column?");
  }

  @Test void caretRaisesToAPower() {
    assertThat(types("select 2 ^ 3, i ^ si, x ^ 2 from b.t")).containsOnly(TypeName.DOUBLE);
    assertThat(Rows.query(db.session(), "select 2.0::float8 ^ -1.0::float8 as a, 2 * 3 ^ 2 as b, -2 ^ 2 as c"))
        .isEqualTo(List.of(List.of(0.5, 18.0, 4.0)));
    assertThat(db.session().prepare("select x ^ 2 from b.t").columns().get(0).label()).isEqualTo("?column?");
    assertThatThrownBy(() -> db.session().prepare("select d ^ 2 from b.t")).isInstanceOf(FloeException.class);
  }

  @Test void anInstantLiteralIsATimestampWithTimeZone() {
    assertThat(types("select timestamptz '2021-11-15 02:30:00', timestamp with time zone '2021-11-15 02:30:00'"))
        .containsOnly(TypeName.TIMESTAMPTZ);
    assertThat(Rows.query(db.session(), "select timestamptz '2021-11-15 02:30:00' as a"))
        .isEqualTo(List.of(List.of(OffsetDateTime.parse("2021-11-15T02:30Z"))));
    assertThat(db.session().prepare("select timestamptz '2021-11-15 02:30:00'").columns().get(0).label())
        .isEqualTo("timestamptz");
  }

  @Test void bitwiseOperatorsAreIntegerOperators() {
    // # is exclusive or (DuckDB's xor), which DuckDB's parser lacks.
    assertThat(Rows.query(db.session(), "select 5 # 3 as a, 1 # 1 << 2 as b, i # 7 as c from b.t order by id"))
        .isEqualTo(List.of(List.of(6, 0, 50), List.of(6, 0, 0), java.util.Arrays.asList(6, 0, null)));
    assertThat(types("select i | si, si & si, big >> 1, i # big, ~si from b.t"))
        .containsExactly(TypeName.INTEGER, TypeName.SMALLINT, TypeName.BIGINT, TypeName.BIGINT,
            TypeName.SMALLINT);
    assertThat(db.session().prepare("select i | 1 from b.t").columns().get(0).label()).isEqualTo("?column?");
    assertThatThrownBy(() -> db.session().prepare("select s || i | 1 from b.t"))
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.hint()).contains("parentheses"));
  }

  @Test void aRowAgainstASubQueryNeedsAColumnPerField() {
    for (String sql : List.of("select (1, 2) in (select (i, i + 1) from b.t)",
        "select row(1, 2) = any (select s from (values (row(1, 2))) r(s))", "select 1 in (select i, si from b.t)")) {
      assertThatThrownBy(() -> db.session().prepare(sql)).isInstanceOfSatisfying(FloeException.class, e -> {
        assertThat(e.code().sqlState()).isEqualTo("42601");
        assertThat(e.getMessage()).matches("subquery has too (few|many) columns");
      });
    }
    assertThat(db.query("select (1, 53) in (select id, i from b.t) as a, 7 = any (select i from b.t) as b"))
        .isEqualTo(List.of(List.of(true, true)));
  }

  @Test void aUnitDateTruncLacksIsRefusedAlsoInsideAnotherExpression() {
    assertThatThrownBy(() -> db.session().prepare("select date_trunc('epoch', d) is null from b.t"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code().sqlState()).isEqualTo("22023");
          assertThat(e.getMessage()).isEqualTo("unit \"epoch\" not recognized by date_trunc");
        });
  }

  @Test void aFrameOffsetIsAConstant() {
    assertThatThrownBy(() -> db.session().prepare("select avg(i) over (order by id rows between mod(i * 1023, 11) "
        + "preceding and 23 - mod(i, 11) following) from b.t")).isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code().sqlState()).isEqualTo("42P10");
          assertThat(e.getMessage()).isEqualTo("argument of ROWS must not contain variables");
        });
    assertThat(Rows.query(db.session(), "select sum(i) over (order by id rows between 1 preceding and 1 following) "
        + "as s, count(*) over (order by d range between interval '1' day preceding and current row) as c "
        + "from b.t order by id")).hasSize(3);
  }

  @Test void anUnknownTypeNameIs42704() {
    for (String sql : List.of("select cast(1 as signed)", "select '15:30:00'::time_ns", "select i::\"Int\" from b.t")) {
      assertThatThrownBy(() -> db.session().prepare(sql)).isInstanceOfSatisfying(FloeException.class, e -> {
        assertThat(e.code().sqlState()).isEqualTo("42704");
        assertThat(e.getMessage()).matches("type \"(signed|time_ns|Int)\" does not exist");
      });
    }
    assertThat(types("select 1::int8, 'a'::text")).containsExactly(TypeName.BIGINT, TypeName.VARCHAR);
  }

  @Test void ignoreNullsMayFollowTheArguments() {
    assertThat(Rows.query(db.session(), "select id, lead(i) ignore nulls over (order by id desc) as a, "
        + "first_value(x) ignore nulls over (order by id desc) as c from b.t order by id"))
        .isEqualTo(Rows.query(db.session(), "select id, lead(i ignore nulls) over (order by id desc) as a, "
            + "first_value(x ignore nulls) over (order by id desc) as c from b.t order by id"));
  }

  @Test void aColumnAliasListNamesTheFirstColumns() {
    assertThat(db.session().prepare("select * from (select 42, 41 as x, 40 as y) v(a, b)").columns().stream()
        .map(ResultColumn::label).toList()).containsExactly("a", "b", "y");
    assertThatThrownBy(() -> db.session().prepare("select * from (select 42, 41 as x) v(a, b, c)"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code().sqlState()).isEqualTo("42P10");
          assertThat(e.getMessage()).isEqualTo("table \"v\" has 2 columns available but 3 columns specified");
        });
    assertThatThrownBy(() -> db.session().prepare("select * from (select 42, 41 as x, 40) v(a, a)"))
        .isInstanceOf(FloeException.class);
  }

  private static List<TypeName> types(String sql) {
    return db.session().prepare(sql).columns().stream().map(ResultColumn::type).map(t -> t.name()).toList();
  }
}

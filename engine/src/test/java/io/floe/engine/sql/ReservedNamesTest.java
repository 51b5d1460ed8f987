package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.avatica.util.Casing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which reserved words reach Calcite's parser quoted, as names. */
class ReservedNamesTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      // After and before a dot, after AS, after FROM and JOIN.
      "select t.date, s1.Time from t|select t.\"date\", s1.\"time\" from t",
      "select timestamp.i from dates join timestamp on timestamp.i = dates.i"
          + "|select \"timestamp\".i from dates join \"timestamp\" on \"timestamp\".i = dates.i",
      "select x as offset, y as rows, 1 as range from t|select x as \"offset\", y as \"rows\", 1 as \"range\" from t",
      "select * from rows where a = 1|select * from \"rows\" where a = 1",
      "select rows, range from t where rows > 5 or (range) is null"
          + "|select \"rows\", \"range\" from t where \"rows\" > 5 or (\"range\") is null",
      "select try_cast, try_cast(x as int) from try_cast|select \"try_cast\", try_cast(x as int) from \"try_cast\"",
      // The type words wherever they are not a type.
      "select * from t where date >= '2023-08-05' order by date desc"
          + "|select * from t where \"date\" >= '2023-08-05' order by \"date\" desc",
      "select sum(x) over (order by date rows between 1 preceding and current row) from t"
          + "|select sum(x) over (order by \"date\" rows between 1 preceding and current row) from t",
      "with r as (select 1 as timestamp) select timestamp::time from r"
          + "|with r as (select 1 as \"timestamp\") select \"timestamp\"::time from r",
      "select extract(year from date), date + 1, uuid from t|select extract(year from \"date\"), \"date\" + 1, \"uuid\" from t",
      // The name of a common table expression, with its columns or not.
      "with a as (select 1), next(x) as materialized (select 1) select * from next n"
          + "|with a as (select 1), \"next\"(x) as materialized (select 1) select * from \"next\" n",
      "with recursive range as (select 1) select * from range, range(1, 3) as r(i)"
          + "|with recursive \"range\" as (select 1) select * from \"range\", range(1, 3) as r(i)",
      // Types stay types.
      "select date '2024-01-31', timestamp '2024-01-31 10:00', time '10:00'"
          + "|select date '2024-01-31', timestamp '2024-01-31 10:00', time '10:00'",
      "select cast(x as date), try_cast(y as timestamp), x::time, cast((select 1 as date) as int)"
          + "|select cast(x as date), try_cast(y as timestamp), x::time, cast((select 1 as \"date\") as int)",
      "select cast(x as timestamp with time zone), x at time zone 'UTC', cast(y as timestamp(3) without time zone)"
          + "|select cast(x as timestamp with time zone), x at time zone 'UTC', cast(y as timestamp(3) without time zone)",
      "select extract(epoch from timestamp '2024-01-01'), uuid(), date(x)"
          + "|select extract(epoch from timestamp '2024-01-01'), uuid(), date(x)",
      // Syntax stays syntax; literals, quoted names and comments never change.
      "select sum(x) over (rows between 1 preceding and current row), sum(x) over (partition by y range 2 preceding)"
          + "|select sum(x) over (rows between 1 preceding and current row), sum(x) over (partition by y range 2 preceding)",
      "select * from t order by x offset 2 rows fetch next 1 rows only"
          + "|select * from t order by x offset 2 rows fetch next 1 rows only",
      "create view v as select 1 as a|create view v as select 1 as a",
      "select 'date', \"date\" /* t.date */ from t|select 'date', \"date\" /* t.date */ from t",
  })
  void quotesReservedWordsThatNameSomething(String sql, String rewritten) {
    assertThat(ReservedNames.quote(sql, Casing.TO_LOWER)).isEqualTo(rewritten);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "select t.date as Offset from t|select t.\"DATE\" as \"OFFSET\" from t",
  })
  void quotesInTheFlavoursFoldedCase(String sql, String rewritten) {
    assertThat(ReservedNames.quote(sql, Casing.TO_UPPER)).isEqualTo(rewritten);
  }
}

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

/**
 * Statements DuckDB refuses and PostgreSQL refuses too: Floe refuses them with PostgreSQL's
 * SQLSTATE and words, and answers their look-alikes that both databases take as DuckDB does.
 */
class PostgresRefusalsTest {
  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(
      table("t", new String[] {"id INTEGER PK", "i INTEGER", "v VARCHAR"}, csv("id,i,v", "1,42,5", "2,7,x")),
      table("u", new String[] {"id INTEGER PK", "i INTEGER", "b INTEGER"}, csv("id,i,b", "1,42,1", "2,8,2")));

  @Test void aConstantDividedByZeroFailsEvenWhereNoValueIsNeeded() {
    for (String sql : new String[] {"select count(5 % 0) from b.t", "select count(-5 % 0) from b.t",
        "select count(mod(5, 0)) from b.t", "select count(4 / 0) from b.t"}) {
      refused(sql, ErrorCode.DIVISION_BY_ZERO, "division by zero");
      assertThatThrownBy(() -> db.duck().query(sql)).as(sql).hasMessageContaining("by zero");
    }
    same("select count(i % 2), count(5 % 3) from b.t");
    // A column divided by zero fails only where a row computes it.
    same("select i % 0 from b.t where i < 0");
  }

  @Test void windowCopiesAsPostgreSqlTakesThem() {
    refused("select count(*) over (w order by i) from b.t window w as (partition by id order by i desc)",
        ErrorCode.WINDOWING_ERROR, "cannot override ORDER BY clause of window \"w\"");
    refused("select count(*) over (w partition by i) from b.t window w as (partition by id)",
        ErrorCode.WINDOWING_ERROR, "cannot override PARTITION BY clause of window \"w\"");
    refused("select sum(i) over (w) from b.t window w as (order by i rows between 1 preceding and 1 following)",
        ErrorCode.WINDOWING_ERROR, "cannot copy window \"w\" because it has a frame clause");
    refused("select count(*) over w from b.t window w as (base), base as (order by i)",
        ErrorCode.UNDEFINED_OBJECT, "window \"base\" does not exist");
    refused("select count(*) over w from b.t window w as (w)", ErrorCode.UNDEFINED_OBJECT,
        "window \"w\" does not exist");
    same("select id, count(*) over (w order by i) as c from b.t window w as (partition by id)");
    same("select id, count(*) over w as c from b.t window w as (order by i rows between 1 preceding and current row)");
    same("select id, count(*) over w as c from b.t window base as (order by i), "
        + "w as (base rows between 1 preceding and current row)");
  }

  @Test void textIsNotANumber() {
    refused("select i >= v from b.t", ErrorCode.FUNCTION_NOT_FOUND, "operator does not exist: integer >= text");
    refused("select 1::smallint + 1::varchar", ErrorCode.FUNCTION_NOT_FOUND,
        "operator does not exist: smallint + text");
    refused("select i > 1 from (values ('01')) t(i)", ErrorCode.FUNCTION_NOT_FOUND,
        "operator does not exist: text > integer");
    refused("select i from b.t union select v from b.t", ErrorCode.TYPE_MISMATCH,
        "UNION types integer and text cannot be matched");
    // A quoted literal takes the other operand's type.
    same("select i >= '5' as a, v = 'x' as c from b.t");
    same("select i from b.t union all select null");
  }

  @Test void namesBothSidesOfAJoinHave() {
    refused("select t.id from b.t, b.u where t.i = u.i group by id", ErrorCode.AMBIGUOUS_COLUMN,
        "column reference \"id\" is ambiguous");
    refused("select * from b.t join b.u using (id) join b.u u2 using (i)", ErrorCode.AMBIGUOUS_COLUMN,
        "common column name \"i\" appears more than once in left table");
    refused("select * from (values (1)) t1(i) join (values (1)) t2(i) on (t1.i=t2.i) natural join (values (1)) t3(i)",
        ErrorCode.AMBIGUOUS_COLUMN, "common column name \"i\" appears more than once in left table");
    same("select id from b.t join b.u using (id) group by id");
    same("select id, t.i from b.t join b.u using (id) join b.u u2 using (id)");
  }

  @Test void syntaxPostgreSqlDoesNotHave() {
    refused("select i from b.t order by -1", ErrorCode.INVALID_COLUMN_REFERENCE,
        "ORDER BY position -1 is not in select list");
    refused("select 1 = 1 = 1", ErrorCode.SYNTAX_ERROR, "syntax error at or near \"=\"");
    refused("select i 'hello world' from b.t", ErrorCode.UNDEFINED_TYPE, "type \"i\" does not exist");
    refused("select 1e308::real", ErrorCode.NUMERIC_OUT_OF_RANGE, "value out of range: overflow");
    same("select (i = 1) = (id = 1) as a, i = 42 and v = '5' as b from b.t");
    same("select i as \"hello world\" from b.t");
  }

  @Test void filterComesBeforeTheArguments() {
    String sql = "select count(distinct v::integer) filter (where v = '5') as c from b.t";
    assertThat(Rows.query(db.session(), sql)).isEqualTo(java.util.List.of(java.util.List.of(1L)));
    assertThatThrownBy(() -> db.duck().query(sql)).hasMessageContaining("Could not convert string 'x'");
    // Compared as text: DuckDB's sum of integers is a HUGEINT, Floe's a BIGINT.
    String filtered = "select id, sum(i * 2) filter (where i > 10) as s, count(*) filter (where i > 10) as c "
        + "from b.t group by id order by id";
    assertThat(Rows.query(db.session(), filtered).toString()).isEqualTo(db.duck().query(filtered).toString());
  }

  private static void refused(String sql, ErrorCode code, String message) {
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.code()).isEqualTo(code))
        .hasMessageContaining(message);
  }

  private static void same(String sql) {
    assertThat(Rows.query(db.session(), sql)).as(sql).containsExactlyInAnyOrderElementsOf(db.duck().query(sql));
  }
}

package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.session.EngineSession;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Plain statements that differ only in the literals of simple conditions share the plan of their
 * shape ({@link LiteralShape}); their answers are DuckDB's, and where a literal would not mean the
 * same as a parameter the statement is planned as written.
 */
class LiteralShapeTest {
  static final String[] T = {"id INTEGER PK", "qty INTEGER", "big BIGINT", "d DECIMAL(12,2)", "x DOUBLE",
      "s VARCHAR", "day DATE", "ts TIMESTAMP"};
  static final String TDATA = csv("id,qty,big,d,x,s,day,ts",
      "1,5,3000000000,1.50,2.5,a,2024-01-31,2024-01-01 10:00:00",
      "2,2,-4,3.25,,it's,2024-02-29,2024-01-01 00:00:00",
      "3,,7,0.10,1,,2023-12-31,",
      "4,-7,,-2.00,0.1,c,,2024-03-01 12:30:00",
      "5,0,5,0.00,-1.5,5,2024-03-01,2024-01-01 10:00:01");
  static final String[] U = {"uid INTEGER", "t_id INTEGER", "name VARCHAR"};
  static final String UDATA = csv("uid,t_id,name", "10,1,n1", "11,1,n2", "12,2,n1", "13,4,n2", "14,9,n1");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, TDATA), table("u", U, UDATA));

  /** The statement with each literal its shape lifts in parentheses, which the shape keeps. */
  static String asWritten(String sql) {
    LiteralShape shape = LiteralShape.of(sql).orElseThrow();
    StringBuilder b = new StringBuilder();
    String[] parts = shape.text().split("\\?", -1);
    for (int i = 0; i < parts.length; i++) {
      b.append(parts[i]);
      if (i < shape.literals().size()) {
        b.append('(').append(shape.literals().get(i).text()).append(')');
      }
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select id, s from b.t where id = 2",
      "select id from b.t where qty = -7",
      "select id from b.t where qty = - 7",
      "select id from b.t where qty > -1 and qty <= 5 order by id",
      "select id from b.t where qty<>5 order by id",
      "select id from b.t where qty != 5 order by id",
      "select id from b.t where big = 3000000000",
      "select id from b.t where big > 4 order by id",
      "select id from b.t where d = 3.25",
      "select id from b.t where d = 1.5",
      "select id from b.t where d = 1.50000",
      "select id from b.t where d < 1 order by id",
      "select id from b.t where d = -2",
      "select id from b.t where x = 2.5",
      "select id from b.t where x = 0.1",
      "select id from b.t where x >= 1 order by id",
      "select id from b.t where s = 'it''s'",
      "select id from b.t where s <> 'a' order by id",
      "select id from b.t where s = '5'",
      "select id from b.t where day = '2024-02-29'",
      "select id from b.t where day >= '2024-01-01' order by id",
      "select id from b.t where ts = '2024-01-01 10:00:00'",
      "select id from b.t where ts >= '2024-01-01' order by id",
      "select id from b.t where id in (1, 3, 4) order by id",
      "select id from b.t where s in ('a', 'c', 'it''s') order by id",
      "select id from b.t where id not in (1, 2) order by id",
      "select id from b.t where d in (1.5, 0, 2) order by id",
      "select id from b.t t where t.qty = 5",
      "select id from b.t where (id = 1 or id = 3) order by id",
      "select id from b.t where not id = 1 and qty is not null order by id",
      "select id from b.t where id = 1 or s = 'c' order by id",
      "select id from b.t where case when qty = 2 then true else false end",
      "select t.id, u.name from b.t join b.u on u.t_id = t.id and u.name = 'n1' order by 1",
      "select t.id, u.name from b.t join b.u on u.t_id = t.id where u.name = 'n2' and t.id > 1 order by 1",
      "select t.id, u.name from b.t left join b.u on u.t_id = t.id and u.name = 'n1' order by 1, 2",
      "select s, count(*) as n from b.t group by s having s = 'a'",
      "select qty, count(*) as n from b.t group by qty having qty > 0 order by qty",
      "select id from b.t where id in (select t_id from b.u where name = 'n2') order by id",
      "with w as (select * from b.t where qty >= 0) select id from w where id < 5 order by id",
      "select 5 as x, id from b.t where id = 5",
      "select id /* a comment */ from b.t where id = /* here */ 4 -- and there\n",
  })
  void liftedStatementsAnswerAsDuckDb(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.sql()).isEqualTo(sql);
    assertThat(plan.parameterTypes()).isEmpty();
    assertThat(plan.literals()).as("lifted: " + sql).isNotNull();
    assertThat(SqlCompatibilityTest.normalized(Rows.query(db.session(), sql)))
        .as("%s%n%s", sql, plan.planText())
        .isEqualTo(SqlCompatibilityTest.normalized(db.duck().query(sql)));
    // The same columns, names and types as the statement planned as written.
    PlannedStatement written = db.session().prepare(asWritten(sql));
    assertThat(written.literals()).isNull();
    assertThat(plan.columns()).isEqualTo(written.columns());
    assertThat(Rows.query(db.session(), sql)).isEqualTo(Rows.query(db.session(), asWritten(sql)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "select id, s from b.t where id = 2",
      "select id from b.t where s = 'it''s'",
      "select id from b.t where day = '2024-02-29'",
      "select id from b.t where id in (1, 3, 4) order by id",
      "select t.id, u.name from b.t join b.u on u.t_id = t.id and u.name = 'n1' order by 1",
      "select s, count(*) as n from b.t group by s having s = 'a'",
  })
  void simpleConditionsAreLifted(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.literals()).as(sql).isNotNull();
    assertThat(plan.isPushedDown()).isTrue();
    assertThat(plan.planText()).contains("?");
  }

  @Test void statementsDifferingInLiteralsArePlannedOnce() {
    QueryPlanner planner = db.floe().engine().planner();
    String shape = "select id, qty, s from b.t as once where id = %s";
    long before = planner.plansMade();
    assertThat(Rows.query(db.session(), shape.formatted("1"))).isEqualTo(List.of(List.of(1, 5, "a")));
    assertThat(planner.plansMade()).isEqualTo(before + 1);
    assertThat(Rows.query(db.session(), shape.formatted("2"))).isEqualTo(List.of(List.of(2, 2, "it's")));
    assertThat(Rows.query(db.session(), shape.formatted("4"))).isEqualTo(List.of(List.of(4, -7, "c")));
    assertThat(Rows.query(db.session(), shape.formatted("6"))).isEmpty();
    assertThat(Rows.query(db.session(), shape.formatted("-7"))).isEmpty();
    assertThat(planner.plansMade()).isEqualTo(before + 1);
    PlannedStatement one = db.session().prepare(shape.formatted("1"));
    PlannedStatement two = db.session().prepare(shape.formatted("2"));
    assertThat(one.execution()).isSameAs(two.execution());
    assertThat(one.literals().values()).containsExactly(1);
    assertThat(two.literals().values()).containsExactly(2);

    // Strings and dates too, and an IN list of the same length.
    before = planner.plansMade();
    for (String day : List.of("2024-01-31", "2024-02-29", "2023-12-31")) {
      String sql = "select id from b.t as once where day = '" + day + "' and s in ('a', 'it''s', '')";
      assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
    }
    assertThat(planner.plansMade()).isEqualTo(before + 1);
  }

  @Test void aLiftedStatementTakesNoParameters() {
    PlannedStatement plan = db.session().prepare("select id from b.t where id = 3");
    assertThatThrownBy(() -> db.session().execute(plan, List.of(4)))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    assertThat(Rows.all(db.session().execute(plan, List.of()).cursor())).isEqualTo(List.of(List.of(3)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // A literal that is not exactly a value of the column's type.
      "select id from b.t where qty = 1.5",
      "select id from b.t where qty < 2.5 order by id",
      "select id from b.t where qty = 5.0",
      "select id from b.t where qty = 3000000000",
      "select id from b.t where d = 1.505",
      "select id from b.t where d > 0.099 order by id",
      "select id from b.t where id in (1, 2.5) order by id",
      "select id from b.t where x = 1e0",
      // A number compared with text, a string with a number: as written.
      "select id from b.t where qty = '5'",
      "select id from b.t where s = 'a '",
      // Not a condition of a column on a literal.
      "select id from b.t where 1 = 1 order by id",
      "select id from b.t where 5 = qty",
      "select id from b.t where qty + 1 = 6",
      "select id from b.t where qty = 5 + 0",
      "select id from b.t where qty = null",
      "select id from b.t where qty = -(-5)",
      "select id from b.t where day = date '2024-02-29'",
      "select id from b.t where day = '2024-02-29'::date",
      "select id from b.t where s like 'a%'",
      "select id from b.t where id between 2 and 4 order by id",
      "select date_trunc('month', ts) as m from b.t where id = 1",
      // Literals outside conditions stay.
      "select 5 as x from b.t where id = 5",
      "select id, qty = 5 as five from b.t order by 1",
      "select id from b.t order by 1 limit 2",
      "select id from b.t order by id limit 2 offset 1",
      "select s, count(*) as n from b.t group by 1 order by 1",
      "select cast(d as decimal(12,1)) as c from b.t where id = 2",
      "select count(*) filter (where qty = 5) as n from b.t",
      "select id, case when qty = 2 then 'two' else 'other' end as k from b.t order by id",
      "select id, (select count(*) from b.u where u.t_id = t.id and name = 'n1') as n from b.t order by id",
  })
  void othersAnswerAsDuckDb(String sql) {
    assertThat(SqlCompatibilityTest.normalized(Rows.query(db.session(), sql)))
        .as("%s%n%s", sql, db.session().prepare(sql).planText())
        .isEqualTo(SqlCompatibilityTest.normalized(db.duck().query(sql)));
  }

  @Test void whatALiteralMeansDecidesWhetherItIsLifted() {
    assertThat(db.session().prepare("select id from b.t where qty = 1.5").literals()).isNull();
    assertThat(Rows.query(db.session(), "select id from b.t where qty = 1.5")).isEmpty();
    assertThat(db.session().prepare("select id from b.t where qty = 1.0").literals().values()).containsExactly(1);
    // Text compared with a number is refused, as in PostgreSQL (nothing to lift).
    assertThatThrownBy(() -> db.session().prepare("select id from b.t where s = 5"))
        .hasMessageContaining("operator does not exist: text = integer");
    assertThat(db.session().prepare("select id from b.t where d = 1.505").literals()).isNull();
    assertThat(db.session().prepare("select id from b.t where 1 = 1").literals()).isNull();
    assertThat(db.session().prepare("select 5 as x from b.t where id = 5").literals().values()).containsExactly(5);
    assertThat(db.session().prepare("select id, qty = 5 as five from b.t").literals()).isNull();
    assertThat(db.session().prepare("select id from b.t order by 1 limit 2").literals()).isNull();
    assertThat(db.session().prepare("select id from b.t where id = ?").literals()).isNull();
    assertThat(LiteralShape.of("select id from b.t where id = $1 and qty = 5")).isEmpty();
    assertThat(LiteralShape.of("select id from b.t where id = 1;")).isEmpty();
  }

  @Test void anInvalidDateFailsAsWritten() {
    String lifted = "select id from b.t where day = '2024-02-30'";
    String written = "select id from b.t where day = ('2024-02-30')";
    FloeException asWritten = catchFloe(written);
    FloeException shaped = catchFloe(lifted);
    assertThat(shaped.sqlState()).isEqualTo(asWritten.sqlState());
    assertThat(shaped.code()).isEqualTo(asWritten.code());
    // A valid date of the same shape still answers.
    assertThat(Rows.query(db.session(), "select id from b.t where day = '2024-03-01'")).isEqualTo(List.of(List.of(5)));
  }

  private static FloeException catchFloe(String sql) {
    try {
      Rows.query(db.session(), sql);
    } catch (FloeException e) {
      return e;
    }
    throw new AssertionError("no error: " + sql);
  }

  @Test void theSnowflakeFlavourLiftsToo() {
    EngineSession snow = db.floe().engine().openSession(db.session().principal(), "test", SqlFlavor.SNOWFLAKE);
    try {
      String sql = "select id, s from b.t where id = 4";
      PlannedStatement plan = snow.prepare(sql);
      assertThat(plan.literals()).isNotNull();
      assertThat(plan.columns()).isEqualTo(snow.prepare(asWritten(sql)).columns());
      assertThat(Rows.query(snow, sql)).isEqualTo(List.of(List.of(4, "c")));
    } finally {
      snow.close();
    }
  }

  @Test void shapesOfStatementsThatAreNotPlainSelectsAreNone() {
    assertThat(LiteralShape.of("explain select * from b.t where id = 1")).isEmpty();
    assertThat(LiteralShape.of("describe select * from b.t where id = 1")).isEmpty();
    assertThat(LiteralShape.of("delete from t where id = 1")).isEmpty();
    assertThat(LiteralShape.of("create table x as select * from b.t where id = 1")).isEmpty();
    assertThat(LiteralShape.of("select 1 where id = 1; select 2")).isEmpty();
    assertThat(LiteralShape.of("select * from b.t where id = 1").orElseThrow().text())
        .isEqualTo("select * from b.t where id = ?");
    assertThat(LiteralShape.of("select * from t where a = -5 and b in ('x', 'y''z') and c = 2.5")
        .orElseThrow().literals().stream().map(LiteralShape.Literal::text).toList())
        .containsExactly("-5", "'x'", "'y''z'", "2.5");
    assertThat(LiteralShape.of("select distinct on (a) a, b = 5 from t")).isEmpty();
    assertThat(LiteralShape.of("select (select max(a) from u where u.b = 5) from t")).isEmpty();
    assertThat(LiteralShape.of("select a from t where b between 0 and c = 2")).isEmpty();
    assertThat(LiteralShape.of("select a from t where b = 0 and c between 1 and 2").orElseThrow().text())
        .isEqualTo("select a from t where b = ? and c between 1 and 2");
  }
}

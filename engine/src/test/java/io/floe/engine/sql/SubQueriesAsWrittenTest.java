package io.floe.engine.sql;

import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.session.EngineSession;
import io.floe.engine.testing.ReferenceDuckDb;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements whose sub-queries Calcite cannot rewrite into joins correctly go to DuckDB as written:
 * each runs as one DuckDB statement and answers as DuckDB does, or fails with the statement's own
 * error, never with a refusal of the rewrite.
 */
class SubQueriesAsWrittenTest {
  static final String[] G = {"id INTEGER PK", "i INTEGER", "j INTEGER", "d DECIMAL(10,2)",
      "dt DATE", "bo BOOLEAN"};
  static final String G1 = csv("id,i,j,d,dt,bo", "1,1,1,1.50,2020-01-01,true", "2,,1,2.00,2021-02-03,false",
      "3,2,,,,true", "4,3,2,0.00,2020-05-05,", "5,,,3.25,,true");
  static final String G2 = csv("id,i,j,d,dt,bo", "1,1,1,1.50,2020-01-01,true", "2,,1,2.00,2021-02-03,true",
      "3,2,,,,true", "4,3,2,0.00,2020-05-05,", "5,4,2,1.00,2022-01-01,true");

  static final String[] L = {"a INTEGER", "x INTEGER"};
  static final String LDATA = csv("a,x", "1,10", "1,11", "2,20", "3,30");
  static final String[] R = {"b INTEGER", "y INTEGER"};
  static final String RDATA = csv("b,y", "10,100", "20,200", "30,300", "40,400");
  static final String[] S = {"a INTEGER", "b INTEGER"};
  static final String SDATA = csv("a,b", "1,10", "1,20", "2,20", ",30", "3,");

  static TestEngine floe;
  static ReferenceDuckDb duck;
  static EngineSession session;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    String token = floe.createProject("p");
    floe.createBucket("p", "b");
    floe.createTable("p", "b", "g1", G);
    floe.createTable("p", "b", "g2", G);
    floe.importCsv("p", "b", "g1", G1, false);
    floe.importCsv("p", "b", "g2", G2, false);
    for (String[] t : new String[][] {{"l", LDATA}, {"r", RDATA}, {"s", SDATA}}) {
      String[] columns = t[0].equals("l") ? L : t[0].equals("r") ? R : S;
      floe.createTable("p", "b", t[0], columns);
      floe.importCsv("p", "b", t[0], t[1], false);
    }
    duck = new ReferenceDuckDb();
    duck.table("b", "g1", G1, G);
    duck.table("b", "g2", G2, G);
    duck.table("b", "l", LDATA, L);
    duck.table("b", "r", RDATA, R);
    duck.table("b", "s", SDATA, S);
    session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
  }

  @AfterAll static void tearDown() {
    session.close();
    duck.close();
    floe.close();
  }

  private static void assertSameAsDuckDb(String sql) {
    PlannedStatement plan = session.prepare(sql);
    assertThat(plan.isPushedDown()).as("plan of %s:%n%s", sql, plan.planText()).isTrue();
    assertThat(Rows.query(session, sql)).as(sql).isEqualTo(duck.query(sql));
  }

  /**
   * A join Calcite finds empty while converting ({@code 1 BETWEEN a.id AND 0.1}) becomes an empty
   * VALUES whose columns keep their types in DuckDB's SQL, so functions over them still resolve.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "select extract(year from a.dt) = b.d as c1, (a.i, a.j) not in (select x.i, x.j from b.g2 x "
          + "where x.id >= x.d) as c2 from b.g1 a join b.g2 b on a.id = b.id and 1 between a.id and 0.1",
      "select a.id, extract(month from a.dt) as m, a.i in (select x.i from b.g2 x where x.j = a.j) as c "
          + "from b.g1 a where a.id > 3 and a.id < 2",
  })
  void anEmptyInputKeepsItsColumnTypes(String sql) {
    assertSameAsDuckDb(sql);
  }

  /**
   * A LATERAL derived table whose query holds sub-queries goes to DuckDB as a lateral join, its
   * sub-queries as written, where Calcite's rewrite into joins fails: inner and left, with and
   * without a condition, nested, over aggregates, windows and limits, and reading a column of a
   * table two levels out.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "select o.x, q.a, q.b from b.l o left join lateral (select l.a, r.b from b.l l left join b.r r "
          + "on exists (select 1 from b.s s where s.a = l.a and s.b = r.b and s.a = o.a) "
          + "where l.x = o.x) q on true order by 1, 2, 3",
      "select o.x, q.a, q.b from b.l o left join lateral (select l.a, r.b from b.l l full join b.r r "
          + "on exists (select 1 from b.s s where s.a = l.a and s.b = r.b and s.a = o.a) "
          + "where l.x = o.x) q on true order by 1, 2, 3",
      "select o.x, q.a, q.b from b.l o left join lateral (select l.a, r.b from b.l l left join b.r r "
          + "on l.a = o.a and r.b in (select s.b from b.s s where s.a = l.a) where l.x = o.x) q on true "
          + "order by 1, 2, 3",
      "select o.b, q.a, q.x, q.b from b.r o left join lateral (with c as (select b from b.r where r.b = o.b) "
          + "select l.a, l.x, c.b from b.l l right join c on exists (select 1 from b.s s where s.a = l.a "
          + "and s.b = c.b)) q on true order by 1, 2, 3, 4",
      "select l.a, l.x, q.b, q.y from b.l l left join lateral (select r.b, r.y from b.r r where r.b > l.x "
          + "and exists (select 1 from b.s s where s.b = r.b)) q on q.y > 150 order by 1, 2, 3, 4",
      "select l.a, l.x, q.b from b.l l join lateral (select r.b from b.r r where r.b > l.x "
          + "and r.b in (select s.b from b.s s where s.a = l.a)) q on q.b < 40 order by 1, 2, 3",
      "select l.a, l.x, q.n from b.l l, lateral (select count(*) as n from b.r r where r.b > l.x "
          + "and not exists (select 1 from b.s s where s.b = r.b)) q order by 1, 2, 3",
      "select l.a, l.x, q.b from b.l l left join lateral (select r.b from b.r r where r.b >= l.x "
          + "and (select max(s.a) from b.s s where s.b = r.b) is not null order by r.b desc limit 1) q "
          + "on true order by 1, 2, 3",
      "select o.a, q.a, q.b from b.s o, lateral (select l.a, z.b from b.l l, lateral (select r.b "
          + "from b.r r where r.b = l.x + o.b - 10 and exists (select 1 from b.s s where s.a = l.a)) z) q "
          + "order by 1, 2, 3",
      "select l.a, q.rn from b.l l left join lateral (select row_number() over (order by r.b) as rn "
          + "from b.r r where r.b > l.x and r.b in (select b from b.s)) q on q.rn = 1 order by 1, 2",
      "select null as n from (select 42 as c1) as ref, lateral (select null from (select null) as r2, "
          + "(select (select (select ref.c1))) as r3) as r4",
  })
  void aLateralTableWithSubQueriesRunsAsWritten(String sql) {
    assertSameAsDuckDb(sql);
  }

  /** A sub-query that is a join's whole ON condition is a scalar sub-query of both inputs. */
  @ParameterizedTest
  @ValueSource(strings = {
      "select * from b.l s1 join b.l s2 on (select s1.x = s2.x) order by 1, 2, 3, 4",
      "select * from b.l s1 join b.l s2 on (select s1.a = a from b.l where s2.x = x) order by 1, 2, 3, 4",
      "select * from b.l s1 left join b.l s2 on (select case when s1.x + s2.x > 25 then true else false end) "
          + "order by 1, 2, 3, 4",
      "select * from b.l s1 left join b.s s2 on (select s1.a = s2.a where s2.b > 10) "
          + "order by 1, 2, 3, 4",
  })
  void aSubQueryThatIsAJoinConditionReadsBothInputs(String sql) {
    assertSameAsDuckDb(sql);
  }

  /**
   * A division by a zero constant fails as PostgreSQL fails it, while planning, also in a statement
   * whose sub-queries only DuckDB can run: the error is the division's, not a refusal.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "select a.j / 0 as c1, a.i in (select x.i from b.g2 x where x.bo and x.j = a.j) as c2 from b.g1 a",
      "select avg(1.5e0 / 0) as v from b.g1 a where a.i not in (select x.i from b.g2 x where x.j = a.j)",
  })
  void aDivisionByZeroIsTheError(String sql) {
    assertThatThrownBy(() -> session.prepare(sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.DIVISION_BY_ZERO));
  }
}

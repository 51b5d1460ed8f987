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
    duck = new ReferenceDuckDb();
    duck.table("b", "g1", G1, G);
    duck.table("b", "g2", G2, G);
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

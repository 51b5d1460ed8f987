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
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queries over DuckDB tables run as one DuckDB statement, and give DuckDB's own answers. Each test
 * asserts the plan and the rows together.
 */
class PushdownTest {
  static final String[] ORDERS = {"id INTEGER PK", "customer_id INTEGER", "amount DECIMAL(38,10)",
      "ordered_at TIMESTAMP", "region VARCHAR"};
  static final String ORDERS_CSV = csv(
      "id,customer_id,amount,ordered_at,region",
      "1,10,1234567890123456789012345678.1234567890,2024-01-01 10:00:00.123456,EU",
      "2,10,0.0000000001,2024-01-01 10:00:00.123455,EU",
      "3,20,99999999999999999999999999.9999999999,2024-02-29 23:59:59.999999,US",
      "4,30,-5.5,2024-03-01 00:00:00,US",
      "5,30,,2024-03-02 12:30:00.000001,");
  static final String[] CUSTOMERS = {"id INTEGER PK", "name VARCHAR", "country VARCHAR"};
  static final String CUSTOMERS_CSV = csv("id,name,country", "10,Alice,CZ", "20,Bob,DE", "30,Carol,CZ");

  static TestEngine floe;
  static ReferenceDuckDb duck;
  static EngineSession session;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    String token = floe.createProject("p1");
    floe.createBucket("p1", "in_c_sales");
    floe.createTable("p1", "in_c_sales", "orders", ORDERS);
    floe.createTable("p1", "in_c_sales", "customers", CUSTOMERS);
    floe.importCsv("p1", "in_c_sales", "orders", ORDERS_CSV, false);
    floe.importCsv("p1", "in_c_sales", "customers", CUSTOMERS_CSV, false);
    duck = new ReferenceDuckDb();
    duck.table("in_c_sales", "orders", ORDERS_CSV, ORDERS);
    duck.table("in_c_sales", "customers", CUSTOMERS_CSV, CUSTOMERS);
    session = floe.engine().openSession(floe.principal(token), "test", SqlFlavor.POSTGRES);
  }

  @AfterAll static void tearDown() {
    session.close();
    duck.close();
    floe.close();
  }

  /** Asserts the statement is pushed down whole and returns the same rows as DuckDB. */
  private static void assertSameAsDuckDb(String sql) {
    PlannedStatement plan = session.prepare(sql);
    assertThat(plan.isPushedDown()).as("plan of %s:%n%s", sql, plan.planText()).isTrue();
    assertThat(plan.planText()).startsWith("JdbcToEnumerableConverter");
    assertThat(plan.planText()).doesNotContain("Enumerable" + "HashJoin", "EnumerableAggregate",
        "EnumerableWindow", "EnumerableSort", "EnumerableCalc");
    assertThat(Rows.query(session, sql)).isEqualTo(duck.query(sql));
  }

  @Test void joinAndAggregateRunAsOneDuckDbStatement() {
    assertSameAsDuckDb("select c.country, count(*) as n, sum(o.amount) as total, min(o.ordered_at) as first "
        + "from in_c_sales.orders o join in_c_sales.customers c on o.customer_id = c.id "
        + "where o.region is not null group by c.country order by c.country");
  }

  /**
   * Correlated sub-queries reach DuckDB as written (DuckDB decorrelates them itself, better than
   * Calcite's rewrite into joins over aggregates), and uncorrelated ones too.
   */
  @Test void subQueriesArePushedDownAsWritten() {
    String exists = "select c.name from in_c_sales.customers c where exists (select 1 from "
        + "in_c_sales.orders o where o.customer_id = c.id and o.amount > 0) order by c.name";
    assertSameAsDuckDb(exists);
    assertThat(session.prepare(exists).planText()).contains("EXISTS (SELECT");
    String scalar = "select o.id from in_c_sales.orders o where o.amount >= (select avg(o2.amount) "
        + "from in_c_sales.orders o2 where o2.region = o.region) order by o.id";
    assertSameAsDuckDb(scalar);
    assertThat(session.prepare(scalar).planText()).contains("(SELECT AVG(");
    String notIn = "select c.name from in_c_sales.customers c where c.id not in (select customer_id "
        + "from in_c_sales.orders where region = 'US' and customer_id is not null) order by 1";
    assertSameAsDuckDb(notIn);
    String notExistsUnderJoin = "select c.name, count(*) from in_c_sales.customers c join "
        + "in_c_sales.orders o on o.customer_id = c.id where not exists (select 1 from "
        + "in_c_sales.orders o2 where o2.customer_id = c.id and o2.id <> o.id and o2.region = o.region) "
        + "group by c.name order by 1";
    assertSameAsDuckDb(notExistsUnderJoin);
    assertThat(session.prepare(notExistsUnderJoin).planText()).doesNotContain("?");
  }

  @Test void windowFunctionsArePushedDown() {
    assertSameAsDuckDb("select id, region, amount, "
        + "row_number() over (partition by region order by amount desc) as rn, "
        + "sum(amount) over (partition by region) as region_total "
        + "from in_c_sales.orders order by id");
  }

  @Test void sortAndLimitArePushedDown() {
    assertSameAsDuckDb("select id, amount from in_c_sales.orders order by amount desc nulls last limit 2");
  }

  @Test void decimal38SumsAreExact() {
    String sql = "select sum(amount) as total from in_c_sales.orders";
    assertSameAsDuckDb(sql);
    BigDecimal expected = new BigDecimal("1234567890123456789012345678.1234567890")
        .add(new BigDecimal("0.0000000001"))
        .add(new BigDecimal("99999999999999999999999999.9999999999"))
        .add(new BigDecimal("-5.5"));
    assertThat((BigDecimal) Rows.query(session, sql).get(0).get(0)).isEqualByComparingTo(expected);
    assertThat(session.prepare(sql).columns().get(0).type().precision()).isEqualTo(38);
    assertThat(session.prepare(sql).columns().get(0).type().scale()).isEqualTo(10);
  }

  @Test void microsecondTimestampsSurviveAndCompareExactly() {
    String sql = "select id, ordered_at from in_c_sales.orders "
        + "where ordered_at > TIMESTAMP '2024-01-01 10:00:00.123455' order by id";
    assertSameAsDuckDb(sql);
    List<List<Object>> rows = Rows.query(session, sql);
    assertThat(rows.get(0)).containsExactly(1, LocalDateTime.parse("2024-01-01T10:00:00.123456"));
    assertThat(rows).hasSize(4);
  }

  @Test void unquotedNamesMatchInAnyCase() {
    assertThat(Rows.query(session, "SELECT ID FROM IN_C_SALES.ORDERS WHERE ID = 1"))
        .containsExactly(List.of(1));
    assertThat(Rows.query(session, "select id from In_C_Sales.Orders where id = 1"))
        .containsExactly(List.of(1));
    assertThat(Rows.query(session, "select \"id\" from \"in_c_sales\".\"orders\" where \"id\" = 1"))
        .containsExactly(List.of(1));
  }

  @Test void quotedNamesAreExact() {
    assertThatThrownBy(() -> session.prepare("select * from \"IN_C_SALES\".\"ORDERS\""))
        .isInstanceOf(FloeException.class)
        .satisfies(e -> assertThat(((FloeException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThatThrownBy(() -> session.prepare("select \"ID\" from in_c_sales.orders"))
        .isInstanceOf(FloeException.class)
        .satisfies(e -> assertThat(((FloeException) e).code()).as(e.getMessage())
            .isEqualTo(ErrorCode.COLUMN_NOT_FOUND));
  }

  @Test void parametersBindInPushedDownStatements() {
    String sql = "select id from in_c_sales.orders where region = ? and amount > ? order by id";
    PlannedStatement plan = session.prepare(sql);
    assertThat(plan.isPushedDown()).isTrue();
    assertThat(Rows.query(session, sql, "US", new BigDecimal("-10"))).containsExactly(List.of(3), List.of(4));
  }

  @Test void syntaxErrorsCarrySqlState42601() {
    assertThatThrownBy(() -> session.prepare("selec 1"))
        .isInstanceOf(FloeException.class)
        .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42601"));
  }

  /**
   * An outer join on a condition that is never true, with ORDER BY, runs in DuckDB and keeps its
   * order (Calcite's removal of the sort over an input it found sorted failed to plan).
   */
  @Test void anOuterJoinOnFalseKeepsItsOrder() {
    for (String condition : List.of("1 = 2", "null <> null", "true and o.customer_id = c.id and false")) {
      assertSameAsDuckDb("select o.id, c.name from in_c_sales.orders o left join in_c_sales.customers c "
          + "on " + condition + " order by o.id desc");
    }
  }
}

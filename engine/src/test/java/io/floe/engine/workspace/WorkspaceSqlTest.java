package io.floe.engine.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.sql.QueryResult;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.PlannedStatement;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.TestEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL inside a workspace, through engine sessions: project tables read-only, the workspace's own
 * tables and views read-write, joins of both pushed down as one DuckDB statement.
 */
class WorkspaceSqlTest {
  static TestEngine floe;
  static String key;
  static CreatedWorkspace ws;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    key = floe.createProject("p1");
    floe.createBucket("p1", "in_c_sales");
    floe.createTable("p1", "in_c_sales", "orders", "id INTEGER PK", "customer_id INTEGER",
        "amount DECIMAL(12,2)");
    floe.importCsv("p1", "in_c_sales", "orders",
        TestEngine.csv("id,customer_id,amount", "1,10,5.50", "2,10,4.50", "3,20,7.00"), false);
    ws = floe.engine().workspaces().create(floe.principal(key), "p1", null, "test", null, null,
        List.of());
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static EngineSession session() {
    Principal p = floe.engine().workspaces().principal(ws.workspace().id());
    return floe.engine().openSession(p, "test", SqlFlavor.POSTGRES);
  }

  static List<List<Object>> rows(EngineSession s, String sql) {
    QueryResult r = s.execute(sql, List.of());
    List<List<Object>> out = new ArrayList<>();
    try (RowCursor c = r.cursor()) {
      while (c.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 0; i < c.columns().size(); i++) {
          row.add(c.get(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test void createInsertUpdateDeleteAndJoinWithProjectTable() {
    try (EngineSession s = session()) {
      assertThat(s.execute("create table customers (id int primary key, name varchar(20) not null)",
          List.of()).command()).isEqualTo("CREATE TABLE");
      QueryResult insert = s.execute("insert into customers values (10, 'Alice'), (20, 'Bob')", List.of());
      assertThat(insert.updateCount()).isEqualTo(2);
      assertThat(insert.command()).isEqualTo("INSERT");
      assertThat(s.execute("update customers set name = 'Bobby' where id = 20", List.of()).updateCount())
          .isEqualTo(1);
      PlannedStatement join = s.prepare("select c.name, sum(o.amount) from in_c_sales.orders o "
          + "join customers c on c.id = o.customer_id group by c.name order by c.name");
      assertThat(join.isPushedDown()).isTrue();
      assertThat(join.planText()).contains("JdbcToEnumerableConverter");
      assertThat(rows(s, join.sql())).containsExactly(
          List.of("Alice", new java.math.BigDecimal("10.00")),
          List.of("Bobby", new java.math.BigDecimal("7.00")));
      assertThat(s.execute("delete from customers where id = 10", List.of()).updateCount()).isEqualTo(1);
      assertThat(rows(s, "select count(*) from public.customers")).containsExactly(List.of(1L));
      assertThat(s.execute("drop table customers", List.of()).command()).isEqualTo("DROP TABLE");
    }
  }

  @Test void writesToProjectDataFailWith42501() {
    try (EngineSession s = session()) {
      for (String sql : List.of("insert into in_c_sales.orders values (9, 9, 1)",
          "update in_c_sales.orders set amount = 0", "delete from in_c_sales.orders",
          "drop table in_c_sales.orders", "create table in_c_sales.x (a int)")) {
        assertThatThrownBy(() -> s.execute(sql, List.of())).as(sql)
            .isInstanceOf(FloeException.class)
            .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42501"));
      }
    }
    assertThat(rows(floe.engine().openSession(floe.principal(key), "t", SqlFlavor.POSTGRES),
        "select count(*) from in_c_sales.orders")).containsExactly(List.of(3L));
  }

  @Test void projectTokensCannotRunDdl() {
    try (EngineSession s = floe.engine().openSession(floe.principal(key), "t", SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> s.execute("create table x (a int)", List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42501"));
    }
  }

  @Test void createTableAsAndViews() {
    try (EngineSession s = session()) {
      QueryResult ctas = s.execute("create table big as select id, amount from in_c_sales.orders "
          + "where amount > 5", List.of());
      assertThat(ctas.updateCount()).isEqualTo(2);
      assertThat(ctas.command()).isEqualTo("SELECT");
      s.execute("create view v_big as select id, amount * 2 as double_amount from big", List.of());
      assertThat(rows(s, "select id from v_big order by id")).containsExactly(List.of(1), List.of(3));
      PlannedStatement viaView = s.prepare("select count(*) from v_big join in_c_sales.orders o on o.id = v_big.id");
      assertThat(viaView.isPushedDown()).isTrue();
      assertThatThrownBy(() -> s.execute("insert into v_big values (1, 2)", List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.execute("drop table v_big", List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42809"));
      s.execute("drop view v_big", List.of());
      s.execute("drop table if exists big", List.of());
      s.execute("drop table if exists big", List.of());
      assertThatThrownBy(() -> s.execute("drop table big", List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42P01"));
    }
  }

  /** A view's query gives aggregates and outer references in sub-queries their SQL level. */
  @Test void viewsGiveAggregatesInSubQueriesTheirLevel() {
    try (EngineSession s = session()) {
      // PostgreSQL: one row, the sum over orders (not one per order).
      s.execute("create view v_outer_sum as select (select sum(o.amount)) as s "
          + "from in_c_sales.orders o", List.of());
      assertThat(rows(s, "select * from v_outer_sum")).containsExactly(List.of(
          new java.math.BigDecimal("17.00")));
      s.execute("create view v_outer_count as select (select count(*) filter (where o.id > 1)) "
          + "as c from in_c_sales.orders o", List.of());
      assertThat(rows(s, "select * from v_outer_count")).containsExactly(List.of(2L));
      s.execute("create view v_outer_col as select id, (select max(amount) + o.id "
          + "from in_c_sales.orders) as m from in_c_sales.orders o", List.of());
      assertThat(rows(s, "select m from v_outer_col order by id")).containsExactly(
          List.of(new java.math.BigDecimal("8.00")), List.of(new java.math.BigDecimal("9.00")),
          List.of(new java.math.BigDecimal("10.00")));
      s.execute("drop view v_outer_sum", List.of());
      s.execute("drop view v_outer_count", List.of());
      s.execute("drop view v_outer_col", List.of());
    }
  }

  /**
   * INSERT and UPDATE do not rewrite sub-queries: an outer aggregate is refused, not computed per
   * row; CREATE TABLE AS gives it its level.
   */
  @Test void outerAggregatesInDmlAreRefused() {
    try (EngineSession s = session()) {
      s.execute("create table outer_sums (x decimal(12,2))", List.of());
      for (String sql : List.of(
          "insert into outer_sums select (select sum(o.amount)) from in_c_sales.orders o",
          "update outer_sums set x = (select sum(outer_sums.x))")) {
        assertThatThrownBy(() -> s.execute(sql, List.of())).as(sql)
            .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("0A000"))
            .hasMessageContaining("outer query's columns");
      }
      assertThat(rows(s, "select count(*) from outer_sums")).containsExactly(List.of(0L));
      s.execute("drop table outer_sums", List.of());
      // CREATE TABLE AS plans its query as a statement: the outer aggregate is one row.
      s.execute("create table outer_ctas as select (select sum(o.amount)) as s "
          + "from in_c_sales.orders o", List.of());
      assertThat(rows(s, "select * from outer_ctas")).containsExactly(List.of(
          new java.math.BigDecimal("17.00")));
      s.execute("drop table outer_ctas", List.of());
    }
  }

  /** A view's query is read as a statement is: PostgreSQL's intervals and date parts. */
  @Test void viewsReadIntervalsAndDatePartsAsStatementsDo() {
    try (EngineSession s = session()) {
      s.execute("create view v_due as select id, date '2024-01-31' + interval '1 month 2 days' as due, "
          + "extract(microseconds from timestamp '2024-01-01 00:00:01.5') as us, "
          + "date_part(f, timestamp '2024-05-06 07:08:09') as part, '90 minutes'::interval as span "
          + "from (select id, 'month' as f from in_c_sales.orders) o", List.of());
      assertThat(rows(s, "select due, us, part, span from v_due where id = 1")).containsExactly(
          List.of(java.time.LocalDate.of(2024, 3, 2), 1_500_000L, 5.0, "01:30:00"));
      s.execute("drop view v_due", List.of());
    }
  }

  /**
   * A view's query goes through the same rewrites as a statement's: date differences, float
   * modulo, grouping sets, session functions, count() and constant group keys give in a view what
   * they give in the statement it was made of.
   */
  @Test void viewsAnswerAsTheStatementTheyWereMadeOf() {
    String query = "select id, date '2024-03-01' - date '2024-01-01' as days, "
        + "cast(amount as double precision) % 2.5 as m, current_user = 'x' as me, "
        + "count(*) over () as n from in_c_sales.orders";
    String grouped = "select customer_id, 1 as one, count(*) as n from in_c_sales.orders "
        + "group by rollup(customer_id), 2";
    try (EngineSession s = session()) {
      s.execute("create view v_same as " + query, List.of());
      s.execute("create view v_grouped as " + grouped, List.of());
      assertThat(rows(s, "select * from v_same order by id"))
          .isEqualTo(rows(s, query + " order by id"));
      assertThat(rows(s, "select * from v_grouped order by customer_id nulls last"))
          .isEqualTo(rows(s, grouped + " order by customer_id nulls last"));
      s.execute("drop view v_same", List.of());
      s.execute("drop view v_grouped", List.of());
    }
  }

  /** 3^11 = 177 147 rows: more than one DuckDB row group, so the write reaches the file at once. */
  static final String MANY_ROWS = "select a.id from in_c_sales.orders a, in_c_sales.orders b, "
      + "in_c_sales.orders c, in_c_sales.orders d, in_c_sales.orders e, in_c_sales.orders f, "
      + "in_c_sales.orders g, in_c_sales.orders h, in_c_sales.orders i, in_c_sales.orders j, "
      + "in_c_sales.orders k";

  @Test void aWriteThatGoesOverTheSizeLimitIsRolledBack() {
    CreatedWorkspace tiny = floe.engine().workspaces().create(floe.principal(key), "p1", null,
        "tiny", null, 0.0001, List.of());
    Principal p = floe.engine().workspaces().principal(tiny.workspace().id());
    try (EngineSession s = floe.engine().openSession(p, "t", SqlFlavor.POSTGRES)) {
      s.execute("create table t (a int)", List.of());
      assertThatThrownBy(() -> s.execute("insert into t " + MANY_ROWS, List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("53100"))
          .hasMessageContaining("size limit").hasMessageContaining("rolled back");
      assertThat(rows(s, "select count(*) from t")).as("nothing of it stays").containsExactly(List.of(0L));
      assertThatThrownBy(() -> s.execute("create table big as " + MANY_ROWS, List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("53100"));
      assertThatThrownBy(() -> s.execute("select * from big", List.of()))
          .as("the table CREATE TABLE AS made is gone again")
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42P01"));
      assertThat(s.execute("insert into t values (1), (2)", List.of()).updateCount())
          .as("small writes still fit").isEqualTo(2);
      assertThat(rows(s, "select count(*) from in_c_sales.orders")).as("reads still work")
          .containsExactly(List.of(3L));
    }
    floe.engine().workspaces().drop(floe.principal(key), "p1", null, tiny.workspace().id());
  }

  @Test void otherWorkspacesAreInvisible() {
    CreatedWorkspace other = floe.engine().workspaces().create(floe.principal(key), "p1", null,
        "other", null, null, List.of());
    try (EngineSession s = session()) {
      s.execute("create table mine (a int)", List.of());
    }
    Principal p = floe.engine().workspaces().principal(other.workspace().id());
    try (EngineSession s = floe.engine().openSession(p, "t", SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> s.execute("select * from mine", List.of()))
          .satisfies(e -> assertThat(((FloeException) e).sqlState()).isEqualTo("42P01"));
    }
    floe.engine().workspaces().drop(floe.principal(key), "p1", null, other.workspace().id());
  }
}

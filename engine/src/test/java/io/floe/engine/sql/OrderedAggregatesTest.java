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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ORDER BY among an aggregate's arguments, as PostgreSQL and DuckDB take it: kept where the answer
 * depends on the order ({@code mode}, {@code any_value}, {@code string_agg}, a sum of doubles),
 * dropped where it cannot ({@code count}, {@code min}, {@code max}); PostgreSQL's ordered-set
 * {@code mode() WITHIN GROUP (ORDER BY x)}; refused among a window function's arguments.
 */
class OrderedAggregatesTest {
  static final String[] V = {"id INTEGER", "g INTEGER", "v VARCHAR", "ord INTEGER", "keep BOOLEAN",
      "n DOUBLE"};
  static final String VDATA = csv("id,g,v,ord,keep,n",
      "1,1,a,4,true,9007199254740992", "2,1,b,3,true,1", "3,1,b,5,false,1", "4,1,a,,true,0",
      "5,2,c,1,true,2.5", "6,2,d,2,false,", "7,2,d,7,true,-1", "8,2,c,8,,3");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("v", V, VDATA));

  @Test void rewritesOnlyAggregateArgumentLists() {
    assertThat(OrderedAggregates.rewrite("select mode(v ORDER BY ord desc) from t"))
        .isEqualTo("select mode(v ) WITHIN GROUP (ORDER BY floe$ord, ord desc) from t");
    assertThat(OrderedAggregates.rewrite("select f(g(x order by y) order by abs(z))"))
        .isEqualTo("select f(g(x ) WITHIN GROUP (ORDER BY floe$ord, y) ) "
            + "WITHIN GROUP (ORDER BY floe$ord, abs(z))");
    for (String sql : new String[] {
        "select x from t order by x",
        "select rank() over (order by x), sum(x) over w from t window w as (order by y)",
        "select * from (select x from t order by x) s where x in (select y from u order by y)",
        "select percentile_cont(0.5) within group (order by x) from t",
        "select 'f(x order by y)', \"f(x order by y)\" /* f(x order by y) */ from t",
        "select exists (select 1 from t order by 1), array(select x from t order by x)"}) {
      assertThat(OrderedAggregates.rewrite(sql)).as(sql).isSameAs(sql);
    }
  }

  /** Each answer equals DuckDB's, from one DuckDB statement. */
  @ParameterizedTest
  @ValueSource(strings = {
      // Ties of mode go to the first value in the order, also under FILTER and DISTINCT.
      "select g, mode(v order by ord) as a, mode(v order by ord desc) as b from b.v group by g order by g",
      "select g, mode(v order by ord) filter (where keep) as a, mode(ord) filter (where false) as b "
          + "from b.v group by g order by g",
      "select mode(v order by ord asc nulls last) as a, mode(v order by ord desc nulls first) as b, "
          + "mode(v order by ord desc nulls last) as c from b.v where g = 1",
      "select mode(distinct v order by v) as a, mode(distinct v order by v desc) as b from b.v where g = 1",
      // any_value in an order is the first non-NULL value in it.
      "select any_value(ord order by id desc) as a, any_value(v order by ord nulls first) as b from b.v",
      // string_agg in an order, with a separator and with FILTER.
      "select g, string_agg(v, '-' order by ord desc nulls last) as s, "
          + "string_agg(v order by id) filter (where keep) as f from b.v group by g order by g",
      // A sum of doubles in an order rounds as it adds in that order.
      "select sum(n order by abs(n))::bigint as s, sum(ord order by id) as t from b.v",
      // The order changes no count, minimum or maximum: it is dropped.
      "select count(1 order by 1) as c, count(v order by id desc) as d, min(ord order by v) as m, "
          + "max(v order by ord) filter (where keep) as x from b.v",
      // Beside DISTINCT aggregates of other arguments, and in a grouped sub-query.
      "select count(distinct v) as c, string_agg(v, ',' order by id desc) as s, "
          + "mode(ord order by id) as m from b.v",
      "select g, count(distinct ord) as c, string_agg(distinct v, ',' order by v desc) as s, "
          + "sum(distinct id) as d from b.v group by g order by g",
      "select max(s) as m from (select g, string_agg(v, '' order by ord nulls first) as s from b.v group by g) q",
      "select g, string_agg(v, ',' order by ord) as s from b.v group by g having mode(v order by id) = 'a' order by g",
      // In correlated sub-queries, as DuckDB runs them.
      "select o.g, (select string_agg(v, ',' order by ord desc) from b.v i where i.g = o.g) as s "
          + "from (select distinct g from b.v) o order by 1",
      "select o.g, (select mode(v order by id desc) from b.v i where i.g = o.g) as s "
          + "from (select distinct g from b.v) o order by 1",
      "select o.g, (select any_value(v order by id desc) from b.v i where i.g = o.g and i.id > 1) as s "
          + "from (select distinct g from b.v) o order by 1",
      // PostgreSQL's ordered-set mode is DuckDB's mode in that order.
      "select g, mode() within group (order by v) as a, mode() within group (order by ord desc) as b "
          + "from b.v group by g order by g",
  })
  void orderedAggregatesAnswerAsDuckDb(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("not pushed down: %s%n%s", sql, plan.planText()).isTrue();
    assertThat(SqlCompatibilityTest.normalized(Rows.query(db.session(), sql)))
        .as("%s%n%s", sql, plan.planText())
        .isEqualTo(SqlCompatibilityTest.normalized(db.duck().query(sql)));
  }

  @Test void orderIsWrittenAmongTheArgumentsForDuckDb() {
    String plan = db.session().prepare("select mode(v order by ord desc nulls first) filter (where keep) "
        + "as m, count(v order by id) as c from b.v").planText();
    assertThat(plan.substring(plan.indexOf("DuckDB SQL:")))
        .contains("MODE(\"v\" ORDER BY \"ord\" DESC NULLS FIRST) FILTER (WHERE")
        .doesNotContain("WITHIN GROUP");
  }

  @Test void windowFunctionArgumentsTakeNoOrderBy() {
    for (String sql : new String[] {
        "select id, mode(v order by id) over (order by id rows between 3 preceding and current row) from b.v",
        "select id, rank(order by id) over (order by g) from b.v",
        "select id, count(v order by id) filter (where keep) over () from b.v"}) {
      assertThatThrownBy(() -> db.session().prepare(sql)).as(sql)
          .isInstanceOfSatisfying(FloeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
            assertThat(e.getMessage()).isEqualTo("aggregate ORDER BY is not implemented for window functions");
            assertThat(e.hint()).contains("OVER (ORDER BY");
          });
    }
  }

  /** A correlated sub-query ordering string_agg by an outer column runs in DuckDB as written. */
  @Test void orderedAggregateInACorrelatedSubQueryRunsAsWritten() {
    String sql = "select o.id, (select string_agg(v, ',' order by o.id + i.ord desc) from b.v i "
        + "where i.id <= o.id) as s from b.v o order by 1";
    assertThat(db.session().prepare(sql).isPushedDown()).isTrue();
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
  }

  @Test void listaggWithinGroupIsDuckDbsStringAgg() {
    assertThat(Rows.query(db.session(), "select g, listagg(v, '/') within group (order by ord desc) as s "
        + "from b.v group by g order by g"))
        .isEqualTo(db.duck().query(
            "select g, string_agg(v, '/' order by ord desc) as s from b.v group by g order by g"));
  }

  @Test void withinGroupStaysForOrderedSetAggregates() {
    assertThatThrownBy(() -> db.session().prepare("select sum(n) within group (order by abs(n)) from b.v"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.WRONG_OBJECT_TYPE);
          assertThat(e.getMessage()).isEqualTo("sum is not an ordered-set aggregate, so it cannot have WITHIN GROUP");
        });
    assertThatThrownBy(() -> db.session().prepare("select mode(v) within group (order by ord) from b.v"))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_OBJECT_TYPE));
  }
}

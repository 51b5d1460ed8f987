package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Long IN lists of constants ({@link InLists}) reach DuckDB as one {@code IN (...)}, not as a
 * sub-query over VALUES, and answer as DuckDB does, NULLs included; plans Calcite runs itself
 * compare value by value.
 */
class InListsTest {
  static final String[] T = {"id INTEGER PK", "s VARCHAR", "d DATE", "ts TIMESTAMP", "x DOUBLE",
      "n DECIMAL(12,2)"};
  static final String DATA = csv("id,s,d,ts,x,n",
      "1,a,2024-01-01,2024-01-01 10:00:00,1.5,1.00",
      "2,b,2024-01-02,2024-01-02 00:00:00,,2.50",
      "3,,,,2,",
      "40,v7,2024-02-09,2024-02-09 12:30:00.5,40,-7.25",
      "999,v998,2026-09-25,2026-09-25 00:00:00,999,998.00");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("t", T, DATA));

  private static String list(int from, int to, IntFunction<String> value) {
    return IntStream.rangeClosed(from, to).mapToObj(value).collect(Collectors.joining(", "));
  }

  /** Runs in DuckDB as one statement with a flat IN list, and answers as DuckDB does. */
  private static String assertFlatInDuckDb(String sql) {
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).as("plan of %s:%n%s", sql, plan.planText()).isTrue();
    String duckSql = plan.planText().substring(plan.planText().indexOf("DuckDB SQL:"));
    assertThat(duckSql).contains(" IN (").doesNotContain("UNION ALL", "VALUES", "ROW_VALUE");
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
    return duckSql;
  }

  @Test void aThousandIntegersAreOneInList() {
    String values = list(1, 1000, Integer::toString);
    String duckSql = assertFlatInDuckDb("select id from b.t where id in (" + values + ") order by id");
    assertThat(duckSql).contains("IN (1, 2, 3, 4,");
    assertFlatInDuckDb("select id from b.t where id not in (" + values + ") order by id");
    assertFlatInDuckDb("select id, id in (" + values + ") as hit from b.t order by id");
    assertFlatInDuckDb("select count(*) from b.t where n in (" + list(1, 1000, i -> i + ".50") + ")");
    assertFlatInDuckDb("select id from b.t where x in (" + list(1, 999, Integer::toString)
        + ", 1.5) order by id");
  }

  @Test void stringsDatesAndTimestamps() {
    assertFlatInDuckDb("select id from b.t where s in (" + list(0, 999, i -> "'v" + i + "'")
        + ", 'a') order by id");
    assertFlatInDuckDb("select id from b.t where s not in (" + list(0, 999, i -> "'v" + i + "'")
        + ") order by id");
    // Text compared with a DATE column is a date, as in PostgreSQL and DuckDB.
    assertFlatInDuckDb("select id from b.t where d in (" + list(0, 999,
        i -> "'" + java.time.LocalDate.of(2024, 1, 1).plusDays(i) + "'") + ") order by id");
    assertFlatInDuckDb("select id from b.t where d in (" + list(0, 30,
        i -> "date '" + java.time.LocalDate.of(2024, 1, 1).plusDays(i) + "'") + ") order by id");
    // Text read as a timestamp is DuckDB's to read: the casts go with the list.
    String duckSql = assertFlatInDuckDb("select id from b.t where ts in (" + list(0, 40,
        i -> "'" + java.time.LocalDate.of(2024, 1, 1).plusDays(i) + " 00:00:00'")
        + ", '2024-02-09 12:30:00.5') order by id");
    assertThat(duckSql).contains("(\"ts\" IN (CAST('2024-01-01 00:00:00' AS");
  }

  @Test void nullsInTheListKeepThreeValuedLogic() {
    String values = list(1, 30, Integer::toString) + ", null";
    // 2 IN (1, ..., NULL) is true; 40 IN (...) is NULL; NOT IN is never true.
    assertFlatInDuckDb("select id, id in (" + values + ") as hit, id not in (" + values
        + ") as miss, x not in (" + values + ") as xmiss from b.t order by id");
    assertThat(Rows.query(db.session(), "select id from b.t where id not in (" + values + ")")).isEmpty();
    assertThat(Rows.query(db.session(), "select id from b.t where (id in (" + values + ")) is null"
        + " order by id")).containsExactly(List.of(40), List.of(999));
    assertThat(Rows.query(db.session(), "select s not in (" + list(1, 25, i -> "'v" + i + "'")
        + ", null, 'a') from b.t where id = 1")).containsExactly(Collections.singletonList(false));
  }

  @Test void parametersAreOneInList() {
    List<Object> params = new ArrayList<>();
    for (int i = 1; i <= 500; i++) {
      params.add(i);
    }
    String sql = "select id from b.t where id in (" + list(1, 500, i -> "?") + ") order by id";
    PlannedStatement plan = db.session().prepare(sql);
    assertThat(plan.isPushedDown()).isTrue();
    assertThat(plan.planText()).contains("(\"id\" IN (?, ?, ?,").doesNotContain("UNION ALL");
    assertThat(Rows.query(db.session(), sql, params.toArray()))
        .containsExactly(List.of(1), List.of(2), List.of(3), List.of(40));
  }

  /**
   * A plan Calcite runs (a recursive query correlated to a LATERAL's row) tests each value itself,
   * with the same answers.
   */
  @Test void plansCalciteRunsTestEachValue() {
    String rows = "with r(k) as (select q.k from (values (1)) v(c), lateral (with recursive q(k) as "
        + "(select c union all select k + 1 from q where k < 60) select k from q) q) ";
    String values = list(1, 45, i -> Integer.toString(i * 2));
    for (String sql : List.of(
        rows + "select k from r where k in (" + values + ") order by k",
        rows + "select k, k not in (" + values + ", null) as miss from r order by k",
        rows + "select k from r where k * 3 in (" + values + ") order by k")) {
      assertThat(db.session().prepare(sql).isPushedDown()).as(sql).isFalse();
      assertThat(Rows.query(db.session(), sql)).as(sql).isEqualTo(db.duck().query(sql));
    }
    // Timestamps Calcite would compare in milliseconds: refused (CalciteRunExpressions).
    String timestamps = rows + "select k from r where cast(date '2024-01-01' + k as timestamp) in ("
        + list(0, 30, i -> "'" + java.time.LocalDate.of(2024, 1, 1).plusDays(i * 3) + " 00:00:00'")
        + ") order by k";
    assertThatThrownBy(() -> db.session().prepare(timestamps))
        .isInstanceOfSatisfying(io.floe.engine.api.FloeException.class,
            e -> assertThat(e.sqlState()).isEqualTo("0A000"));
  }

  @Test void shortListsAndRowsAreUnchanged() {
    String sql = "select id from b.t where id in (1, 2, 40) order by id";
    assertThat(Rows.query(db.session(), sql)).isEqualTo(db.duck().query(sql));
    String rowsIn = "select id from b.t where (id, s) in (" + list(1, 30, i -> "(" + i + ", 'a')")
        + ") order by id";
    assertThat(Rows.query(db.session(), rowsIn)).isEqualTo(db.duck().query(rowsIn));
  }

  @Test void describeAndExplainKeepTheList() {
    String values = list(1, 25, Integer::toString);
    assertThat(Rows.query(db.session(), "describe select id in (" + values + ") as hit from b.t"))
        .extracting(r -> r.get(0)).containsExactly("hit");
    assertThat(Rows.query(db.session(), "explain select id from b.t where id in (" + values + ")")
        .get(0).get(0).toString()).contains("IN (1, 2, 3,");
  }
}

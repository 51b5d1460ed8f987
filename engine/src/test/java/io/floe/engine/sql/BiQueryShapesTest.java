package io.floe.engine.sql;

import static io.floe.engine.testing.SqlFixture.table;
import static io.floe.engine.testing.TestEngine.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.FloeException;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.SqlFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Query shapes that reporting tools and analysts write, once refused or answered wrongly: each
 * answer must equal DuckDB's on the same data.
 */
class BiQueryShapesTest {
  static final String[] ORDERS = {"id INTEGER", "region VARCHAR", "qty INTEGER"};
  static final String ORDERS_DATA = csv("id,region,qty", "1,a,10", "2,a,-3", "3,b,", "4,b,7", "5,,7");
  static final String[] ITEMS = {"order_id INTEGER", "amount INTEGER"};
  static final String ITEMS_DATA = csv("order_id,amount", "1,1", "1,2", "3,", "4,7", ",5");

  static final String[] EVENTS = {"id INTEGER", "tz TIMESTAMPTZ", "ts TIMESTAMP"};
  static final String EVENTS_DATA = csv("id,tz,ts", "1,2024-01-15 10:30:00+00,2024-01-15 10:30:00",
      "2,2024-02-29 23:59:59+02,2024-02-29 23:59:59", "3,1969-12-31 22:00:00-05,1969-12-31 22:00:00",
      "4,,");

  @RegisterExtension
  static final SqlFixture db = SqlFixture.of(table("orders", ORDERS, ORDERS_DATA),
      table("items", ITEMS, ITEMS_DATA), table("events", EVENTS, EVENTS_DATA));

  @ParameterizedTest
  @ValueSource(strings = {
      // coalesce and nullif of an aggregating sub-query: the validator copies the sub-query into
      // a CASE, and the copy is not a query around the aggregate.
      "SELECT id, coalesce((SELECT sum(amount) FROM b.items WHERE order_id = o.id), 0) FROM b.orders o ORDER BY id",
      "SELECT coalesce((SELECT max(amount) FROM b.items), 0)",
      "SELECT id, nullif((SELECT max(amount) FROM b.items WHERE order_id = o.id), 2) FROM b.orders o ORDER BY id",
      "SELECT id FROM b.orders o WHERE coalesce((SELECT max(amount) FROM b.items WHERE order_id = o.id), 0) > 1 ORDER BY id",
      "SELECT region, coalesce((SELECT max(amount) FROM b.items WHERE order_id = min(o.id)), -1), count(*) "
          + "FROM b.orders o GROUP BY region ORDER BY region",
      // An aggregate of the outer query inside coalesce's sub-query is still the outer query's.
      "SELECT coalesce((SELECT sum(o.qty)), 0) FROM b.orders o",
      // GROUP BY a position whose select item is a USING column: the one merged column.
      "SELECT id, count(*) FROM b.orders JOIN (SELECT order_id AS id FROM b.items) i USING (id) GROUP BY 1 ORDER BY 1",
      "SELECT id AS k, region, count(*) FROM b.orders FULL JOIN (SELECT order_id AS id FROM b.items) i USING (id) "
          + "GROUP BY 1, 2 ORDER BY 1, 2",
  })
  void answersAsDuckDb(String sql) {
    assertThat(Rows.query(db.session(), sql).toString()).as(sql).isEqualTo(db.duck().query(sql).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT e.id, e.tz FROM b.events e, (%s) s WHERE s.c > 0 ORDER BY 1",
      "SELECT e.id, max(e.tz), min(e.tz) FROM b.events e, (%s) s WHERE s.c > 0 GROUP BY e.id ORDER BY 1",
      "SELECT e.id, date_trunc('day', e.tz), extract(hour FROM e.tz) FROM b.events e, (%s) s WHERE s.c > 0 "
          + "ORDER BY 1",
  })
  void instantsReadIntoAPlanCalciteRunsAreRefused(String shape) {
    // A join with information_schema runs in Calcite, which would read the instants from DuckDB
    // and keep milliseconds only (CalciteRunExpressions): refused rather than cut.
    String sql = shape.formatted("SELECT count(*) AS c FROM information_schema.schemata");
    assertThatThrownBy(() -> Rows.query(db.session(), sql)).as(sql)
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.sqlState()).isEqualTo("0A000");
          assertThat(e.getMessage()).contains("outside DuckDB");
        });
  }
}

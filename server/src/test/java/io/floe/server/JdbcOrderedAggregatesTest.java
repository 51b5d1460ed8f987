package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ORDER BY among an aggregate's arguments through jdbc:floe, as PostgreSQL and DuckDB take it
 * (docs/sql.md): the order breaks ties of {@code mode} and picks {@code any_value}; PostgreSQL's
 * {@code mode() WITHIN GROUP (ORDER BY x)} works; a window function's arguments take no ORDER BY
 * (0A000), and {@code WITHIN GROUP} stays for ordered-set aggregates (42809).
 */
class JdbcOrderedAggregatesTest {
  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_sales");
    floe.createTable("p", token, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    floe.importCsv("p", token, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  @Test void orderAmongTheArgumentsDecidesTheAnswer() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token)) {
      // EU and US are both there twice: the first in the order wins.
      assertThat(one(c, "select mode(region order by id) from in_c_sales.orders")).isEqualTo("EU");
      assertThat(one(c, "select mode(region order by id desc) from in_c_sales.orders")).isEqualTo("US");
      assertThat(one(c, "select mode() within group (order by customer_id desc) from in_c_sales.orders"))
          .isEqualTo("30");
      // The first non-NULL value in the order (NULLs sort last).
      assertThat(one(c, "select any_value(region order by ordered_at desc) from in_c_sales.orders"))
          .isEqualTo("US");
      assertThat(one(c, "select string_agg(region, '>' order by id desc) filter (where customer_id > 10) "
          + "from in_c_sales.orders")).isEqualTo("US>US");
      assertThat(one(c, "select count(region order by id) from in_c_sales.orders")).isEqualTo("4");
    }
  }

  @Test void windowArgumentsAndWithinGroupOfPlainAggregatesAreRefused() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token)) {
      assertThatThrownBy(() -> one(c, "select mode(region order by id) over (order by id) from in_c_sales.orders"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("0A000");
            assertThat(e.getMessage()).contains("aggregate ORDER BY is not implemented for window functions");
          });
      assertThatThrownBy(() -> one(c, "select sum(amount) within group (order by id) from in_c_sales.orders"))
          .isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42809");
            assertThat(e.getMessage()).contains("sum is not an ordered-set aggregate");
          });
    }
  }
}

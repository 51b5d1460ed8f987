package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.testing.ReferenceDuckDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The wrong answers and failures a third-party corpus found, each through the real driver
 * ({@code jdbc:floe}), as a BI tool sends it: every answer equals DuckDB's on the same data (DuckDB
 * with PostgreSQL's integer division, as docs/sql.md says), every error carries its SQLSTATE and
 * leaves the connection usable.
 */
class JdbcSqlCorrectnessTest {
  static final String TAB = "{\"name\":\"tab0\",\"columns\":[{\"name\":\"col0\",\"type\":\"INTEGER\"},"
      + "{\"name\":\"col1\",\"type\":\"INTEGER\"},{\"name\":\"col2\",\"type\":\"INTEGER\"}]}";
  static final String TAB_CSV = "col0,col1,col2\n97,1,99\n15,81,47\n87,21,10\n";
  static final String T = "{\"name\":\"t\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\",\"nullable\":false},{\"name\":\"qty\",\"type\":\"INTEGER\"},"
      + "{\"name\":\"d\",\"type\":\"DECIMAL(12,2)\"},{\"name\":\"s\",\"type\":\"VARCHAR\"}]}";
  static final String T_CSV = "id,qty,d,s\n1,5,1.50,a\n2,2,3.25,b\n3,,0.10,\n4,-7,-2.00,c\n";

  static TestServer floe;
  static ReferenceDuckDb duck;
  static String token;
  static Connection connection;

  @BeforeAll static void setUp() throws SQLException {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "b");
    floe.createTable("p", token, "b", TAB);
    floe.createTable("p", token, "b", T);
    assertThat(floe.importCsv("p", token, "b", "tab0", TAB_CSV, false).status()).isEqualTo(200);
    assertThat(floe.importCsv("p", token, "b", "t", T_CSV, false).status()).isEqualTo(200);
    duck = new ReferenceDuckDb();
    duck.table("b", "tab0", TAB_CSV, "col0 INTEGER", "col1 INTEGER", "col2 INTEGER");
    duck.table("b", "t", T_CSV, "id INTEGER PK", "qty INTEGER", "d DECIMAL(12,2)", "s VARCHAR");
    connection = DriverJar.connect(floe.jdbcUrl(), token);
  }

  @AfterAll static void tearDown() throws SQLException {
    connection.close();
    duck.close();
    floe.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // int / int is an integer quotient, also inside later arithmetic.
      "select col0 / 2 as h from b.tab0 order by col0",
      "select 16 + cast(col2 as integer) - col1 / col0 * -col0 as v from b.tab0 order by col0",
      // A constant DISTINCT key is a constant, not a column position.
      "select distinct 91 as c from b.tab0",
      // Aggregates over a filter that is always false or NULL.
      "select avg(col1) as a from b.tab0 where null > null",
      // CASE, COALESCE and NULLIF in the select list of an aggregate query.
      "select case when qty > 3 then 'big' else 'small' end as k, count(*) as n from b.t group by 1 order by 1",
      "select coalesce(qty, 0) as k, count(*) as n from b.t group by coalesce(qty, 0) order by 1",
      "select nullif(qty, 5) as k, count(*) as n from b.t group by nullif(qty, 5) order by 1",
      // A constant beside an aggregate over no rows.
      "select 62 as c, count(*) as n from b.tab0 where col0 < 0",
      // ORDER BY what the select list does not keep.
      "select count(*) as n from b.t group by id order by id",
      "select id / 2 as h from b.t order by id"})
  void answersEqualDuckDbs(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(JdbcEndToEndTest.rows(rs)).as(sql).isEqualTo(duck.query(sql));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"select 1/0", "select cast(col0 as integer)/0 from b.tab0",
      "select 1.0/0", "select col0 % 0 from b.tab0"})
  void divisionByZeroIs22012AndTheConnectionGoesOn(String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery(sql)).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"))
          .hasMessageContaining("division by zero").hasMessageNotContaining("Remote driver error");
      try (ResultSet rs = s.executeQuery("select 2 as after")) {
        assertThat(JdbcEndToEndTest.rows(rs)).isEqualTo(List.of(List.of(2)));
      }
    }
  }

  @Test void sessionFunctionsAnswer() throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select current_catalog, version(), now(), current_schema")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("p");
      assertThat(rs.getString(2)).startsWith("PostgreSQL ").contains("Floe");
      assertThat(rs.getTimestamp(3)).isNotNull();
      assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("version");
    }
  }

  @Test void aTableNamedWithoutItsBucketGetsAHint() throws SQLException {
    try (Statement s = connection.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from tab0")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
          .hasMessageContaining("b.tab0").hasMessageNotContaining("Object 'tab0' not found");
    }
  }
}

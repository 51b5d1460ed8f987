package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code IN} and {@code NOT IN} with a thousand values, as reporting tools write them, through
 * {@code jdbc:floe} and PostgreSQL's driver: integers, strings, dates, parameters, NULLs in the
 * list, and a workspace view holding such a list. Each runs in DuckDB as one {@code IN (...)}.
 */
class LargeInListTest {
  static TestServer floe;
  static String token;
  static JsonNode workspace;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("p");
    floe.createBucket("p", token, "in_c_sales");
    floe.createTable("p", token, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    floe.importCsv("p", token, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false);
    TestServer.Answer created = floe.json("POST", "/projects/p/workspaces", token,
        "{\"name\":\"lists\",\"ttl_hours\":1}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    workspace = created.json().get("connection");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  private static String list(int from, int to, IntFunction<String> value) {
    return IntStream.rangeClosed(from, to).mapToObj(value).collect(Collectors.joining(", "));
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }

  private static String plan(Connection c, String sql) throws SQLException {
    return String.join("\n", column(c, "explain " + sql));
  }

  @Test void aThousandValuesOverJdbcFloe() throws SQLException {
    String ids = "select id from in_c_sales.orders where id in (" + list(1, 1000, i -> Integer.toString(i * 3 - 2))
        + ") order by id";
    String regions = "select id from in_c_sales.orders where region not in ("
        + list(1, 1000, i -> "'R" + i + "'") + ", 'US') order by id";
    String days = "select id from in_c_sales.orders where ordered_on in ("
        + list(0, 999, i -> "'" + LocalDate.of(2024, 2, 29).minusDays(i) + "'") + ") order by id";
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token)) {
      assertThat(column(c, ids)).containsExactly("1", "4");
      assertThat(plan(c, ids)).contains("\"id\" IN (1, 4, 7,").doesNotContain("UNION ALL");
      // NOT IN skips the row whose region is NULL, as in PostgreSQL.
      assertThat(column(c, regions)).containsExactly("1", "2");
      assertThat(column(c, days)).containsExactly("1", "2", "3");
      assertThat(plan(c, days)).contains("\"ordered_on\" IN (DATE '").doesNotContain("UNION ALL");
    }
  }

  @Test void nullsInTheListOverJdbcFloe() throws SQLException {
    String values = list(1, 999, i -> Integer.toString(i * 2)) + ", null";
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token)) {
      // 2 and 4 are in the list; for the others IN is NULL, and NOT IN never true.
      assertThat(column(c, "select id in (" + values + ") from in_c_sales.orders order by id"))
          .containsExactly(null, "true", null, "true", null);
      assertThat(column(c, "select id not in (" + values + ") from in_c_sales.orders order by id"))
          .containsExactly(null, "false", null, "false", null);
      assertThat(column(c, "select id from in_c_sales.orders where id not in (" + values + ")"))
          .isEmpty();
      assertThat(column(c, "select count(*) from in_c_sales.orders where id in (" + values + ")"))
          .containsExactly("2");
    }
  }

  @Test void aThousandParameters() throws SQLException {
    String sql = "select region from in_c_sales.orders where customer_id in (" + list(1, 1000, i -> "?")
        + ") order by id";
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token);
         PreparedStatement p = c.prepareStatement(sql)) {
      for (int i = 1; i <= 1000; i++) {
        p.setInt(i, i * 10);
      }
      List<String> regions = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          regions.add(rs.getString(1));
        }
      }
      assertThat(regions).containsExactly("EU", "EU", "US", "US", null);
    }
  }

  @Test void aWorkspaceViewKeepsItsListOverPgwire() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", workspace.get("username").asText());
    p.setProperty("password", workspace.get("password").asText());
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + floe.server.pgPort() + "/" + workspace.get("database").asText(), p)) {
      try (Statement s = c.createStatement()) {
        s.execute("create view eu_orders as select id, region from in_c_sales.orders where region in ("
            + list(1, 500, i -> "'R" + i + "'") + ", 'EU')");
      }
      assertThat(column(c, "select id from eu_orders order by id")).containsExactly("1", "2");
      assertThat(column(c, "select id from in_c_sales.orders where ordered_at not in ("
          + list(0, 40, i -> "'2024-01-01 10:00:00." + String.format("%06d", 123456 - i) + "'")
          + ") order by id")).containsExactly("3", "4", "5");
    }
  }
}

package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statements that once failed as internal errors (XX000), through both real clients: the session
 * user functions answer the name the client logged in as, {@code current_schema} answers, JSON
 * constructors run in DuckDB, MATCH_RECOGNIZE is refused as a feature Floe does not have, and a
 * statement nested thousands deep is too complex (54001).
 */
class SessionFunctionsTest {
  static final String[] USER_FUNCTIONS = {"system_user", "user", "session_user", "current_user",
      "current_role"};
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
        "{\"name\":\"fns\",\"ttl_hours\":1}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    workspace = created.json().get("connection");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection pgjdbc() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", workspace.get("username").asText());
    p.setProperty("password", workspace.get("password").asText());
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + floe.server.pgPort() + "/"
        + workspace.get("database").asText(), p);
  }

  static Connection floeJdbc() throws SQLException {
    return DriverJar.connect(floe.jdbcUrl(), token);
  }

  static String one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }

  static void failsWith(Connection c, String sql, String sqlState) {
    assertThatThrownBy(() -> one(c, sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(sqlState));
  }

  @Test void userFunctionsAnswerTheLoginNameOverPgwire() throws SQLException {
    String login = workspace.get("username").asText();
    try (Connection c = pgjdbc()) {
      for (String f : USER_FUNCTIONS) {
        assertThat(one(c, "select " + f)).as(f).isEqualTo(login);
        assertThat(one(c, "select " + f + " from in_c_sales.orders limit 1")).as(f).isEqualTo(login);
      }
      assertThat(one(c, "select current_schema")).isEqualTo("public");
      assertThat(one(c, "select current_schema()")).isEqualTo("public");
    }
  }

  @Test void userFunctionsAnswerThePrincipalOverJdbc() throws SQLException {
    try (Connection c = floeJdbc()) {
      String user = one(c, "select current_user");
      assertThat(user).startsWith("token:");
      for (String f : USER_FUNCTIONS) {
        assertThat(one(c, "select " + f)).as(f).isEqualTo(user);
      }
      // BI tools show DatabaseMetaData's user name; it is the same name.
      assertThat(c.getMetaData().getUserName()).isEqualTo(user);
      one(c, "select current_schema");
      c.setSchema("in_c_sales");
      assertThat(one(c, "select current_schema")).isEqualTo("in_c_sales");
      assertThat(one(c, "select current_schema()")).isEqualTo("in_c_sales");
    }
  }

  @Test void jsonConstructorsRunInDuckDb() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (Connection c : new Connection[] {pgjdbc(), floeJdbc()}) {
      try (c) {
        assertThat(json.readTree(one(c, "select json_object('a', 1, 'b', 'x')")))
            .isEqualTo(json.readTree("{\"a\":1,\"b\":\"x\"}"));
        assertThat(json.readTree(one(c, "select json_object(KEY 'a' VALUE 1, 'n' VALUE null)")))
            .isEqualTo(json.readTree("{\"a\":1,\"n\":null}"));
        assertThat(json.readTree(one(c, "select json_array(1, null, 'x')")))
            .isEqualTo(json.readTree("[1,\"x\"]"));
        assertThat(json.readTree(one(c, "select json_array(1, null NULL ON NULL)")))
            .isEqualTo(json.readTree("[1,null]"));
        assertThat(json.readTree(one(c, "select json_object('o' VALUE '{\"k\":[1]}' FORMAT JSON)")))
            .isEqualTo(json.readTree("{\"o\":{\"k\":[1]}}"));
        assertThat(json.readTree(one(c, "select json_object('id', id) from in_c_sales.orders "
            + "order by id limit 1"))).isEqualTo(json.readTree("{\"id\":1}"));
        failsWith(c, "select json_object('a' VALUE null ABSENT ON NULL)", "0A000");
      }
    }
  }

  @Test void matchRecognizeIsRefusedAsUnsupported() throws SQLException {
    String sql = "select * from in_c_sales.orders match_recognize (order by id measures A.id as x "
        + "pattern (A) define A as A.id > 0)";
    try (Connection pg = pgjdbc(); Connection jdbc = floeJdbc()) {
      failsWith(pg, sql, "0A000");
      failsWith(jdbc, sql, "0A000");
    }
  }

  @Test void deeplyNestedStatementsAreTooComplex() throws SQLException {
    String sql = "select " + "(".repeat(5000) + "1" + ")".repeat(5000);
    try (Connection pg = pgjdbc(); Connection jdbc = floeJdbc()) {
      failsWith(pg, sql, "54001");
      failsWith(jdbc, sql, "54001");
      assertThat(one(jdbc, "select 1")).isEqualTo("1");
    }
  }
}

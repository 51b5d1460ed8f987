package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workspaces end to end with real clients: Floe on port 0, a workspace created through REST, and
 * psql, pgjdbc, node-postgres, psycopg 3 and psycopg2 connecting with the credentials from the
 * create response.
 */
class WorkspaceClientsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static TestServer floe;
  static String key;
  static JsonNode connection;
  static String workspaceId;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    key = floe.createProject("a");
    floe.createBucket("a", key, "in_c_sales");
    floe.createTable("a", key, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    assertThat(floe.importCsv("a", key, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV, false)
        .status()).isEqualTo(200);
    String other = floe.createProject("b");
    floe.createBucket("b", other, "in_c_secret");
    TestServer.Answer created = floe.json("POST", "/projects/a/workspaces", key,
        "{\"name\":\"clients\",\"ttl_hours\":2}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    connection = created.json().get("connection");
    workspaceId = created.json().get("id").asText();
    assertThat(connection.get("host").asText()).isEqualTo("127.0.0.1");
    assertThat(connection.get("port").asInt()).isEqualTo(floe.server.pgPort());
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Map<String, String> env(JsonNode c) {
    return Map.of("PGHOST", c.get("host").asText(), "PGPORT", c.get("port").asText(),
        "PGUSER", c.get("username").asText(), "PGPASSWORD", c.get("password").asText(),
        "PGDATABASE", c.get("database").asText());
  }

  static Clients.Run psql(String connectionString, String... commands) {
    List<String> command = Clients.list("psql", connectionString, "-X", "-A", "-v", "VERBOSITY=verbose");
    for (String c : commands) {
      command.add("-c");
      command.add(c);
    }
    return Clients.run(command, Map.of("PGCONNECT_TIMEOUT", "10"), null, 120);
  }

  @Test void psqlConnectsWithTheConnectionStringVerbatimAndDescribes() {
    Clients.requirePsql();
    String url = connection.get("connection_string").asText();
    Clients.Run setup = psql(url, "create table customers (id int primary key, name varchar(30) not null)",
        "insert into customers values (10, 'Alice'), (20, 'Bob')",
        "update customers set name = 'Bobby' where id = 20", "create view big_orders as "
            + "select id, amount from in_c_sales.orders where amount > 1", "delete from customers where id = 99");
    assertThat(setup.exit()).as(setup.all()).isZero();
    assertThat(setup.stdout()).contains("CREATE TABLE", "INSERT 0 2", "UPDATE 1", "CREATE VIEW", "DELETE 0");

    Clients.Run describe = psql(url, "\\dt", "\\d", "\\d customers", "\\dn", "\\l", "\\dv", "\\df",
        "\\du", "\\dt in_c_sales.*", "\\d+ customers");
    assertThat(describe.exit()).as(describe.all()).isZero();
    assertThat(describe.stderr()).as(describe.all()).doesNotContain("ERROR");
    assertThat(describe.stdout()).contains("public|customers|table", "public|big_orders|view",
        "in_c_sales|orders|table", "customers_pkey", "character varying", "in_c_sales",
        "workspace_" + workspaceId).doesNotContain("in_c_secret");

    Clients.Run join = psql(url, "select c.name, count(*) from in_c_sales.orders o join customers c "
        + "on c.id = o.customer_id group by c.name order by c.name");
    assertThat(join.stdout()).contains("Alice|2", "Bobby|1");

    Clients.Run denied = psql(url, "insert into in_c_sales.orders (id) values (99)");
    assertThat(denied.stderr()).contains("42501");
    // A division by zero over the simple query protocol is 22012, and the session goes on.
    Clients.Run zero = psql(url, "select 1/0", "select cast(2 as integer)/0", "select 1.0/0",
        "select 3 as after");
    assertThat(zero.stderr()).contains("22012: division by zero").doesNotContain("XX000", "58000");
    assertThat(zero.stderr().split("22012", -1)).hasSize(4);
    assertThat(zero.stdout()).contains("after\n3");
    Clients.Run ssl = psql(url, "\\conninfo");
    assertThat(ssl.stdout()).contains("SSL connection");
  }

  @Test void nodePostgres() {
    Path dir = Clients.requireNodePostgres();
    Path script = Clients.script("workspace_node.js", dir);
    Clients.Run run = Clients.run(List.of("node", script.toString()), env(connection), dir, 120);
    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode out = read(run.stdout());
    assertThat(out.get("ssl").asBoolean()).isTrue();
    assertThat(out.get("orders").asInt()).isEqualTo(5);
    assertThat(out.get("inserted").asInt()).isEqualTo(2);
    assertThat(out.get("updated").asInt()).isEqualTo(1);
    assertThat(out.get("deleted").asInt()).isEqualTo(1);
    assertThat(out.get("joined").toString()).contains("uno:1234567890123456789012345678.1234567890");
    assertThat(out.get("tables").toString()).contains("in_c_sales.orders", "public.node_items")
        .doesNotContain("secret");
    assertThat(out.get("projectWrite").asText()).isEqualTo("42501");
  }

  @Test void psycopgThreeAndTwo() {
    Clients.requirePsycopg();
    Path dir = floe.dataDir;
    Path script = Clients.script("workspace_psycopg.py", dir);
    Clients.Run run = Clients.run(List.of(Clients.PYTHON.toString(), script.toString(),
        connection.get("connection_string").asText()), Map.of(), dir, 180);
    assertThat(run.exit()).as(run.all()).isZero();
    JsonNode out = read(run.stdout());
    assertThat(out.get("ssl").asBoolean()).isTrue();
    assertThat(out.get("orders").asInt()).isEqualTo(5);
    assertThat(out.get("after_rollback").asInt()).as("psycopg's rollback undid the insert").isZero();
    assertThat(out.get("ddl_in_block").asText()).isEqualTo("25001");
    assertThat(out.get("updated").asInt()).isEqualTo(1);
    assertThat(out.get("deleted").asInt()).isEqualTo(1);
    assertThat(out.get("joined").toString()).contains("uno:");
    assertThat(out.get("binary").toString()).isEqualTo("[1,\"uno\"]");
    assertThat(out.get("project_write").asText()).isEqualTo("42501");
    assertThat(out.get("cancel").asText()).isEqualTo("57014");
    assertThat(out.get("cancel_seconds").asDouble()).isLessThan(15);
    assertThat(out.get("psycopg2").toString()).isEqualTo("[\"uno\"]");
  }

  @Test void pgjdbcWithTheCreateResponse() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", connection.get("username").asText());
    p.setProperty("password", connection.get("password").asText());
    p.setProperty("sslmode", connection.get("ssl_mode").asText());
    String url = "jdbc:postgresql://" + connection.get("host").asText() + ":"
        + connection.get("port").asInt() + "/" + connection.get("database").asText();
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(5);
      }
      try (ResultSet rs = c.getMetaData().getTables(null, "in_c_sales", "%", new String[] {"TABLE"})) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("orders");
      }
    }
  }

  @Test void resetCredentialsLocksOutTheOldPassword() throws Exception {
    TestServer.Answer created = floe.json("POST", "/projects/a/workspaces", key, "{}");
    JsonNode c = created.json().get("connection");
    String id = created.json().get("id").asText();
    String url = "jdbc:postgresql://127.0.0.1:" + c.get("port").asInt() + "/" + c.get("database").asText();
    Properties old = new Properties();
    old.setProperty("user", c.get("username").asText());
    old.setProperty("password", c.get("password").asText());
    DriverManager.getConnection(url, old).close();
    TestServer.Answer reset = floe.json("POST", "/projects/a/workspaces/" + id + "/credentials/reset", key, null);
    assertThat(reset.status()).isEqualTo(200);
    try {
      DriverManager.getConnection(url, old).close();
      throw new AssertionError("the old password still works");
    } catch (SQLException e) {
      assertThat(e.getSQLState()).isEqualTo("28P01");
    }
    Properties fresh = new Properties();
    fresh.setProperty("user", c.get("username").asText());
    fresh.setProperty("password", reset.json().get("connection").get("password").asText());
    DriverManager.getConnection(url, fresh).close();
    if (Clients.onPath("psql")) {
      Clients.Run refused = psql(c.get("connection_string").asText(), "select 1");
      assertThat(refused.exit()).isNotZero();
      assertThat(refused.stderr()).contains("password authentication failed");
    }
    floe.call("DELETE", "/projects/a/workspaces/" + id, key, null, null);
  }

  static JsonNode read(String stdout) {
    try {
      String[] lines = stdout.strip().split("\n");
      return JSON.readTree(lines[lines.length - 1]);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + stdout, e);
    }
  }
}

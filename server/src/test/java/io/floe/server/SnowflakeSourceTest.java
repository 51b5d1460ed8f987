package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.Engine;
import io.floe.engine.testing.Fakesnow;
import io.floe.engine.testing.ReferenceDuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake tables through Floe's front doors: a connection and a registered bucket made over REST
 * against fakesnow (a third-party Snowflake emulator, spoken to through the real snowflake-jdbc
 * driver), then read and joined with DuckDB tables through {@code jdbc:floe} and through psql in a
 * workspace, with the answers compared to DuckDB's over copies of the same data.
 */
class SnowflakeSourceTest {
  static Fakesnow snowflake;
  static TestServer floe;
  static ReferenceDuckDb duck;
  static String key;
  /** The connection's password: fakesnow takes any, and this one is easy to look for. */
  static final String SECRET = "sf-secret-7f3e9a";

  @BeforeAll static void setUp() throws Exception {
    snowflake = Fakesnow.start();
    StringBuilder csv = new StringBuilder("ID,CUSTOMER_ID,AMOUNT,STATUS\n");
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= 300; i++) {
      String amount = (i * 37 % 1000) + "." + (i % 10) + "5";
      String status = i % 3 == 0 ? "open" : "shipped";
      csv.append(i).append(',').append(i % 40 + 1).append(',').append(amount).append(',')
          .append(status).append('\n');
      rows.add("(" + i + ", " + (i % 40 + 1) + ", " + amount + ", '" + status + "')");
    }
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("create database sales");
      s.execute("create schema sales.crm");
      s.execute("create table sales.crm.orders (id number(38,0), customer_id number(38,0), "
          + "amount number(10,2), status varchar)");
      s.execute("insert into sales.crm.orders values " + String.join(", ", rows));
      // Nine million rows, for a query that streams them all from Snowflake.
      s.execute("create table sales.crm.big as select a.id * 100000 + b.id * 100 + c.n as id "
          + "from sales.crm.orders a, sales.crm.orders b, "
          + "(select id as n from sales.crm.orders where id <= 100) c");
    }
    floe = TestServer.start();
    key = floe.createProject("a");
    TestServer.Answer connection = floe.json("POST", "/projects/a/snowflake-connections", key,
        "{\"name\":\"sf\",\"account\":\"" + Fakesnow.ACCOUNT + "\",\"host\":\"127.0.0.1\",\"port\":"
            + snowflake.port() + ",\"protocol\":\"http\",\"user\":\"" + Fakesnow.USER
            + "\",\"password\":\"" + SECRET + "\"}");
    assertThat(connection.status()).as(connection.body()).isEqualTo(201);
    TestServer.Answer registered = floe.json("POST", "/projects/a/buckets/register", key,
        "{\"name\":\"crm\",\"connection\":\"sf\",\"path\":[\"sales\",\"crm\"]}");
    assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    assertThat(registered.json().get("added").toString()).isEqualTo("[\"BIG\",\"ORDERS\"]");
    floe.createBucket("a", key, "in_c_sales");
    floe.createTable("a", key, "in_c_sales", "{\"name\":\"customers\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"region\",\"type\":\"VARCHAR\"}]}");
    StringBuilder customers = new StringBuilder("id,region\n");
    for (int i = 1; i <= 50; i++) {
      customers.append(i).append(',').append(i % 2 == 0 ? "EU" : "US").append('\n');
    }
    assertThat(floe.importCsv("a", key, "in_c_sales", "customers", customers.toString(), false)
        .status()).isEqualTo(200);
    duck = new ReferenceDuckDb();
    duck.table("crm", "orders", csv.toString(), "ID DECIMAL(38,0)", "CUSTOMER_ID DECIMAL(38,0)",
        "AMOUNT DECIMAL(10,2)", "STATUS VARCHAR");
    duck.table("in_c_sales", "customers", customers.toString(), "id INTEGER", "region VARCHAR");
  }

  @AfterAll static void tearDown() {
    floe.close();
    duck.close();
    snowflake.close();
  }

  static final String JOIN = "select c.region, count(*), sum(o.amount) from in_c_sales.customers c "
      + "join crm.orders o on o.customer_id = c.id where o.status = 'shipped' group by c.region "
      + "order by c.region";

  @Test void theBucketIsListedAsRegisteredAndReadOnly() {
    TestServer.Answer bucket = floe.json("GET", "/projects/a/buckets/crm", key, null);
    assertThat(bucket.status()).isEqualTo(200);
    JsonNode b = bucket.json();
    assertThat(b.get("read_only").asBoolean()).isTrue();
    assertThat(b.get("registered").get("connection").asText()).isEqualTo("sf");
    assertThat(b.get("registered").get("path").toString()).isEqualTo("[\"SALES\",\"CRM\"]");
    TestServer.Answer tables = floe.json("GET", "/projects/a/buckets/crm/tables", key, null);
    assertThat(tables.body()).contains("\"snowflake_name\":\"ORDERS\"");
    TestServer.Answer write = floe.json("POST", "/projects/a/buckets/crm/tables", key,
        "{\"name\":\"x\",\"columns\":[{\"name\":\"id\",\"type\":\"INTEGER\"}]}");
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.body()).contains("42501");
    assertThat(floe.json("DELETE", "/projects/a/snowflake-connections/sf", key, null).status())
        .isEqualTo(409);
    TestServer.Answer preview = floe.json("GET",
        "/projects/a/buckets/crm/tables/ORDERS/preview?limit=3", key, null);
    assertThat(preview.status()).as(preview.body()).isEqualTo(200);
    TestServer.Answer export = floe.json("POST", "/projects/a/buckets/crm/tables/ORDERS/export", key,
        "{\"format\":\"csv\",\"columns\":[\"ID\",\"AMOUNT\"],\"order_by\":[{\"column\":\"ID\"}],"
            + "\"limit\":3}");
    assertThat(export.status()).as(export.body()).isEqualTo(200);
    assertThat(export.body().lines().toList()).as(export.body())
        .containsExactly("ID,AMOUNT", "1,37.15", "2,74.25", "3,111.35");
  }

  @Test void jdbcReadsAndJoinsSnowflakeTablesAsDuckDbWould() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), key); Statement s = c.createStatement()) {
      assertThat(rows(s.executeQuery(JOIN))).isEqualTo(text(duck.query(JOIN)));
      String alone = "select status, count(*), min(amount), max(amount) from crm.orders "
          + "group by status order by status";
      assertThat(rows(s.executeQuery(alone))).isEqualTo(text(duck.query(alone)));
      try (PreparedStatement ps = c.prepareStatement(
          "select count(*) from crm.orders where amount > ? and status = ?")) {
        ps.setBigDecimal(1, new java.math.BigDecimal("500.5"));
        ps.setString(2, "open");
        assertThat(rows(ps.executeQuery())).isEqualTo(text(duck.query(
            "select count(*) from crm.orders where amount > 500.5 and status = 'open'")));
      }
      try (ResultSet rs = s.executeQuery("explain plan for " + JOIN)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("Snowflake SQL")
            .contains("WHERE \"STATUS\" = 'shipped'");
      }
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables("a", "crm", "%", null)) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("TABLE_NAME"));
        }
        assertThat(names).containsExactly("BIG", "ORDERS");
      }
      try (ResultSet rs = md.getColumns("a", "crm", "ORDERS", "%")) {
        List<String> columns = new ArrayList<>();
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
        assertThat(columns).containsExactly("ID DECIMAL", "CUSTOMER_ID DECIMAL", "AMOUNT DECIMAL",
            "STATUS VARCHAR");
      }
    }
  }

  @Test void psqlInAWorkspaceReadsSnowflakeTablesAndCannotWriteThem() {
    Clients.requirePsql();
    TestServer.Answer created = floe.json("POST", "/projects/a/workspaces", key,
        "{\"name\":\"sfws\",\"ttl_hours\":1}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String url = created.json().get("connection").get("connection_string").asText();
    Clients.Run run = WorkspaceClientsTest.psql(url, JOIN,
        "create table mine as select id, amount from crm.orders where id <= 3",
        "insert into mine select o.id, o.amount from crm.orders o join in_c_sales.customers c "
            + "on o.customer_id = c.id where o.id between 4 and 6",
        "select count(*) from mine", "\\dt crm.*");
    assertThat(run.exit()).as(run.all()).isZero();
    List<List<Object>> expected = duck.query(JOIN);
    for (List<Object> row : expected) {
      assertThat(run.stdout()).contains(row.get(0) + "|" + row.get(1) + "|" + row.get(2));
    }
    assertThat(run.stdout()).as(run.all()).contains("SELECT 3").contains("INSERT 0 3")
        .contains("count\n6\n").contains("ORDERS");
    // In a transaction block, a write that reads Snowflake is refused with a reason.
    Clients.Run inBlock = WorkspaceClientsTest.psql(url, "begin",
        "insert into mine select id, amount from crm.orders where id = 7", "rollback");
    assertThat(inBlock.all()).contains("25001").contains("autocommit");
    Clients.Run write = WorkspaceClientsTest.psql(url, "insert into crm.orders values (1, 1, 1, 'x')");
    assertThat(write.exit()).isNotZero();
    assertThat(write.all()).contains("42501");

    // The statement timeout of the PostgreSQL session stops a federated query while Snowflake's
    // rows stream, and nothing keeps running.
    long start = System.nanoTime();
    Clients.Run slow = WorkspaceClientsTest.psql(url, "set statement_timeout = '1s'",
        "select sum(id / 7) from crm.big");
    assertThat(slow.exit()).as(slow.all()).isNotZero();
    assertThat(slow.all()).contains("57014");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
  }

  @Test void aTimeoutStopsAFederatedQueryWhileSnowflakesRowsStream() throws Exception {
    // Nine million rows from Snowflake, streamed into DuckDB, which divides them as Floe does.
    String huge = "select sum(id / 7) from crm.big";
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), key);
         PreparedStatement ps = c.prepareStatement(huge)) {
      ps.setQueryTimeout(1);
      long start = System.nanoTime();
      assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
          e -> assertThat(e.getSQLState()).isEqualTo("57014"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (!Engine.of(floe.server.engine()).sessions().running().isEmpty()
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(Engine.of(floe.server.engine()).sessions().running()).isEmpty();
    }
  }

  @Test void jdbcCancelStopsAFederatedQuery() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), key); Statement s = c.createStatement()) {
      assertCancelStops(s);
    }
  }

  /**
   * Cancels {@code select sum(id / 7) from crm.big} while Snowflake's rows stream: the client gets
   * 57014 and nothing keeps running in Floe. (Floe cancels the Snowflake statement through the
   * driver, which aborts the query in Snowflake; fakesnow ignores the abort, so only Floe's side is
   * observable here.)
   */
  private static void assertCancelStops(Statement s) throws Exception {
    java.util.concurrent.CompletableFuture<Object> running =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try (ResultSet rs = s.executeQuery("select sum(id / 7) from crm.big")) {
            return rs.next();
          } catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
          }
        });
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (Engine.of(floe.server.engine()).sessions().running().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    Thread.sleep(200); // Snowflake's rows are streaming by now
    s.cancel();
    assertThatThrownBy(() -> running.get(15, java.util.concurrent.TimeUnit.SECONDS))
        .hasCauseInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e.getCause()).getSQLState()).isEqualTo("57014"));
    deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!Engine.of(floe.server.engine()).sessions().running().isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(Engine.of(floe.server.engine()).sessions().running()).isEmpty();
  }

  @Test void pgjdbcCancelStopsAFederatedQueryInAWorkspace() throws Exception {
    TestServer.Answer created = floe.json("POST", "/projects/a/workspaces", key,
        "{\"name\":\"sfcancel\",\"ttl_hours\":1}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode pg = created.json().get("connection");
    try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://"
            + pg.get("host").asText() + ":" + pg.get("port").asText() + "/"
            + pg.get("database").asText(), pg.get("username").asText(), pg.get("password").asText());
         Statement s = c.createStatement()) {
      assertCancelStops(s);
    }
  }

  @Test void noSecretReachesTheCatalogLogsOrAudit() throws Exception {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), key); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from crm.orders").close();
    }
    Path dataDir = floe.dataDir;
    try (var files = Files.walk(dataDir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(f);
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1))
            .as(f.toString()).doesNotContain(SECRET);
      }
    }
  }

  /** A result's rows as text, as a JDBC client reads it. */
  static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    return out;
  }

  static List<List<String>> text(List<List<Object>> rows) {
    return rows.stream().map(r -> r.stream().map(v -> v == null ? null
        : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString()).toList()).toList();
  }
}

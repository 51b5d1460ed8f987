package io.floe.engine.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.Buckets;
import io.floe.engine.api.admin.ProjectTokens.TokenSpec;
import io.floe.engine.api.admin.SnowflakeConnections;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.session.EngineSession;
import io.floe.engine.sql.SqlFlavor;
import io.floe.engine.testing.Fakesnow;
import io.floe.engine.testing.ReferenceDuckDb;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Snowflake tables federated into the engine: a registered bucket over a schema of fakesnow (a
 * third-party Snowflake emulator, reached through the real snowflake-jdbc driver), read alone and
 * joined with DuckDB tables, with the answers compared to DuckDB computing the same queries over
 * copies of the same data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederatedQueryTest {
  private static final String[] ORDER_COLUMNS = {"ID DECIMAL(38,0)", "CUSTOMER_ID DECIMAL(38,0)",
      "AMOUNT DECIMAL(10,2)", "STATUS VARCHAR", "ORDERED DATE"};
  private static final String[] CUSTOMER_COLUMNS = {"id INTEGER", "name VARCHAR", "region VARCHAR"};

  private Fakesnow snowflake;
  private TestEngine floe;
  private ReferenceDuckDb duck;
  private String masterToken;
  private EngineSession session;

  @BeforeAll void start() throws Exception {
    snowflake = Fakesnow.start();
    StringBuilder ordersCsv = new StringBuilder("ID,CUSTOMER_ID,AMOUNT,STATUS,ORDERED\n");
    List<String> values = new ArrayList<>();
    String[] statuses = {"open", "shipped", "cancelled"};
    for (int i = 1; i <= 300; i++) {
      int customer = i % 40 + 1;
      String amount = (i * 37 % 1000) + "." + String.format("%02d", i % 100);
      String status = statuses[i % 3];
      String date = java.time.LocalDate.of(2024, 1, 1).plusDays(i % 200).toString();
      ordersCsv.append(i).append(',').append(customer).append(',').append(amount).append(',')
          .append(status).append(',').append(date).append('\n');
      values.add("(" + i + ", " + customer + ", " + amount + ", '" + status + "', '" + date + "')");
    }
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("create database sales");
      s.execute("create schema sales.crm");
      s.execute("create table sales.crm.orders (id number(38,0), customer_id number(38,0), "
          + "amount number(10,2), status varchar, ordered date)");
      s.execute("insert into sales.crm.orders values " + String.join(", ", values));
      s.execute("create schema sales.typed_direct");
      s.execute("create table sales.typed_direct.x (t time, ts timestamp_ntz)");
      s.execute("insert into sales.typed_direct.x values ('01:02:03.456789', "
          + "'2024-01-02 03:04:05.678901'), (null, null)");
      s.execute("create table sales.crm.targets (region varchar, goal number(12,2))");
      s.execute("insert into sales.crm.targets values ('EU', 5000), ('US', 7000)");
    }
    floe = TestEngine.start();
    masterToken = floe.createProject("p");
    // With a default database, as connections usually have (fakesnow also needs one: it defines
    // its timestamp functions per database).
    floe.engine().snowflakeConnections().create(floe.admin(), "p", new SnowflakeConnections.Spec(
        "sf", Fakesnow.ACCOUNT, "127.0.0.1", snowflake.port(), "http", Fakesnow.USER,
        Fakesnow.PASSWORD, null, null, null, null, null, "SALES"));
    Buckets.Registration registered = floe.engine().buckets().register(floe.admin(), "p", "crm", "sf",
        List.of("sales", "crm"), "the CRM schema in Snowflake");
    assertThat(registered.added()).containsExactlyInAnyOrder("ORDERS", "TARGETS");
    floe.engine().buckets().register(floe.admin(), "p", "typed_direct", "sf",
        List.of("SALES", "TYPED_DIRECT"), null);
    floe.createBucket("p", "b");
    StringBuilder customersCsv = new StringBuilder("id,name,region\n");
    for (int i = 1; i <= 50; i++) {
      customersCsv.append(i).append(",customer ").append(i).append(',')
          .append(i % 2 == 0 ? "EU" : "US").append('\n');
    }
    floe.createTable("p", "b", "customers", CUSTOMER_COLUMNS);
    floe.importCsv("p", "b", "customers", customersCsv.toString(), false);
    duck = new ReferenceDuckDb();
    duck.table("crm", "orders", ordersCsv.toString(), ORDER_COLUMNS);
    duck.table("crm", "targets", "REGION,GOAL\nEU,5000\nUS,7000\n", "REGION VARCHAR", "GOAL DECIMAL(12,2)");
    duck.table("b", "customers", customersCsv.toString(), CUSTOMER_COLUMNS);
    duck.table("typed_direct", "x", "T,TS\n01:02:03.456789,2024-01-02 03:04:05.678901\n,\n",
        "T TIME", "TS TIMESTAMP");
    session = floe.engine().openSession(floe.principal(masterToken), "test", SqlFlavor.POSTGRES);
  }

  @AfterAll void stop() {
    Stream.<AutoCloseable>of(session, duck, floe, snowflake).forEach(c -> {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private void sameAsDuckDb(String sql) {
    try {
      assertThat(Rows.query(session, sql)).as(sql).isEqualTo(duck.query(sql));
    } catch (FloeException e) {
      throw new AssertionError(sql + "\n" + explain(sql) + "\nfakesnow: " + snowflake.logTail(), e);
    }
  }

  @Test void aRegisteredBucketShowsTheSchemasTablesWithTheirTypes() {
    TableDef orders = floe.engine().catalog().snapshot().buckets("p").stream()
        .filter(b -> b.name().equals("crm")).findFirst()
        .flatMap(b -> floe.engine().catalog().snapshot().table(b.id(), "ORDERS")).orElseThrow();
    assertThat(orders.isRemote()).isTrue();
    assertThat(orders.columns()).extracting(c -> c.name() + " " + c.type())
        .containsExactly("ID DECIMAL(38,0)", "CUSTOMER_ID DECIMAL(38,0)", "AMOUNT DECIMAL(10,2)",
            "STATUS VARCHAR", "ORDERED DATE");
  }

  @Test void snowflakeTablesAloneGiveDuckDbsAnswers() {
    sameAsDuckDb("select count(*), sum(amount), min(ordered), max(ordered) from crm.orders "
        + "where status = 'open'");
    sameAsDuckDb("select status, count(*), sum(amount) from crm.orders group by status order by status");
    sameAsDuckDb("select id, amount from crm.orders where amount between 100 and 200 "
        + "order by amount desc, id limit 7");
    sameAsDuckDb("select id, status, row_number() over (partition by status order by amount desc, id) "
        + "from crm.orders order by 1");
    sameAsDuckDb("select * from crm.targets order by region");
    // Identifiers: Snowflake's upper-case names match unquoted names in any case.
    sameAsDuckDb("select \"ID\" from crm.\"ORDERS\" where \"ID\" < 4 order by 1");
  }

  @Test void crossSourceJoinsGiveDuckDbsAnswers() {
    sameAsDuckDb("select c.region, count(*), sum(o.amount) from b.customers c "
        + "join crm.orders o on o.customer_id = c.id where o.status = 'shipped' "
        + "group by c.region order by 1");
    sameAsDuckDb("select c.name, o.id, o.amount from b.customers c "
        + "left join crm.orders o on o.customer_id = c.id and o.amount > 900 "
        + "where c.id > 35 order by c.name, o.id");
    sameAsDuckDb("select t.region, t.goal, sum(o.amount) from crm.targets t "
        + "join b.customers c on c.region = t.region join crm.orders o on o.customer_id = c.id "
        + "group by t.region, t.goal order by 1");
    sameAsDuckDb("select id from crm.orders where customer_id in (select id from b.customers "
        + "where name like '%7') order by id");
  }

  @Test void aQueryOfOneConnectionStreamsStraightFromSnowflake() throws Exception {
    String sql = "select id, status, amount from crm.orders where amount > 900 "
        + "order by status desc, amount, id";
    String plan = explain(sql);
    // Nulls sort as in Floe's DuckDB statements: last, also descending.
    assertThat(line(plan, "Streamed from Snowflake")).contains("ORDER BY \"status\" DESC NULLS LAST, "
        + "\"amount\" ASC NULLS LAST, \"id\" ASC NULLS LAST");
    sameAsDuckDb(sql);
    assertThat(auditLine(sql).get("source_rows").asLong())
        .isEqualTo((Long) duck.query("select count(*) from crm.orders where amount > 900").get(0).get(0));
    sameAsDuckDb("select status, count(*) from crm.orders group by status order by 2 desc, 1");
    sameAsDuckDb("select t, ts from typed_direct.x order by t");
    // A limit is Snowflake's too; read partly, the result is closed early.
    try (EngineSession s = floe.engine().openSession(floe.principal(masterToken), "test",
        SqlFlavor.POSTGRES)) {
      var result = s.execute("select id from crm.orders order by id", List.of());
      try (var cursor = result.cursor()) {
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.get(0)).isEqualTo(java.math.BigDecimal.ONE);
      }
    }
  }

  @Test void backslashesAndQuotesInLiteralsMeanWhatTheySay() throws Exception {
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("create schema if not exists sales.text");
      s.execute("create table sales.text.paths (p varchar)");
      s.execute("insert into sales.text.paths values ('C:\\\\temp'), ('it''s'), ('x')");
    }
    floe.engine().buckets().register(floe.admin(), "p", "paths", "sf", List.of("SALES", "TEXT"), null);
    // A PostgreSQL literal has no escapes: 'C:\temp' is a backslash and a t, in Snowflake too.
    assertThat(Rows.query(session, "select p from paths.paths where p = 'C:\\temp'"))
        .containsExactly(List.of("C:\\temp"));
    assertThat(Rows.query(session, "select p from paths.paths where p = 'it''s'"))
        .containsExactly(List.of("it's"));
    // A literal ending in a backslash does not swallow the quote after it.
    assertThat(Rows.query(session, "select p from paths.paths where p in ('a\\', ') or 1=1 --') "
        + "order by p")).isEmpty();
  }

  @Test void dateAndTimeParametersReachSnowflakeExactly() {
    assertThat(Rows.query(session, "select count(*) from crm.orders where ordered = ?",
        java.time.LocalDate.of(2024, 1, 5)))
        .isEqualTo(duck.query("select count(*) from crm.orders where ordered = date '2024-01-05'"));
    assertThat(Rows.query(session, "select t from typed_direct.x where ts = ?",
        java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000)))
        .containsExactly(List.of(java.time.LocalTime.of(1, 2, 3, 456_789_000)));
    assertThat(Rows.query(session, "select ts from typed_direct.x where t = ?",
        java.time.LocalTime.of(1, 2, 3, 456_789_000)))
        .containsExactly(List.of(java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_901_000)));
    assertThat(Rows.query(session, "select count(*) from typed_direct.x where ts < ?",
        java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 678_900_000))).containsExactly(List.of(0L));
  }

  @Test void parametersReachSnowflake() {
    assertThat(Rows.query(session, "select count(*) from crm.orders where status = ? and amount > ?",
        "open", new java.math.BigDecimal("500")))
        .isEqualTo(duck.query("select count(*) from crm.orders where status = 'open' and amount > 500"));
  }

  @Test void filtersProjectionsAndAggregatesRunInSnowflake() {
    String plan = explain("select c.region, sum(o.amount) from b.customers c "
        + "join crm.orders o on o.customer_id = c.id where o.status = 'shipped' and c.region = 'EU' "
        + "group by c.region");
    String snowflakeSql = line(plan, "Snowflake SQL");
    assertThat(snowflakeSql).contains("FROM \"SALES\".\"CRM\".\"ORDERS\"")
        .contains("WHERE \"STATUS\" = 'shipped'")
        .doesNotContain("\"ORDERED\""); // only the columns the query reads
    assertThat(plan).contains("\"temp\".\"main\".\"floe_remote_0\"");

    String grouped = line(explain("select status, count(*), sum(amount) from crm.orders "
        + "group by status"), "Snowflake SQL");
    assertThat(grouped).contains("GROUP BY \"STATUS\"").contains("SUM(\"AMOUNT\")");

    String sorted = line(explain("select id, amount from crm.orders where status = 'open' "
        + "order by amount desc, id limit 5"), "Snowflake SQL");
    assertThat(sorted).contains("ORDER BY \"AMOUNT\" DESC").contains("LIMIT 5");
    String ranked = line(explain("select id, rank() over (partition by status order by amount) "
        + "from crm.orders"), "Snowflake SQL");
    assertThat(ranked).contains("RANK() OVER (PARTITION BY \"STATUS\" ORDER BY \"AMOUNT\"");

    String joined = line(explain("select t.region, count(*) from crm.targets t "
        + "join crm.orders o on o.status = t.region group by t.region"), "Snowflake SQL");
    assertThat(joined).contains("INNER JOIN").contains("GROUP BY");
  }

  @Test void snowflakeGroupsItsSideOfAJoinBeforeItsRowsTravel() {
    String sql = "select c.region, count(*), sum(o.amount) from b.customers c "
        + "join crm.orders o on o.customer_id = c.id group by c.region order by 1";
    String plan = explain(sql);
    assertThat(line(plan, "Snowflake SQL")).contains("GROUP BY \"CUSTOMER_ID\"");
    sameAsDuckDb(sql);
    sameAsDuckDb("select c.name, max(o.amount), min(o.ordered), count(o.id), count(*) "
        + "from b.customers c join crm.orders o on o.customer_id = c.id where c.id < 12 "
        + "group by c.name order by 1");
    sameAsDuckDb("select count(*), sum(o.amount) from b.customers c join crm.orders o "
        + "on o.customer_id = c.id where c.region = 'nowhere'");
    sameAsDuckDb("select o.status, count(*) from crm.orders o join b.customers c "
        + "on o.customer_id = c.id group by o.status order by 1");
    // An aggregate of a DuckDB column is not split.
    sameAsDuckDb("select o.status, count(c.name), max(c.id) from crm.orders o join b.customers c "
        + "on o.customer_id = c.id group by o.status order by 1");
  }

  @Test void aDynamicFilterSendsSnowflakeTheKeysOfTheDuckDbSide() throws Exception {
    String sql = "select c.name, o.id, o.amount from b.customers c join crm.orders o "
        + "on o.customer_id = c.id where c.region = 'EU' and c.id < 9 order by o.id";
    String plan = explain(sql);
    assertThat(line(plan, "Dynamic filter")).contains("\"CUSTOMER_ID\" IN the keys of:")
        .contains("\"customers\"").contains("\"region\" = 'EU'");
    sameAsDuckDb(sql);
    // Only the orders of the four customers that pass the DuckDB side's filter left Snowflake.
    long matching = (Long) duck.query("select count(*) from crm.orders where customer_id in "
        + "(2, 4, 6, 8)").get(0).get(0);
    assertThat(auditLine(sql).get("source_rows").asLong()).isEqualTo(matching);

    // The DuckDB side has no key: Snowflake is asked for no row.
    String none = "select count(*) from b.customers c join crm.orders o on o.customer_id = c.id "
        + "where c.region = 'nowhere'";
    sameAsDuckDb(none);
    assertThat(auditLine(none).get("source_rows").asLong()).isZero();

    // A left join keeps every customer, and needs only their orders.
    sameAsDuckDb("select c.id, count(o.id) from b.customers c left join crm.orders o "
        + "on o.customer_id = c.id where c.id between 30 and 45 group by c.id order by c.id");
    // A full join needs every order: no dynamic filter.
    assertThat(explain("select c.id, o.id from b.customers c full join crm.orders o "
        + "on o.customer_id = c.id")).doesNotContain("Dynamic filter");
  }

  private com.fasterxml.jackson.databind.JsonNode auditLine(String sql) throws Exception {
    Path audit = floe.dataDir().resolve("audit").resolve("audit.jsonl");
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      for (String l : Files.readAllLines(audit)) {
        com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(l);
        if (sql.equals(n.path("sql").asText())) {
          return n;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no audit line for " + sql);
  }

  @Test void aSnowflakeStatementReadTwiceIsNotFilteredForOneOfItsReaders() {
    sameAsDuckDb("select o.id from crm.orders o join b.customers c on o.customer_id = c.id "
        + "where c.id < 3 union all select id from crm.orders order by 1");
    sameAsDuckDb("select count(*) from crm.orders a join b.customers c on a.customer_id = c.id "
        + "join crm.orders o2 on o2.status = a.status where c.id = 7");
  }

  @Test void anAggregateOverAJoinThatReadsNoSnowflakeKeyIsNotSplit() {
    sameAsDuckDb("select c.region, count(*) from crm.orders o, b.customers c "
        + "where o.amount > 100000 group by c.region order by 1");
    sameAsDuckDb("select distinct c.region from crm.orders o, b.customers c "
        + "where o.amount > 100000 order by 1");
    sameAsDuckDb("select c.region, count(*), max(o.amount) from crm.orders o, b.customers c "
        + "where c.id < 3 group by c.region order by 1");
  }

  @Test void whatSnowflakeComputesDifferentlyStaysInDuckDb() {
    // Snowflake divides integers into decimals; PostgreSQL (and Floe) truncates.
    String plan = explain("select id / 7 from crm.orders where id > 290");
    assertThat(line(plan, "Snowflake SQL")).doesNotContain("/ 7");
    sameAsDuckDb("select id / 7, cast(id as varchar) from crm.orders where id > 290 order by 1, 2");
  }

  @Test void auditNamesTheSnowflakeQuery() throws Exception {
    Rows.query(session, "select count(*) from crm.orders where status = 'cancelled' and id > 0");
    Path audit = floe.dataDir().resolve("audit").resolve("audit.jsonl");
    long deadline = System.currentTimeMillis() + 5000;
    String line = null;
    while (System.currentTimeMillis() < deadline && line == null) {
      line = Files.readAllLines(audit).stream()
          .filter(l -> l.contains("status = 'cancelled' and id > 0")).findFirst().orElse(null);
      Thread.sleep(50);
    }
    assertThat(line).contains("\"source_queries\":[\"sf:");
  }

  @Test void registeredBucketsAreReadOnly() {
    assertThatThrownBy(() -> floe.createTable("p", "crm", "extra", "id INTEGER"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
          assertThat(e.getMessage()).contains("registered from Snowflake connection 'sf'");
        });
    assertThatThrownBy(() -> floe.importCsv("p", "crm", "ORDERS", "ID\n1\n", true))
        .isInstanceOfSatisfying(FloeException.class,
            e -> assertThat(e.sqlState()).isEqualTo("42501"));
  }

  @Test void aTokenWithoutTheBucketSeesNothingOfIt() {
    String reader = floe.engine().storageServices().tokens().create(floe.principal(masterToken), "p",
        new TokenSpec("b only", Map.of("b", "read"), false, null)).secret();
    try (EngineSession s = floe.engine().openSession(floe.principal(reader), "test",
        SqlFlavor.POSTGRES)) {
      assertThat(s.listing().schema("p", "crm")).isEmpty();
      assertThatThrownBy(() -> Rows.query(s, "select count(*) from crm.orders"))
          .isInstanceOfSatisfying(FloeException.class,
              e -> assertThat(e.sqlState()).isIn("42P01", "3F000"));
    }
    String crmReader = floe.engine().storageServices().tokens().create(floe.principal(masterToken),
        "p", new TokenSpec("crm only", Map.of("crm", "read"), false, null)).secret();
    try (EngineSession s = floe.engine().openSession(floe.principal(crmReader), "test",
        SqlFlavor.POSTGRES)) {
      assertThat(Rows.query(s, "select count(*) from crm.targets")).containsExactly(List.of(2L));
    }
  }

  @Test void aLinkedRegisteredBucketReadsThroughItsOwnersConnection() {
    String other = floe.createProject("q");
    floe.engine().storageServices().sharing().share(floe.admin(), "p", "crm", List.of("q"), false);
    floe.engine().storageServices().sharing().link(floe.principal(other), "q", "crm_link", "p", "crm");
    try (EngineSession s = floe.engine().openSession(floe.principal(other), "test",
        SqlFlavor.POSTGRES)) {
      assertThat(Rows.query(s, "select count(*), sum(amount) from crm_link.orders where status = 'open'"))
          .isEqualTo(duck.query("select count(*), sum(amount) from crm.orders where status = 'open'"));
      assertThatThrownBy(() -> floe.engine().tables().create(floe.principal(other), "q", "crm_link",
          new io.floe.engine.api.admin.TableSpec("x", null, List.of(new io.floe.engine.api.catalog.ColumnDef(
              "id", io.floe.engine.api.catalog.ColumnType.parse("INTEGER"), true)), List.of())))
          .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("42501"));
    }
  }

  @Test void everySnowflakeTypeArrivesWithItsValue() throws Exception {
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("create schema sales.typed");
      s.execute("create table sales.typed.all_types (n38 number(38,0), n12 number(12,3), f float, "
          + "v varchar(20), b boolean, d date, t time, ts timestamp_ntz, tstz timestamp_tz, "
          + "bin binary, j variant)");
      // fakesnow keeps NUMBER(38,0) in a 64-bit integer (Snowflake keeps 38 digits, which Floe's
      // DECIMAL(38,0) holds); the widest value it takes stands in for them.
      s.execute("insert into sales.typed.all_types select 9223372036854775807, "
          + "-123456789.125, 2.5, 'héllo', true, '2024-02-29', '13:14:15.123456', "
          + "'2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123456+02', "
          + "to_binary('CAFE', 'HEX'), parse_json('{\"a\": [1, 2]}')");
      s.execute("insert into sales.typed.all_types (n38) values (null)");
    }
    floe.engine().buckets().register(floe.admin(), "p", "typed", "sf", List.of("SALES", "TYPED"), null);
    List<List<Object>> rows = Rows.query(session, "select n38, n12, f, v, b, d, t, ts, tstz, bin, j "
        + "from typed.all_types order by n38 nulls last");
    assertThat(rows).hasSize(2);
    List<Object> r = rows.get(0);
    assertThat(r.get(0)).isEqualTo(new java.math.BigDecimal("9223372036854775807"));
    assertThat(r.get(1)).isEqualTo(new java.math.BigDecimal("-123456789.125"));
    assertThat(r.get(2)).isEqualTo(2.5);
    assertThat(r.get(3)).isEqualTo("héllo");
    assertThat(r.get(4)).isEqualTo(true);
    assertThat(r.get(5)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    assertThat(r.get(6)).isEqualTo(java.time.LocalTime.of(13, 14, 15, 123_456_000));
    assertThat(r.get(7)).isEqualTo(java.time.LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000));
    assertThat(r.get(8).toString()).startsWith("2024-02-29T21:59:59.123456");
    assertThat(r.get(9)).isEqualTo(new byte[] {(byte) 0xCA, (byte) 0xFE});
    assertThat(r.get(10).toString().replace(" ", "").replace("\n", "")).isEqualTo("{\"a\":[1,2]}");
    assertThat(rows.get(1).get(0)).isNull();
    assertThat(rows.get(1).get(3)).isNull();
  }

  @Test void anUnreachableSnowflakeIsAnErrorThatNamesTheConnection() throws Exception {
    Fakesnow gone = Fakesnow.start();
    try (Connection c = gone.connect(); Statement s = c.createStatement()) {
      s.execute("create database d");
      s.execute("create schema d.s");
      s.execute("create table d.s.t (x number(38,0))");
    }
    floe.engine().snowflakeConnections().create(floe.admin(), "p", new SnowflakeConnections.Spec(
        "soon_gone", Fakesnow.ACCOUNT, "127.0.0.1", gone.port(), "http", Fakesnow.USER,
        Fakesnow.PASSWORD, null, null, null, null, null, null));
    floe.engine().buckets().register(floe.admin(), "p", "gone", "soon_gone", List.of("D", "S"), null);
    gone.close();
    try (EngineSession s = floe.engine().openSession(floe.principal(masterToken), "test",
        SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> Rows.query(s, "select * from gone.t"))
          .isInstanceOfSatisfying(FloeException.class, e -> {
            assertThat(e.getMessage()).contains("Snowflake connection 'soon_gone'");
            assertThat(e.sqlState()).isIn("HV00N", "08001");
          });
    }
  }

  @Test void aConnectionInUseCannotBeDeleted() {
    assertThatThrownBy(() -> floe.engine().snowflakeConnections().delete(floe.admin(), "p", "sf"))
        .isInstanceOfSatisfying(FloeException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.OBJECT_IN_USE);
          assertThat(e.getMessage()).contains("crm");
        });
  }

  @Test void refreshFindsAddedDroppedAndChangedTables() throws Exception {
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("create table sales.crm.returns (order_id number(38,0), reason varchar)");
      s.execute("insert into sales.crm.returns values (3, 'damaged')");
      s.execute("create table sales.crm.scratch (x number(38,0))");
    }
    floe.engine().buckets().register(floe.admin(), "p", "crm2", "sf", List.of("SALES", "CRM"), null);
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("drop table sales.crm.scratch");
      s.execute("alter table sales.crm.returns add column refunded boolean");
      s.execute("alter table sales.crm.returns drop column reason");
      s.execute("create table sales.crm.notes (id number(38,0), body varchar)");
    }
    Buckets.Registration refreshed = floe.engine().buckets().refresh(floe.admin(), "p", "crm2");
    assertThat(refreshed.dropped()).containsExactly("SCRATCH");
    assertThat(refreshed.changed()).containsExactly("RETURNS");
    assertThat(refreshed.added()).containsExactly("NOTES");
    try (EngineSession s = floe.engine().openSession(floe.principal(masterToken), "test",
        SqlFlavor.POSTGRES)) {
      assertThat(Rows.query(s, "select order_id, refunded from crm2.returns"))
          .containsExactly(java.util.Arrays.asList(new java.math.BigDecimal("3"), null));
      assertThatThrownBy(() -> Rows.query(s, "select reason from crm2.returns"))
          .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("42703"));
      assertThat(Rows.query(s, "select count(*) from crm2.notes")).containsExactly(List.of(0L));
      assertThatThrownBy(() -> Rows.query(s, "select * from crm2.scratch"))
          .isInstanceOfSatisfying(FloeException.class, e -> assertThat(e.sqlState()).isEqualTo("42P01"));
    }
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("drop table sales.crm.notes");
    }
    try (Connection c = snowflake.connect(); Statement s = c.createStatement()) {
      s.execute("drop table sales.crm.returns");
    }
    // Until the refresh, a dropped table fails with a code that says so and names the connection.
    try (EngineSession s = floe.engine().openSession(floe.principal(masterToken), "test",
        SqlFlavor.POSTGRES)) {
      assertThatThrownBy(() -> Rows.query(s, "select * from crm2.returns"))
          .isInstanceOfSatisfying(FloeException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SOURCE_OBJECT_NOT_FOUND);
            assertThat(e.getMessage()).contains("Snowflake connection 'sf'");
          });
    }
    assertThat(floe.engine().buckets().refresh(floe.admin(), "p", "crm2").dropped())
        .containsExactlyInAnyOrder("NOTES", "RETURNS");
    floe.engine().buckets().delete(floe.admin(), "p", "crm2");
  }

  private String explain(String sql) {
    return (String) Rows.query(session, "explain plan for " + sql).get(0).get(0);
  }

  /** The part of a plan's text that starts with {@code prefix}, up to the next part. */
  private static String line(String plan, String prefix) {
    int start = plan.indexOf(prefix);
    if (start < 0) {
      throw new AssertionError("no " + prefix + " in\n" + plan);
    }
    int end = plan.indexOf("\nD", start + 1);
    return plan.substring(start, end < 0 ? plan.length() : end).replaceAll("\\s+", " ");
  }
}

package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.testing.ReferenceDuckDb;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The foundation end to end: Floe on port 0, data loaded through the REST API, queried through the
 * real driver jar (loaded on its own), answers equal to DuckDB's, and project A's token seeing
 * nothing of project B.
 */
class JdbcEndToEndTest {
  static final String ORDERS_TABLE = "{\"name\":\"orders\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\",\"nullable\":false},"
      + "{\"name\":\"customer_id\",\"type\":\"INTEGER\"},"
      + "{\"name\":\"amount\",\"type\":\"DECIMAL(38,10)\"},"
      + "{\"name\":\"ordered_at\",\"type\":\"TIMESTAMP\"},"
      + "{\"name\":\"ordered_on\",\"type\":\"DATE\"},"
      + "{\"name\":\"region\",\"type\":\"VARCHAR\"}]}";
  static final String[] ORDERS_COLUMNS = {"id INTEGER PK", "customer_id INTEGER",
      "amount DECIMAL(38,10)", "ordered_at TIMESTAMP", "ordered_on DATE", "region VARCHAR"};
  static final String ORDERS_CSV = String.join("\n",
      "id,customer_id,amount,ordered_at,ordered_on,region",
      "1,10,1234567890123456789012345678.1234567890,2024-01-01 10:00:00.123456,2024-01-01,EU",
      "2,10,0.0000000001,2024-01-01 10:00:00.123455,2024-01-01,EU",
      "3,20,99999999999999999999999999.9999999999,2024-02-29 23:59:59.999999,2024-02-29,US",
      "4,30,-5.5,2024-03-01 00:00:00,2024-03-01,US",
      "5,30,,2024-03-02 12:30:00.000001,2024-03-02,") + "\n";
  static final String CUSTOMERS_TABLE = "{\"name\":\"customers\",\"primary_key\":[\"id\"],\"columns\":["
      + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"name\",\"type\":\"VARCHAR\"},"
      + "{\"name\":\"country\",\"type\":\"VARCHAR\"}]}";
  static final String[] CUSTOMERS_COLUMNS = {"id INTEGER PK", "name VARCHAR", "country VARCHAR"};
  static final String CUSTOMERS_CSV = "id,name,country\n10,Alice,CZ\n20,Bob,DE\n30,Carol,CZ\n";

  static TestServer floe;
  static ReferenceDuckDb duck;
  static String tokenA;
  static String tokenB;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokenA = floe.createProject("a");
    tokenB = floe.createProject("b");
    floe.createBucket("a", tokenA, "in_c_sales");
    floe.createTable("a", tokenA, "in_c_sales", ORDERS_TABLE);
    floe.createTable("a", tokenA, "in_c_sales", CUSTOMERS_TABLE);
    assertThat(floe.importCsv("a", tokenA, "in_c_sales", "orders", ORDERS_CSV, false).status()).isEqualTo(200);
    assertThat(floe.importCsv("a", tokenA, "in_c_sales", "customers", CUSTOMERS_CSV, false).status())
        .isEqualTo(200);
    floe.createBucket("b", tokenB, "in_c_secret");
    floe.createTable("b", tokenB, "in_c_secret", "{\"name\":\"salaries\",\"columns\":["
        + "{\"name\":\"employee\",\"type\":\"VARCHAR\"},{\"name\":\"salary\",\"type\":\"DECIMAL(12,2)\"}]}");
    floe.importCsv("b", tokenB, "in_c_secret", "salaries", "employee,salary\nzoe,100000.00\n", false);
    duck = new ReferenceDuckDb();
    duck.table("in_c_sales", "orders", ORDERS_CSV, ORDERS_COLUMNS);
    duck.table("in_c_sales", "customers", CUSTOMERS_CSV, CUSTOMERS_COLUMNS);
  }

  @AfterAll static void tearDown() {
    duck.close();
    floe.close();
  }

  static Connection connect(String token) throws SQLException {
    return DriverJar.connect(floe.jdbcUrl(), token);
  }

  /** Rows as Floe's engine represents them, so they compare with DuckDB's. */
  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      Object[] row = new Object[md.getColumnCount()];
      for (int i = 0; i < row.length; i++) {
        Object v = rs.getObject(i + 1);
        if (v instanceof Timestamp t) {
          v = t.toLocalDateTime();
        } else if (v instanceof java.sql.Date d) {
          v = d.toLocalDate();
        }
        row[i] = v;
      }
      rows.add(Arrays.asList(row));
    }
    return rows;
  }

  static void assertSameAsDuckDb(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rows(rs)).as(sql).isEqualTo(duck.query(sql));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "protobuf"})
  void joinAggregateWindowDecimalAndTimestampsMatchDuckDb(String serialization) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", tokenA);
    props.setProperty("serialization", serialization);
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), props)) {
      assertSameAsDuckDb(c, "select c.country, count(*) as n, sum(o.amount) as total "
          + "from in_c_sales.orders o join in_c_sales.customers c on o.customer_id = c.id "
          + "group by c.country order by c.country");
      assertSameAsDuckDb(c, "select id, region, "
          + "row_number() over (partition by region order by amount desc nulls last) as rn, "
          + "sum(amount) over (partition by region) as region_total from in_c_sales.orders order by id");
      assertSameAsDuckDb(c, "select sum(amount) as total, avg(customer_id) as avg_customer "
          + "from in_c_sales.orders");
      assertSameAsDuckDb(c, "select id, ordered_at, ordered_on from in_c_sales.orders "
          + "where ordered_at > TIMESTAMP '2024-01-01 10:00:00.123455' order by id");
    }
  }

  @Test void decimal38AndMicrosecondsSurviveTheWire() throws SQLException {
    try (Connection c = connect(tokenA); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select amount, ordered_at, ordered_on from in_c_sales.orders "
             + "where id = 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("1234567890123456789012345678.1234567890"));
      assertThat(rs.getTimestamp(2).getNanos()).isEqualTo(123_456_000);
      assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.parse("2024-01-01T10:00:00.123456"));
      assertThat(rs.getString(2)).isEqualTo("2024-01-01 10:00:00.123456");
      assertThat(rs.getDate(3).toLocalDate()).isEqualTo(LocalDate.of(2024, 1, 1));
      ResultSetMetaData md = rs.getMetaData();
      assertThat(md.getColumnType(1)).isEqualTo(Types.DECIMAL);
      assertThat(md.getPrecision(1)).isEqualTo(38);
      assertThat(md.getScale(1)).isEqualTo(10);
      assertThat(md.getColumnType(2)).isEqualTo(Types.TIMESTAMP);
    }
  }

  @Test void preparedStatementsBindParameters() throws SQLException {
    try (Connection c = connect(tokenA);
         PreparedStatement ps = c.prepareStatement(
             "select id from in_c_sales.orders where region = ? and ordered_at >= ? order by id")) {
      ps.setString(1, "EU");
      ps.setTimestamp(2, Timestamp.valueOf(LocalDateTime.parse("2024-01-01T10:00:00.123456")));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rows(rs)).containsExactly(List.of(1));
      }
      ps.setString(1, "US");
      ps.setTimestamp(2, Timestamp.valueOf("2024-01-01 00:00:00"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rows(rs)).containsExactly(List.of(3), List.of(4));
      }
    }
  }

  @Test void unquotedIdentifiersMatchInAnyCase() throws SQLException {
    try (Connection c = connect(tokenA); Statement s = c.createStatement()) {
      for (String sql : List.of("select count(*) from in_c_sales.orders",
          "SELECT COUNT(*) FROM IN_C_SALES.ORDERS")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(rows(rs)).containsExactly(List.of(5L));
        }
      }
    }
  }

  @Test void metadataShowsExactlyWhatTheTokenMayRead() throws SQLException {
    try (Connection c = connect(tokenA)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Floe");
      assertThat(column(md.getCatalogs(), "TABLE_CAT")).containsExactly("a");
      assertThat(column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("in_c_sales");
      assertThat(column(md.getTables(null, null, "%", null), "TABLE_NAME"))
          .containsExactly("customers", "orders");
      try (ResultSet rs = md.getColumns("a", "in_c_sales", "orders", null)) {
        List<String> described = new ArrayList<>();
        while (rs.next()) {
          described.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":"
              + rs.getString("TYPE_NAME") + ":" + rs.getInt("COLUMN_SIZE") + ":"
              + rs.getInt("DECIMAL_DIGITS") + ":" + rs.getString("IS_NULLABLE"));
        }
        assertThat(described).containsExactly(
            "id:" + Types.INTEGER + ":INTEGER:10:0:NO",
            "customer_id:" + Types.INTEGER + ":INTEGER:10:0:YES",
            "amount:" + Types.DECIMAL + ":DECIMAL:38:10:YES",
            "ordered_at:" + Types.TIMESTAMP + ":TIMESTAMP:26:6:YES",
            "ordered_on:" + Types.DATE + ":DATE:10:0:YES",
            "region:" + Types.VARCHAR + ":VARCHAR:" + Integer.MAX_VALUE + ":0:YES");
      }
      assertThat(column(md.getPrimaryKeys("a", "in_c_sales", "orders"), "COLUMN_NAME")).containsExactly("id");
      assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("INTEGER", "DECIMAL", "VARCHAR",
          "TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "UUID", "JSON");
      assertThat(column(md.getTables("b", null, "%", null), "TABLE_NAME")).isEmpty();
      assertThat(column(md.getColumns(null, "in_c_secret", "%", "%"), "COLUMN_NAME")).isEmpty();
    }
    try (Connection admin = connect(TestServer.ADMIN_TOKEN)) {
      assertThat(column(admin.getMetaData().getCatalogs(), "TABLE_CAT")).containsExactly("a", "b");
    }
  }

  @Test void otherProjectsDataIsNotFound() throws SQLException {
    try (Connection c = connect(tokenA); Statement s = c.createStatement()) {
      for (String sql : List.of("select * from b.in_c_secret.salaries", "select * from in_c_secret.salaries")) {
        assertThatThrownBy(() -> s.executeQuery(sql))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"))
            .hasMessageContaining("does not exist");
      }
    }
  }

  @Test void errorsKeepTheirSqlState() throws SQLException {
    try (Connection c = connect(tokenA); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("selec 1"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"));
      assertThatThrownBy(() -> s.executeQuery("select nope from in_c_sales.orders"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42703"));
    }
  }

  @Test void divisionByZeroIs22012AndTheConnectionGoesOn() throws SQLException {
    try (Connection c = connect(tokenA); Statement s = c.createStatement()) {
      for (String sql : List.of("select 1/0", "select 1.0/0", "select cast(1 as integer)/0")) {
        for (int attempt = 0; attempt < 2; attempt++) {
          assertThatThrownBy(() -> s.executeQuery(sql)).as(sql)
              .isInstanceOfSatisfying(SQLException.class,
                  e -> assertThat(e.getSQLState()).isEqualTo("22012"));
        }
      }
      try (ResultSet rs = s.executeQuery("select count(*), 7 / 2 from in_c_sales.orders")) {
        assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("count");
        assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("?column?");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(2)).isEqualTo(3);
      }
    }
  }

  @Test void badTokensAreRefused() {
    assertThatThrownBy(() -> connect("not-a-token"))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
    assertThatThrownBy(() -> connect(null))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28000"));
  }

  @Test void classLoadingPropertiesAreIgnored() throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", tokenA);
    props.setProperty("model", "inline:{version:'1.0',schemas:[{name:'x',type:'jdbc',"
        + "jdbcUrl:'jdbc:duckdb:/etc/passwd'}]}");
    props.setProperty("schemaFactory", "org.apache.calcite.adapter.jdbc.JdbcSchema$Factory");
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), props); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("select * from x.passwd"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
      try (ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
        assertThat(rows(rs)).containsExactly(List.of(5L));
      }
    }
  }

  @Test void largeResultsArriveInFrames() throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", tokenA);
    props.setProperty("fetch_size", "2");
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), props); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select id from in_c_sales.orders order by id")) {
      assertThat(rows(rs)).containsExactly(List.of(1), List.of(2), List.of(3), List.of(4), List.of(5));
    }
    try (Connection c = connect(tokenA); Statement s = c.createStatement()) {
      s.setMaxRows(2);
      try (ResultSet rs = s.executeQuery("select id from in_c_sales.orders order by id")) {
        assertThat(rows(rs)).containsExactly(List.of(1), List.of(2));
      }
    }
  }

  static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }
}

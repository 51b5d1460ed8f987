package io.floe.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** pgjdbc against the PostgreSQL endpoint: queries, writes, prepared statements, metadata. */
class PgJdbcTest {
  static PgTestServer pg;

  @BeforeAll static void start() {
    pg = new PgTestServer();
  }

  @AfterAll static void stop() {
    pg.close();
  }

  static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(name));
    }
    return out;
  }

  @Test void readsProjectTablesAndWritesItsOwn() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select sum(amount) from in_c_sales.orders")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("17.00");
      }
      assertThat(s.executeUpdate("create table customers (id int primary key, name text)")).isZero();
      assertThat(s.executeUpdate("insert into customers values (10, 'Alice'), (20, 'Bob')")).isEqualTo(2);
      assertThat(s.executeUpdate("update customers set name = 'Bobby' where id = 20")).isEqualTo(1);
      try (ResultSet rs = s.executeQuery("select c.name, sum(o.amount) as total from in_c_sales.orders o "
          + "join customers c on c.id = o.customer_id group by c.name order by c.name")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Alice");
        assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("10.00");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Bobby");
      }
      assertThat(s.executeUpdate("delete from customers where id = 10")).isEqualTo(1);
      assertThatThrownBy(() -> s.executeUpdate("delete from in_c_sales.orders"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
      assertThatThrownBy(() -> s.executeQuery("select * from nosuch"))
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
      s.executeUpdate("drop table customers");
    }
  }

  static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("show " + name)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  static String sqlState(Statement s, String sql) {
    try {
      s.execute(sql);
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  /** SET, SHOW, RESET, DISCARD and DEALLOCATE answer as PostgreSQL's, with its SQLSTATEs. */
  @Test void sessionCommandsAnswerAsPostgresqlDoes() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      String defaultPath = show(s, "search_path");
      s.execute("set statement_timeout = '5s'");
      s.execute("set search_path = in_c_sales");
      assertThat(show(s, "statement_timeout")).isEqualTo("5s");
      assertThat(show(s, "search_path")).isEqualTo("in_c_sales");
      // The engine session acts on the search path: an unqualified project table resolves.
      try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
        assertThat(rs.next()).isTrue();
      }
      s.execute("reset statement_timeout");
      assertThat(show(s, "statement_timeout")).isEqualTo("0");
      assertThat(sqlState(s, "show no_such_setting")).isEqualTo("42704");
      assertThat(sqlState(s, "deallocate no_such_statement")).isEqualTo("26000");
      s.execute("deallocate all");
      s.execute("set statement_timeout = '7s'");
      c.setAutoCommit(false);
      assertThat(sqlState(s, "discard all")).isEqualTo("25001");
      c.rollback();
      c.setAutoCommit(true);
      s.execute("discard all");
      assertThat(show(s, "statement_timeout")).isEqualTo("0");
      assertThat(show(s, "search_path")).isEqualTo(defaultPath);
      assertThat(sqlState(s, "select count(*) from orders")).isEqualTo("42P01");
    }
  }

  /** A parameter is of the type the client declares, as in PostgreSQL: float8 7 / 2.0 is 3.5. */
  @Test void declaredParameterTypeIsKept() throws Exception {
    try (Connection c = pg.connect();
         java.sql.PreparedStatement ps = c.prepareStatement(
             "select x / ? from (values (7)) v(x) where x = ?")) {
      ps.setDouble(1, 2.0);
      ps.setInt(2, 7);
      for (int run = 0; run < 6; run++) {
        // pgjdbc prepares on the server from the fifth run on.
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("float8");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getDouble(1)).isEqualTo(3.5);
        }
      }
      ps.setBigDecimal(1, new java.math.BigDecimal("2.5"));
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("2.8");
      }
      ps.setInt(1, 2);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(3);
      }
    }
  }

  @Test void searchPathDecidesWhereUnqualifiedNamesResolve() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("create table scratch (id int)");
      try {
        searchPaths(s);
      } finally {
        s.execute("reset search_path");
        s.executeUpdate("drop table scratch");
      }
    }
  }

  @Test void searchPathCanBeSetAtConnect() throws Exception {
    for (String[] property : new String[][] {{"currentSchema", "in_c_sales"},
        {"options", "-c search_path=in_c_sales -c statement_timeout=5000"}}) {
      Properties p = new Properties();
      p.setProperty(property[0], property[1]);
      try (Connection c = pg.connect(p); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from orders")) {
        assertThat(rs.next()).as(property[0]).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }

  private static void searchPaths(Statement s) throws SQLException {
    s.executeUpdate("insert into scratch values (1), (2)");
    // Default ("$user", public): the workspace's own tables.
    assertThatThrownBy(() -> s.executeQuery("select count(*) from orders"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
    s.execute("set search_path = in_c_sales");
    try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
    assertThatThrownBy(() -> s.executeQuery("select count(*) from scratch"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
    try (ResultSet rs = s.executeQuery("select count(*) from public.scratch")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(2);
    }
    s.execute("set search_path to \"$user\", public, in_c_sales");
    try (ResultSet rs = s.executeQuery("select (select count(*) from scratch) + (select count(*) from orders)")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(5);
    }
    try (ResultSet rs = s.executeQuery("show search_path")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).endsWith("public, in_c_sales");
    }
    s.execute("reset search_path");
    assertThatThrownBy(() -> s.executeQuery("select count(*) from orders"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
  }

  @Test void preparedStatementsBecomeNamedAndBinary() throws Exception {
    try (Connection c = pg.connect();
         PreparedStatement ps = c.prepareStatement("select id, amount, note from in_c_sales.orders where id = ?")) {
      for (int i = 0; i < 8; i++) {
        ps.setInt(1, 1 + i % 3);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1 + i % 3);
          assertThat(rs.getBigDecimal(2)).isPositive();
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }

  /** Infinite timestamps and dates arrive as PostgreSQL sends them, in text and in binary. */
  @Test void infiniteTimestampsAndDatesAreInfinity() throws Exception {
    String sql = "select timestamp 'infinity' as a, timestamp '-infinity' as b, date 'infinity' as c, "
        + "date '-infinity' as d, cast('infinity' as timestamptz) as e, timestamp '2024-01-31 10:00:00' as f";
    Properties binary = new Properties();
    binary.setProperty("prepareThreshold", "-1");
    for (Properties props : List.of(new Properties(), binary)) {
      try (Connection c = pg.connect(props); PreparedStatement ps = c.prepareStatement(sql);
           ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getString("a"), rs.getString("b"), rs.getString("c"), rs.getString("d"),
            rs.getString("e"))).containsExactly("infinity", "-infinity", "infinity", "-infinity", "infinity");
        assertThat(rs.getObject("a", java.time.LocalDateTime.class)).isEqualTo(java.time.LocalDateTime.MAX);
        assertThat(rs.getObject("b", java.time.LocalDateTime.class)).isEqualTo(java.time.LocalDateTime.MIN);
        assertThat(rs.getObject("c", java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.MAX);
        assertThat(rs.getObject("d", java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.MIN);
        assertThat(rs.getTimestamp("a").getTime()).isEqualTo(org.postgresql.PGStatement.DATE_POSITIVE_INFINITY);
        assertThat(rs.getObject("f", java.time.LocalDateTime.class))
            .isEqualTo(java.time.LocalDateTime.parse("2024-01-31T10:00"));
      }
    }
  }

  @Test void fetchSizeSuspendsThePortal() throws Exception {
    try (Connection c = pg.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.setFetchSize(2);
        try (ResultSet rs = s.executeQuery("select id from in_c_sales.orders order by id")) {
          assertThat(column(rs, "id")).containsExactly("1", "2", "3");
        }
      }
      c.commit();
    }
  }

  @Test void metadataShowsVisibleObjectsOnly() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("create table items (id int primary key, name varchar(20), price numeric(10,2))");
      DatabaseMetaData md = c.getMetaData();
      assertThat(column(md.getSchemas(), "TABLE_SCHEM")).contains("public", "in_c_sales")
          .doesNotContain("secret");
      assertThat(column(md.getTables(null, "public", "%", new String[] {"TABLE"}), "TABLE_NAME"))
          .containsExactly("items");
      assertThat(column(md.getTables(null, "in_c_sales", "%", new String[] {"TABLE", "VIEW"}), "TABLE_NAME"))
          .containsExactly("orders");
      try (ResultSet cols = md.getColumns(null, "public", "items", "%")) {
        assertThat(cols.next()).isTrue();
        assertThat(cols.getString("COLUMN_NAME")).isEqualTo("id");
        assertThat(cols.getString("TYPE_NAME")).isEqualTo("int4");
        assertThat(cols.next()).isTrue();
        assertThat(cols.next()).isTrue();
        assertThat(cols.getString("TYPE_NAME")).isEqualTo("numeric");
        assertThat(cols.getInt("COLUMN_SIZE")).isEqualTo(10);
        assertThat(cols.getInt("DECIMAL_DIGITS")).isEqualTo(2);
      }
      assertThat(column(md.getPrimaryKeys(null, "public", "items"), "COLUMN_NAME")).containsExactly("id");
      assertThat(column(md.getTypeInfo(), "TYPE_NAME")).contains("int4", "varchar", "numeric");
      s.executeUpdate("drop table items");
    }
  }

  @Test void wrongPasswordFailsWith28P01() {
    Properties p = new Properties();
    p.setProperty("password", "wrong");
    assertThatThrownBy(() -> pg.connect(p).close())
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
  }

  @Test void tlsConnectionsWork() throws Exception {
    Properties p = new Properties();
    p.setProperty("sslmode", "require");
    try (Connection c = pg.connect(p); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from in_c_sales.orders")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(3);
    }
  }

  @Test void statementErrorsKeepTheSessionAndCarryHints() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement()) {
      for (String sql : List.of("select 1/0", "select 1.0/0", "select amount / (customer_id - customer_id) "
          + "from in_c_sales.orders")) {
        assertThatThrownBy(() -> s.executeQuery(sql)).as(sql)
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("22012");
              assertThat(e.getMessage()).contains("division by zero");
            });
        try (ResultSet rs = s.executeQuery("select 1")) {
          assertThat(rs.next()).isTrue();
        }
      }
      assertThatThrownBy(() -> s.executeQuery("select * from orders"))
          .isInstanceOfSatisfying(org.postgresql.util.PSQLException.class, e -> {
            assertThat(e.getSQLState()).isEqualTo("42P01");
            assertThat(e.getServerErrorMessage().getMessage()).startsWith("relation \"orders\" does not exist");
            assertThat(e.getServerErrorMessage().getHint()).contains("in_c_sales.orders");
          });
    }
  }

  @Test void expressionColumnsAreNamedAsPostgreSqlNamesThem() throws Exception {
    try (Connection c = pg.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*), sum(amount), 1 + 1, customer_id::varchar "
             + "from in_c_sales.orders group by customer_id")) {
      java.sql.ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      assertThat(labels).containsExactly("count", "sum", "?column?", "customer_id");
    }
  }
}

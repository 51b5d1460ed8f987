package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC escapes through the real driver and server: every function the driver lists in
 * {@code getNumericFunctions}, {@code getStringFunctions}, {@code getTimeDateFunctions} and
 * {@code getSystemFunctions} runs over table columns (so the translation also pushes down to
 * DuckDB) and gives the value JDBC defines; literals, outer joins, LIKE escapes and limits run;
 * {@code nativeSQL} shows the translation; {@code setEscapeProcessing(false)} sends SQL as written.
 */
class JdbcEscapesTest {
  static TestServer floe;
  static String token;

  /** Row 3 of orders: id 3, customer 20, region US, ordered 2024-02-29 23:59:59.999999. */
  private static final String ROW_3 = " from in_c_sales.orders where id = 3";
  /** Row 4: id 4, customer 30, amount -5.5. */
  private static final String ROW_4 = " from in_c_sales.orders where id = 4";

  /** Per escape function: the SQL (each over a table row) and the value it must give. */
  private static final Map<String, List<String[]>> CASES = new LinkedHashMap<>();

  private static void ok(String function, String sql, String expected) {
    CASES.computeIfAbsent(function, k -> new ArrayList<>()).add(new String[] {sql, expected});
  }

  static {
    ok("ABS", "select {fn abs(-customer_id)}" + ROW_4, "30");
    ok("ACOS", "select {fn acos(id - 4)}" + ROW_4, "1.5707963267948966");
    ok("ASIN", "select {fn asin(id - 4)}" + ROW_4, "0.0");
    ok("ATAN", "select {fn atan(id - 4)}" + ROW_4, "0.0");
    ok("ATAN2", "select {fn atan2(id - 4, 1)}" + ROW_4, "0.0");
    ok("CEILING", "select {fn ceiling(amount)}" + ROW_4, "-5");
    ok("COS", "select {fn cos(id - 4)}" + ROW_4, "1.0");
    ok("COT", "select {fn cot(id - 3)}" + ROW_4, "0.6420926159343306");
    ok("DEGREES", "select {fn degrees(id - 4)}" + ROW_4, "0.0");
    ok("EXP", "select {fn exp(id - 4)}" + ROW_4, "1.0");
    ok("FLOOR", "select {fn floor(amount)}" + ROW_4, "-6");
    ok("LOG", "select {fn log(id - 3)}" + ROW_4, "0.0");
    ok("LOG10", "select {fn log10(id * 25)}" + ROW_4, "2.0");
    ok("MOD", "select {fn mod(customer_id, id)}" + ROW_4, "2");
    ok("PI", "select {fn pi()}" + ROW_4, "3.141592653589793");
    ok("POWER", "select {fn power(id, 2)}" + ROW_4, "16.0");
    ok("RADIANS", "select {fn radians(id - 4)}" + ROW_4, "0.0");
    ok("RAND", "select {fn rand()} >= 0 and {fn rand()} < 1" + ROW_4, "true");
    ok("ROUND", "select {fn round(amount, 0)}, {fn round(amount)}" + ROW_4, "-6|-6");
    ok("SIGN", "select {fn sign(amount)}" + ROW_4, "-1");
    ok("SIN", "select {fn sin(id - 4)}" + ROW_4, "0.0");
    ok("SQRT", "select {fn sqrt(id)}" + ROW_4, "2.0");
    ok("TAN", "select {fn tan(id - 4)}" + ROW_4, "0.0");

    ok("ASCII", "select {fn ascii(region)}" + ROW_3, "85");
    ok("CHAR", "select {fn char(id + 62)}" + ROW_3, "A");
    ok("CHAR_LENGTH", "select {fn char_length(region)}" + ROW_3, "2");
    ok("CHARACTER_LENGTH", "select {fn character_length(region)}" + ROW_3, "2");
    ok("CONCAT", "select {fn concat(region, '!')}" + ROW_3, "US!");
    ok("INSERT", "select {fn insert(region, 1, 1, 'Th')}" + ROW_3, "ThS");
    ok("LCASE", "select {fn lcase(region)}" + ROW_3, "us");
    ok("LEFT", "select {fn left(region, 1)}" + ROW_3, "U");
    ok("LENGTH", "select {fn length(region || '  ')}" + ROW_3, "2");
    ok("LOCATE", "select {fn locate('S', region)}, {fn locate('S', region, 2)}, "
        + "{fn locate('U', region, 2)}" + ROW_3, "2|2|0");
    ok("LTRIM", "select {fn ltrim('  ' || region)}" + ROW_3, "US");
    ok("OCTET_LENGTH", "select {fn octet_length(region)}" + ROW_3, "2");
    ok("REPEAT", "select {fn repeat(region, 2)}" + ROW_3, "USUS");
    ok("REPLACE", "select {fn replace(region, 'S', 'K')}" + ROW_3, "UK");
    ok("RIGHT", "select {fn right(region, 1)}" + ROW_3, "S");
    ok("RTRIM", "select {fn rtrim(region || '  ')} || '|'" + ROW_3, "US|");
    ok("SPACE", "select {fn concat({fn space(2)}, region)}" + ROW_3, "  US");
    ok("SUBSTRING", "select {fn substring(region, 2)}, {fn substring(region, 1, 1)}" + ROW_3, "S|U");
    ok("UCASE", "select {fn ucase(lower(region))}" + ROW_3, "US");

    ok("CURDATE", "select {fn curdate()} = current_date" + ROW_3, "true");
    ok("CURTIME", "select {fn curtime()} is not null" + ROW_3, "true");
    ok("NOW", "select {fn now()} <= current_timestamp" + ROW_3, "true");
    ok("CURRENT_DATE", "select {fn current_date()} = current_date" + ROW_3, "true");
    ok("CURRENT_TIME", "select {fn current_time()} is not null" + ROW_3, "true");
    ok("CURRENT_TIMESTAMP", "select {fn current_timestamp()} is not null" + ROW_3, "true");
    ok("DAYNAME", "select {fn dayname(ordered_on)}, {fn dayname(ordered_at)}" + ROW_3,
        "Thursday|Thursday");
    ok("DAYOFMONTH", "select {fn dayofmonth(ordered_on)}" + ROW_3, "29");
    ok("DAYOFWEEK", "select {fn dayofweek(ordered_on)}" + ROW_3, "5");
    ok("DAYOFYEAR", "select {fn dayofyear(ordered_on)}" + ROW_3, "60");
    ok("EXTRACT", "select {fn extract(year from ordered_on)}" + ROW_3, "2024");
    ok("HOUR", "select {fn hour(ordered_at)}" + ROW_3, "23");
    ok("MINUTE", "select {fn minute(ordered_at)}" + ROW_3, "59");
    ok("MONTH", "select {fn month(ordered_on)}" + ROW_3, "2");
    ok("MONTHNAME", "select {fn monthname(ordered_on)}" + ROW_3, "February");
    ok("QUARTER", "select {fn quarter(ordered_on)}" + ROW_3, "1");
    ok("SECOND", "select {fn second(ordered_at)}" + ROW_3, "59");
    ok("WEEK", "select {fn week(ordered_on)}" + ROW_3, "9");
    ok("YEAR", "select {fn year(ordered_at)}" + ROW_3, "2024");
    ok("TIMESTAMPADD", "select {fn timestampadd(SQL_TSI_DAY, 1, ordered_on)}, "
        + "{fn timestampadd(SQL_TSI_HOUR, 1, ordered_at)}, "
        + "{fn timestampadd(SQL_TSI_MONTH, id, ordered_at)}, {fn timestampadd(MINUTE, -1, ordered_at)}"
        + ROW_3, "2024-03-01|2024-03-01 00:59:59.999999|2024-05-29 23:59:59.999999"
        + "|2024-02-29 23:58:59.999999");

    ok("IFNULL", "select {fn ifnull(region, 'none')} from in_c_sales.orders where id = 5", "none");
    ok("USER", "select {fn user()} like 'token:%'" + ROW_3, "true");
    ok("DATABASE", "select {fn database()}" + ROW_3, "a");
    ok("CONVERT", "select {fn convert(id, SQL_VARCHAR)} || '!', {fn convert('42', SQL_INTEGER)} + 1, "
        + "{fn convert(ordered_at, SQL_DATE)}, {fn convert(id, SQL_DOUBLE)}" + ROW_3,
        "3!|43|2024-02-29|3.0");
  }

  /**
   * Escape functions translated but not listed, checked without a table: the engine does not push
   * CURRENT_DATE and friends down to DuckDB yet.
   */

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("a");
    floe.createBucket("a", token, "in_c_sales");
    floe.createTable("a", token, "in_c_sales", JdbcEndToEndTest.ORDERS_TABLE);
    assertThat(floe.importCsv("a", token, "in_c_sales", "orders", JdbcEndToEndTest.ORDERS_CSV,
        false).status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static String row(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      List<String> values = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        values.add(rs.getString(i));
      }
      assertThat(rs.next()).as(sql).isFalse();
      return String.join("|", values);
    }
  }

  @Test void everyListedFunctionRunsOverTableColumns() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      DatabaseMetaData md = c.getMetaData();
      TreeSet<String> listed = new TreeSet<>();
      for (String list : List.of(md.getNumericFunctions(), md.getStringFunctions(),
          md.getTimeDateFunctions(), md.getSystemFunctions())) {
        listed.addAll(Arrays.asList(list.split(",")));
      }
      assertThat(listed).as("listed escape functions, each with a case here")
          .isEqualTo(new TreeSet<>(CASES.keySet()));
      List<String> failures = new ArrayList<>();
      for (Map.Entry<String, List<String[]>> e : CASES.entrySet()) {
        for (String[] test : e.getValue()) {
          try {
            String got = row(s, test[0]);
            if (!got.equals(test[1])) {
              failures.add(e.getKey() + ": " + test[0] + " gave " + got + ", expected " + test[1]);
            }
          } catch (SQLException ex) {
            failures.add(e.getKey() + ": " + test[0] + " failed: " + ex.getSQLState() + " "
                + ex.getMessage() + " (sent: " + c.nativeSQL(test[0]) + ")");
          }
        }
      }
      assertThat(failures).isEmpty();
    }
  }

  @Test void clockFunctions() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      assertThat(row(s, "select {fn curdate()} = current_date, {fn current_date()} = current_date, "
          + "{fn curtime()} is not null, {fn current_time()} is not null, "
          + "{fn now()} is not null, {fn current_timestamp()} is not null"))
          .isEqualTo("true|true|true|true|true|true");
    }
  }

  @Test void literalsJoinsLikeEscapeAndLimit() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      assertThat(row(s, "select count(*) from in_c_sales.orders where ordered_on = {d '2024-02-29'} "
          + "and ordered_at > {ts '2024-02-29 23:59:59.999998'} and {t '23:59:59'} < cast(ordered_at as time)"))
          .isEqualTo("1");
      assertThat(row(s, "select count(*) from {oj in_c_sales.orders o left outer join "
          + "in_c_sales.orders p on o.id = p.id + 10}")).isEqualTo("5");
      assertThat(row(s, "select count(*) from in_c_sales.orders where region || '_x' like 'U_!_x' "
          + "{escape '!'}")).isEqualTo("2");
      try (ResultSet rs = s.executeQuery("select id from in_c_sales.orders order by id {limit 2 offset 1}")) {
        assertThat(JdbcEndToEndTest.rows(rs)).containsExactly(List.of(2), List.of(3));
      }
      try (PreparedStatement ps = c.prepareStatement(
          "select {fn ucase(region)} from in_c_sales.orders where id = ? and ordered_on < {d '2025-01-01'}")) {
        ps.setInt(1, 3);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(JdbcEndToEndTest.rows(rs)).containsExactly(List.of("US"));
        }
      }
    }
  }

  @Test void nativeSqlShowsTheTranslationAndEscapeProcessingCanBeTurnedOff() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      assertThat(c.nativeSQL("select {fn ucase(region)}, '{fn x()}' from t where d = {d '2024-01-01'}"))
          .isEqualTo("select upper(region), '{fn x()}' from t where d = DATE '2024-01-01'");
      s.setEscapeProcessing(false);
      assertThatThrownBy(() -> s.executeQuery("select {fn ucase('a')}"))
          .isInstanceOf(SQLException.class);
      assertThat(row(s, "select '{fn ucase(x)}'")).isEqualTo("{fn ucase(x)}");
      s.setEscapeProcessing(true);
      assertThat(row(s, "select {fn ucase('a')}")).isEqualTo("A");
    }
  }

  @Test void callEscapesFailClearly() throws SQLException {
    try (Connection c = DriverJar.connect(floe.jdbcUrl(), token); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.execute("{call refresh(?)}"))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("stored procedures")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      assertThatThrownBy(() -> c.prepareCall("{? = call f()}"))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("0A000"));
      assertThatThrownBy(() -> c.nativeSQL("{call p}"))
          .isInstanceOf(SQLFeatureNotSupportedException.class);
    }
  }
}

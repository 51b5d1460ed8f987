package io.floe.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.floe.engine.testing.Fakesnow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real snowflake-jdbc driver against the fakesnow emulator: types through Arrow results,
 * DatabaseMetaData (which the driver answers with SHOW commands read by column position) and cancel.
 * It pins down what Floe's Snowflake source can rely on, and where fakesnow is not Snowflake.
 */
class FakesnowDriverTest {

  @Test
  void typesRoundTripThroughArrowResults() throws SQLException {
    try (Fakesnow snow = Fakesnow.start(); Connection c = snow.connect(); Statement s = c.createStatement()) {
      createTable(s);
      assertThat(s.executeUpdate("insert into t values"
          + " (1, 12.34, 'a', true, '2024-02-29', '2024-02-29 12:34:56.789', 1.5),"
          + " (2, null, null, null, null, null, null)")).isEqualTo(2);

      // fakesnow answers every SELECT in Arrow: without the add-opens of java.nio the driver fails here.
      try (ResultSet rs = s.executeQuery("select id, amount, name, ok, day, ts, ratio from t order by id")) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> typeNames = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          typeNames.add(md.getColumnTypeName(i));
        }
        assertThat(typeNames).containsExactly("NUMBER", "NUMBER", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMPNTZ",
            "DOUBLE");
        assertThat(md.getColumnType(1)).isEqualTo(Types.BIGINT);
        assertThat(md.getColumnType(2)).isEqualTo(Types.DECIMAL);
        assertThat(md.getPrecision(2)).isEqualTo(12);
        assertThat(md.getScale(2)).isEqualTo(2);
        assertThat(md.getColumnType(6)).isEqualTo(Types.TIMESTAMP);
        assertThat(md.getColumnType(7)).isEqualTo(Types.DOUBLE);

        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(1L);
        assertThat(rs.getObject(2)).isEqualTo(new BigDecimal("12.34"));
        assertThat(rs.getObject(3)).isEqualTo("a");
        assertThat(rs.getObject(4)).isEqualTo(true);
        assertThat(rs.getDate(5).toLocalDate()).isEqualTo(LocalDate.of(2024, 2, 29));
        // getObject gives the driver's own Timestamp subclass (SnowflakeTimestampWithTimezone), as it does
        // against Snowflake; compare the local date-time.
        assertThat(rs.getTimestamp(6).toLocalDateTime()).isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 34, 56,
            789_000_000));
        assertThat(rs.getObject(7)).isEqualTo(1.5d);

        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2L);
        for (int i = 2; i <= 7; i++) {
          assertThat(rs.getObject(i)).as("column %d", i).isNull();
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void metadataListsTheTableAndItsColumns() throws SQLException {
    try (Fakesnow snow = Fakesnow.start(); Connection c = snow.connect(); Statement s = c.createStatement()) {
      createTable(s);
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Snowflake");

      try (ResultSet rs = md.getTables("D1", "S1", "T", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getString("TABLE_CAT"), rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
            rs.getString("TABLE_TYPE"))).containsExactly("D1", "S1", "T", "TABLE");
        assertThat(rs.next()).isFalse();
      }

      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns("D1", "S1", "T", null)) {
        while (rs.next()) {
          assertThat(rs.getString("TABLE_CAT")).isEqualTo("D1");
          assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("S1");
          assertThat(rs.getString("IS_NULLABLE")).isEqualTo("YES");
          columns.add(rs.getInt("ORDINAL_POSITION") + " " + rs.getString("COLUMN_NAME") + " "
              + rs.getInt("DATA_TYPE") + " " + rs.getString("TYPE_NAME") + " " + rs.getObject("COLUMN_SIZE")
              + " " + rs.getObject("DECIMAL_DIGITS"));
        }
      }
      assertThat(columns).containsExactly(
          "1 ID " + Types.BIGINT + " NUMBER 38 0",
          "2 AMOUNT " + Types.DECIMAL + " NUMBER 12 2",
          "3 NAME " + Types.VARCHAR + " VARCHAR 16777216 0",
          "4 OK " + Types.BOOLEAN + " BOOLEAN null 0",
          "5 DAY " + Types.DATE + " DATE 0 0",
          "6 TS " + Types.TIMESTAMP + " TIMESTAMPNTZ 0 9",
          "7 RATIO " + Types.DOUBLE + " DOUBLE 0 0");

      // Where fakesnow is not Snowflake: the driver reads SHOW SCHEMAS' database_name from column 5, as
      // Snowflake lays it out, but fakesnow puts it at column 4, so TABLE_CATALOG comes back null. And
      // CREATE DATABASE makes no PUBLIC schema here, and information_schema is in lower case.
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas("D1", null)) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_CATALOG") + "." + rs.getString("TABLE_SCHEM"));
        }
      }
      assertThat(schemas).containsExactly("null.S1", "null.information_schema");
    }
  }

  @Test
  void eachServerStartsEmpty() throws SQLException {
    try (Fakesnow first = Fakesnow.start(); Connection c = first.connect(); Statement s = c.createStatement()) {
      createTable(s);
      try (Fakesnow second = Fakesnow.start(); Connection c2 = second.connect()) {
        assertThat(second.port()).isNotEqualTo(first.port());
        try (ResultSet rs = c2.getMetaData().getCatalogs()) {
          assertThat(rs.next()).isFalse();
        }
      }
      // Connections to one server share its databases.
      try (Connection again = first.connect(); ResultSet rs = again.getMetaData().getCatalogs()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_CAT")).isEqualTo("D1");
      }
    }
  }

  /**
   * fakesnow accepts the driver's abort request but does not stop the query: the driver marks the
   * statement cancelled at once, yet its executing thread waits until the server has computed the whole
   * answer, then throws. So this query is kept to a few seconds.
   */
  @Test
  void cancelEndsTheStatementWhenTheServerAnswers() throws Exception {
    try (Fakesnow snow = Fakesnow.start(); Connection c = snow.connect(); Statement s = c.createStatement()) {
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          Thread.sleep(500);
          s.cancel();
        } catch (InterruptedException | SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertThatThrownBy(() -> s.executeQuery(
          "select max(seq8() * 7 % 1000003) from table(generator(rowcount => 40000000))"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("canceled");
      cancel.get(10, TimeUnit.SECONDS);
    }
  }

  private static void createTable(Statement s) throws SQLException {
    s.execute("create database d1");
    s.execute("create schema d1.s1");
    s.execute("use schema d1.s1");
    // A column named AT fails here (DuckDB's parser rejects it unquoted), hence TS.
    s.execute("create table t (id number(38,0), amount number(12,2), name varchar, ok boolean, day date,"
        + " ts timestamp_ntz, ratio float)");
  }
}

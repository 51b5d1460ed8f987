package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * snowflake-jdbc's {@code DatabaseMetaData} against Floe's Snowflake front door: the driver asks
 * with SHOW commands and reads their answers by position, so catalogs, schemas, tables, columns
 * and keys come out as they would from Snowflake, limited to what the token may read.
 */
class SnowflakeMetadataTest {
  static TestServer floe;
  static String token;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    token = floe.createProject("shop");
    String other = floe.createProject("elsewhere");
    floe.createBucket("shop", token, "in_c_sales");
    floe.createBucket("shop", token, "out_c_reports");
    floe.createBucket("elsewhere", other, "in_c_secret");
    floe.createTable("shop", token, "in_c_sales", "{\"name\":\"orders\",\"primary_key\":[\"id\"],"
        + "\"description\":\"what was ordered\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\",\"nullable\":false},"
        + "{\"name\":\"customer\",\"type\":\"VARCHAR\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"},"
        + "{\"name\":\"ordered_on\",\"type\":\"DATE\"},"
        + "{\"name\":\"at\",\"type\":\"TIMESTAMP\"}]}");
    floe.createTable("shop", token, "in_c_sales", "{\"name\":\"order_lines\","
        + "\"primary_key\":[\"order_id\",\"line\"],\"columns\":["
        + "{\"name\":\"order_id\",\"type\":\"INTEGER\",\"nullable\":false},"
        + "{\"name\":\"line\",\"type\":\"SMALLINT\",\"nullable\":false},"
        + "{\"name\":\"price\",\"type\":\"DOUBLE\"}]}");
    floe.createTable("shop", token, "out_c_reports", "{\"name\":\"daily\",\"columns\":["
        + "{\"name\":\"day\",\"type\":\"DATE\"},{\"name\":\"total\",\"type\":\"DECIMAL(12,2)\"}]}");
    floe.createTable("elsewhere", other, "in_c_secret", "{\"name\":\"salaries\",\"columns\":["
        + "{\"name\":\"who\",\"type\":\"VARCHAR\"}]}");
    assertThat(floe.importCsv("shop", token, "in_c_sales", "orders",
        "id,customer,amount,ordered_on,at\n1,alice,9.99,2024-03-01,2024-03-01 10:00:00\n", false)
        .status()).isEqualTo(200);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** Account shop, plain HTTP, no cloud probing; {@code schema} null leaves none in use. */
  static Connection connect(String password, String schema) throws SQLException {
    Properties p = new Properties();
    p.put("user", "analyst");
    p.put("password", password);
    p.put("account", "shop");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    p.put("maxHttpRetries", "0");
    p.put("loginTimeout", "30");
    if (schema != null) {
      p.put("db", "shop");
      p.put("schema", schema);
    }
    String hostPort = floe.url().substring("http://".length());
    return DriverManager.getConnection("jdbc:snowflake://" + hostPort + "/", p);
  }

  /** The values of one column of a result, read by label. */
  static List<String> strings(ResultSet rs, String label) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(label));
      }
    }
    return values;
  }

  @Test void catalogsAndSchemas() throws Exception {
    try (Connection c = connect(token, null)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(strings(md.getCatalogs(), "TABLE_CAT")).containsExactly("SHOP");
      try (ResultSet rs = md.getSchemas("SHOP", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("IN_C_SALES");
        assertThat(rs.getString("TABLE_CATALOG")).isEqualTo("SHOP");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("OUT_C_REPORTS");
        assertThat(rs.next()).isFalse();
      }
      assertThat(strings(md.getSchemas("SHOP", "IN%"), "TABLE_SCHEM")).containsExactly("IN_C_SALES");
      assertThat(strings(md.getSchemas(null, "OUT\\_C%"), "TABLE_SCHEM")).containsExactly("OUT_C_REPORTS");
      // Another project's database is absent: the driver answers "not found" with no rows.
      assertThat(strings(md.getSchemas("ELSEWHERE", null), "TABLE_SCHEM")).isEmpty();
    }
  }

  @Test void tablesByPatternAndType() throws Exception {
    try (Connection c = connect(token, null)) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables("SHOP", "IN_C_SALES", "ORD%", null)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_CAT")).isEqualTo("SHOP");
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("IN_C_SALES");
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("ORDERS");
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        assertThat(rs.getString("REMARKS")).isEqualTo("what was ordered");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("ORDER_LINES");
        assertThat(rs.next()).isFalse();
      }
      assertThat(strings(md.getTables(null, null, "%", new String[] {"TABLE"}), "TABLE_NAME"))
          .containsExactly("ORDERS", "ORDER_LINES", "DAILY");
      assertThat(strings(md.getTables("SHOP", "OUT%", null, null), "TABLE_NAME")).containsExactly("DAILY");
      assertThat(strings(md.getTables("SHOP", null, "DAILY", new String[] {"VIEW"}), "TABLE_NAME")).isEmpty();
      assertThat(strings(md.getTables("SHOP", "NOWHERE", null, null), "TABLE_NAME")).isEmpty();
      assertThat(strings(md.getTables("ELSEWHERE", "IN_C_SECRET", null, null), "TABLE_NAME")).isEmpty();
    }
  }

  @Test void columnsWithTypesNullabilityAndDigits() throws Exception {
    try (Connection c = connect(token, null)) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getColumns("SHOP", "IN_C_SALES", "ORDERS", null)) {
        List<String> seen = new ArrayList<>();
        while (rs.next()) {
          String name = rs.getString("COLUMN_NAME");
          seen.add(name);
          assertThat(rs.getString("TABLE_CAT")).isEqualTo("SHOP");
          assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("IN_C_SALES");
          assertThat(rs.getString("TABLE_NAME")).isEqualTo("ORDERS");
          assertThat(rs.getInt("ORDINAL_POSITION")).isEqualTo(seen.size());
          switch (name) {
            case "ID" -> {
              assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.BIGINT);
              assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
              assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNoNulls);
              assertThat(rs.getString("IS_NULLABLE")).isEqualTo("NO");
            }
            case "CUSTOMER" -> {
              assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
              assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(16_777_216);
              assertThat(rs.getInt("NULLABLE")).isEqualTo(DatabaseMetaData.columnNullable);
            }
            case "AMOUNT" -> {
              assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DECIMAL);
              assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(10);
              assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(2);
            }
            case "ORDERED_ON" -> assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.DATE);
            case "AT" -> {
              assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP);
              assertThat(rs.getInt("DECIMAL_DIGITS")).isEqualTo(9);
            }
            default -> throw new AssertionError("unexpected column " + name);
          }
          assertThat(rs.getString("IS_AUTOINCREMENT")).isEqualTo("NO");
          assertThat(rs.getString("COLUMN_DEF")).isNull();
        }
        assertThat(seen).containsExactly("ID", "CUSTOMER", "AMOUNT", "ORDERED_ON", "AT");
      }
      assertThat(strings(md.getColumns("SHOP", "IN_C_SALES", "ORDER_LINES", "%"), "TYPE_NAME"))
          .containsExactly("NUMBER", "NUMBER", "DOUBLE");
      assertThat(strings(md.getColumns("SHOP", "IN_C_SALES", null, "A%"), "COLUMN_NAME"))
          .containsExactly("AMOUNT", "AT");
      assertThat(strings(md.getColumns(null, null, "DAILY", null), "COLUMN_NAME"))
          .containsExactly("DAY", "TOTAL");
      assertThat(strings(md.getColumns("SHOP", "IN_C_SALES", "NOPE", null), "COLUMN_NAME")).isEmpty();
    }
  }

  @Test void primaryKeys() throws Exception {
    try (Connection c = connect(token, null)) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getPrimaryKeys("SHOP", "IN_C_SALES", "ORDER_LINES")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("TABLE_CAT")).isEqualTo("SHOP");
        assertThat(rs.getString("TABLE_SCHEM")).isEqualTo("IN_C_SALES");
        assertThat(rs.getString("TABLE_NAME")).isEqualTo("ORDER_LINES");
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("ORDER_ID");
        assertThat(rs.getInt("KEY_SEQ")).isEqualTo(1);
        assertThat(rs.getString("PK_NAME")).isEqualTo("ORDER_LINES_PKEY");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("LINE");
        assertThat(rs.getInt("KEY_SEQ")).isEqualTo(2);
        assertThat(rs.next()).isFalse();
      }
      assertThat(strings(md.getPrimaryKeys("SHOP", "IN_C_SALES", null), "COLUMN_NAME"))
          .containsExactly("ID", "ORDER_ID", "LINE");
      assertThat(strings(md.getPrimaryKeys("SHOP", "OUT_C_REPORTS", "DAILY"), "COLUMN_NAME")).isEmpty();
    }
  }

  @Test void showAndDescribeThroughAStatement() throws Exception {
    try (Connection c = connect(token, "in_c_sales"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("show tables")) {
        assertThat(rs.getMetaData().getColumnName(2)).isEqualTo("name");
        assertThat(rs.getMetaData().getColumnName(3)).isEqualTo("database_name");
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("name") + "@" + rs.getString("schema_name"));
        }
        assertThat(names).containsExactly("ORDERS@IN_C_SALES", "ORDER_LINES@IN_C_SALES",
            "DAILY@OUT_C_REPORTS");
      }
      try (ResultSet rs = s.executeQuery("show terse tables in schema")) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(5);
        assertThat(strings(rs, "name")).containsExactly("ORDERS", "ORDER_LINES");
      }
      try (ResultSet rs = s.executeQuery("desc table orders")) {
        assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("name");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("ID");
        assertThat(rs.getString("type")).isEqualTo("NUMBER(10,0)");
        assertThat(rs.getString("null?")).isEqualTo("N");
        assertThat(rs.getString("primary key")).isEqualTo("Y");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("type")).isEqualTo("VARCHAR(16777216)");
      }
      assertThat(s.execute("show schemas")).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        List<String> current = new ArrayList<>();
        while (rs.next()) {
          current.add(rs.getString("name") + "=" + rs.getString("is_current"));
        }
        assertThat(current).containsExactly("IN_C_SALES=Y", "OUT_C_REPORTS=N");
      }
      assertThatThrownBy(() -> s.executeQuery("show tables in nowhere.at.all.x"))
          .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1003));
    }
  }

  @Test void noForeignKeys() throws Exception {
    try (Connection c = connect(token, null)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(strings(md.getImportedKeys("SHOP", "IN_C_SALES", "ORDER_LINES"), "FKCOLUMN_NAME")).isEmpty();
      assertThat(strings(md.getExportedKeys("SHOP", "IN_C_SALES", "ORDERS"), "FKCOLUMN_NAME")).isEmpty();
    }
  }

  /**
   * The SHOW and DESCRIBE section of {@code docs/snowflake.md}: its statements, run on the page's
   * project {@code demo}, answer the cells its output shows (columns shown as ... are skipped).
   */
  @Test void theDocsExampleAnswersAsShown() throws Exception {
    String page = Files.readString(Path.of(System.getProperty("floe.docs.dir", "../docs"))
        .resolve("snowflake.md"));
    String section = page.substring(page.indexOf("## SHOW and DESCRIBE"));
    section = section.substring(0, section.indexOf("\n## ", 1));
    String sql = between(section, "```sql\n", "```");
    String text = between(section, "```text\n", "```");
    String demo = floe.createProject("demo");
    floe.createBucket("demo", demo, "in_c_sales");
    floe.createTable("demo", demo, "in_c_sales", "{\"name\":\"orders\",\"columns\":["
        + "{\"name\":\"id\",\"type\":\"INTEGER\"},{\"name\":\"customer_id\",\"type\":\"INTEGER\"},"
        + "{\"name\":\"amount\",\"type\":\"DECIMAL(10,2)\"}]}");
    assertThat(floe.importCsv("demo", demo, "in_c_sales", "orders",
        "id,customer_id,amount\n1,10,9.99\n2,20,120.00\n3,10,20.00\n", false).status()).isEqualTo(200);
    String[] statements = sql.strip().split(";\\s*");
    String[] outputs = text.strip().split("\n\\s*\n");
    assertThat(outputs).hasSameSizeAs(statements);
    Properties p = new Properties();
    p.put("user", "analyst");
    p.put("password", demo);
    p.put("account", "demo");
    p.put("ssl", "off");
    p.put("disablePlatformDetection", "true");
    p.put("maxHttpRetries", "0");
    String url = "jdbc:snowflake://" + floe.url().substring("http://".length()) + "/";
    try (Connection c = DriverManager.getConnection(url, p); Statement s = c.createStatement()) {
      for (int i = 0; i < statements.length; i++) {
        String[] lines = outputs[i].split("\n");
        String[] header = lines[0].split("\\s*\\|\\s*");
        try (ResultSet rs = s.executeQuery(statements[i])) {
          for (int row = 1; row < lines.length; row++) {
            assertThat(rs.next()).as(statements[i] + ": row " + row).isTrue();
            String[] cells = lines[row].split("\\s*\\|\\s*");
            for (int k = 0; k < header.length; k++) {
              if (!header[k].equals("...")) {
                assertThat(rs.getString(header[k])).as(statements[i] + ": " + header[k])
                    .isEqualTo(cells[k].strip().equals("NULL") ? null : cells[k].strip());
              }
            }
          }
          assertThat(rs.next()).as(statements[i] + ": no more rows").isFalse();
        }
      }
    }
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  @Test void aNarrowTokenListsOnlyItsBuckets() throws Exception {
    String narrow = floe.json("POST", "/projects/shop/tokens", token,
        "{\"description\":\"bi\",\"bucket_permissions\":{\"out_c_reports\":\"read\"}}")
        .json().get("token").asText();
    try (Connection c = connect(narrow, null)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(strings(md.getSchemas("SHOP", null), "TABLE_SCHEM")).containsExactly("OUT_C_REPORTS");
      assertThat(strings(md.getTables(null, null, null, null), "TABLE_NAME")).containsExactly("DAILY");
      assertThat(strings(md.getColumns("SHOP", "IN_C_SALES", "ORDERS", null), "COLUMN_NAME")).isEmpty();
      assertThat(strings(md.getPrimaryKeys("SHOP", "IN_C_SALES", "ORDERS"), "COLUMN_NAME")).isEmpty();
    }
  }
}

package io.floe.engine.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CreatedWorkspace;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.session.EngineSession;
import io.floe.engine.testing.Rows;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Snowflake's SHOW and DESCRIBE commands in a Snowflake session: rows in Snowflake's layout, built
 * from what the principal may see, with the LIKE, IN, TERSE, STARTS WITH and LIMIT forms and the
 * quoted names and comments snowflake-jdbc writes.
 */
class SnowflakeMetadataTest {
  static TestEngine floe;
  static String shop;
  static CreatedWorkspace workspace;

  @BeforeAll static void setUp() {
    floe = TestEngine.start();
    shop = floe.createProject("shop");
    floe.createProject("other");
    floe.createBucket("shop", "in_c_sales");
    floe.createBucket("shop", "out_c_reports");
    floe.createBucket("other", "in_c_secret");
    floe.createTable("shop", "in_c_sales", "orders", "id INTEGER PK", "customer VARCHAR",
        "amount DECIMAL(10,2)", "ordered_on DATE", "at TIMESTAMP");
    floe.importCsv("shop", "in_c_sales", "orders", TestEngine.csv("id,customer,amount,ordered_on,at",
        "1,alice,9.99,2024-03-01,2024-03-01 10:00:00", "2,bob,120.00,2024-03-02,2024-03-02 11:00:00",
        "3,alice,20.00,2024-03-03,2024-03-03 12:00:00"), false);
    floe.createTable("shop", "in_c_sales", "order_lines", "order_id INTEGER PK", "line SMALLINT PK",
        "qty BIGINT", "note JSON");
    floe.createTable("shop", "out_c_reports", "daily", "day DATE", "total DOUBLE");
    floe.createTable("other", "in_c_secret", "salaries", "who VARCHAR", "pay DECIMAL(12,2)");
    workspace = floe.engine().workspaces().create(floe.principal(shop), "shop", null, "test", null,
        null, List.of());
    try (EngineSession s = floe.engine().openSession(workspacePrincipal(), "test", SqlFlavor.POSTGRES)) {
      s.execute("create view big_orders as select id, amount from in_c_sales.orders where amount > 10",
          List.of());
    }
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Principal workspacePrincipal() {
    return floe.engine().workspaces().principal(workspace.workspace().id());
  }

  /** A Snowflake session of the shop's token, in database SHOP (as the driver's login leaves it). */
  static EngineSession session() {
    return floe.engine().openSession(floe.principal(shop), "test", SqlFlavor.SNOWFLAKE);
  }

  static List<List<Object>> rows(EngineSession s, String sql) {
    return Rows.query(s, sql);
  }

  /** One column of the answer, by position from 1 (as snowflake-jdbc reads SHOW output). */
  static List<Object> column(EngineSession s, String sql, int position) {
    return rows(s, sql).stream().map(r -> r.get(position - 1)).collect(Collectors.toList());
  }

  static List<String> labels(EngineSession s, String sql) {
    return s.prepare(sql).columns().stream().map(ResultColumn::label).toList();
  }

  static FloeException error(EngineSession s, String sql) {
    try {
      rows(s, sql);
    } catch (FloeException e) {
      return e;
    }
    throw new AssertionError("no error for " + sql);
  }

  @Test void showDatabasesListsTheProjectsThePrincipalSees() {
    try (EngineSession s = session()) {
      String jdbc = "show /* JDBC:DatabaseMetaData.getCatalogs() */ databases in account";
      assertThat(labels(s, jdbc)).containsExactly("created_on", "name", "is_default", "is_current",
          "origin", "owner", "comment", "options", "retention_time", "kind", "owner_role_type");
      assertThat(rows(s, jdbc)).hasSize(1);
      assertThat(column(s, jdbc, 2)).containsExactly("SHOP");
      assertThat(column(s, jdbc, 4)).containsExactly("Y");
      assertThat(column(s, "SHOW TERSE DATABASES", 2)).containsExactly("SHOP");
      assertThat(labels(s, "show terse databases")).containsExactly("created_on", "name", "kind",
          "database_name", "schema_name");
      assertThat(rows(s, "show databases like 'oth%'")).isEmpty();
    }
    try (EngineSession admin = floe.engine().openSession(floe.admin(), "test", SqlFlavor.SNOWFLAKE)) {
      assertThat(column(admin, "show databases", 2)).containsExactly("OTHER", "SHOP");
      assertThat(column(admin, "show databases", 4)).containsExactly("N", "N");
      assertThat(column(admin, "show databases like 'o%'", 2)).containsExactly("OTHER");
    }
  }

  @Test void showSchemasPutsTheDatabaseInColumnFive() {
    try (EngineSession s = session()) {
      String jdbc = "show /* JDBC:DatabaseMetaData.getSchemas() */ schemas in database \"SHOP\"";
      assertThat(labels(s, jdbc).subList(0, 6)).containsExactly("created_on", "name", "is_default",
          "is_current", "database_name", "owner");
      assertThat(column(s, jdbc, 2)).containsExactly("IN_C_SALES", "OUT_C_REPORTS");
      assertThat(column(s, jdbc, 5)).containsExactly("SHOP", "SHOP");
      assertThat(column(s, "show schemas", 2)).containsExactly("IN_C_SALES", "OUT_C_REPORTS");
      assertThat(column(s, "show schemas in account", 2)).containsExactly("IN_C_SALES", "OUT_C_REPORTS");
      assertThat(column(s, "show schemas in shop", 2)).containsExactly("IN_C_SALES", "OUT_C_REPORTS");
      assertThat(column(s, "show schemas like 'IN%' in database", 2)).containsExactly("IN_C_SALES");
      assertThat(column(s, "show schemas like 'in%' in database shop", 2)).containsExactly("IN_C_SALES");
      // snowflake-jdbc escapes an exact schema name's underscores: 'IN\\_C\\_SALES'
      assertThat(column(s, "show schemas like 'IN\\\\_C\\\\_SALES' in database \"SHOP\"", 2))
          .containsExactly("IN_C_SALES");
      assertThat(rows(s, "show schemas like 'IN\\\\_C' in database \"SHOP\"")).isEmpty();
      assertThat(column(s, "show schemas like '_N%'", 2)).containsExactly("IN_C_SALES");
      assertThat(column(s, "show schemas starts with 'OUT'", 2)).containsExactly("OUT_C_REPORTS");
      assertThat(column(s, "show schemas starts with 'out'", 2)).isEmpty();
      assertThat(column(s, "show schemas limit 1", 2)).containsExactly("IN_C_SALES");
      assertThat(rows(s, "show terse schemas")).containsExactly(
          java.util.Arrays.asList(null, "IN_C_SALES", null, "SHOP", null),
          java.util.Arrays.asList(null, "OUT_C_REPORTS", null, "SHOP", null));
      s.setDefaultSchema(List.of("shop", "out_c_reports"));
      assertThat(column(s, "show schemas", 4)).containsExactly("N", "Y");
    }
  }

  @Test void showObjectsTablesAndViewsAsJdbcReadsThem() {
    try (EngineSession s = session()) {
      String jdbc = "show /* JDBC:DatabaseMetaData.getTables() */ objects like 'ORD%' in schema "
          + "\"SHOP\".\"IN_C_SALES\"";
      List<List<Object>> objects = rows(s, jdbc);
      assertThat(objects).extracting(r -> r.subList(1, 5)).containsExactly(
          List.of("ORDERS", "SHOP", "IN_C_SALES", "TABLE"),
          List.of("ORDER_LINES", "SHOP", "IN_C_SALES", "TABLE"));
      assertThat(labels(s, jdbc).subList(0, 8)).containsExactly("created_on", "name",
          "database_name", "schema_name", "kind", "comment", "cluster_by", "rows");
      assertThat(objects.get(0).get(7)).isEqualTo(3L);
      assertThat(column(s, "show /* JDBC:DatabaseMetaData.getTables() */ tables in account", 2))
          .containsExactly("ORDERS", "ORDER_LINES", "DAILY");
      assertThat(column(s, "show tables", 4))
          .containsExactly("IN_C_SALES", "IN_C_SALES", "OUT_C_REPORTS");
      assertThat(column(s, "show tables like 'order_'", 2)).containsExactly("ORDERS");
      assertThat(column(s, "show tables like 'ORDER\\\\_%'", 2)).containsExactly("ORDER_LINES");
      assertThat(column(s, "show tables in out_c_reports", 2)).containsExactly("DAILY");
      assertThat(column(s, "show tables in shop.out_c_reports", 2)).containsExactly("DAILY");
      assertThat(column(s, "show tables in \"shop\"", 2)).containsExactly("ORDERS", "ORDER_LINES", "DAILY");
      assertThat(column(s, "show tables in database", 2)).containsExactly("ORDERS", "ORDER_LINES", "DAILY");
      assertThat(column(s, "show tables starts with 'ORDER' limit 1", 2)).containsExactly("ORDERS");
      assertThat(rows(s, "show terse tables in schema in_c_sales")).containsExactly(
          java.util.Arrays.asList(null, "ORDERS", "TABLE", "SHOP", "IN_C_SALES"),
          java.util.Arrays.asList(null, "ORDER_LINES", "TABLE", "SHOP", "IN_C_SALES"));
      assertThat(rows(s, "show views")).isEmpty();
      assertThat(labels(s, "show views").subList(0, 8)).containsExactly("created_on", "name",
          "reserved", "database_name", "schema_name", "owner", "comment", "text");
      assertThat(error(s, "show tables in schema").code()).isEqualTo(ErrorCode.SCHEMA_NOT_FOUND);
      s.setDefaultSchema(List.of("shop", "in_c_sales"));
      assertThat(column(s, "show tables in schema", 2)).containsExactly("ORDERS", "ORDER_LINES");
      assertThat(column(s, "show tables;", 2)).containsExactly("ORDERS", "ORDER_LINES", "DAILY");
    }
  }

  @Test void aWorkspaceSeesItsViewsBesideTheProjectsTables() {
    try (EngineSession s = floe.engine().openSession(workspacePrincipal(), "test", SqlFlavor.SNOWFLAKE)) {
      List<List<Object>> views = rows(s, "show /* JDBC:DatabaseMetaData.getTables() */ views in account");
      assertThat(views).hasSize(1);
      assertThat(views.get(0).get(1)).isEqualTo("BIG_ORDERS");
      assertThat(views.get(0).get(3)).isEqualTo("SHOP");
      assertThat(views.get(0).get(4)).isEqualTo("PUBLIC");
      assertThat((String) views.get(0).get(7)).containsIgnoringCase("amount > 10");
      assertThat(rows(s, "show objects in schema public")).extracting(r -> r.get(4))
          .containsExactly("VIEW");
      assertThat(column(s, "show tables in schema public", 2)).isEmpty();
      assertThat(rows(s, "desc view big_orders")).extracting(r -> r.subList(0, 4)).containsExactly(
          List.of("ID", "NUMBER(10,0)", "COLUMN", "N"), List.of("AMOUNT", "NUMBER(10,2)", "COLUMN", "Y"));
      assertThat(column(s, "show columns in view big_orders", 3)).containsExactly("ID", "AMOUNT");
    }
  }

  @Test void showColumnsGivesTheDataTypeAsJson() throws Exception {
    try (EngineSession s = session()) {
      String jdbc = "show /* JDBC:DatabaseMetaData.getColumns() */ columns in table "
          + "\"SHOP\".\"IN_C_SALES\".\"ORDERS\"";
      assertThat(labels(s, jdbc)).containsExactly("table_name", "schema_name", "column_name",
          "data_type", "null?", "default", "kind", "expression", "comment", "database_name",
          "autoincrement");
      List<List<Object>> columns = rows(s, jdbc);
      assertThat(columns).extracting(r -> r.get(2))
          .containsExactly("ID", "CUSTOMER", "AMOUNT", "ORDERED_ON", "AT");
      assertThat(columns.get(0)).containsExactly("ORDERS", "IN_C_SALES", "ID",
          "{\"type\":\"FIXED\",\"precision\":10,\"scale\":0,\"nullable\":false}", "false", "",
          "COLUMN", "", null, "SHOP", "");
      ObjectMapper json = new ObjectMapper();
      JsonNode customer = json.readTree((String) columns.get(1).get(3));
      assertThat(customer.get("type").asText()).isEqualTo("TEXT");
      assertThat(customer.get("length").asInt()).isEqualTo(16_777_216);
      assertThat(customer.get("nullable").asBoolean()).isTrue();
      JsonNode amount = json.readTree((String) columns.get(2).get(3));
      assertThat(amount.get("precision").asInt()).isEqualTo(10);
      assertThat(amount.get("scale").asInt()).isEqualTo(2);
      assertThat(json.readTree((String) columns.get(3).get(3)).get("type").asText()).isEqualTo("DATE");
      JsonNode at = json.readTree((String) columns.get(4).get(3));
      assertThat(at.get("type").asText()).isEqualTo("TIMESTAMP_NTZ");
      assertThat(at.get("scale").asInt()).isEqualTo(9);

      assertThat(rows(s, "show columns like 'a%' in schema \"SHOP\".\"IN_C_SALES\""))
          .extracting(r -> r.get(0) + "." + r.get(2)).containsExactly("ORDERS.AMOUNT", "ORDERS.AT");
      assertThat(rows(s, "show columns in database shop")).extracting(r -> r.get(0) + "." + r.get(2))
          .containsExactly("ORDERS.ID", "ORDERS.CUSTOMER", "ORDERS.AMOUNT", "ORDERS.ORDERED_ON",
              "ORDERS.AT", "ORDER_LINES.ORDER_ID", "ORDER_LINES.LINE", "ORDER_LINES.QTY",
              "ORDER_LINES.NOTE", "DAILY.DAY", "DAILY.TOTAL");
      List<List<Object>> lines = rows(s, "show columns in shop.in_c_sales.order_lines");
      assertThat(lines).extracting(r -> r.get(3)).containsExactly(
          "{\"type\":\"FIXED\",\"precision\":10,\"scale\":0,\"nullable\":false}",
          "{\"type\":\"FIXED\",\"precision\":5,\"scale\":0,\"nullable\":false}",
          "{\"type\":\"FIXED\",\"precision\":19,\"scale\":0,\"nullable\":true}",
          "{\"type\":\"VARIANT\",\"nullable\":true}");
      assertThat(column(s, "show columns in table out_c_reports.daily", 4)).containsExactly(
          "{\"type\":\"DATE\",\"nullable\":true}", "{\"type\":\"REAL\",\"nullable\":true}");
      assertThat(error(s, "show columns in table \"SHOP\".\"IN_C_SALES\".\"NOPE\"").code())
          .isEqualTo(ErrorCode.NOT_FOUND);
    }
  }

  @Test void showPrimaryKeysInKeyOrder() {
    try (EngineSession s = session()) {
      String jdbc = "show /* JDBC:DatabaseMetaData.getPrimaryKeys() */ primary keys in table "
          + "\"SHOP\".\"IN_C_SALES\".\"ORDER_LINES\"";
      assertThat(labels(s, jdbc)).containsExactly("created_on", "database_name", "schema_name",
          "table_name", "column_name", "key_sequence", "constraint_name", "rely", "comment");
      assertThat(rows(s, jdbc)).extracting(r -> r.subList(1, 7)).containsExactly(
          List.of("SHOP", "IN_C_SALES", "ORDER_LINES", "ORDER_ID", 1L, "ORDER_LINES_PKEY"),
          List.of("SHOP", "IN_C_SALES", "ORDER_LINES", "LINE", 2L, "ORDER_LINES_PKEY"));
      assertThat(rows(s, "show primary keys in schema shop.in_c_sales"))
          .extracting(r -> r.get(3) + "." + r.get(4))
          .containsExactly("ORDERS.ID", "ORDER_LINES.ORDER_ID", "ORDER_LINES.LINE");
      assertThat(rows(s, "show primary keys in account")).hasSize(3);
      assertThat(rows(s, "show primary keys in table shop.out_c_reports.daily")).isEmpty();
      // No foreign keys in Floe: snowflake-jdbc's getImportedKeys and getExportedKeys get none.
      String imported = "show /* JDBC:DatabaseMetaData.getForeignKeys() */ imported keys in table "
          + "\"SHOP\".\"IN_C_SALES\".\"ORDER_LINES\"";
      assertThat(rows(s, imported)).isEmpty();
      assertThat(labels(s, imported)).hasSize(17).startsWith("created_on", "pk_database_name");
      assertThat(rows(s, "show exported keys in schema in_c_sales")).isEmpty();
      assertThat(error(s, "show imported keys in table shop.in_c_sales.nope").code())
          .isEqualTo(ErrorCode.NOT_FOUND);
    }
  }

  @Test void describeTableInSnowflakesLayout() {
    try (EngineSession s = session()) {
      List<String> layout = List.of("name", "type", "kind", "null?", "default", "primary key",
          "unique key", "check", "expression", "comment", "policy name", "privacy domain");
      assertThat(labels(s, "describe table in_c_sales.orders")).isEqualTo(layout);
      assertThat(rows(s, "describe table in_c_sales.orders")).extracting(r -> r.subList(0, 7))
          .containsExactly(
              java.util.Arrays.asList("ID", "NUMBER(10,0)", "COLUMN", "N", null, "Y", "N"),
              java.util.Arrays.asList("CUSTOMER", "VARCHAR(16777216)", "COLUMN", "Y", null, "N", "N"),
              java.util.Arrays.asList("AMOUNT", "NUMBER(10,2)", "COLUMN", "Y", null, "N", "N"),
              java.util.Arrays.asList("ORDERED_ON", "DATE", "COLUMN", "Y", null, "N", "N"),
              java.util.Arrays.asList("AT", "TIMESTAMP_NTZ(9)", "COLUMN", "Y", null, "N", "N"));
      assertThat(column(s, "DESC TABLE \"SHOP\".\"IN_C_SALES\".\"ORDER_LINES\"", 2))
          .containsExactly("NUMBER(10,0)", "NUMBER(5,0)", "NUMBER(19,0)", "VARIANT");
      assertThat(column(s, "desc table shop.out_c_reports.daily", 2)).containsExactly("DATE", "FLOAT");
      // No schema in use: a bare name must be the only table of its name in the database.
      assertThat(column(s, "desc table daily", 1)).containsExactly("DAY", "TOTAL");
      s.setDefaultSchema(List.of("shop", "in_c_sales"));
      assertThat(column(s, "desc table orders;", 1)).hasSize(5);
      assertThat(column(s, "describe orders", 1)).hasSize(5);
      assertThat(column(s, "describe table orders type = columns", 1)).hasSize(5);
      assertThat(error(s, "describe table orders type = stage").code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      assertThat(s.prepare("desc table orders").command()).isEqualTo("DESCRIBE TABLE");
      assertThat(error(s, "desc table daily").code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(s, "desc view orders").code()).isEqualTo(ErrorCode.WRONG_OBJECT_TYPE);
      // DESCRIBE of a query is still the query's columns.
      assertThat(rows(s, "describe select 1 as x")).hasSize(1);
    }
  }

  @Test void anotherProjectsObjectsAreAbsentEverywhere() {
    try (EngineSession s = session()) {
      assertThat(column(s, "show schemas in account", 2)).doesNotContain("IN_C_SECRET");
      assertThat(column(s, "show tables in account", 2)).doesNotContain("SALARIES");
      assertThat(column(s, "show columns in account", 3)).doesNotContain("WHO", "PAY");
      FloeException db = error(s, "show schemas in database other");
      assertThat(db.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(db.getMessage()).contains("Database 'OTHER' does not exist or not authorized");
      assertThat(error(s, "show tables in schema other.in_c_secret").code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(s, "show columns in table other.in_c_secret.salaries").code())
          .isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(s, "desc table other.in_c_secret.salaries").code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(s, "show tables in schema in_c_secret").code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(error(s, "show tables in other").getMessage())
          .isEqualTo("Schema 'SHOP.OTHER' does not exist or not authorized.");
      assertThat(error(s, "show tables in other.in_c_secret").code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
  }

  @Test void badSyntaxIsAClearSyntaxError() {
    try (EngineSession s = session()) {
      for (String sql : List.of("show", "show tablez", "show tables like x", "show tables like",
          "show tables in", "show tables in table shop.in_c_sales.orders", "show terse columns",
          "show primary keys like 'x'", "show tables in schema a.b.c", "show databases in database shop",
          "show schemas in schema x", "show tables limit x", "show tables extra", "desc table",
          "desc table a.b.c.d", "show tables like 'unclosed", "show primary keys in", "desc table t type",
          "desc table t type = x", "show imported keys like 'x'", "show terse imported keys")) {
        FloeException e = error(s, sql);
        assertThat(e.code()).as(sql).isEqualTo(ErrorCode.SYNTAX_ERROR);
        assertThat(e.sqlState()).as(sql).isEqualTo("42601");
      }
      assertThat(error(s, "show tables like 'x' in").getMessage())
          .contains("IN needs ACCOUNT, DATABASE, SCHEMA, TABLE or a name");
      assertThat(error(s, "show tables limit 5 from 'x'").code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      FloeException warehouses = error(s, "show warehouses");
      assertThat(warehouses.code()).isEqualTo(ErrorCode.NOT_SUPPORTED);
      assertThat(warehouses.getMessage()).startsWith("SHOW WAREHOUSES is not supported");
      // A backslash-escaped quote inside the pattern, as snowflake-jdbc writes it.
      assertThat(rows(s, "show tables like 'it\\'s' in account")).isEmpty();
    }
  }

  @Test void metadataCommandsAreAudited() throws Exception {
    try (EngineSession s = session()) {
      rows(s, "show tables in schema shop.in_c_sales");
      rows(s, "desc table shop.in_c_sales.orders");
      error(s, "show tables in schema other.in_c_secret");
    }
    floe.engine().audit().flush();
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(floe.engine().audit().file())) {
      lines.add(json.readTree(line));
    }
    JsonNode show = lines.stream().filter(l -> l.get("sql").asText()
        .equals("show tables in schema shop.in_c_sales")).findFirst().orElseThrow();
    assertThat(show.get("outcome").asText()).isEqualTo("ok");
    assertThat(show.get("rows").asLong()).isEqualTo(2);
    JsonNode desc = lines.stream().filter(l -> l.get("sql").asText()
        .equals("desc table shop.in_c_sales.orders")).findFirst().orElseThrow();
    assertThat(desc.get("tables").get(0).asText()).isEqualTo("shop.in_c_sales.orders");
    JsonNode refused = lines.stream().filter(l -> l.get("sql").asText()
        .equals("show tables in schema other.in_c_secret")).findFirst().orElseThrow();
    assertThat(refused.get("outcome").asText()).isEqualTo("error");
    assertThat(refused.get("error_code").asText()).isEqualTo("not_found");
  }

  @Test void postgresSessionsAreUnchanged() {
    try (EngineSession s = floe.engine().openSession(floe.principal(shop), "test", SqlFlavor.POSTGRES)) {
      assertThat(labels(s, "describe in_c_sales.orders").get(0)).isEqualTo("column_name");
    }
  }
}

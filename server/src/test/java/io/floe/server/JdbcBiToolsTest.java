package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the JDBC calls BI tools make when they connect and when they open a table, against a
 * real server and the real driver jar, and checks the answers the tools read (by the column labels
 * they use). The sequences are taken from the tools' public source and documentation, cited at
 * each replay.
 *
 * <p>Power BI is not here: it has no generic JDBC connector. Its generic connector is ODBC
 * ({@code Odbc.DataSource}, learn.microsoft.com/power-query/connectors/odbc), which needs an ODBC
 * driver; Floe ships none.
 */
class JdbcBiToolsTest {
  static TestServer floe;
  static MetadataFixture tokens;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokens = MetadataFixture.load(floe);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection connect(String token, String... properties) throws SQLException {
    Properties props = new Properties();
    props.setProperty("token", token);
    for (int i = 0; i < properties.length; i += 2) {
      props.setProperty(properties[i], properties[i + 1]);
    }
    return DriverJar.connect(floe.jdbcUrl(), props);
  }

  static List<String> strings(ResultSet rs, String label) throws SQLException {
    return JdbcEndToEndTest.column(rs, label);
  }

  static List<Map<String, Object>> rows(ResultSet rs, String... labels) throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String label : labels) {
          row.put(label, rs.getObject(label));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * DBeaver, generic JDBC driver ("Generic" data source), on connect. Sources (dbeaver/dbeaver):
   * {@code plugins/org.jkiss.dbeaver.model.jdbc/.../impl/jdbc/JDBCDataSourceInfo.java} (the
   * constructor reads product, driver, terms, batch and transaction support),
   * {@code .../impl/jdbc/JDBCSQLDialect.java#initDriverSettings} (quoting, identifier case,
   * search escape, catalog/schema usage, keywords, escape function lists),
   * {@code plugins/org.jkiss.dbeaver.ext.generic/.../model/GenericDataSource.java#initialize}
   * (type cache from getTypeInfo, getCatalogs; a single catalog is dropped and schemas read
   * instead) and {@code .../generic/model/meta/GenericMetaModel.java#loadSchemas}.
   */
  @Test void dbeaverConnects() throws SQLException {
    try (Connection c = connect(tokens.reader())) {
      DatabaseMetaData md = c.getMetaData();
      // JDBCDataSourceInfo
      assertThat(md.getDatabaseProductName()).isEqualTo("Floe");
      assertThat(md.getDatabaseProductVersion()).isNotBlank();
      assertThat(md.getDriverName()).isEqualTo("Floe JDBC driver");
      assertThat(md.getDriverVersion()).isNotBlank();
      assertThat(md.getDatabaseMajorVersion()).isGreaterThanOrEqualTo(0);
      assertThat(md.getSchemaTerm()).isEqualTo("bucket");
      assertThat(md.getCatalogTerm()).isEqualTo("project");
      assertThat(md.getProcedureTerm()).isNotBlank();
      assertThat(md.supportsBatchUpdates()).isTrue();
      assertThat(md.supportsTransactions()).isFalse();
      // JDBCSQLDialect.initDriverSettings
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getSQLStateType()).isEqualTo(DatabaseMetaData.sqlStateSQL);
      assertThat(md.supportsCorrelatedSubqueries() || md.supportsSubqueriesInComparisons()
          || md.supportsSubqueriesInExists() || md.supportsSubqueriesInIns()
          || md.supportsSubqueriesInQuantifieds()).isTrue();
      assertThat(md.supportsMixedCaseIdentifiers()).isFalse();
      assertThat(md.supportsMixedCaseQuotedIdentifiers()).isTrue();
      // unquoted case LOWER, quoted case MIXED (DBeaver's reading of the store* flags)
      assertThat(md.storesUpperCaseIdentifiers()).isFalse();
      assertThat(md.storesLowerCaseIdentifiers()).isTrue();
      assertThat(md.storesUpperCaseQuotedIdentifiers()).isFalse();
      assertThat(md.storesLowerCaseQuotedIdentifiers()).isFalse();
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(md.getCatalogSeparator()).isEqualTo(".");
      assertThat(md.supportsCatalogsInDataManipulation()).isTrue();
      assertThat(md.supportsCatalogsInTableDefinitions()).isFalse();
      assertThat(md.supportsSchemasInDataManipulation()).isTrue();
      assertThat(md.supportsSchemasInProcedureCalls()).isFalse();
      assertThat(md.getExtraNameCharacters()).isEmpty();
      assertThat(md.isCatalogAtStart()).isTrue();
      assertThat(md.getSQLKeywords()).isNotEmpty();
      for (String list : List.of(md.getNumericFunctions(), md.getStringFunctions(),
          md.getSystemFunctions(), md.getTimeDateFunctions())) {
        assertThat(list).isNotEmpty().matches("[A-Z0-9_]+(,[A-Z0-9_]+)*");
      }
      // GenericDataSource.initialize: the data type cache, then catalogs
      List<Map<String, Object>> types = rows(md.getTypeInfo(), "TYPE_NAME", "DATA_TYPE",
          "PRECISION", "LITERAL_PREFIX", "LITERAL_SUFFIX", "CREATE_PARAMS", "NULLABLE",
          "CASE_SENSITIVE", "SEARCHABLE", "UNSIGNED_ATTRIBUTE", "FIXED_PREC_SCALE",
          "AUTO_INCREMENT", "LOCAL_TYPE_NAME", "MINIMUM_SCALE", "MAXIMUM_SCALE", "NUM_PREC_RADIX");
      assertThat(types).extracting(t -> t.get("TYPE_NAME")).contains("INTEGER", "DECIMAL",
          "VARCHAR", "TIMESTAMP");
      assertThat(strings(md.getTableTypes(), "TABLE_TYPE")).containsExactly("TABLE");
      List<String> catalogs = strings(md.getCatalogs(), "TABLE_CAT");
      // One catalog: DBeaver drops it and reads the schemas.
      assertThat(catalogs).containsExactly("shop");
      assertThat(strings(md.getSchemas(), "TABLE_SCHEM")).containsExactly("in_c_sales");
      assertThat(c.getCatalog()).isEqualTo("shop");
    }
    try (Connection c = connect(TestServer.ADMIN_TOKEN)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> catalogs = strings(md.getCatalogs(), "TABLE_CAT");
      assertThat(catalogs).containsExactly("other", "shop");
      // Several catalogs: GenericMetaModel.loadSchemas asks each one's schemas with "%".
      assertThat(rows(md.getSchemas("shop", "%"), "TABLE_SCHEM", "TABLE_CATALOG"))
          .extracting(r -> r.get("TABLE_CATALOG") + "." + r.get("TABLE_SCHEM"))
          .containsExactly("shop.in_c_sales", "shop.in_c_secret", "shop.in_c_types");
      assertThat(strings(md.getSchemas("other", "%"), "TABLE_SCHEM")).containsExactly("in_c_other");
    }
  }

  /**
   * DBeaver opening a table in the navigator and its data tab. Sources (dbeaver/dbeaver):
   * {@code GenericMetaModel.java} ({@code prepareTableLoadStatement}: getTables with the schema's
   * wildcards escaped by getSearchStringEscape; {@code prepareTableColumnLoadStatement}:
   * getColumns; {@code prepareUniqueConstraintsLoadStatement}: getPrimaryKeys, with "%" for
   * every table; foreign keys: getImportedKeys; {@code loadProcedures}: getFunctions and
   * getProcedures for the schema), the generic index cache (getIndexInfo), and
   * {@code plugins/org.jkiss.dbeaver.model.jdbc/.../impl/jdbc/exec/JDBCStatementImpl.java#setLimit}
   * (the data tab's row limit is {@code setMaxRows} on a prepared statement).
   */
  @Test void dbeaverOpensATable() throws SQLException {
    try (Connection c = connect(tokens.reader())) {
      DatabaseMetaData md = c.getMetaData();
      String schema = "in\\_c\\_sales"; // JDBCUtils.escapeWildCards
      assertThat(rows(md.getTables(null, schema, "%", null), "TABLE_CAT", "TABLE_SCHEM",
          "TABLE_NAME", "TABLE_TYPE", "REMARKS"))
          .extracting(r -> r.get("TABLE_CAT") + "." + r.get("TABLE_SCHEM") + "." + r.get("TABLE_NAME")
              + ":" + r.get("TABLE_TYPE"))
          .containsExactly("shop.in_c_sales.OrderLines:TABLE", "shop.in_c_sales.customers:TABLE",
              "shop.in_c_sales.orders:TABLE");
      assertThat(rows(md.getColumns(null, schema, "orders", "%"), "COLUMN_NAME", "DATA_TYPE",
          "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NUM_PREC_RADIX", "NULLABLE", "REMARKS",
          "COLUMN_DEF", "ORDINAL_POSITION", "IS_AUTOINCREMENT", "IS_GENERATEDCOLUMN"))
          .extracting(r -> r.get("COLUMN_NAME") + " " + r.get("TYPE_NAME") + "(" + r.get("COLUMN_SIZE")
              + "," + r.get("DECIMAL_DIGITS") + ") " + r.get("NULLABLE") + " " + r.get("IS_AUTOINCREMENT"))
          .containsExactly("id INTEGER(10,0) 0 NO", "customer_id INTEGER(10,0) 1 NO",
              "amount DECIMAL(38,10) 1 NO", "ordered_at TIMESTAMP(26,6) 1 NO",
              "ordered_on DATE(10,null) 1 NO", "region VARCHAR(" + Integer.MAX_VALUE + ",null) 1 NO");
      assertThat(rows(md.getPrimaryKeys(null, "in_c_sales", "OrderLines"), "COLUMN_NAME", "KEY_SEQ",
          "PK_NAME")).extracting(r -> r.get("COLUMN_NAME") + ":" + r.get("KEY_SEQ") + ":" + r.get("PK_NAME"))
          .containsExactly("line:2:OrderLines_pkey", "order_id:1:OrderLines_pkey");
      // The structure cache reads every table's keys at once.
      assertThat(rows(md.getPrimaryKeys(null, "in_c_sales", "%"), "TABLE_NAME", "COLUMN_NAME"))
          .extracting(r -> r.get("TABLE_NAME") + "." + r.get("COLUMN_NAME"))
          .containsExactly("OrderLines.line", "OrderLines.order_id", "customers.id", "orders.id");
      assertThat(rows(md.getImportedKeys(null, "in_c_sales", "orders"), "PKTABLE_NAME",
          "FKCOLUMN_NAME", "KEY_SEQ", "FK_NAME")).isEmpty();
      assertThat(rows(md.getIndexInfo(null, "in_c_sales", "orders", false, true), "INDEX_NAME",
          "COLUMN_NAME", "NON_UNIQUE", "ORDINAL_POSITION")).isEmpty();
      assertThat(rows(md.getFunctions(null, schema, "%"), "FUNCTION_NAME")).isEmpty();
      assertThat(rows(md.getProcedures(null, schema, "%"), "PROCEDURE_NAME")).isEmpty();
      // The data tab: "SELECT * FROM in_c_sales.orders", 200 rows at most (here 2).
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM in_c_sales.orders")) {
        ps.setMaxRows(2);
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData rmd = rs.getMetaData();
          assertThat(rmd.getColumnCount()).isEqualTo(6);
          assertThat(rmd.getTableName(1)).isEqualTo("orders");
          assertThat(rmd.getSchemaName(1)).isEqualTo("in_c_sales");
          assertThat(rmd.getCatalogName(1)).isEqualTo("shop");
          assertThat(rmd.isNullable(1)).isEqualTo(ResultSetMetaData.columnNoNulls);
          assertThat(rmd.getColumnTypeName(3)).isEqualTo("DECIMAL");
          int n = 0;
          while (rs.next()) {
            n++;
          }
          assertThat(n).isEqualTo(2);
        }
      }
    }
  }

  /**
   * Tableau, "Other Databases (JDBC)". Sources: tableau.github.io/connector-plugin-sdk/docs/
   * metadata-enumeration ("JDBC Metadata Enumeration": getCatalogs, getSchemas, getTables and
   * getColumns by default; primary keys, foreign keys and index info unless turned off; with
   * CAP_JDBC_METADATA_USE_RESULTSET_FOR_TABLE, {@code select * from <table> where 1=0} instead;
   * "Tableau only sends Schema.Table queries", the catalog comes from the connection) and
   * help.tableau.com/current/pro/desktop/en-us/examples_otherdatabases_jdbc.htm (dialects
   * PostgreSQL, MySQL, SQL92). The database (Floe project) is set with the {@code catalog} property.
   */
  @Test void tableauEnumeratesAndDescribes() throws SQLException {
    try (Connection c = connect(TestServer.ADMIN_TOKEN, "catalog", "shop")) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(strings(md.getCatalogs(), "TABLE_CAT")).containsExactly("other", "shop");
      assertThat(strings(md.getSchemas("shop", null), "TABLE_SCHEM"))
          .containsExactly("in_c_sales", "in_c_secret", "in_c_types");
      assertThat(strings(md.getTables("shop", "in_c_sales", "%", new String[] {"TABLE", "VIEW"}),
          "TABLE_NAME")).containsExactly("OrderLines", "customers", "orders");
      List<Map<String, Object>> columns = rows(md.getColumns("shop", "in_c_sales", "OrderLines", "%"),
          "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS", "NULLABLE");
      assertThat(columns).extracting(r -> r.get("COLUMN_NAME") + ":" + r.get("DATA_TYPE"))
          .containsExactly("order_id:" + Types.INTEGER, "line:" + Types.SMALLINT,
              "Sku:" + Types.VARCHAR, "qty:" + Types.DECIMAL);
      assertThat(strings(md.getPrimaryKeys("shop", "in_c_sales", "OrderLines"), "COLUMN_NAME"))
          .containsExactly("line", "order_id");
      assertThat(strings(md.getImportedKeys("shop", "in_c_sales", "OrderLines"), "FKCOLUMN_NAME")).isEmpty();
      assertThat(strings(md.getIndexInfo("shop", "in_c_sales", "OrderLines", false, true),
          "COLUMN_NAME")).isEmpty();
      // Metadata from a prepared "select *" (not executed), then from an empty result.
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM \"in_c_sales\".\"OrderLines\"")) {
        ResultSetMetaData rmd = ps.getMetaData();
        assertThat(rmd.getColumnCount()).isEqualTo(4);
        assertThat(rmd.getColumnName(3)).isEqualTo("Sku");
        assertThat(rmd.getColumnType(4)).isEqualTo(Types.DECIMAL);
        assertThat(rmd.getPrecision(4)).isEqualTo(12);
        assertThat(rmd.getScale(4)).isEqualTo(2);
        assertThat(rmd.isNullable(4)).isEqualTo(ResultSetMetaData.columnNoNulls);
      }
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT * FROM \"in_c_sales\".\"OrderLines\" WHERE 1=0")) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(4);
        assertThat(rs.next()).isFalse();
      }
      // A query as Tableau's PostgreSQL dialect writes one: schema.table, quoted names, aliases.
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT \"orders\".\"region\" AS \"region\", SUM(\"orders\".\"amount\") AS \"sum:amount:ok\", "
              + "CAST(EXTRACT(YEAR FROM \"orders\".\"ordered_at\") AS INTEGER) AS \"yr:ordered_at:ok\" "
              + "FROM \"in_c_sales\".\"orders\" \"orders\" WHERE \"orders\".\"region\" IS NOT NULL "
              + "GROUP BY 1, 3 ORDER BY 1")) {
        List<String> got = new ArrayList<>();
        while (rs.next()) {
          got.add(rs.getString("region") + " " + rs.getBigDecimal("sum:amount:ok").stripTrailingZeros()
              .toPlainString() + " " + rs.getInt("yr:ordered_at:ok"));
        }
        assertThat(got).containsExactly("EU 1234567890123456789012345678.1234567891 2024",
            "US 99999999999999999999999994.4999999999 2024");
      }
    }
  }

  /**
   * Metabase, its generic SQL JDBC driver. Sources (metabase/metabase):
   * {@code src/metabase/driver/sql_jdbc/connection.clj} (can-connect?: {@code SELECT 1}, first
   * value must be 1), {@code sync/dbms_version.clj}, {@code sync/describe_database.clj}
   * (getSchemas, then per schema getTables(nil, schema, "%", table types) and the probe
   * {@code SELECT TRUE AS "_" FROM "schema"."table" WHERE 1 <> 1 LIMIT 0} for SELECT rights),
   * {@code sync/describe_table.clj} (describe-table: getColumns(nil, schema, table, nil) reading
   * COLUMN_NAME, TYPE_NAME, NULLABLE, COLUMN_DEF, IS_AUTOINCREMENT, REMARKS, the
   * {@code SELECT * ... WHERE 1 <> 1 LIMIT 0} fallback, getPrimaryKeys; describe-table-fks:
   * getImportedKeys; describe-table-indexes: getIndexInfo(nil, schema, table, false, false)).
   * The field sync then samples rows for fingerprints and distinct values.
   */
  @Test void metabaseSyncs() throws SQLException {
    try (Connection c = connect(tokens.reader()); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isEqualTo(1);
      }
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getDatabaseProductName()).isEqualTo("Floe");
      assertThat(md.getDatabaseProductVersion()).isNotBlank();
      // describe-database
      List<String> tables = new ArrayList<>();
      for (String schema : strings(md.getSchemas(), "TABLE_SCHEM")) {
        for (Map<String, Object> t : rows(md.getTables(null, schema, "%", new String[] {"TABLE",
            "PARTITIONED TABLE", "VIEW", "FOREIGN TABLE", "MATERIALIZED VIEW", "EXTERNAL TABLE",
            "DYNAMIC_TABLE"}), "TABLE_NAME", "TABLE_SCHEM", "TABLE_TYPE", "REMARKS")) {
          String probe = "SELECT TRUE AS \"_\" FROM \"" + t.get("TABLE_SCHEM") + "\".\""
              + t.get("TABLE_NAME") + "\" WHERE 1 <> 1 LIMIT 0";
          try (PreparedStatement ps = c.prepareStatement(probe)) {
            ps.setQueryTimeout(15);
            ps.execute();
          }
          tables.add(t.get("TABLE_SCHEM") + "." + t.get("TABLE_NAME"));
        }
      }
      assertThat(tables).containsExactly("in_c_sales.OrderLines", "in_c_sales.customers",
          "in_c_sales.orders");
      // describe-table, with the primary keys marked
      List<Map<String, Object>> fields = rows(md.getColumns(null, "in_c_sales", "OrderLines", null),
          "COLUMN_NAME", "TYPE_NAME", "NULLABLE", "COLUMN_DEF", "IS_AUTOINCREMENT", "REMARKS");
      assertThat(fields).extracting(f -> f.get("COLUMN_NAME") + " " + f.get("TYPE_NAME") + " "
              + f.get("NULLABLE") + " " + f.get("COLUMN_DEF") + " " + f.get("IS_AUTOINCREMENT") + " "
              + f.get("REMARKS"))
          .containsExactly("order_id INTEGER 0 null NO null", "line SMALLINT 0 null NO null",
              "Sku VARCHAR 1 null NO stock keeping unit", "qty DECIMAL 0 null NO null");
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT * FROM \"in_c_sales\".\"OrderLines\" WHERE 1 <> 1 LIMIT 0");
           ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData rmd = rs.getMetaData();
        List<String> described = new ArrayList<>();
        for (int i = 1; i <= rmd.getColumnCount(); i++) {
          described.add(rmd.getColumnName(i) + " " + rmd.getColumnTypeName(i) + " " + rmd.isAutoIncrement(i));
        }
        assertThat(described).containsExactly("order_id INTEGER false", "line SMALLINT false",
            "Sku VARCHAR false", "qty DECIMAL false");
      }
      assertThat(strings(md.getPrimaryKeys(null, "in_c_sales", "OrderLines"), "COLUMN_NAME"))
          .containsExactly("line", "order_id");
      assertThat(rows(md.getImportedKeys(null, "in_c_sales", "OrderLines"), "FKCOLUMN_NAME",
          "PKTABLE_NAME", "PKTABLE_SCHEM", "PKCOLUMN_NAME")).isEmpty();
      assertThat(rows(md.getIndexInfo(null, "in_c_sales", "OrderLines", false, false), "INDEX_NAME",
          "COLUMN_NAME", "ORDINAL_POSITION", "FILTER_CONDITION")).isEmpty();
      // Field sync: a sample for fingerprints, distinct values of a text column.
      try (PreparedStatement ps = c.prepareStatement("SELECT \"in_c_sales\".\"orders\".\"id\" AS \"id\", "
          + "\"in_c_sales\".\"orders\".\"amount\" AS \"amount\", \"in_c_sales\".\"orders\".\"region\" AS \"region\" "
          + "FROM \"in_c_sales\".\"orders\" LIMIT 10000");
           ResultSet rs = ps.executeQuery()) {
        int n = 0;
        while (rs.next()) {
          n++;
          assertThat(rs.getObject("amount") == null || rs.getObject("amount") instanceof BigDecimal).isTrue();
        }
        assertThat(n).isEqualTo(5);
      }
      try (ResultSet rs = s.executeQuery("SELECT \"in_c_sales\".\"orders\".\"region\" AS \"region\" "
          + "FROM \"in_c_sales\".\"orders\" GROUP BY \"in_c_sales\".\"orders\".\"region\" "
          + "ORDER BY \"in_c_sales\".\"orders\".\"region\" ASC LIMIT 1000")) {
        List<String> regions = new ArrayList<>();
        while (rs.next()) {
          regions.add(rs.getString(1));
        }
        assertThat(regions).containsExactly("EU", "US", null);
      }
    }
  }
}

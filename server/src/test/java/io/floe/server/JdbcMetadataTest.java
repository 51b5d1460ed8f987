package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * {@code DatabaseMetaData} and {@code ResultSetMetaData} through the real driver: the flags say what
 * Floe does (and the SQL behaves as they say), every metadata result set has the labels and types
 * its JDBC javadoc lists, {@code getTypeInfo} and {@code getColumns} agree, result columns name
 * their origin, and a token limited to one bucket sees only that bucket.
 */
class JdbcMetadataTest {
  static TestServer floe;
  static MetadataFixture tokens;

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    tokens = MetadataFixture.load(floe);
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  static Connection connect(String token) throws SQLException {
    return DriverJar.connect(floe.jdbcUrl(), token);
  }

  /** Labels and JDBC types of a result set's columns, as "LABEL:type". */
  static List<String> shape(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> cols = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      cols.add(md.getColumnLabel(i) + ":" + md.getColumnType(i));
    }
    return cols;
  }

  static List<Map<String, Object>> rows(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData md = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.put(md.getColumnLabel(i), rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  private static final int S = Types.VARCHAR;
  private static final int I = Types.INTEGER;
  private static final int SH = Types.SMALLINT;
  private static final int B = Types.BOOLEAN;
  private static final int L = Types.BIGINT;

  private static List<String> cols(Object... labelsAndTypes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < labelsAndTypes.length; i += 2) {
      out.add(labelsAndTypes[i] + ":" + labelsAndTypes[i + 1]);
    }
    return out;
  }

  @Test void identifierFlagsDescribeLowerCaseFolding() throws SQLException {
    try (Connection c = connect(tokens.master()); Statement s = c.createStatement()) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.storesLowerCaseIdentifiers()).isTrue();
      assertThat(md.storesUpperCaseIdentifiers()).isFalse();
      assertThat(md.storesMixedCaseIdentifiers()).isFalse();
      assertThat(md.supportsMixedCaseIdentifiers()).isFalse();
      assertThat(md.supportsMixedCaseQuotedIdentifiers()).isTrue();
      assertThat(md.storesMixedCaseQuotedIdentifiers()).isFalse();
      assertThat(md.storesLowerCaseQuotedIdentifiers()).isFalse();
      assertThat(md.storesUpperCaseQuotedIdentifiers()).isFalse();
      assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
      assertThat(md.getSearchStringEscape()).isEqualTo("\\");
      assertThat(md.getExtraNameCharacters()).isEmpty();
      assertThat(md.getCatalogSeparator()).isEqualTo(".");
      assertThat(md.isCatalogAtStart()).isTrue();
      assertThat(md.nullsAreSortedAtEnd()).isTrue();
      // What the flags promise: a tool that lower-cases a name finds the table; quoted names are
      // case-sensitive; a name stored in mixed case is found quoted as stored, or unquoted.
      for (String sql : List.of("select count(*) from in_c_sales.orders",
          "select count(*) from IN_C_SALES.Orders", "select count(*) from \"in_c_sales\".\"orders\"",
          "select count(*) from in_c_sales.\"OrderLines\"")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertThat(rs.next()).as(sql).isTrue();
        }
      }
      // (The engine's message for this is not "not found" yet, so only the failure is checked.)
      assertThatThrownBy(() -> s.executeQuery("select count(*) from in_c_sales.\"ORDERS\""))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).startsWith("42"));
      // Metadata name patterns follow the same rule: a pattern in lower case (what a tool
      // folding by storesLowerCaseIdentifiers sends) matches any case; others match exactly.
      assertThat(JdbcEndToEndTest.column(md.getTables(null, "in_c_sales", "orderlines", null),
          "TABLE_NAME")).containsExactly("OrderLines");
      assertThat(JdbcEndToEndTest.column(md.getTables(null, "in\\_c\\_sales", "OrderLines", null),
          "TABLE_NAME")).containsExactly("OrderLines");
      assertThat(JdbcEndToEndTest.column(md.getTables(null, "in_c_sales", "ORDERLINES", null),
          "TABLE_NAME")).isEmpty();
      assertThat(JdbcEndToEndTest.column(md.getColumns(null, "in_c_sales", "OrderLines", "sku"),
          "COLUMN_NAME")).containsExactly("Sku");
      // getPrimaryKeys takes names, not patterns, matched the same way (sqlline sends
      // "!primarykeys OrderLines" folded to lower case, with no bucket).
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys(null, "in_c_sales", "orderlines"),
          "COLUMN_NAME")).containsExactly("line", "order_id");
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys("shop", null, "orderlines"),
          "COLUMN_NAME")).containsExactly("line", "order_id");
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys(null, "IN_C_SALES", "OrderLines"),
          "COLUMN_NAME")).isEmpty();
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys(null, "in_c_sales", "ORDERLINES"),
          "COLUMN_NAME")).isEmpty();
    }
  }

  @Test void driverAndDatabaseFacts() throws SQLException {
    Properties props = new Properties();
    props.setProperty("fetch_size", "500");
    String url = floe.jdbcUrl() + "?token=" + tokens.master() + "&fetch_size=500";
    try (Connection c = DriverJar.connect(url, props)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(md.getURL()).isEqualTo(floe.jdbcUrl() + "?fetch_size=500")
          .doesNotContain(tokens.master());
      assertThat(md.getDatabaseProductName()).isEqualTo("Floe");
      assertThat(md.getDriverName()).isEqualTo("Floe JDBC driver");
      assertThat(md.getJDBCMajorVersion()).isEqualTo(4);
      assertThat(md.getJDBCMinorVersion()).isEqualTo(2);
      assertThat(md.getCatalogTerm()).isEqualTo("project");
      assertThat(md.getSchemaTerm()).isEqualTo("bucket");
      assertThat(md.isReadOnly()).isTrue();
      assertThat(md.supportsTransactions()).isFalse();
      assertThat(md.getDefaultTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      // Every statement commits on its own: no level but TRANSACTION_NONE is offered (sqlline,
      // which asks for TRANSACTION_REPEATABLE_READ by default, says so unless told NONE).
      assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_NONE)).isTrue();
      assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_READ_COMMITTED)).isFalse();
      assertThat(md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)).isFalse();
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_NONE);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(md.supportsBatchUpdates()).isTrue();
      assertThat(md.supportsStoredProcedures()).isFalse();
      assertThat(md.supportsSchemasInTableDefinitions()).isFalse();
      assertThat(md.supportsSchemasInDataManipulation()).isTrue();
      assertThat(md.supportsCatalogsInDataManipulation()).isTrue();
      assertThat(md.supportsConvert(Types.INTEGER, Types.VARCHAR)).isTrue();
      assertThat(md.supportsConvert(Types.INTEGER, Types.STRUCT)).isFalse();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_FORWARD_ONLY)).isTrue();
      assertThat(md.supportsResultSetType(ResultSet.TYPE_SCROLL_INSENSITIVE)).isFalse();
      assertThat(md.ownUpdatesAreVisible(ResultSet.TYPE_FORWARD_ONLY)).isFalse();
      assertThat(md.supportsResultSetHoldability(ResultSet.HOLD_CURSORS_OVER_COMMIT)).isTrue();
      // Reserved words of Floe's SQL that SQL-92 does not reserve (tools quote such identifiers).
      List<String> keywords = List.of(md.getSQLKeywords().split(","));
      assertThat(keywords).isNotEmpty().doesNotContain("SELECT", "FROM", "WHERE", "");
      assertThat(keywords).allSatisfy(k -> assertThat(k).matches("[A-Z_][A-Z0-9_]*"));
    }
  }

  @Test void typeInfoFollowsTheJavadoc() throws SQLException {
    try (Connection c = connect(tokens.master())) {
      ResultSet rs = c.getMetaData().getTypeInfo();
      assertThat(shape(rs)).isEqualTo(cols("TYPE_NAME", S, "DATA_TYPE", I, "PRECISION", I,
          "LITERAL_PREFIX", S, "LITERAL_SUFFIX", S, "CREATE_PARAMS", S, "NULLABLE", SH,
          "CASE_SENSITIVE", B, "SEARCHABLE", SH, "UNSIGNED_ATTRIBUTE", B, "FIXED_PREC_SCALE", B,
          "AUTO_INCREMENT", B, "LOCAL_TYPE_NAME", S, "MINIMUM_SCALE", SH, "MAXIMUM_SCALE", SH,
          "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "NUM_PREC_RADIX", I));
      List<Map<String, Object>> types = rows(rs);
      assertThat(types).extracting(t -> t.get("TYPE_NAME")).containsExactly("BIGINT", "BLOB",
          "DECIMAL", "INTEGER", "SMALLINT", "REAL", "DOUBLE", "VARCHAR", "UUID", "JSON", "BOOLEAN",
          "DATE", "TIME", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE");
      int previous = Integer.MIN_VALUE;
      for (Map<String, Object> t : types) {
        String name = (String) t.get("TYPE_NAME");
        int type = (Integer) t.get("DATA_TYPE");
        assertThat(type).as("ordered by DATA_TYPE").isGreaterThanOrEqualTo(previous);
        previous = type;
        boolean numeric = List.of("SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE", "DECIMAL")
            .contains(name);
        boolean text = List.of("VARCHAR", "UUID", "JSON").contains(name);
        boolean temporal = name.startsWith("DATE") || name.startsWith("TIME");
        assertThat(t.get("UNSIGNED_ATTRIBUTE")).as(name).isEqualTo(false);
        assertThat(t.get("FIXED_PREC_SCALE")).as(name).isEqualTo(false);
        assertThat(t.get("AUTO_INCREMENT")).as(name).isEqualTo(false);
        assertThat(t.get("CASE_SENSITIVE")).as(name).isEqualTo(text);
        assertThat(t.get("NULLABLE")).as(name).isEqualTo((short) DatabaseMetaData.typeNullable);
        assertThat(t.get("SEARCHABLE")).as(name).isEqualTo((short) (name.equals("BLOB")
            ? DatabaseMetaData.typePredBasic : DatabaseMetaData.typeSearchable));
        assertThat(t.get("NUM_PREC_RADIX")).as(name).isEqualTo(numeric ? 10 : null);
        assertThat(t.get("LITERAL_PREFIX")).as(name)
            .isEqualTo(text || temporal ? "'" : name.equals("BLOB") ? "X'" : null);
        assertThat(t.get("LITERAL_SUFFIX")).as(name).isEqualTo(t.get("LITERAL_PREFIX") == null ? null : "'");
        assertThat(t.get("CREATE_PARAMS")).as(name).isEqualTo(name.equals("DECIMAL") ? "precision,scale" : null);
        assertThat(t.get("MINIMUM_SCALE")).as(name).isEqualTo((short) 0);
        assertThat(t.get("MAXIMUM_SCALE")).as(name).isEqualTo((short) (name.equals("DECIMAL") ? 38
            : name.startsWith("TIME") ? 6 : 0));
        assertThat(t.get("LOCAL_TYPE_NAME")).isEqualTo(name);
        assertThat(t.get("SQL_DATA_TYPE")).isNull();
      }
      assertThat(types).filteredOn(t -> t.get("TYPE_NAME").equals("DECIMAL"))
          .singleElement().satisfies(t -> assertThat(t.get("PRECISION")).isEqualTo(38));
    }
  }

  @Test void columnsUseTypeInfoNamesWithSizeAndScaleApart() throws SQLException {
    try (Connection c = connect(tokens.master())) {
      DatabaseMetaData md = c.getMetaData();
      Map<String, Integer> typeInfo = new LinkedHashMap<>();
      for (Map<String, Object> t : rows(md.getTypeInfo())) {
        typeInfo.put((String) t.get("TYPE_NAME"), (Integer) t.get("DATA_TYPE"));
      }
      ResultSet rs = md.getColumns("shop", "in_c_types", "wide", null);
      assertThat(shape(rs)).isEqualTo(cols("TABLE_CAT", S, "TABLE_SCHEM", S, "TABLE_NAME", S,
          "COLUMN_NAME", S, "DATA_TYPE", I, "TYPE_NAME", S, "COLUMN_SIZE", I, "BUFFER_LENGTH", I,
          "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I, "NULLABLE", I, "REMARKS", S, "COLUMN_DEF", S,
          "SQL_DATA_TYPE", I, "SQL_DATETIME_SUB", I, "CHAR_OCTET_LENGTH", I, "ORDINAL_POSITION", I,
          "IS_NULLABLE", S, "SCOPE_CATALOG", S, "SCOPE_SCHEMA", S, "SCOPE_TABLE", S,
          "SOURCE_DATA_TYPE", SH, "IS_AUTOINCREMENT", S, "IS_GENERATEDCOLUMN", S));
      List<String> described = new ArrayList<>();
      for (Map<String, Object> col : rows(rs)) {
        String typeName = (String) col.get("TYPE_NAME");
        assertThat(typeInfo).as(typeName).containsEntry(typeName, (Integer) col.get("DATA_TYPE"));
        described.add(col.get("COLUMN_NAME") + " " + typeName + " " + col.get("COLUMN_SIZE") + ","
            + col.get("DECIMAL_DIGITS") + "," + col.get("NUM_PREC_RADIX") + " "
            + col.get("NULLABLE") + col.get("IS_NULLABLE") + " " + col.get("CHAR_OCTET_LENGTH"));
      }
      assertThat(described).containsExactly(
          "id INTEGER 10,0,10 0NO null",
          "b BOOLEAN 1,null,null 1YES null",
          "s SMALLINT 5,0,10 1YES null",
          "i INTEGER 10,0,10 1YES null",
          "l BIGINT 19,0,10 1YES null",
          "r REAL 7,null,10 1YES null",
          "d DOUBLE 15,null,10 1YES null",
          "m DECIMAL 12,2,10 1YES null",
          "big DECIMAL 38,10,10 1YES null",
          "v VARCHAR " + Integer.MAX_VALUE + ",null,null 1YES " + Integer.MAX_VALUE,
          "dt DATE 10,null,null 1YES null",
          "t TIME 15,6,null 1YES null",
          "ts TIMESTAMP 26,6,null 1YES null",
          "tz TIMESTAMP WITH TIME ZONE 32,6,null 1YES null",
          "u UUID 36,null,null 1YES 36",
          "bl BLOB " + Integer.MAX_VALUE + ",null,null 1YES null");
      assertThat(rows(md.getColumns(null, "in_c_sales", "OrderLines", null)))
          .extracting(r -> r.get("COLUMN_NAME") + ":" + r.get("IS_NULLABLE") + ":" + r.get("REMARKS"))
          .containsExactly("order_id:NO:null", "line:NO:null", "Sku:YES:stock keeping unit",
              "qty:NO:null");
    }
  }

  @Test void everyMetadataResultHasTheJavadocColumns() throws SQLException {
    try (Connection c = connect(tokens.master())) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(shape(md.getCatalogs())).isEqualTo(cols("TABLE_CAT", S));
      assertThat(shape(md.getSchemas())).isEqualTo(cols("TABLE_SCHEM", S, "TABLE_CATALOG", S));
      assertThat(shape(md.getTableTypes())).isEqualTo(cols("TABLE_TYPE", S));
      assertThat(shape(md.getTables(null, null, "%", null))).isEqualTo(cols("TABLE_CAT", S,
          "TABLE_SCHEM", S, "TABLE_NAME", S, "TABLE_TYPE", S, "REMARKS", S, "TYPE_CAT", S,
          "TYPE_SCHEM", S, "TYPE_NAME", S, "SELF_REFERENCING_COL_NAME", S, "REF_GENERATION", S));
      assertThat(shape(md.getPrimaryKeys(null, "in_c_sales", "orders"))).isEqualTo(cols(
          "TABLE_CAT", S, "TABLE_SCHEM", S, "TABLE_NAME", S, "COLUMN_NAME", S, "KEY_SEQ", SH,
          "PK_NAME", S));
      List<String> keys = cols("PKTABLE_CAT", S, "PKTABLE_SCHEM", S, "PKTABLE_NAME", S,
          "PKCOLUMN_NAME", S, "FKTABLE_CAT", S, "FKTABLE_SCHEM", S, "FKTABLE_NAME", S,
          "FKCOLUMN_NAME", S, "KEY_SEQ", SH, "UPDATE_RULE", SH, "DELETE_RULE", SH, "FK_NAME", S,
          "PK_NAME", S, "DEFERRABILITY", SH);
      assertThat(shape(md.getImportedKeys(null, "in_c_sales", "orders"))).isEqualTo(keys);
      assertThat(shape(md.getExportedKeys(null, "in_c_sales", "orders"))).isEqualTo(keys);
      assertThat(shape(md.getCrossReference(null, "in_c_sales", "customers", null, "in_c_sales",
          "orders"))).isEqualTo(keys);
      assertThat(shape(md.getIndexInfo(null, "in_c_sales", "orders", false, true))).isEqualTo(cols(
          "TABLE_CAT", S, "TABLE_SCHEM", S, "TABLE_NAME", S, "NON_UNIQUE", B, "INDEX_QUALIFIER", S,
          "INDEX_NAME", S, "TYPE", SH, "ORDINAL_POSITION", SH, "COLUMN_NAME", S, "ASC_OR_DESC", S,
          "CARDINALITY", L, "PAGES", L, "FILTER_CONDITION", S));
      assertThat(shape(md.getFunctions(null, null, "%"))).isEqualTo(cols("FUNCTION_CAT", S,
          "FUNCTION_SCHEM", S, "FUNCTION_NAME", S, "REMARKS", S, "FUNCTION_TYPE", SH,
          "SPECIFIC_NAME", S));
      assertThat(shape(md.getProcedures(null, null, "%"))).isEqualTo(cols("PROCEDURE_CAT", S,
          "PROCEDURE_SCHEM", S, "PROCEDURE_NAME", S, "RESERVED1", S, "RESERVED2", S, "RESERVED3", S,
          "REMARKS", S, "PROCEDURE_TYPE", SH, "SPECIFIC_NAME", S));
      assertThat(shape(md.getBestRowIdentifier(null, "in_c_sales", "orders",
          DatabaseMetaData.bestRowSession, true))).isEqualTo(cols("SCOPE", SH, "COLUMN_NAME", S,
          "DATA_TYPE", I, "TYPE_NAME", S, "COLUMN_SIZE", I, "BUFFER_LENGTH", I, "DECIMAL_DIGITS", SH,
          "PSEUDO_COLUMN", SH));
      assertThat(shape(md.getUDTs(null, null, "%", null))).isEqualTo(cols("TYPE_CAT", S,
          "TYPE_SCHEM", S, "TYPE_NAME", S, "CLASS_NAME", S, "DATA_TYPE", I, "REMARKS", S,
          "BASE_TYPE", SH));
      assertThat(shape(md.getClientInfoProperties())).isEqualTo(cols("NAME", S, "MAX_LEN", I,
          "DEFAULT_VALUE", S, "DESCRIPTION", S));
      assertThat(shape(md.getPseudoColumns(null, null, "%", "%"))).isEqualTo(cols("TABLE_CAT", S,
          "TABLE_SCHEM", S, "TABLE_NAME", S, "COLUMN_NAME", S, "DATA_TYPE", I, "COLUMN_SIZE", I,
          "DECIMAL_DIGITS", I, "NUM_PREC_RADIX", I, "COLUMN_USAGE", S, "REMARKS", S,
          "CHAR_OCTET_LENGTH", I, "IS_NULLABLE", S));
    }
  }

  @Test void functionsListWhatTheSqlKnows() throws SQLException {
    try (Connection c = connect(tokens.reader()); Statement s = c.createStatement()) {
      DatabaseMetaData md = c.getMetaData();
      List<Map<String, Object>> all = rows(md.getFunctions(null, null, "%"));
      assertThat(all).extracting(r -> r.get("FUNCTION_NAME"))
          .contains("upper", "abs", "count", "coalesce", "date_trunc", "char_length", "sum")
          .doesNotHaveDuplicates();
      assertThat(all).allSatisfy(r -> {
        assertThat(r.get("FUNCTION_CAT")).isNull();
        assertThat(r.get("FUNCTION_SCHEM")).isNull();
        assertThat(r.get("FUNCTION_TYPE")).isIn((short) DatabaseMetaData.functionNoTable,
            (short) DatabaseMetaData.functionReturnsTable);
        assertThat(r.get("SPECIFIC_NAME")).isEqualTo(r.get("FUNCTION_NAME"));
      });
      assertThat(rows(md.getFunctions(null, null, "UPP%"))).extracting(r -> r.get("FUNCTION_NAME"))
          .containsExactly("upper");
      assertThat(rows(md.getFunctions(null, null, "tumble"))).extracting(r -> r.get("FUNCTION_TYPE"))
          .containsExactly((short) DatabaseMetaData.functionReturnsTable);
      // Built-in functions are in no bucket: a tool listing a bucket's functions gets none.
      assertThat(rows(md.getFunctions(null, "in\\_c\\_sales", "%"))).isEmpty();
      assertThat(rows(md.getFunctions("shop", null, "%"))).isEmpty();
      // A sample of the list runs.
      try (ResultSet rs = s.executeQuery("select upper(region), abs(customer_id), "
          + "char_length(region), coalesce(region, '-') from in_c_sales.orders where id = 1")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }

  @Test void resultColumnsNameTheirOriginAndKeepKeysNotNull() throws SQLException {
    try (Connection c = connect(tokens.master())) {
      String sql = "select o.id, o.id as order_id, o.region, upper(o.region) as r, c.name, "
          + "l.line, l.qty, l.sku, count(*) over () as n from in_c_sales.orders o "
          + "join in_c_sales.customers c on c.id = o.customer_id "
          + "join in_c_sales.\"OrderLines\" l on l.order_id = o.id";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<String> before = describe(ps.getMetaData());
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(describe(rs.getMetaData())).isEqualTo(before);
        }
        assertThat(before).containsExactly(
            "id id shop.in_c_sales.orders NOT NULL",
            "order_id id shop.in_c_sales.orders NOT NULL",
            "region region shop.in_c_sales.orders NULL",
            "r r .. NULL",
            "name name shop.in_c_sales.customers NULL",
            "line line shop.in_c_sales.OrderLines NOT NULL",
            "qty qty shop.in_c_sales.OrderLines NOT NULL",
            "sku Sku shop.in_c_sales.OrderLines NULL",
            "n n .. NOT NULL");
      }
      // An outer join puts NULL where the key column has none, on its outer side only; each
      // column still names its table.
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select c.id, o.id from in_c_sales.customers c "
               + "left join in_c_sales.orders o on o.customer_id = c.id")) {
        assertThat(describe(rs.getMetaData())).containsExactly(
            "id id shop.in_c_sales.customers NOT NULL", "id id shop.in_c_sales.orders NULL");
      }
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select region, count(*) as n from in_c_sales.orders "
               + "group by region")) {
        assertThat(describe(rs.getMetaData())).containsExactly(
            "region region shop.in_c_sales.orders NULL", "n n .. NOT NULL");
      }
    }
  }

  private static List<String> describe(ResultSetMetaData md) throws SQLException {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      out.add(md.getColumnLabel(i) + " " + md.getColumnName(i) + " " + md.getCatalogName(i) + "."
          + md.getSchemaName(i) + "." + md.getTableName(i) + " "
          + (md.isNullable(i) == ResultSetMetaData.columnNoNulls ? "NOT NULL" : "NULL"));
    }
    return out;
  }

  @Test void aLimitedTokenSeesOnlyItsBucket() throws SQLException {
    try (Connection c = connect(tokens.reader())) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(JdbcEndToEndTest.column(md.getCatalogs(), "TABLE_CAT")).containsExactly("shop");
      assertThat(JdbcEndToEndTest.column(md.getSchemas(), "TABLE_SCHEM")).containsExactly("in_c_sales");
      assertThat(JdbcEndToEndTest.column(md.getTables(null, null, "%", null), "TABLE_NAME"))
          .containsExactly("OrderLines", "customers", "orders");
      assertThat(JdbcEndToEndTest.column(md.getColumns(null, "in_c_secret", "%", "%"), "COLUMN_NAME"))
          .isEmpty();
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys(null, "in_c_types", "wide"), "COLUMN_NAME"))
          .isEmpty();
      assertThat(JdbcEndToEndTest.column(md.getPrimaryKeys(null, "in_c_sales", "OrderLines"),
          "COLUMN_NAME")).containsExactly("line", "order_id");
    }
    try (Connection c = connect(TestServer.ADMIN_TOKEN)) {
      DatabaseMetaData md = c.getMetaData();
      assertThat(JdbcEndToEndTest.column(md.getCatalogs(), "TABLE_CAT")).containsExactly("other", "shop");
      assertThat(JdbcEndToEndTest.column(md.getSchemas("other", "%"), "TABLE_SCHEM"))
          .containsExactly("in_c_other");
    }
  }
}

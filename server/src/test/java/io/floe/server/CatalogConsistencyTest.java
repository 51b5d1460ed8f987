package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every catalog listing a client can read tells the same story: {@code information_schema} over
 * jdbc:floe, JDBC {@code DatabaseMetaData} over jdbc:floe, and PostgreSQL's {@code pg_catalog}
 * (through pgjdbc's {@code DatabaseMetaData}) and {@code information_schema} over the wire list the
 * same tables, columns (order, type, nullability) and primary keys.
 *
 * <p>JDBC takes tokens and the PostgreSQL listener takes workspace users, so "the same principal"
 * is a token that may write {@code in_c_sales} and read {@code in_c_types}, and the workspace it
 * creates, which reads what the token reads. Neither may read {@code in_c_secret}. Types are
 * compared as Floe's catalog spells them ({@code DECIMAL(12,2)}, {@code TIMESTAMPTZ}), each
 * protocol's names translated by the table below.
 */
class CatalogConsistencyTest {
  static TestServer floe;
  static String token;
  static JsonNode pg;

  /** PostgreSQL's type names (pg_type's and information_schema's) as Floe's catalog spells them. */
  static final Map<String, String> PG_TYPES = Map.ofEntries(
      Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
      Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"),
      Map.entry("int4", "INTEGER"), Map.entry("integer", "INTEGER"),
      Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"),
      Map.entry("float4", "REAL"), Map.entry("real", "REAL"),
      Map.entry("float8", "DOUBLE"), Map.entry("double precision", "DOUBLE"),
      Map.entry("varchar", "VARCHAR"), Map.entry("character varying", "VARCHAR"),
      Map.entry("date", "DATE"),
      Map.entry("time", "TIME"), Map.entry("time without time zone", "TIME"),
      Map.entry("timestamp", "TIMESTAMP"), Map.entry("timestamp without time zone", "TIMESTAMP"),
      Map.entry("timestamptz", "TIMESTAMPTZ"), Map.entry("timestamp with time zone", "TIMESTAMPTZ"),
      Map.entry("uuid", "UUID"), Map.entry("json", "JSON"), Map.entry("bytea", "BLOB"));

  /** Schemas every PostgreSQL database has, and the workspace's own (JDBC principals have none). */
  static final Set<String> PG_ONLY = Set.of("pg_catalog", "information_schema", "public");

  @BeforeAll static void setUp() {
    floe = TestServer.start();
    MetadataFixture fixture = MetadataFixture.load(floe);
    token = floe.json("POST", "/projects/shop/tokens", fixture.master(),
        "{\"description\":\"consistency\",\"bucket_permissions\":"
            + "{\"in_c_sales\":\"write\",\"in_c_types\":\"read\"}}").json().get("token").asText();
    TestServer.Answer created = floe.json("POST", "/projects/shop/workspaces", token,
        "{\"name\":\"consistency\"}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    pg = created.json().get("connection");
  }

  @AfterAll static void tearDown() {
    floe.close();
  }

  /** What a listing says: tables, columns as "schema.table.column #n TYPE [NOT NULL]", keys. */
  record Listing(List<String> tables, List<String> columns, Map<String, List<String>> keys) {
    Listing() {
      this(new ArrayList<>(), new ArrayList<>(), new TreeMap<>());
    }

    void column(String schema, String table, String column, int ordinal, String type,
        boolean nullable) {
      columns.add(schema + "." + table + "." + column + " #" + ordinal + " " + type
          + (nullable ? "" : " NOT NULL"));
    }

    void key(String schema, String table, int sequence, String column) {
      List<String> key = keys.computeIfAbsent(schema + "." + table, k -> new ArrayList<>());
      while (key.size() < sequence) {
        key.add(null);
      }
      key.set(sequence - 1, column);
    }

    Listing sorted() {
      return new Listing(tables.stream().sorted().toList(), columns.stream().sorted().toList(),
          keys);
    }
  }

  static Connection floeJdbc() throws SQLException {
    return DriverJar.connect(floe.jdbcUrl(), token);
  }

  static Connection pgjdbc() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", pg.get("username").asText());
    p.setProperty("password", pg.get("password").asText());
    p.setProperty("sslmode", pg.get("ssl_mode").asText());
    return DriverManager.getConnection("jdbc:postgresql://" + pg.get("host").asText() + ":"
        + pg.get("port").asInt() + "/" + pg.get("database").asText(), p);
  }

  static String decimal(String name, int precision, int scale) {
    return name + "(" + precision + "," + scale + ")";
  }

  /** Floe's information_schema, queried over jdbc:floe. */
  static Listing floeInformationSchema() throws SQLException {
    Listing l = new Listing();
    try (Connection c = floeJdbc(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select table_schema, table_name, table_type "
          + "from information_schema.tables where table_catalog = 'shop'")) {
        while (rs.next()) {
          assertThat(rs.getString(3)).isEqualTo("BASE TABLE");
          l.tables().add(rs.getString(1) + "." + rs.getString(2));
        }
      }
      try (ResultSet rs = s.executeQuery("select table_schema, table_name, column_name, "
          + "ordinal_position, data_type, is_nullable from information_schema.columns "
          + "where table_catalog = 'shop'")) {
        while (rs.next()) {
          l.column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
              rs.getString(5), rs.getString(6).equals("YES"));
        }
      }
      try (ResultSet rs = s.executeQuery("select k.table_schema, k.table_name, k.ordinal_position, "
          + "k.column_name from information_schema.key_column_usage k "
          + "join information_schema.table_constraints t on t.constraint_name = k.constraint_name "
          + "and t.table_schema = k.table_schema and t.table_name = k.table_name "
          + "where t.constraint_type = 'PRIMARY KEY' and k.table_catalog = 'shop'")) {
        while (rs.next()) {
          l.key(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
        }
      }
    }
    return l.sorted();
  }

  /** JDBC's DatabaseMetaData through Floe's driver. */
  static Listing floeDatabaseMetaData() throws SQLException {
    Listing l = new Listing();
    try (Connection c = floeJdbc()) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables("shop", null, "%", null)) {
        while (rs.next()) {
          assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
          l.tables().add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      try (ResultSet rs = md.getColumns("shop", null, "%", "%")) {
        while (rs.next()) {
          String name = rs.getString("TYPE_NAME");
          String type = switch (name) {
            case "DECIMAL" -> decimal(name, rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"));
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ";
            default -> name;
          };
          boolean nullable = rs.getInt("NULLABLE") == DatabaseMetaData.columnNullable;
          assertThat(rs.getString("IS_NULLABLE")).isEqualTo(nullable ? "YES" : "NO");
          l.column(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
              rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"), type, nullable);
        }
      }
      keys(md, "shop", l);
    }
    return l.sorted();
  }

  /** Primary keys of every listed table, asked table by table as JDBC defines the call. */
  static void keys(DatabaseMetaData md, String catalog, Listing l) throws SQLException {
    for (String table : l.tables()) {
      int dot = table.indexOf('.');
      try (ResultSet rs = md.getPrimaryKeys(catalog, table.substring(0, dot),
          table.substring(dot + 1))) {
        while (rs.next()) {
          l.key(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"), rs.getInt("KEY_SEQ"),
              rs.getString("COLUMN_NAME"));
        }
      }
    }
  }

  /** pg_catalog, as pgjdbc's DatabaseMetaData reads it over the PostgreSQL wire protocol. */
  static Listing pgCatalog() throws SQLException {
    Listing l = new Listing();
    try (Connection c = pgjdbc()) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          if (!PG_ONLY.contains(rs.getString("TABLE_SCHEM"))) {
            l.tables().add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
          }
        }
      }
      try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
        while (rs.next()) {
          if (PG_ONLY.contains(rs.getString("TABLE_SCHEM"))) {
            continue;
          }
          String name = rs.getString("TYPE_NAME");
          String type = name.equals("numeric")
              ? decimal("DECIMAL", rs.getInt("COLUMN_SIZE"), rs.getInt("DECIMAL_DIGITS"))
              : PG_TYPES.get(name);
          assertThat(type).as(name).isNotNull();
          l.column(rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
              rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"), type,
              rs.getString("IS_NULLABLE").equals("YES"));
        }
      }
      keys(md, null, l);
    }
    return l.sorted();
  }

  /** PostgreSQL's information_schema over the wire. */
  static Listing pgInformationSchema() throws SQLException {
    Listing l = new Listing();
    String notOwn = " not in ('pg_catalog', 'information_schema', 'public')";
    try (Connection c = pgjdbc(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select table_schema, table_name, table_type "
          + "from information_schema.tables where table_schema" + notOwn)) {
        while (rs.next()) {
          assertThat(rs.getString(3)).isEqualTo("BASE TABLE");
          l.tables().add(rs.getString(1) + "." + rs.getString(2));
        }
      }
      try (ResultSet rs = s.executeQuery("select table_schema, table_name, column_name, "
          + "ordinal_position, data_type, is_nullable, numeric_precision, numeric_scale "
          + "from information_schema.columns where table_schema" + notOwn)) {
        while (rs.next()) {
          String name = rs.getString(5);
          String type = name.equals("numeric") ? decimal("DECIMAL", rs.getInt(7), rs.getInt(8))
              : PG_TYPES.get(name);
          assertThat(type).as(name).isNotNull();
          l.column(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), type,
              rs.getString(6).equals("YES"));
        }
      }
      try (ResultSet rs = s.executeQuery("select k.table_schema, k.table_name, k.ordinal_position, "
          + "k.column_name from information_schema.key_column_usage k "
          + "join information_schema.table_constraints t on t.constraint_name = k.constraint_name "
          + "and t.table_schema = k.table_schema and t.table_name = k.table_name "
          + "where t.constraint_type = 'PRIMARY KEY' and k.table_schema" + notOwn)) {
        while (rs.next()) {
          l.key(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4));
        }
      }
    }
    return l.sorted();
  }

  @Test void theBucketsTablesListedAreWhatThePrincipalMayRead() throws SQLException {
    Listing floeInfo = floeInformationSchema();
    assertThat(floeInfo.tables()).containsExactly("in_c_sales.OrderLines", "in_c_sales.customers",
        "in_c_sales.orders", "in_c_types.wide");
    assertThat(floeInfo.keys()).containsExactly(
        Map.entry("in_c_sales.OrderLines", List.of("order_id", "line")),
        Map.entry("in_c_sales.customers", List.of("id")),
        Map.entry("in_c_sales.orders", List.of("id")),
        Map.entry("in_c_types.wide", List.of("id")));
    assertThat(floeInfo.columns()).contains("in_c_sales.OrderLines.qty #4 DECIMAL(12,2) NOT NULL",
        "in_c_sales.OrderLines.line #2 SMALLINT NOT NULL", "in_c_types.wide.tz #14 TIMESTAMPTZ",
        "in_c_types.wide.bl #16 BLOB", "in_c_types.wide.big #9 DECIMAL(38,10)");
    assertThat(floeInfo.columns()).noneMatch(c -> c.startsWith("in_c_secret."));
  }

  @Test void jdbcMetadataAgreesWithInformationSchema() throws SQLException {
    assertThat(floeDatabaseMetaData()).isEqualTo(floeInformationSchema());
  }

  @Test void pgCatalogThroughPgjdbcAgreesWithJdbcMetadata() throws SQLException {
    assertThat(pgCatalog()).isEqualTo(floeDatabaseMetaData());
  }

  @Test void pgInformationSchemaAgreesWithFloesInformationSchema() throws SQLException {
    assertThat(pgInformationSchema()).isEqualTo(floeInformationSchema());
  }
}

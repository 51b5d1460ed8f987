package io.floe.pgwire;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.CatalogListing;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.duckdb.DuckDBResultSetMetaData;
import org.duckdb.StatementReturnType;

/**
 * A principal's view of the catalog as PostgreSQL clients expect to query it: a small in-memory
 * DuckDB instance, separate from Floe's data instance, whose {@code pgc} schema holds
 * {@code pg_catalog} relations and functions and whose {@code floe_is} schema holds
 * {@code information_schema}, filled with exactly what the principal's {@link CatalogListing} holds.
 *
 * <p>It holds no data, cannot read files ({@code enable_external_access=false}), shows no path of
 * the server in its settings, and cannot be reconfigured ({@code lock_configuration=true}); it runs
 * only what DuckDB parses as one SELECT ({@link PgCatalogStatementCheck}), in a read-only
 * transaction, so the (rewritten) catalog statements clients send can run in it without reaching
 * anything else. It is refreshed in one transaction when the
 * catalog changes; readers see either the old or the new view.
 */
final class PgCatalogMirror implements AutoCloseable {
  /** Columns whose PostgreSQL type is {@code oid} (clients read them as such). */
  private static final Set<String> OID_COLUMNS = Set.of("oid", "attrelid", "atttypid",
      "relnamespace", "reltype", "relowner", "relam", "typnamespace", "typrelid", "typelem",
      "typarray", "typbasetype", "typowner", "indexrelid", "indrelid", "conrelid", "confrelid",
      "conindid", "connamespace", "objoid", "classoid", "datdba", "nspowner", "pronamespace",
      "prorettype", "adrelid", "inhrelid", "inhparent", "polrelid", "stxrelid", "typcollation",
      "attcollation", "relfilenode", "reltablespace", "reltoastrelid", "dattablespace",
      "collnamespace");
  /** Columns whose PostgreSQL type is {@code name}. */
  private static final Set<String> NAME_COLUMNS = Set.of("nspname", "relname", "attname",
      "typname", "datname", "rolname", "proname", "conname", "amname", "collname", "spcname",
      "usename", "lanname", "extname", "polname", "stxname", "pubname", "tgname", "rulename",
      "schemaname", "tablename", "viewname", "indexname", "current_database", "current_schema",
      "current_user", "session_user");
  /** Columns whose PostgreSQL type is {@code "char"}. */
  private static final Set<String> CHAR_COLUMNS = Set.of("relkind", "relpersistence",
      "relreplident", "typtype", "typcategory", "typalign", "typstorage", "contype",
      "confupdtype", "confdeltype", "confmatchtype", "attalign", "attstorage", "attidentity",
      "attgenerated", "prokind", "provolatile", "proparallel", "amtype", "datlocprovider",
      "deptype", "polcmd", "attcompression", "typdelim", "collprovider");

  private final DuckDBConnection root;
  private final String database;
  private volatile long version = -1;

  private PgCatalogMirror(DuckDBConnection root, String database) {
    this.root = root;
    this.database = database;
  }

  /** A new, empty mirror for database {@code database}. */
  static PgCatalogMirror create(String database) {
    try {
      // Not through DriverManager: see DuckDbStorage.
      DuckDBConnection c = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
      try (Statement s = c.createStatement()) {
        s.execute("SET threads = 1");
        s.execute("SET memory_limit = '256MB'");
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
        s.execute("ATTACH ':memory:' AS " + ident(database));
        s.execute("USE " + ident(database));
        s.execute("CREATE SCHEMA pgc");
        s.execute("CREATE SCHEMA floe_is");
        for (String ddl : script()) {
          s.execute(ddl);
        }
        s.execute("SET search_path = 'pgc,main'");
        // Integers divide as in PostgreSQL (7 / 2 is 3) in catalog queries that compute.
        s.execute("SET GLOBAL integer_division = true");
        // Nothing a client reads through duckdb_settings() or current_setting() names a path of
        // this machine: no home, no temporary files (the mirror is small), no extensions, secrets.
        s.execute("SET home_directory = '/nonexistent'");
        s.execute("SET temp_directory = ''");
        s.execute("SET extension_directory = '/nonexistent/extensions'");
        s.execute("SET secret_directory = '/nonexistent/secrets'");
        s.execute("SET enable_external_access = false");
        s.execute("SET lock_configuration = true");
      }
      PgCatalogMirror mirror = new PgCatalogMirror(c, database);
      mirror.fill("pgc.pg_type", PgCatalogTypes.rows());
      mirror.fillStatic();
      return mirror;
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot build the catalog mirror");
    }
  }

  private static final Set<String> RELATIONS = relationsOf(script());

  /** Names of the relations the mirror's {@code pg_catalog} holds ({@code pg_class}, ...). */
  static Set<String> relations() {
    return RELATIONS;
  }

  private static Set<String> relationsOf(List<String> script) {
    Set<String> names = new java.util.HashSet<>();
    java.util.regex.Pattern create = java.util.regex.Pattern.compile(
        "CREATE (?:TABLE|VIEW) pgc\\.(pg_[a-z_]+)");
    for (String ddl : script) {
      java.util.regex.Matcher m = create.matcher(ddl);
      if (m.lookingAt()) {
        names.add(m.group(1));
      }
    }
    return Set.copyOf(names);
  }

  private static List<String> script() {
    try (InputStream in = PgCatalogMirror.class.getResourceAsStream("pg_catalog.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> statements = new ArrayList<>();
      StringBuilder current = new StringBuilder();
      for (String line : text.split("\n")) {
        if (line.strip().startsWith("--") || line.isBlank()) {
          continue;
        }
        current.append(line).append('\n');
        if (line.strip().endsWith(";")) {
          statements.add(current.toString().strip());
          current.setLength(0);
        }
      }
      // Tables first, then the macros that read them, then the views that call the macros.
      List<String> ordered = new ArrayList<>();
      for (String prefix : List.of("CREATE TABLE", "CREATE MACRO", "CREATE VIEW")) {
        statements.stream().filter(x -> x.startsWith(prefix)).forEach(ordered::add);
      }
      return ordered;
    } catch (IOException | NullPointerException e) {
      throw FloeException.internal("missing catalog mirror script", e);
    }
  }

  private void fillStatic() throws SQLException {
    fill("pgc.floe_system_relations", List.of(new Object[] {1247, "pg_type"},
        new Object[] {1249, "pg_attribute"}, new Object[] {1255, "pg_proc"},
        new Object[] {1259, "pg_class"}, new Object[] {1260, "pg_authid"},
        new Object[] {1262, "pg_database"}, new Object[] {2604, "pg_attrdef"},
        new Object[] {2606, "pg_constraint"}, new Object[] {2609, "pg_description"},
        new Object[] {2610, "pg_index"}, new Object[] {2615, "pg_namespace"},
        new Object[] {2618, "pg_rewrite"}, new Object[] {2620, "pg_trigger"},
        new Object[] {3079, "pg_extension"}, new Object[] {3456, "pg_collation"},
        new Object[] {1213, "pg_tablespace"}, new Object[] {2601, "pg_am"},
        new Object[] {2612, "pg_language"}, new Object[] {2616, "pg_opclass"},
        new Object[] {2617, "pg_operator"}, new Object[] {2753, "pg_opfamily"},
        new Object[] {3256, "pg_policy"}, new Object[] {2608, "pg_depend"}));
    fill("pgc.pg_am", List.of(new Object[] {2, "heap", "heap_tableam_handler", "t"},
        new Object[] {403, "btree", "bthandler", "i"}));
    fill("pgc.pg_tablespace", List.of(new Object[] {1663, "pg_default", 10, null, null},
        new Object[] {1664, "pg_global", 10, null, null}));
    fill("pgc.pg_collation", List.of(
        new Object[] {100, "default", 11, 10, "d", true, -1, null, null, null, null, null},
        new Object[] {950, "C", 11, 10, "c", true, -1, "C", "C", null, null, null},
        new Object[] {951, "POSIX", 11, 10, "c", true, -1, "POSIX", "POSIX", null, null, null}));
    fill("pgc.pg_language", List.of(
        new Object[] {12, "internal", 10, false, false, 0, 0, 0, null},
        new Object[] {13, "c", 10, false, false, 0, 0, 0, null},
        new Object[] {14, "sql", 10, false, true, 0, 0, 0, null}));
    List<Object[]> settings = new ArrayList<>();
    for (String name : List.of("max_index_keys", "max_identifier_length", "server_version",
        "server_version_num", "server_encoding", "client_encoding", "standard_conforming_strings",
        "integer_datetimes", "DateStyle", "TimeZone", "search_path", "block_size",
        "max_connections", "default_transaction_isolation", "transaction_isolation",
        "statement_timeout", "lc_collate", "lc_ctype", "bytea_output", "ssl")) {
      String value = new PgSettings("floe", java.util.Map.of()).get(name);
      settings.add(new Object[] {name, value, null, "Preset Options", name, null, "user", "string",
          "default", null, null, null, value, value, null, null, false});
    }
    fill("pgc.pg_settings", settings);
    fill("floe_is.character_sets", List.<Object[]>of(new Object[] {null, null, "UTF8", "UCS",
        "UTF8", null, null, null}));
  }

  /** Version of the catalog the mirror shows. */
  long version() {
    return version;
  }

  /** Replaces the mirrored view with {@code listing}, in one transaction. */
  synchronized void refresh(CatalogListing listing, String database, String user) {
    if (listing.version() == version) {
      return;
    }
    PgCatalogRows rows = new PgCatalogRows(listing, database, user);
    try (Statement s = root().createStatement()) {
      s.execute("BEGIN TRANSACTION");
      try {
        replace("pgc.pg_namespace", rows.namespaceRows());
        replace("pgc.pg_class", rows.classRows());
        replace("pgc.pg_attribute", rows.attributeRows());
        replace("pgc.pg_index", rows.indexRows());
        replace("pgc.pg_constraint", rows.constraintRows());
        replace("pgc.floe_indexdefs", rows.indexDefinitionRows());
        replace("pgc.floe_views", rows.viewRows());
        replace("pgc.pg_description", rows.descriptionRows());
        replace("pgc.pg_database", rows.databaseRows());
        replace("pgc.pg_authid", rows.roleRows());
        replace("floe_is.schemata", rows.schemataRows());
        replace("floe_is.tables", rows.tableRows());
        replace("floe_is.columns", rows.columnRows());
        replace("floe_is.views", rows.viewDefinitionRows());
        replace("floe_is.table_constraints", rows.tableConstraintRows());
        replace("floe_is.key_column_usage", rows.keyColumnRows());
        replace("floe_is.enabled_roles", List.<Object[]>of(new Object[] {user}));
        s.execute("COMMIT");
      } catch (SQLException e) {
        s.execute("ROLLBACK");
        throw e;
      }
      version = listing.version();
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, "cannot refresh the catalog mirror");
    }
  }

  private DuckDBConnection root() {
    return root;
  }

  /**
   * A session on the mirror for one client statement: database and search path are per session in
   * DuckDB, and it runs in a read-only transaction, so even a statement that slipped past the
   * checks cannot change the mirror.
   */
  private DuckDBConnection session() throws SQLException {
    DuckDBConnection c = root.duplicate();
    try (Statement s = c.createStatement()) {
      s.execute("USE " + ident(database));
      s.execute("SET search_path = 'pgc,main'");
      s.execute("BEGIN TRANSACTION READ ONLY");
    } catch (SQLException e) {
      closeQuietly(c);
      throw e;
    }
    return c;
  }

  private void replace(String table, List<Object[]> rows) throws SQLException {
    try (Statement s = root.createStatement()) {
      s.execute("DELETE FROM " + table);
    }
    fill(table, rows);
  }

  private void fill(String table, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" VALUES ");
    for (int r = 0; r < rows.size(); r++) {
      sql.append(r == 0 ? "(" : ", (");
      Object[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          sql.append(", ");
        }
        sql.append(literal(row[i]));
      }
      sql.append(')');
    }
    try (Statement s = root.createStatement()) {
      s.execute(sql.toString());
    }
  }

  /** A SQL literal of a value Floe computed (names, numbers, lists): quoted, never concatenated raw. */
  static String literal(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof BigDecimal) {
      return v.toString();
    }
    if (v instanceof Float f) {
      return f.isNaN() || f.isInfinite() ? "NULL" : f.toString();
    }
    if (v instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(literal(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    return "'" + v.toString().replace("'", "''") + "'";
  }

  private static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  // ---- queries ----------------------------------------------------------------------------

  /** Columns a (rewritten) statement returns and how many parameters it takes, without running it. */
  record Shape(List<PgColumn> columns, int parameters) {}

  Shape describe(String sql) {
    try (DuckDBConnection c = session();
        PreparedStatement ps = prepare(c, sql)) {
      ResultSetMetaData md = requireQuery(ps);
      int params = ps.getParameterMetaData().getParameterCount();
      return new Shape(columns(md), params);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Runs a (rewritten) catalog statement; {@code onStatement} receives it for cancellation. */
  PgResult execute(String sql, List<Object> params, Consumer<Statement> onStatement) {
    DuckDBConnection c = null;
    PreparedStatement ps = null;
    try {
      c = session();
      ps = prepare(c, sql);
      requireQuery(ps);
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        ps.setObject(i + 1, p instanceof java.time.temporal.Temporal ? p.toString() : p);
      }
      onStatement.accept(ps);
      ResultSet rs = ps.executeQuery();
      return new Rows(c, ps, rs, columns(rs.getMetaData()));
    } catch (SQLException | RuntimeException e) {
      closeQuietly(ps);
      closeQuietly(c);
      throw e instanceof SQLException se ? translate(se) : (RuntimeException) e;
    }
  }

  /** {@code sql} prepared, once DuckDB has read it as a single SELECT. */
  private static PreparedStatement prepare(DuckDBConnection c, String sql) throws SQLException {
    PgCatalogStatementCheck.requireSingleSelect(c, sql);
    return c.prepareStatement(sql);
  }

  /** The statement's result shape, if it is a query; anything else is refused before it runs. */
  private static ResultSetMetaData requireQuery(PreparedStatement ps) throws SQLException {
    ResultSetMetaData md = ps.getMetaData();
    if (!(md instanceof DuckDBResultSetMetaData d)
        || d.getReturnType() != StatementReturnType.QUERY_RESULT) {
      throw new FloeException(ErrorCode.ACCESS_DENIED,
          "permission denied: the PostgreSQL catalog is read-only");
    }
    return md;
  }

  private static FloeException translate(SQLException e) {
    FloeException f = DuckDbErrors.translate(e);
    String message = f.getMessage().replace("pgc.", "pg_catalog.").replace("floe_is.",
        "information_schema.");
    return new FloeException(f.code() == ErrorCode.INTERNAL_ERROR ? ErrorCode.INVALID_SQL : f.code(),
        message, e);
  }

  private static List<PgColumn> columns(ResultSetMetaData md) throws SQLException {
    List<PgColumn> columns = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String label = md.getColumnLabel(i);
      String lower = label.toLowerCase(Locale.ROOT);
      PgType type = PgType.ofDuckDb(md.getColumnTypeName(i));
      if (OID_COLUMNS.contains(lower) && (type == PgType.INT4 || type == PgType.INT8)) {
        type = PgType.OID;
      } else if (NAME_COLUMNS.contains(lower) && type == PgType.TEXT) {
        type = PgType.NAME;
      } else if (CHAR_COLUMNS.contains(lower) && type == PgType.TEXT) {
        type = PgType.CHAR;
      }
      columns.add(new PgColumn(label, type, -1));
    }
    return columns;
  }

  /** Rows of a mirror statement. */
  private static final class Rows implements PgResult {
    private final DuckDBConnection connection;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final List<PgColumn> columns;
    private boolean closed;

    Rows(DuckDBConnection connection, PreparedStatement statement, ResultSet rs,
        List<PgColumn> columns) {
      this.connection = connection;
      this.statement = statement;
      this.rs = rs;
      this.columns = columns;
    }

    @Override public List<PgColumn> columns() {
      return columns;
    }

    @Override public boolean next() {
      try {
        return !closed && rs.next();
      } catch (SQLException e) {
        throw translate(e);
      }
    }

    @Override public Object get(int index) {
      try {
        Object v = rs.getObject(index + 1);
        if (v instanceof java.sql.Array a) {
          return a.getArray();
        }
        if (v instanceof java.math.BigInteger b) {
          return new BigDecimal(b);
        }
        if (v instanceof java.time.OffsetDateTime || v instanceof java.time.LocalDateTime) {
          return v;
        }
        if (v instanceof java.sql.Timestamp t) {
          return t.toLocalDateTime();
        }
        if (v instanceof java.sql.Date d) {
          return d.toLocalDate();
        }
        if (v instanceof java.sql.Time t) {
          return t.toLocalTime();
        }
        return v;
      } catch (SQLException e) {
        throw translate(e);
      }
    }

    @Override public String tag(long rows) {
      return "SELECT " + rows;
    }

    @Override public void close() {
      if (!closed) {
        closed = true;
        closeQuietly(rs);
        closeQuietly(statement);
        closeQuietly(connection);
      }
    }
  }

  static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception ignored) {
        // Nothing to report about closing a finished mirror statement.
      }
    }
  }

  @Override public void close() {
    closeQuietly(root);
  }
}

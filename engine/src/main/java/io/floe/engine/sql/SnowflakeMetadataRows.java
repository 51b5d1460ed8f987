package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.ListedColumn;
import io.floe.engine.api.catalog.ListedSchema;
import io.floe.engine.api.catalog.ListedTable;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.sql.SnowflakeMetadataCommand.Describe;
import io.floe.engine.sql.SnowflakeMetadataCommand.Listed;
import io.floe.engine.sql.SnowflakeMetadataCommand.Scope;
import io.floe.engine.sql.SnowflakeMetadataCommand.Show;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The answers of Snowflake's SHOW and DESCRIBE TABLE commands, built at planning from the one
 * listing of what the principal may see ({@link CatalogListing}): a project is a database, a
 * bucket (or a workspace's own schema) a schema, and names are shown upper-cased, as Snowflake
 * shows unquoted names. Columns come in Snowflake's order under its lower-case names, because
 * snowflake-jdbc's {@code DatabaseMetaData} reads them by position. What Floe does not keep
 * (creation times, owners) is NULL.
 *
 * <p>A plan of these rows is cached like any other: its key holds the catalog version, the
 * principal's access key and the session's schema path, which are everything the rows depend on.
 */
final class SnowflakeMetadataRows {
  private static final ColumnType TEXT = ColumnType.of(TypeName.VARCHAR);
  private static final ColumnType NUMBER = ColumnType.of(TypeName.BIGINT);
  private static final ColumnType TIME = ColumnType.of(TypeName.TIMESTAMPTZ);

  private static final List<ResultColumn> TERSE =
      columns("created_on:t", "name", "kind", "database_name", "schema_name");
  private static final List<ResultColumn> DATABASES = columns("created_on:t", "name",
      "is_default", "is_current", "origin", "owner", "comment", "options", "retention_time",
      "kind", "owner_role_type");
  private static final List<ResultColumn> SCHEMAS = columns("created_on:t", "name", "is_default",
      "is_current", "database_name", "owner", "comment", "options", "retention_time",
      "owner_role_type");
  private static final List<ResultColumn> TABLES = columns("created_on:t", "name",
      "database_name", "schema_name", "kind", "comment", "cluster_by", "rows:n", "bytes:n", "owner",
      "retention_time", "automatic_clustering", "change_tracking", "search_optimization",
      "search_optimization_progress", "search_optimization_bytes:n", "is_external",
      "enable_schema_evolution", "owner_role_type", "is_event", "budget", "is_hybrid",
      "is_iceberg", "is_dynamic", "is_immutable");
  private static final List<ResultColumn> OBJECTS = columns("created_on:t", "name",
      "database_name", "schema_name", "kind", "comment", "cluster_by", "rows:n", "bytes:n", "owner",
      "retention_time", "owner_role_type");
  private static final List<ResultColumn> VIEWS = columns("created_on:t", "name", "reserved",
      "database_name", "schema_name", "owner", "comment", "text", "is_secure", "is_materialized",
      "owner_role_type", "change_tracking");
  private static final List<ResultColumn> COLUMNS = columns("table_name", "schema_name",
      "column_name", "data_type", "null?", "default", "kind", "expression", "comment",
      "database_name", "autoincrement");
  private static final List<ResultColumn> PRIMARY_KEYS = columns("created_on:t", "database_name",
      "schema_name", "table_name", "column_name", "key_sequence:n", "constraint_name", "rely",
      "comment");
  /** SHOW IMPORTED KEYS and SHOW EXPORTED KEYS: foreign keys, which Floe's tables have none of. */
  private static final List<ResultColumn> FOREIGN_KEYS = columns("created_on:t",
      "pk_database_name", "pk_schema_name", "pk_table_name", "pk_column_name", "fk_database_name",
      "fk_schema_name", "fk_table_name", "fk_column_name", "key_sequence:n", "update_rule",
      "delete_rule", "fk_name", "pk_name", "deferrability", "rely", "comment");
  private static final List<ResultColumn> DESCRIBE = columns("name", "type", "kind", "null?",
      "default", "primary key", "unique key", "check", "expression", "comment", "policy name",
      "privacy domain");

  private final FloeRoot root;
  private final CatalogListing listing;
  /** The database in use (a project id as Floe spells it), or null. */
  private final String currentDatabase;
  /** The schema in use (a schema name as Floe spells it), or null. */
  private final String currentSchema;

  private SnowflakeMetadataRows(FloeRoot root, List<List<String>> searchPaths) {
    this.root = root;
    this.listing = root.listing();
    List<String> path = searchPaths.isEmpty() ? List.of() : searchPaths.get(0);
    this.currentDatabase = path.isEmpty() ? null : path.get(0);
    this.currentSchema = path.size() < 2 ? null : path.get(1);
  }

  /**
   * The plan of a metadata command: its rows, computed now.
   *
   * @param searchPaths the session's schema paths, the first being the database and schema in use
   */
  static PlannedStatement plan(String sql, SnowflakeMetadataCommand command, FloeRoot root,
      List<List<String>> searchPaths) {
    SnowflakeMetadataRows rows = new SnowflakeMetadataRows(root, searchPaths);
    return command instanceof Show show ? rows.show(sql, show)
        : rows.describe(sql, (Describe) command);
  }

  // ---- SHOW ------------------------------------------------------------------------------------

  /** A row and the name LIKE, STARTS WITH and the order apply to. */
  private record Entry(String name, Object[] row) {}

  private PlannedStatement show(String sql, Show show) {
    List<Entry> entries = switch (show.listed()) {
      case DATABASES -> databases(show.terse());
      case SCHEMAS -> schemas(reach(show), show.terse());
      case TABLES, VIEWS, OBJECTS -> objects(reach(show), show.listed(), show.terse());
      case COLUMNS -> columns(reach(show));
      case PRIMARY_KEYS -> primaryKeys(reach(show));
      case IMPORTED_KEYS, EXPORTED_KEYS -> {
        reach(show);
        yield List.of();
      }
    };
    Pattern like = show.like() == null ? null : likePattern(show.like());
    List<Object[]> rows = new ArrayList<>();
    for (Entry e : entries) {
      if ((like == null || like.matcher(e.name()).matches())
          && (show.startsWith() == null || e.name().startsWith(show.startsWith()))
          && (show.limit() == null || rows.size() < show.limit())) {
        rows.add(e.row());
      }
    }
    List<ResultColumn> columns = show.terse() ? TERSE : switch (show.listed()) {
      case DATABASES -> DATABASES;
      case SCHEMAS -> SCHEMAS;
      case TABLES -> TABLES;
      case VIEWS -> VIEWS;
      case OBJECTS -> OBJECTS;
      case COLUMNS -> COLUMNS;
      case PRIMARY_KEYS -> PRIMARY_KEYS;
      case IMPORTED_KEYS, EXPORTED_KEYS -> FOREIGN_KEYS;
    };
    String command = "SHOW " + show.listed().words();
    return new PlannedStatement(sql, PlannedStatement.Kind.QUERY, columns, List.of(), Map.of(),
        null, new PlannedStatement.Rows(rows), command + " from the catalog listing (version "
        + listing.version() + "): " + rows.size() + " rows\n", List.of(), command);
  }

  private List<Entry> databases(boolean terse) {
    List<Entry> entries = new ArrayList<>();
    for (String db : databaseNames()) {
      String name = upper(db);
      entries.add(new Entry(name, terse ? new Object[] {null, name, "STANDARD", null, null}
          : new Object[] {null, name, "N", yesNo(db.equals(currentDatabase)), "", null, "", "", "0",
              "STANDARD", null}));
    }
    return entries;
  }

  private List<Entry> schemas(Reach reach, boolean terse) {
    List<Entry> entries = new ArrayList<>();
    for (ListedSchema s : reach.schemas()) {
      String name = upper(s.name());
      String db = upper(s.catalog());
      boolean current = s.catalog().equals(currentDatabase) && s.name().equals(currentSchema);
      entries.add(new Entry(name, terse ? new Object[] {null, name, null, db, null}
          : new Object[] {null, name, "N", yesNo(current), db, null, "", "", "0", null}));
    }
    return entries;
  }

  private List<Entry> objects(Reach reach, Listed listed, boolean terse) {
    List<Entry> entries = new ArrayList<>();
    for (ListedSchema s : reach.schemas()) {
      for (ListedTable t : sorted(s.tables())) {
        if (listed == Listed.TABLES && t.isView() || listed == Listed.VIEWS && !t.isView()) {
          continue;
        }
        String name = upper(t.name());
        String db = upper(s.catalog());
        String schema = upper(s.name());
        String kind = t.isView() ? "VIEW" : "TABLE";
        Object[] row;
        if (terse) {
          row = new Object[] {null, name, kind, db, schema};
        } else if (listed == Listed.VIEWS) {
          row = new Object[] {null, name, "", db, schema, null, t.description(),
              t.viewDefinition(), "false", "false", null, "OFF"};
        } else if (listed == Listed.TABLES) {
          row = new Object[] {null, name, db, schema, kind, t.description(), "", t.rowCount(), null,
              null, "0", "OFF", "OFF", "OFF", null, null, "N", "N", null, "N", null, "N", "N", "N",
              "N"};
        } else {
          row = new Object[] {null, name, db, schema, kind, t.description(), "",
              t.isView() ? null : t.rowCount(), null, null, "0", null};
        }
        entries.add(new Entry(name, row));
      }
    }
    return entries;
  }

  private List<Entry> columns(Reach reach) {
    List<Entry> entries = new ArrayList<>();
    for (ListedSchema s : reach.schemas()) {
      for (ListedTable t : reach.table() != null ? List.of(reach.table()) : sorted(s.tables())) {
        for (ListedColumn c : t.columns()) {
          String name = upper(c.name());
          // snowflake-jdbc trims "default" and compares "autoincrement" with "": neither is NULL.
          entries.add(new Entry(name, new Object[] {upper(t.name()), upper(s.name()), name,
              SnowflakeTypeNames.dataType(c.type().type(), c.nullable()),
              Boolean.toString(c.nullable()), "", "COLUMN", "", c.description(),
              upper(s.catalog()), ""}));
        }
      }
    }
    return entries;
  }

  private List<Entry> primaryKeys(Reach reach) {
    List<Entry> entries = new ArrayList<>();
    for (ListedSchema s : reach.schemas()) {
      for (ListedTable t : reach.table() != null ? List.of(reach.table()) : sorted(s.tables())) {
        for (int i = 0; i < t.primaryKey().size(); i++) {
          String column = upper(t.primaryKey().get(i));
          entries.add(new Entry(column, new Object[] {null, upper(s.catalog()), upper(s.name()),
              upper(t.name()), column, (long) i + 1, upper(t.primaryKeyName()), "false", null}));
        }
      }
    }
    return entries;
  }

  // ---- DESCRIBE --------------------------------------------------------------------------------

  private PlannedStatement describe(String sql, Describe d) {
    Found found = table(d.name());
    ListedTable t = found.table();
    if (d.view() && !t.isView()) {
      throw new FloeException(ErrorCode.WRONG_OBJECT_TYPE, "'" + display(found) + "' is a table, "
          + "not a view", "Describe it with DESCRIBE TABLE.", null);
    }
    List<Object[]> rows = new ArrayList<>();
    for (ListedColumn c : t.columns()) {
      rows.add(new Object[] {upper(c.name()), SnowflakeTypeNames.sqlName(c.type().type()),
          "COLUMN", c.nullable() ? "Y" : "N", null, c.inKey() ? "Y" : "N", "N", null, null,
          c.description(), null, null});
    }
    // The table it describes, for the audit trail as a query's tables are.
    Map<String, FloeSchemas.VisibleTable> tables = Map.of();
    List<String> workspaceObjects = List.of();
    if (found.schema().isWorkspace()) {
      workspaceObjects = List.of(t.name());
    } else {
      FloeSchemas.VisibleTable visible =
          root.table(List.of(found.schema().catalog(), found.schema().name(), t.name()));
      if (visible != null) {
        tables = Map.of(visible.duckDbCatalog(), visible);
      }
    }
    String command = "DESCRIBE " + (d.view() ? "VIEW" : "TABLE");
    return new PlannedStatement(sql, PlannedStatement.Kind.QUERY, DESCRIBE, List.of(), tables, null,
        new PlannedStatement.Rows(rows), command + " " + display(found)
        + " from the catalog listing (version " + listing.version() + ")\n", workspaceObjects,
        command);
  }

  // ---- names -----------------------------------------------------------------------------------

  /** The schemas a SHOW command reaches, and for {@code IN TABLE} the one table. */
  private record Reach(List<ListedSchema> schemas, ListedTable table) {}

  /** A table and the schema it is in. */
  private record Found(ListedSchema schema, ListedTable table) {}

  private Reach reach(Show show) {
    Scope scope = show.scope();
    List<String> name = scope.name();
    return switch (scope.level()) {
      case DEFAULT -> currentDatabase == null ? account() : database(currentDatabase);
      case ACCOUNT -> account();
      case DATABASE -> database(name.isEmpty() ? requireCurrentDatabase() : databaseNamed(name.get(0)));
      case SCHEMA -> new Reach(List.of(schema(name)), null);
      case TABLE -> {
        Found found = table(name);
        yield new Reach(List.of(found.schema()), found.table());
      }
      case NAMED -> {
        if (show.listed() == Listed.SCHEMAS) {
          yield database(databaseNamed(name.get(0)));
        }
        // Snowflake reads a bare name as a schema; Floe also takes a database's.
        boolean isSchema = name.size() == 2
            || (currentDatabase != null && findSchema(currentDatabase, name.get(0)) != null);
        if (!isSchema && databaseNames().stream().anyMatch(db -> db.equalsIgnoreCase(name.get(0)))) {
          yield database(databaseNamed(name.get(0)));
        }
        yield new Reach(List.of(schema(name)), null);
      }
    };
  }

  private Reach account() {
    return new Reach(sortedSchemas(listing.schemas()), null);
  }

  private Reach database(String db) {
    return new Reach(sortedSchemas(listing.schemas().stream()
        .filter(s -> s.catalog().equals(db)).toList()), null);
  }

  /** The databases: every project with a schema here, and the one in use. */
  private List<String> databaseNames() {
    TreeSet<String> names = new TreeSet<>(Comparator.comparing(SnowflakeMetadataRows::upper));
    names.addAll(listing.catalogs());
    if (currentDatabase != null) {
      names.add(currentDatabase);
    }
    return List.copyOf(names);
  }

  private String databaseNamed(String name) {
    return databaseNames().stream().filter(db -> db.equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> notFound("Database '" + name + "'"));
  }

  private String requireCurrentDatabase() {
    if (currentDatabase == null) {
      throw new FloeException(ErrorCode.SCHEMA_NOT_FOUND, "this session does not have a current "
          + "database", "Call USE DATABASE, or use a qualified name.", null);
    }
    return currentDatabase;
  }

  /** The schema {@code [d.]s}, or the one in use for an empty name. */
  private ListedSchema schema(List<String> name) {
    if (name.isEmpty()) {
      if (currentSchema == null) {
        throw new FloeException(ErrorCode.SCHEMA_NOT_FOUND, "this session does not have a "
            + "current schema", "Call USE SCHEMA, or use a qualified name.", null);
      }
      return listing.schema(currentDatabase, currentSchema)
          .orElseThrow(() -> notFound("Schema '" + upper(currentDatabase) + "."
              + upper(currentSchema) + "'"));
    }
    String db = name.size() == 2 ? databaseNamed(name.get(0)) : requireCurrentDatabase();
    String s = name.get(name.size() - 1);
    ListedSchema found = findSchema(db, s);
    if (found == null) {
      throw notFound("Schema '" + upper(db) + "." + s + "'");
    }
    return found;
  }

  private ListedSchema findSchema(String db, String name) {
    return listing.schemas().stream()
        .filter(s -> s.catalog().equals(db) && s.name().equalsIgnoreCase(name))
        .findFirst().orElse(null);
  }

  /**
   * The table {@code [[d.]s.]t}. A bare name is looked up in the schema in use or, when there is
   * none, in every schema of the database in use, where it must be the only one of its name.
   */
  private Found table(List<String> name) {
    String t = name.get(name.size() - 1);
    List<ListedSchema> schemas;
    if (name.size() > 1) {
      schemas = List.of(schema(name.subList(0, name.size() - 1)));
    } else if (currentSchema != null) {
      schemas = List.of(schema(List.of()));
    } else {
      String db = requireCurrentDatabase();
      schemas = listing.schemas().stream().filter(s -> s.catalog().equals(db)).toList();
    }
    List<Found> found = new ArrayList<>();
    for (ListedSchema s : schemas) {
      s.tables().stream().filter(x -> x.name().equalsIgnoreCase(t)).findFirst()
          .ifPresent(x -> found.add(new Found(s, x)));
    }
    if (found.size() > 1) {
      throw new FloeException(ErrorCode.INVALID_NAME,
          "'" + t + "' is a table of several schemas: " + found.stream()
              .map(f -> upper(f.schema().name())).toList(),
          "Qualify it with its schema, or call USE SCHEMA.", null);
    }
    if (found.isEmpty()) {
      String qualifier = schemas.size() == 1 ? upper(schemas.get(0).catalog()) + "."
          + upper(schemas.get(0).name()) + "." : "";
      throw notFound("Table '" + qualifier + t + "'");
    }
    return found.get(0);
  }

  private static FloeException notFound(String what) {
    return new FloeException(ErrorCode.NOT_FOUND, what + " does not exist or not authorized.");
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** A LIKE pattern as a regular expression: case-insensitive, % and _, backslash escapes. */
  static Pattern likePattern(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char c = like.charAt(i);
      if (c == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(),
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  private static List<ListedSchema> sortedSchemas(List<ListedSchema> schemas) {
    return schemas.stream().sorted(Comparator.comparing((ListedSchema s) -> upper(s.catalog()))
        .thenComparing(s -> upper(s.name()))).toList();
  }

  private static List<ListedTable> sorted(List<ListedTable> tables) {
    return tables.stream().sorted(Comparator.comparing(t -> upper(t.name()))).toList();
  }

  private static String display(Found f) {
    return upper(f.schema().catalog()) + "." + upper(f.schema().name()) + "."
        + upper(f.table().name());
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  private static String yesNo(boolean b) {
    return b ? "Y" : "N";
  }

  /** Result columns from {@code name}, {@code name:t} (a timestamp) or {@code name:n} (a number). */
  private static List<ResultColumn> columns(String... specs) {
    List<ResultColumn> columns = new ArrayList<>(specs.length);
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      ColumnType type = colon < 0 ? TEXT : spec.endsWith(":t") ? TIME : NUMBER;
      columns.add(new ResultColumn(name, type, true));
    }
    return List.copyOf(columns);
  }
}

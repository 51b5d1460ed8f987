package io.floe.avatica;

import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.ListedColumn;
import io.floe.engine.api.catalog.ListedFunction;
import io.floe.engine.api.catalog.ListedSchema;
import io.floe.engine.api.catalog.ListedTable;
import io.floe.engine.api.catalog.TypeDescription;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.IdentifierRules;
import io.floe.engine.api.sql.Session;
import java.sql.DatabaseMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.util.Casing;

/**
 * JDBC {@code DatabaseMetaData} result sets, presenting the principal's {@link CatalogListing}: a
 * principal sees exactly what it may read, nothing else.
 */
final class MetadataResults {
  private MetadataResults() {}

  /** A metadata result: its columns and all its rows. */
  record Result(List<ColumnMetaData> columns, List<Object> rows) {
    Result(MetadataColumns.Col[] columns, List<Object> rows) {
      this(MetadataColumns.of(columns), rows);
    }

    Meta.Signature signature() {
      return Meta.Signature.create(columns, null, List.of(), Meta.CursorFactory.LIST,
          Meta.StatementType.SELECT);
    }

    Meta.Frame frame() {
      return new Meta.Frame(0, true, rows);
    }
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /**
   * JDBC LIKE pattern ({@code %}, {@code _}, {@code \\} escape); null matches everything. As in
   * Floe's SQL, a pattern in lower case (what a tool folding names by
   * {@code storesLowerCaseIdentifiers} sends) matches names in any case; any other matches exactly.
   */
  static boolean matches(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    int flags = Pattern.DOTALL;
    if (IdentifierRules.isFolded(pattern, Casing.TO_LOWER)) {
      flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    }
    return Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }

  /** A catalog or bucket name (not a pattern): null matches all; otherwise as a SQL identifier. */
  private static boolean nameMatches(String name, String value) {
    return name == null || IdentifierRules.matches(name, value, Casing.TO_LOWER);
  }

  static Result catalogs(CatalogListing listing) {
    List<Object> rows = new ArrayList<>();
    for (String c : listing.catalogs()) {
      rows.add(row(c));
    }
    return new Result(MetadataColumns.CATALOGS, rows);
  }

  static Result schemas(CatalogListing listing, String catalog, String schemaPattern) {
    List<Object> rows = new ArrayList<>();
    for (ListedSchema s : listing.schemas()) {
      if (nameMatches(catalog, s.catalog()) && matches(schemaPattern, s.name())) {
        rows.add(row(s.name(), s.catalog()));
      }
    }
    return new Result(MetadataColumns.SCHEMAS, rows);
  }

  static Result tableTypes() {
    return new Result(MetadataColumns.TABLE_TYPES, List.of(row("TABLE")));
  }

  /** A listed table with the schema it is listed in. */
  private record Found(ListedSchema schema, ListedTable table) {}

  /**
   * The tables of buckets (JDBC metadata serves token principals, which have no workspace) whose
   * project is {@code catalog} and whose names match, in the listing's order.
   */
  private static List<Found> tables(CatalogListing listing, String catalog,
      Predicate<String> schema, Predicate<String> table) {
    List<Found> found = new ArrayList<>();
    for (ListedSchema s : listing.schemas()) {
      if (s.isWorkspace() || !nameMatches(catalog, s.catalog()) || !schema.test(s.name())) {
        continue;
      }
      for (ListedTable t : s.tables()) {
        if (table.test(t.name())) {
          found.add(new Found(s, t));
        }
      }
    }
    return found;
  }

  static Result tables(CatalogListing listing, String catalog, String schemaPattern,
      String tablePattern, List<String> types) {
    List<Object> rows = new ArrayList<>();
    if (types == null || types.stream().anyMatch("TABLE"::equalsIgnoreCase)) {
      for (Found f : tables(listing, catalog, s -> matches(schemaPattern, s),
          t -> matches(tablePattern, t))) {
        rows.add(row(f.schema().catalog(), f.schema().name(), f.table().name(), "TABLE",
            f.table().description(), null, null, null, null, null));
      }
    }
    return new Result(MetadataColumns.TABLES, rows);
  }

  static Result columns(CatalogListing listing, String catalog, String schemaPattern,
      String tablePattern, String columnPattern) {
    List<Object> rows = new ArrayList<>();
    for (Found f : tables(listing, catalog, s -> matches(schemaPattern, s),
        t -> matches(tablePattern, t))) {
      for (ListedColumn c : f.table().columns()) {
        if (!matches(columnPattern, c.name())) {
          continue;
        }
        TypeDescription type = c.type();
        boolean nullable = c.nullable();
        // TYPE_NAME is the type's name as getTypeInfo lists it; size and scale are separate.
        rows.add(row(f.schema().catalog(), f.schema().name(), f.table().name(), c.name(),
            type.jdbcType(), type.typeName(), type.columnSize(), null, type.decimalDigits(),
            type.signed() ? 10 : null,
            nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            c.description(), null, null, null, type.charOctetLength(), c.ordinal(),
            nullable ? "YES" : "NO", null, null, null, null, "NO", "NO"));
      }
    }
    return new Result(MetadataColumns.COLUMNS, rows);
  }

  /**
   * The primary keys of one table (JDBC names one; {@code null} or {@code "%"}, as DBeaver sends
   * to read every table's keys at once, means all), ordered by table and column name. Bucket and
   * table are names, matched as SQL identifiers, as catalogs are: a name in lower case (what a tool
   * folding by {@code storesLowerCaseIdentifiers} sends, as sqlline's {@code !primarykeys} does)
   * finds a table in any case, so the keys come back wherever {@code getColumns} finds the table.
   */
  static Result primaryKeys(CatalogListing listing, String catalog, String schema, String table) {
    boolean anyTable = table == null || table.equals("%");
    List<Object> rows = new ArrayList<>();
    for (Found f : tables(listing, catalog, s -> nameMatches(schema, s),
        t -> anyTable || nameMatches(table, t))) {
      List<String> pk = f.table().primaryKey();
      for (int i = 0; i < pk.size(); i++) {
        rows.add(row(f.schema().catalog(), f.schema().name(), f.table().name(), pk.get(i),
            (short) (i + 1), f.table().primaryKeyName()));
      }
    }
    rows.sort(Comparator.comparing((Object r) -> key((List<?>) r, 0, 1, 2, 3)));
    return new Result(MetadataColumns.PRIMARY_KEYS, rows);
  }

  private static String key(List<?> row, int... columns) {
    StringBuilder b = new StringBuilder();
    for (int c : columns) {
      b.append(row.get(c)).append('\u0000');
    }
    return b.toString();
  }

  /**
   * The metadata results Avatica's protocol has no request for (its client answers them with
   * empty results of its own making), by {@code DatabaseMetaData} method name, for Floe's driver;
   * {@code args} are the method's arguments as strings.
   */
  static Result byMethod(Session session, String method, List<String> args) {
    CatalogListing listing = session.listing();
    return switch (method) {
      case "getPrimaryKeys" -> primaryKeys(listing, arg(args, 0), arg(args, 1), arg(args, 2));
      case "getFunctions" -> functions(session.functions(), arg(args, 0), arg(args, 1), arg(args, 2));
      case "getFunctionColumns" -> empty(MetadataColumns.FUNCTION_COLUMNS);
      case "getProcedures" -> empty(MetadataColumns.PROCEDURES);
      case "getProcedureColumns" -> empty(MetadataColumns.PROCEDURE_COLUMNS);
      case "getColumnPrivileges" -> empty(MetadataColumns.COLUMN_PRIVILEGES);
      case "getTablePrivileges" -> empty(MetadataColumns.TABLE_PRIVILEGES);
      case "getBestRowIdentifier", "getVersionColumns" -> empty(MetadataColumns.ROW_IDENTIFIER);
      case "getImportedKeys", "getExportedKeys", "getCrossReference" -> empty(MetadataColumns.KEYS);
      case "getIndexInfo" -> empty(MetadataColumns.INDEX_INFO);
      case "getUDTs" -> empty(MetadataColumns.UDTS);
      case "getSuperTypes" -> empty(MetadataColumns.SUPER_TYPES);
      case "getSuperTables" -> empty(MetadataColumns.SUPER_TABLES);
      case "getAttributes" -> empty(MetadataColumns.ATTRIBUTES);
      case "getClientInfoProperties" -> empty(MetadataColumns.CLIENT_INFO_PROPERTIES);
      case "getPseudoColumns" -> empty(MetadataColumns.PSEUDO_COLUMNS);
      default -> throw io.floe.engine.api.FloeException.invalid("no metadata method " + method);
    };
  }

  private static String arg(List<String> args, int i) {
    return i < args.size() ? args.get(i) : null;
  }

  /**
   * One row per type, ordered by DATA_TYPE and, within one, the closest to the JDBC type first
   * (VARCHAR before UUID and JSON, TIMESTAMP before TIMESTAMP WITH TIME ZONE).
   */
  static Result typeInfo() {
    List<Object> rows = new ArrayList<>();
    for (TypeName name : TypeName.values()) {
      TypeDescription type = TypeDescription.of(
          name == TypeName.DECIMAL ? ColumnType.decimal(38, 0) : ColumnType.of(name));
      boolean text = name == TypeName.VARCHAR || name == TypeName.JSON || name == TypeName.UUID;
      boolean temporal = name == TypeName.DATE || name == TypeName.TIME || name == TypeName.TIMESTAMP
          || name == TypeName.TIMESTAMPTZ;
      boolean numeric = type.signed();
      String prefix = text || temporal ? "'" : name == TypeName.BLOB ? "X'" : null;
      rows.add(row(type.typeName(), type.jdbcType(), type.columnSize(), prefix, prefix == null ? null : "'",
          name == TypeName.DECIMAL ? "precision,scale" : null,
          (short) DatabaseMetaData.typeNullable, text,
          (short) (name == TypeName.BLOB ? DatabaseMetaData.typePredBasic
              : DatabaseMetaData.typeSearchable),
          false, false, false, type.typeName(), (short) 0,
          (short) (name == TypeName.DECIMAL ? 38 : type.scale()), null, null,
          numeric ? 10 : null));
    }
    rows.sort(Comparator.comparing(r -> (Integer) ((List<?>) r).get(1)));
    return new Result(MetadataColumns.TYPE_INFO, rows);
  }

  /**
   * The functions a session's SQL knows (the validator's operator table: Calcite's standard
   * functions, its PostgreSQL library, Floe's own), by lower-case name; the pattern matches in any
   * case, as function names do in Floe's SQL.
   */
  static Result functions(List<ListedFunction> known, String catalog, String schemaPattern,
      String functionPattern) {
    if ((catalog != null && !catalog.isEmpty()) || !matches(schemaPattern, "")) {
      // Floe's functions belong to no project and no bucket.
      return new Result(MetadataColumns.FUNCTIONS, List.of());
    }
    String pattern = functionPattern == null ? null : functionPattern.toLowerCase(Locale.ROOT);
    List<Object> rows = new ArrayList<>();
    for (ListedFunction f : known) {
      if (matches(pattern, f.name())) {
        short kind = (short) (f.returnsTable() ? DatabaseMetaData.functionReturnsTable
            : DatabaseMetaData.functionNoTable);
        rows.add(row(null, null, f.name(), null, kind, f.name()));
      }
    }
    return new Result(MetadataColumns.FUNCTIONS, rows);
  }

  /**
   * Floe's reserved words that are not SQL-92's, for {@code getSQLKeywords}: tools quote
   * identifiers that are keywords.
   */
  static String sqlKeywords(Session session) {
    return String.join(",", session.keywords());
  }

  /** An empty result with the columns JDBC specifies. */
  static Result empty(MetadataColumns.Col[] columns) {
    return new Result(columns, List.of());
  }
}

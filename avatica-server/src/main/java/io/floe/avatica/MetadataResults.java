package io.floe.avatica;

import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.ColumnType;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.catalog.TypeName;
import io.floe.engine.sql.FloeRoot;
import io.floe.engine.sql.FloeSchemas;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * JDBC {@code DatabaseMetaData} result sets, built from the principal's own view of the catalog
 * ({@link FloeRoot}): a principal sees exactly what it may read, nothing else.
 */
final class MetadataResults {
  private MetadataResults() {}

  /** A metadata result: its columns and all its rows. */
  record Result(List<ColumnMetaData> columns, List<Object> rows) {
    Meta.Signature signature() {
      return Meta.Signature.create(columns, null, List.of(), Meta.CursorFactory.LIST,
          Meta.StatementType.SELECT);
    }

    Meta.Frame frame() {
      return new Meta.Frame(0, true, rows);
    }
  }

  /** Column of a metadata result set: name and JDBC type. */
  private record Col(String name, int type) {}

  private static Col str(String name) {
    return new Col(name, Types.VARCHAR);
  }

  private static Col integer(String name) {
    return new Col(name, Types.INTEGER);
  }

  private static Col small(String name) {
    return new Col(name, Types.SMALLINT);
  }

  private static Col bool(String name) {
    return new Col(name, Types.BOOLEAN);
  }

  private static List<ColumnMetaData> columns(Col... cols) {
    List<ColumnMetaData> result = new ArrayList<>();
    for (int i = 0; i < cols.length; i++) {
      Col c = cols[i];
      ColumnMetaData.Rep rep = switch (c.type) {
        case Types.INTEGER -> ColumnMetaData.Rep.INTEGER;
        case Types.SMALLINT -> ColumnMetaData.Rep.SHORT;
        case Types.BOOLEAN -> ColumnMetaData.Rep.BOOLEAN;
        default -> ColumnMetaData.Rep.STRING;
      };
      String typeName = switch (c.type) {
        case Types.INTEGER -> "INTEGER";
        case Types.SMALLINT -> "SMALLINT";
        case Types.BOOLEAN -> "BOOLEAN";
        default -> "VARCHAR";
      };
      result.add(new ColumnMetaData(i, false, c.type == Types.VARCHAR, false, false,
          DatabaseMetaData.columnNullable, c.type != Types.VARCHAR, 0, c.name, c.name, null, 0, 0,
          null, null, ColumnMetaData.scalar(c.type, typeName, rep), true, false, false,
          rep == ColumnMetaData.Rep.STRING ? String.class.getName()
              : rep == ColumnMetaData.Rep.INTEGER ? Integer.class.getName()
              : rep == ColumnMetaData.Rep.SHORT ? Short.class.getName() : Boolean.class.getName()));
    }
    return result;
  }

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** JDBC LIKE pattern ({@code %}, {@code _}, {@code \} escape); null matches everything. */
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
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }

  private static boolean catalogMatches(String catalog, String value) {
    return catalog == null || catalog.equals(value);
  }

  static Result catalogs(FloeRoot root) {
    List<Object> rows = new ArrayList<>();
    for (String c : root.catalogs()) {
      rows.add(row(c));
    }
    return new Result(columns(str("TABLE_CAT")), rows);
  }

  static Result schemas(FloeRoot root, String catalog, String schemaPattern) {
    List<Object> rows = new ArrayList<>();
    for (FloeRoot.SchemaEntry s : sortedSchemas(root)) {
      if (catalogMatches(catalog, s.catalog()) && matches(schemaPattern, s.name())) {
        rows.add(row(s.name(), s.catalog()));
      }
    }
    return new Result(columns(str("TABLE_SCHEM"), str("TABLE_CATALOG")), rows);
  }

  static Result tableTypes() {
    return new Result(columns(str("TABLE_TYPE")), List.of(row("TABLE")));
  }

  private static List<FloeRoot.SchemaEntry> sortedSchemas(FloeRoot root) {
    return root.schemas().stream()
        .sorted(Comparator.comparing(FloeRoot.SchemaEntry::catalog).thenComparing(FloeRoot.SchemaEntry::name))
        .toList();
  }

  private static List<FloeSchemas.VisibleTable> tables(FloeRoot root, String catalog,
      String schemaPattern, String tablePattern) {
    return root.tables().values().stream()
        .filter(t -> catalogMatches(catalog, t.projectId()))
        .filter(t -> matches(schemaPattern, t.bucket().name()))
        .filter(t -> matches(tablePattern, t.table().name()))
        .sorted(Comparator.comparing(FloeSchemas.VisibleTable::projectId)
            .thenComparing(t -> t.bucket().name()).thenComparing(t -> t.table().name()))
        .toList();
  }

  static Result tables(FloeRoot root, String catalog, String schemaPattern, String tablePattern,
      List<String> types) {
    List<Object> rows = new ArrayList<>();
    if (types == null || types.stream().anyMatch("TABLE"::equalsIgnoreCase)) {
      for (FloeSchemas.VisibleTable t : tables(root, catalog, schemaPattern, tablePattern)) {
        rows.add(row(t.projectId(), t.bucket().name(), t.table().name(), "TABLE",
            t.table().description(), null, null, null, null, null));
      }
    }
    return new Result(columns(str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
        str("TABLE_TYPE"), str("REMARKS"), str("TYPE_CAT"), str("TYPE_SCHEM"), str("TYPE_NAME"),
        str("SELF_REFERENCING_COL_NAME"), str("REF_GENERATION")), rows);
  }

  static Result columns(FloeRoot root, String catalog, String schemaPattern, String tablePattern,
      String columnPattern) {
    List<Object> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : tables(root, catalog, schemaPattern, tablePattern)) {
      TableDef def = t.table();
      List<ColumnDef> cols = def.columns();
      for (int i = 0; i < cols.size(); i++) {
        ColumnDef c = cols.get(i);
        if (!matches(columnPattern, c.name())) {
          continue;
        }
        ColumnType type = c.type();
        boolean nullable = c.nullable() && !def.primaryKey().contains(c.name());
        Integer radix = switch (type.name()) {
          case SMALLINT, INTEGER, BIGINT, DECIMAL -> 10;
          case REAL, DOUBLE -> 2;
          default -> null;
        };
        Integer digits = switch (type.name()) {
          case DECIMAL -> type.scale();
          case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
          case SMALLINT, INTEGER, BIGINT -> 0;
          default -> null;
        };
        Integer octets = type.name() == TypeName.VARCHAR || type.name() == TypeName.JSON
            ? Integer.MAX_VALUE : null;
        rows.add(row(t.projectId(), t.bucket().name(), def.name(), c.name(),
            AvaticaTypes.jdbcType(type), columnTypeName(type), AvaticaTypes.precision(type), null,
            digits, radix, nullable ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
            c.description(), null, null, null, octets, i + 1, nullable ? "YES" : "NO", null, null,
            null, null, "NO", "NO"));
      }
    }
    return new Result(columns(str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
        str("COLUMN_NAME"), integer("DATA_TYPE"), str("TYPE_NAME"), integer("COLUMN_SIZE"),
        integer("BUFFER_LENGTH"), integer("DECIMAL_DIGITS"), integer("NUM_PREC_RADIX"),
        integer("NULLABLE"), str("REMARKS"), str("COLUMN_DEF"), integer("SQL_DATA_TYPE"),
        integer("SQL_DATETIME_SUB"), integer("CHAR_OCTET_LENGTH"), integer("ORDINAL_POSITION"),
        str("IS_NULLABLE"), str("SCOPE_CATALOG"), str("SCOPE_SCHEMA"), str("SCOPE_TABLE"),
        small("SOURCE_DATA_TYPE"), str("IS_AUTOINCREMENT"), str("IS_GENERATEDCOLUMN")), rows);
  }

  /** The declared type as a client would write it in DDL. */
  static String columnTypeName(ColumnType type) {
    return type.name() == TypeName.DECIMAL ? "DECIMAL(" + type.precision() + "," + type.scale() + ")"
        : AvaticaTypes.typeName(type);
  }

  static Result primaryKeys(FloeRoot root, String catalog, String schema, String table) {
    List<Object> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : root.tables().values()) {
      if (!catalogMatches(catalog, t.projectId()) || (schema != null && !schema.equals(t.bucket().name()))
          || (table != null && !table.equals(t.table().name()))) {
        continue;
      }
      List<String> pk = t.table().primaryKey();
      for (int i = 0; i < pk.size(); i++) {
        rows.add(row(t.projectId(), t.bucket().name(), t.table().name(), pk.get(i), (short) (i + 1),
            "pk_" + t.table().name()));
      }
    }
    rows.sort(Comparator.comparing(r -> ((List<?>) r).get(3).toString()));
    return new Result(columns(str("TABLE_CAT"), str("TABLE_SCHEM"), str("TABLE_NAME"),
        str("COLUMN_NAME"), small("KEY_SEQ"), str("PK_NAME")), rows);
  }

  static Result typeInfo() {
    List<Object> rows = new ArrayList<>();
    for (TypeName name : TypeName.values()) {
      ColumnType type = name == TypeName.DECIMAL ? ColumnType.decimal(38, 0) : ColumnType.of(name);
      boolean text = name == TypeName.VARCHAR || name == TypeName.JSON || name == TypeName.UUID;
      boolean temporal = name == TypeName.DATE || name == TypeName.TIME || name == TypeName.TIMESTAMP
          || name == TypeName.TIMESTAMPTZ;
      rows.add(row(AvaticaTypes.typeName(type), AvaticaTypes.jdbcType(type), AvaticaTypes.precision(type),
          text || temporal ? "'" : null, text || temporal ? "'" : null,
          name == TypeName.DECIMAL ? "precision,scale" : null,
          (short) DatabaseMetaData.typeNullable, text, (short) DatabaseMetaData.typeSearchable,
          !AvaticaTypes.signed(type), false, false, AvaticaTypes.typeName(type), (short) 0,
          (short) (name == TypeName.DECIMAL ? 38 : AvaticaTypes.scale(type)), null, null,
          AvaticaTypes.signed(type) ? 10 : null));
    }
    rows.sort(Comparator.comparing(r -> (Integer) ((List<?>) r).get(1)));
    return new Result(columns(str("TYPE_NAME"), integer("DATA_TYPE"), integer("PRECISION"),
        str("LITERAL_PREFIX"), str("LITERAL_SUFFIX"), str("CREATE_PARAMS"), small("NULLABLE"),
        bool("CASE_SENSITIVE"), small("SEARCHABLE"), bool("UNSIGNED_ATTRIBUTE"),
        bool("FIXED_PREC_SCALE"), bool("AUTO_INCREMENT"), str("LOCAL_TYPE_NAME"),
        small("MINIMUM_SCALE"), small("MAXIMUM_SCALE"), integer("SQL_DATA_TYPE"),
        integer("SQL_DATETIME_SUB"), integer("NUM_PREC_RADIX")), rows);
  }

  /** An empty result with the JDBC-specified columns of {@code method}. */
  static Result empty(String... columnNames) {
    Col[] cols = Arrays.stream(columnNames).map(MetadataResults::str).toArray(Col[]::new);
    return new Result(columns(cols), List.of());
  }
}

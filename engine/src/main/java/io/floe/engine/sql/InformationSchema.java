package io.floe.engine.sql;

import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.ColumnType;
import io.floe.engine.catalog.TableDef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL-standard {@code information_schema}, computed from one principal's own view: it lists
 * exactly the schemas, tables, columns and keys that principal may read.
 */
final class InformationSchema {
  static final String NAME = "information_schema";

  private InformationSchema() {}

  /** Column of an information_schema table. */
  private record Col(String name, SqlTypeName type) {}

  private static Col s(String name) {
    return new Col(name, SqlTypeName.VARCHAR);
  }

  private static Col i(String name) {
    return new Col(name, SqlTypeName.INTEGER);
  }

  /** The tables, over rows computed when scanned from {@code view}. */
  static Map<String, Table> tables(Supplier<FloeRoot> view) {
    return Map.of(
        "schemata", table(view, List.of(s("catalog_name"), s("schema_name"), s("schema_owner")),
            InformationSchema::schemata),
        "tables", table(view, List.of(s("table_catalog"), s("table_schema"), s("table_name"),
            s("table_type"), s("remarks")), InformationSchema::tableRows),
        "columns", table(view, List.of(s("table_catalog"), s("table_schema"), s("table_name"),
            s("column_name"), i("ordinal_position"), s("column_default"), s("is_nullable"),
            s("data_type"), i("character_maximum_length"), i("numeric_precision"),
            i("numeric_scale"), i("datetime_precision"), s("remarks")), InformationSchema::columns),
        "table_constraints", table(view, List.of(s("constraint_catalog"), s("constraint_schema"),
            s("constraint_name"), s("table_catalog"), s("table_schema"), s("table_name"),
            s("constraint_type")), InformationSchema::constraints),
        "key_column_usage", table(view, List.of(s("constraint_catalog"), s("constraint_schema"),
            s("constraint_name"), s("table_catalog"), s("table_schema"), s("table_name"),
            s("column_name"), i("ordinal_position")), InformationSchema::keyColumns));
  }

  private static List<FloeSchemas.VisibleTable> sorted(FloeRoot root) {
    return root.tables().values().stream()
        .sorted(Comparator.comparing(FloeSchemas.VisibleTable::projectId)
            .thenComparing(t -> t.bucket().name()).thenComparing(t -> t.table().name()))
        .toList();
  }

  private static List<Object[]> schemata(FloeRoot root) {
    List<Object[]> rows = new ArrayList<>();
    root.schemas().stream()
        .sorted(Comparator.comparing(FloeRoot.SchemaEntry::catalog).thenComparing(FloeRoot.SchemaEntry::name))
        .forEach(e -> rows.add(new Object[] {e.catalog(), e.name(), e.catalog()}));
    return rows;
  }

  private static List<Object[]> tableRows(FloeRoot root) {
    List<Object[]> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : sorted(root)) {
      rows.add(new Object[] {t.projectId(), t.bucket().name(), t.table().name(), "BASE TABLE",
          t.table().description()});
    }
    return rows;
  }

  private static List<Object[]> columns(FloeRoot root) {
    List<Object[]> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : sorted(root)) {
      TableDef def = t.table();
      for (int n = 0; n < def.columns().size(); n++) {
        ColumnDef c = def.columns().get(n);
        ColumnType type = c.type();
        boolean nullable = c.nullable() && !def.primaryKey().contains(c.name());
        Integer precision = switch (type.name()) {
          case SMALLINT -> 16;
          case INTEGER -> 32;
          case BIGINT -> 64;
          case REAL -> 24;
          case DOUBLE -> 53;
          case DECIMAL -> type.precision();
          default -> null;
        };
        Integer scale = switch (type.name()) {
          case SMALLINT, INTEGER, BIGINT -> 0;
          case DECIMAL -> type.scale();
          default -> null;
        };
        Integer datetime = switch (type.name()) {
          case DATE -> 0;
          case TIME, TIMESTAMP, TIMESTAMPTZ -> 6;
          default -> null;
        };
        rows.add(new Object[] {t.projectId(), t.bucket().name(), def.name(), c.name(), n + 1, null,
            nullable ? "YES" : "NO", type.toString(), null, precision, scale, datetime,
            c.description()});
      }
    }
    return rows;
  }

  private static String pkName(TableDef t) {
    return t.name() + "_pkey";
  }

  private static List<Object[]> constraints(FloeRoot root) {
    List<Object[]> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : sorted(root)) {
      if (!t.table().primaryKey().isEmpty()) {
        rows.add(new Object[] {t.projectId(), t.bucket().name(), pkName(t.table()), t.projectId(),
            t.bucket().name(), t.table().name(), "PRIMARY KEY"});
      }
    }
    return rows;
  }

  private static List<Object[]> keyColumns(FloeRoot root) {
    List<Object[]> rows = new ArrayList<>();
    for (FloeSchemas.VisibleTable t : sorted(root)) {
      List<String> pk = t.table().primaryKey();
      for (int n = 0; n < pk.size(); n++) {
        rows.add(new Object[] {t.projectId(), t.bucket().name(), pkName(t.table()), t.projectId(),
            t.bucket().name(), t.table().name(), pk.get(n), n + 1});
      }
    }
    return rows;
  }

  private static Table table(Supplier<FloeRoot> view, List<Col> columns,
      Function<FloeRoot, List<Object[]>> rows) {
    return new SystemTable(view, columns, rows);
  }

  /** A read-only table whose rows are computed at scan time. */
  private static final class SystemTable extends AbstractTable implements ScannableTable {
    private final Supplier<FloeRoot> view;
    private final List<Col> columns;
    private final Function<FloeRoot, List<Object[]>> rows;

    SystemTable(Supplier<FloeRoot> view, List<Col> columns, Function<FloeRoot, List<Object[]>> rows) {
      this.view = view;
      this.columns = columns;
      this.rows = rows;
    }

    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      RelDataTypeFactory.Builder b = f.builder();
      for (Col c : columns) {
        b.add(c.name(), f.createTypeWithNullability(f.createSqlType(c.type()), true));
      }
      return b.build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(rows.apply(view.get()));
    }
  }
}

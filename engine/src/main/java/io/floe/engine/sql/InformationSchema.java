package io.floe.engine.sql;

import io.floe.engine.api.catalog.CatalogListing;
import io.floe.engine.api.catalog.ListedColumn;
import io.floe.engine.api.catalog.ListedSchema;
import io.floe.engine.api.catalog.ListedTable;
import io.floe.engine.api.catalog.TypeDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
 * The SQL-standard {@code information_schema}, presenting one principal's {@link CatalogListing}:
 * it lists exactly the schemas, tables, columns and keys that principal may read. Its tables are
 * those of the projects' buckets; a workspace's own objects are listed by PostgreSQL's catalog,
 * the one front-end workspace users reach.
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

  /** The tables, over rows computed from {@code listing} when scanned. */
  static Map<String, Table> tables(CatalogListing listing) {
    return Map.of(
        "schemata", table(listing, List.of(s("catalog_name"), s("schema_name"), s("schema_owner")),
            InformationSchema::schemata),
        "tables", table(listing, List.of(s("table_catalog"), s("table_schema"), s("table_name"),
            s("table_type"), s("remarks")), InformationSchema::tableRows),
        "columns", table(listing, List.of(s("table_catalog"), s("table_schema"), s("table_name"),
            s("column_name"), i("ordinal_position"), s("column_default"), s("is_nullable"),
            s("data_type"), i("character_maximum_length"), i("numeric_precision"),
            i("numeric_scale"), i("datetime_precision"), s("remarks")), InformationSchema::columns),
        "table_constraints", table(listing, List.of(s("constraint_catalog"), s("constraint_schema"),
            s("constraint_name"), s("table_catalog"), s("table_schema"), s("table_name"),
            s("constraint_type")), InformationSchema::constraints),
        "key_column_usage", table(listing, List.of(s("constraint_catalog"), s("constraint_schema"),
            s("constraint_name"), s("table_catalog"), s("table_schema"), s("table_name"),
            s("column_name"), i("ordinal_position")), InformationSchema::keyColumns));
  }

  /** The bucket schemas, whose tables this schema lists. */
  private static List<ListedSchema> buckets(CatalogListing listing) {
    return listing.schemas().stream().filter(s -> !s.isWorkspace()).toList();
  }

  private static List<Object[]> schemata(CatalogListing listing) {
    List<Object[]> rows = new ArrayList<>();
    for (ListedSchema s : listing.schemas()) {
      rows.add(new Object[] {s.catalog(), s.name(), s.catalog()});
    }
    return rows;
  }

  private static List<Object[]> tableRows(CatalogListing listing) {
    List<Object[]> rows = new ArrayList<>();
    for (ListedSchema s : buckets(listing)) {
      for (ListedTable t : s.tables()) {
        rows.add(new Object[] {s.catalog(), s.name(), t.name(), "BASE TABLE", t.description()});
      }
    }
    return rows;
  }

  private static List<Object[]> columns(CatalogListing listing) {
    List<Object[]> rows = new ArrayList<>();
    for (ListedSchema s : buckets(listing)) {
      for (ListedTable t : s.tables()) {
        for (ListedColumn c : t.columns()) {
          TypeDescription type = c.type();
          rows.add(new Object[] {s.catalog(), s.name(), t.name(), c.name(), c.ordinal(), null,
              c.nullable() ? "YES" : "NO", type.sqlName(), null, type.numericPrecision(),
              type.numericScale(), type.datetimePrecision(), c.description()});
        }
      }
    }
    return rows;
  }

  private static List<Object[]> constraints(CatalogListing listing) {
    List<Object[]> rows = new ArrayList<>();
    for (ListedSchema s : buckets(listing)) {
      for (ListedTable t : s.tables()) {
        if (t.hasPrimaryKey()) {
          rows.add(new Object[] {s.catalog(), s.name(), t.primaryKeyName(), s.catalog(), s.name(),
              t.name(), "PRIMARY KEY"});
        }
      }
    }
    return rows;
  }

  private static List<Object[]> keyColumns(CatalogListing listing) {
    List<Object[]> rows = new ArrayList<>();
    for (ListedSchema s : buckets(listing)) {
      for (ListedTable t : s.tables()) {
        List<String> pk = t.primaryKey();
        for (int n = 0; n < pk.size(); n++) {
          rows.add(new Object[] {s.catalog(), s.name(), t.primaryKeyName(), s.catalog(), s.name(),
              t.name(), pk.get(n), n + 1});
        }
      }
    }
    return rows;
  }

  private static Table table(CatalogListing listing, List<Col> columns,
      Function<CatalogListing, List<Object[]>> rows) {
    return new SystemTable(listing, columns, rows);
  }

  /** A read-only table whose rows are computed at scan time. */
  private static final class SystemTable extends AbstractTable implements ScannableTable {
    private final CatalogListing listing;
    private final List<Col> columns;
    private final Function<CatalogListing, List<Object[]>> rows;

    SystemTable(CatalogListing listing, List<Col> columns,
        Function<CatalogListing, List<Object[]>> rows) {
      this.listing = listing;
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
      return Linq4j.asEnumerable(rows.apply(listing));
    }
  }
}

package org.apache.calcite.adapter.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;

/**
 * A {@link JdbcTable} whose row type comes from Floe's catalog instead of the JDBC driver's
 * {@code DatabaseMetaData.getColumns} (DuckDB's reports VARCHAR(0), TIMESTAMP(0), DECIMAL(19) and ANY;
 * research §1.5). Everything else, scans, pushdown through the table's {@link JdbcConvention} and
 * modification, is Calcite's own.
 *
 * <p>This is the only Floe class in Calcite's package: {@code JdbcTable}'s constructor is
 * package-private. It runs on the class path (Floe does not use JPMS), where split packages are fine.
 */
public class CatalogTypedJdbcTable extends JdbcTable {
  private final Function<RelDataTypeFactory, RelDataType> rowType;

  /**
   * @param jdbcSchema the schema holding the data source, dialect and shared convention; its catalog
   *     and schema qualify the table's name in generated SQL
   * @param tableName the table's name inside that catalog and schema
   * @param rowType the row type, from the catalog
   */
  public CatalogTypedJdbcTable(JdbcSchema jdbcSchema, String tableName,
      Function<RelDataTypeFactory, RelDataType> rowType) {
    super(jdbcSchema, jdbcSchema.catalog, jdbcSchema.schema, tableName, Schema.TableType.TABLE);
    this.rowType = requireNonNull(rowType, "rowType");
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  /** The convention that every scan of this table is planned in. */
  public JdbcConvention convention() {
    return jdbcSchema.convention;
  }
}

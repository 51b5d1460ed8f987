package io.floe.engine.api.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;

/**
 * A column of a statement's result, as every front-end reports it.
 *
 * @param label the column's name in the result
 * @param type Floe's type for the values (values arrive in that type's Java representation, see
 *     {@link io.floe.engine.api.sql.RowCursor})
 * @param nullable whether values may be NULL
 * @param origin the table column the values are, for a plain column reference; null for
 *     expressions (JDBC's {@code ResultSetMetaData.getTableName} and siblings report it)
 */
public record ResultColumn(String label, ColumnType type, boolean nullable, Origin origin) {
  public ResultColumn {
    requireNonNull(label, "label");
    requireNonNull(type, "type");
  }

  public ResultColumn(String label, ColumnType type, boolean nullable) {
    this(label, type, nullable, null);
  }

  /** The same column under another name. */
  public ResultColumn withLabel(String newLabel) {
    return new ResultColumn(newLabel, type, nullable, origin);
  }

  /** SQL type name for metadata ({@code DECIMAL}, {@code TIMESTAMP WITH TIME ZONE}, ...). */
  public String typeName() {
    return type.name() == TypeName.TIMESTAMPTZ ? "TIMESTAMP WITH TIME ZONE" : type.name().name();
  }

  /**
   * Where a result column's values come from, by the names the principal sees.
   *
   * @param catalog the project, or null (a workspace's own schema has none)
   * @param schema the bucket (or {@code information_schema}, a workspace's {@code public})
   * @param table the table
   * @param column the table's column
   */
  public record Origin(String catalog, String schema, String table, String column) {
    public Origin {
      requireNonNull(table, "table");
      requireNonNull(column, "column");
    }
  }
}

package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.ColumnType;
import io.floe.engine.catalog.TypeName;

/**
 * A column of a statement's result, as every front-end reports it.
 *
 * @param label the column's name in the result
 * @param type Floe's type for the values (values arrive in that type's Java representation, see
 *     {@link io.floe.engine.session.RowCursor})
 * @param nullable whether values may be NULL
 * @param sourceTable qualified name of the table the column comes from, or null
 * @param sourceColumn name of the column in that table, or null
 */
public record ResultColumn(String label, ColumnType type, boolean nullable, String sourceTable,
    String sourceColumn) {
  public ResultColumn {
    requireNonNull(label, "label");
    requireNonNull(type, "type");
  }

  public ResultColumn(String label, ColumnType type, boolean nullable) {
    this(label, type, nullable, null, null);
  }

  /** The same column under another name. */
  public ResultColumn withLabel(String newLabel) {
    return new ResultColumn(newLabel, type, nullable, sourceTable, sourceColumn);
  }

  /** SQL type name for metadata ({@code DECIMAL}, {@code TIMESTAMP WITH TIME ZONE}, ...). */
  public String typeName() {
    return type.name() == TypeName.TIMESTAMPTZ ? "TIMESTAMP WITH TIME ZONE" : type.name().name();
  }
}

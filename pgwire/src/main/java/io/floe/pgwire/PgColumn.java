package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * A result column as RowDescription describes it.
 *
 * @param name the column's label
 * @param type its PostgreSQL type
 * @param typmod type modifier (numeric precision/scale), -1 for none
 */
record PgColumn(String name, PgType type, int typmod) {
  PgColumn {
    requireNonNull(name, "name");
    requireNonNull(type, "type");
  }

  static PgColumn text(String name) {
    return new PgColumn(name, PgType.TEXT, -1);
  }
}

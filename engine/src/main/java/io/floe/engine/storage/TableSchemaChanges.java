package io.floe.engine.storage;

import static java.util.Objects.requireNonNull;

import io.floe.engine.catalog.ColumnDef;
import io.floe.engine.catalog.TableDef;
import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Changes a table file's schema: add and drop columns, and the NOT NULL constraints that back a
 * primary key (Floe keeps primary keys itself, and DuckDB enforces NOT NULL on their columns). Each
 * change runs in one DuckDB transaction, so a failed check leaves the file as it was.
 */
public final class TableSchemaChanges {
  private final DuckDbStorage storage;

  public TableSchemaChanges(DuckDbStorage storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  /** Adds a column; a NOT NULL column can only be added to an empty table. */
  public void addColumn(TableDef table, ColumnDef column) {
    String sql = "ALTER TABLE " + target(table) + " ADD COLUMN " + DuckDbSql.ident(column.name())
        + " " + column.type().toDuckDb() + (column.nullable() ? "" : " NOT NULL");
    inTransaction(table, "cannot add column " + column.name(), s -> {
      try {
        s.execute(sql);
      } catch (SQLException e) {
        if (String.valueOf(e.getMessage()).startsWith("Constraint Error")) {
          throw new FloeException(ErrorCode.NOT_NULL_VIOLATION, "column '" + column.name()
              + "' is NOT NULL but table " + table.name() + " has rows; add it as nullable", e);
        }
        throw e;
      }
    });
  }

  public void dropColumn(TableDef table, String column) {
    inTransaction(table, "cannot drop column " + column, s ->
        s.execute("ALTER TABLE " + target(table) + " DROP COLUMN " + DuckDbSql.ident(column)));
  }

  /**
   * Replaces the table's primary key ({@code table} has the old one) with {@code primaryKey}:
   * columns leaving the key lose the NOT NULL the key gave them, new key columns gain it, and the
   * change fails if a key column holds NULLs or two rows share a key.
   */
  public void setPrimaryKey(TableDef table, List<String> primaryKey) {
    inTransaction(table, "cannot set the primary key", s -> {
      for (String name : table.primaryKey()) {
        if (!primaryKey.contains(name) && table.column(name).orElseThrow().nullable()) {
          alter(s, table, name, "DROP NOT NULL");
        }
      }
      for (String name : primaryKey) {
        ColumnDef c = table.column(name).orElseThrow();
        if (c.nullable() && !table.primaryKey().contains(name)) {
          try {
            alter(s, table, name, "SET NOT NULL");
          } catch (SQLException e) {
            throw new FloeException(ErrorCode.NOT_NULL_VIOLATION,
                "column '" + name + "' holds NULLs and cannot be part of the primary key", e);
          }
        }
      }
      String keys = DuckDbSql.idents(primaryKey);
      try (Statement check = s.getConnection().createStatement();
           ResultSet rs = check.executeQuery("SELECT " + keys + ", count(*) FROM " + target(table)
               + " GROUP BY " + keys + " HAVING count(*) > 1 LIMIT 1")) {
        if (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= primaryKey.size(); i++) {
            values.add(String.valueOf(rs.getObject(i)));
          }
          throw FloeException.of(ErrorCode.UNIQUE_VIOLATION,
              "table %s has duplicate values of the primary key (%s): (%s) appears %d times",
              table.name(), String.join(", ", primaryKey), String.join(", ", values),
              rs.getLong(primaryKey.size() + 1));
        }
      }
    });
  }

  private static void alter(Statement s, TableDef table, String column, String change)
      throws SQLException {
    try (Statement alter = s.getConnection().createStatement()) {
      alter.execute("ALTER TABLE " + target(table) + " ALTER COLUMN " + DuckDbSql.ident(column)
          + " " + change);
    }
  }

  /** Lifts the NOT NULL of key columns that are nullable by definition. */
  public void dropPrimaryKey(TableDef table) {
    inTransaction(table, "cannot remove the primary key", s -> {
      for (String name : table.primaryKey()) {
        if (table.column(name).orElseThrow().nullable()) {
          alter(s, table, name, "DROP NOT NULL");
        }
      }
    });
  }

  private static String target(TableDef table) {
    return DuckDbSql.table(table.duckDbCatalog(), table.name());
  }

  /** DuckDB work on one statement. */
  @FunctionalInterface
  private interface Work {
    void run(Statement s) throws SQLException;
  }

  private void inTransaction(TableDef table, String context, Work work) {
    storage.ensureAttached(table);
    // DuckDB closes a statement that failed, so every step gets its own; the transaction belongs to
    // the connection, and closing the connection without COMMIT rolls it back.
    try (DuckDBConnection c = storage.connect()) {
      try (Statement begin = c.createStatement()) {
        begin.execute("BEGIN TRANSACTION");
      }
      try (Statement s = c.createStatement()) {
        work.run(s);
      }
      try (Statement commit = c.createStatement()) {
        commit.execute("COMMIT");
      }
      try (Statement checkpoint = c.createStatement()) {
        checkpoint.execute("CHECKPOINT " + DuckDbSql.ident(table.duckDbCatalog()));
      } catch (SQLException busy) {
        // Only an optimisation: the change is durable in the WAL already.
      }
    } catch (SQLException e) {
      throw DuckDbErrors.translate(e, context);
    }
  }
}

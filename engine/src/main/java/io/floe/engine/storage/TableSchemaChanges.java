package io.floe.engine.storage;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.TableDef;
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
 *
 * <p>A change is made and checked (the scans for NULLs and duplicate keys included) in an open
 * transaction and handed back as a {@link Pending} change: the caller records it in the catalog and
 * commits it inside the catalog transaction, so the catalog waits for a commit, never for a scan.
 */
public final class TableSchemaChanges {
  private final DuckDbStorage storage;

  public TableSchemaChanges(DuckDbStorage storage) {
    this.storage = requireNonNull(storage, "storage");
  }

  /** Adds a column; a NOT NULL column can only be added to an empty table. */
  public Pending addColumn(TableDef table, ColumnDef column) {
    String sql = "ALTER TABLE " + target(table) + " ADD COLUMN " + DuckDbSql.ident(column.name())
        + " " + column.type().toDuckDb() + (column.nullable() ? "" : " NOT NULL");
    return begin(table, "cannot add column " + column.name(), s -> {
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

  public Pending dropColumn(TableDef table, String column) {
    return begin(table, "cannot drop column " + column, s ->
        s.execute("ALTER TABLE " + target(table) + " DROP COLUMN " + DuckDbSql.ident(column)));
  }

  /**
   * Replaces the table's primary key ({@code table} has the old one) with {@code primaryKey}:
   * columns leaving the key lose the NOT NULL the key gave them, new key columns gain it, and the
   * change fails if a key column holds NULLs or two rows share a key.
   */
  public Pending setPrimaryKey(TableDef table, List<String> primaryKey) {
    return begin(table, "cannot set the primary key", s -> {
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
  public Pending dropPrimaryKey(TableDef table) {
    return begin(table, "cannot remove the primary key", s -> {
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

  /**
   * A change made and checked in an open DuckDB transaction. {@link #commit()} makes it durable;
   * {@link #close()} rolls back a change that was not committed, and folds a committed one into the
   * table's file (a checkpoint, outside the caller's catalog transaction).
   */
  public final class Pending implements AutoCloseable {
    private final TableDef table;
    private final String context;
    private final DuckDBConnection connection;
    private boolean committed;

    private Pending(TableDef table, String context, DuckDBConnection connection) {
      this.table = table;
      this.context = context;
      this.connection = connection;
    }

    public void commit() {
      try (Statement commit = connection.createStatement()) {
        commit.execute("COMMIT");
        committed = true;
      } catch (SQLException e) {
        throw DuckDbErrors.translate(e, context);
      }
    }

    @Override public void close() {
      try {
        // Closing the connection without COMMIT rolls the transaction back.
        connection.close();
      } catch (SQLException e) {
        throw DuckDbErrors.translate(e, context);
      }
      if (committed) {
        storage.checkpoint(table.duckDbCatalog());
      }
    }
  }

  private Pending begin(TableDef table, String context, Work work) {
    storage.ensureAttached(table);
    // DuckDB closes a statement that failed, so every step gets its own; the transaction belongs to
    // the connection.
    DuckDBConnection c = storage.connect();
    try {
      try (Statement begin = c.createStatement()) {
        begin.execute("BEGIN TRANSACTION");
      }
      try (Statement s = c.createStatement()) {
        work.run(s);
      }
      return new Pending(table, context, c);
    } catch (SQLException | RuntimeException e) {
      try {
        c.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw DuckDbErrors.translate((SQLException) e, context);
    }
  }
}

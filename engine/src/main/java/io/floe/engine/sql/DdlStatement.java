package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.ColumnDef;
import java.util.List;

/**
 * A data-definition statement a workspace user may run, as {@link DdlParser} read it. Names are
 * unqualified object names in the workspace's schema {@code public}; queries are SQL text that the
 * planner validates and plans like any other query.
 */
public sealed interface DdlStatement {
  /** The PostgreSQL command tag for a successful run ({@code CREATE TABLE}, ...). */
  String commandTag();

  /** {@code CREATE TABLE [IF NOT EXISTS] name (column type [NOT NULL], ..., [PRIMARY KEY (...)])}. */
  record CreateTable(String name, boolean ifNotExists, List<ColumnDef> columns,
      List<String> primaryKey) implements DdlStatement {
    public CreateTable {
      requireNonNull(name, "name");
      columns = List.copyOf(columns);
      primaryKey = List.copyOf(primaryKey);
    }

    @Override public String commandTag() {
      return "CREATE TABLE";
    }
  }

  /** {@code CREATE TABLE [IF NOT EXISTS] name AS query}. */
  record CreateTableAs(String name, boolean ifNotExists, String query) implements DdlStatement {
    public CreateTableAs {
      requireNonNull(name, "name");
      requireNonNull(query, "query");
    }

    /** PostgreSQL answers CREATE TABLE AS with {@code SELECT <rows>}. */
    @Override public String commandTag() {
      return "SELECT";
    }
  }

  /** {@code CREATE [OR REPLACE] VIEW name [(columns)] AS query}. */
  record CreateView(String name, boolean orReplace, List<String> columnNames, String query)
      implements DdlStatement {
    public CreateView {
      requireNonNull(name, "name");
      columnNames = List.copyOf(columnNames);
      requireNonNull(query, "query");
    }

    @Override public String commandTag() {
      return "CREATE VIEW";
    }
  }

  /** {@code DROP TABLE|VIEW [IF EXISTS] name [, ...]}. */
  record Drop(boolean view, boolean ifExists, List<String> names) implements DdlStatement {
    public Drop {
      names = List.copyOf(names);
    }

    @Override public String commandTag() {
      return view ? "DROP VIEW" : "DROP TABLE";
    }
  }

  /** {@code TRUNCATE [TABLE] name [, ...]}: deletes every row. */
  record Truncate(List<String> names) implements DdlStatement {
    public Truncate {
      names = List.copyOf(names);
    }

    @Override public String commandTag() {
      return "TRUNCATE TABLE";
    }
  }
}

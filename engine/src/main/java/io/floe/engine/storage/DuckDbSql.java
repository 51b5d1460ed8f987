package io.floe.engine.storage;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the SQL Floe itself sends to DuckDB (DDL, imports). Names are validated already. */
public final class DuckDbSql {
  private DuckDbSql() {}

  public static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  public static String idents(List<String> names) {
    return names.stream().map(DuckDbSql::ident).collect(Collectors.joining(", "));
  }

  /** {@code "catalog"."main"."table"}. */
  public static String table(String catalog, String table) {
    return ident(catalog) + ".main." + ident(table);
  }
}

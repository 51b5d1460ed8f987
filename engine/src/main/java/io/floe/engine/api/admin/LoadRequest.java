package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One table to copy into a workspace.
 *
 * @param source {@code bucket.table}, with the bucket as Floe names it ({@code in_c_sales}) or in
 *     Keboola's form ({@code in.c-sales.orders})
 * @param destination the workspace table to create; the source table's name when null
 * @param columns columns to copy, all when empty
 * @param where a filter in SQL, checked and planned like any workspace query, or null
 */
public record LoadRequest(String source, String destination, List<String> columns, String where) {
  public LoadRequest {
    requireNonNull(source, "source");
    columns = columns == null ? List.of() : List.copyOf(columns);
  }
}

package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

/**
 * A project table copied into a workspace.
 *
 * @param source the table as the request named it
 * @param destination the workspace table it became
 * @param rows rows copied
 * @param sizeBytes bytes the workspace grew by
 */
public record LoadedTable(String source, String destination, long rows, long sizeBytes) {
  public LoadedTable {
    requireNonNull(source, "source");
    requireNonNull(destination, "destination");
  }
}

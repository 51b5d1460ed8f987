package io.floe.engine.api.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A function a session's SQL knows, as JDBC's {@code getFunctions} lists it.
 *
 * @param name its lower-case name (function names match in any case)
 * @param returnsTable whether it is a table function
 */
public record ListedFunction(String name, boolean returnsTable) {
  public ListedFunction {
    requireNonNull(name, "name");
  }
}

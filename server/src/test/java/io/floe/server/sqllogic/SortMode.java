package io.floe.server.sqllogic;

import java.util.Locale;

/** How a query's rows are compared, as sqllogictest names it, plus {@link #ORDERED}. */
enum SortMode {
  /** In the engine's order: compared in order where the query's ORDER BY determines it. */
  NOSORT,
  /** As a multiset of rows. */
  ROWSORT,
  /** As a multiset of single values. */
  VALUESORT,
  /** Exactly in order: the query's ORDER BY determines every row's place (generated queries). */
  ORDERED;

  static SortMode parse(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "rowsort" -> ROWSORT;
      case "valuesort" -> VALUESORT;
      default -> NOSORT;
    };
  }
}

package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

/** One executable record of a sqllogictest script, loops already expanded. */
sealed interface SltRecord {
  /** {@code script:line}, with {@code #k} for the k-th execution of a line inside a loop. */
  String id();

  int line();

  String sql();

  /** {@code statement ok|error|maybe}: run on the reference; compared as well when it is a query. */
  record Statement(String id, int line, String sql, boolean expectError) implements SltRecord {
    public Statement {
      requireNonNull(id, "id");
      requireNonNull(sql, "sql");
    }
  }

  /** {@code query <types> [sort]}: compared between Floe and the reference. */
  record Query(String id, int line, String sql, SortMode sortMode) implements SltRecord {
    public Query {
      requireNonNull(id, "id");
      requireNonNull(sql, "sql");
      requireNonNull(sortMode, "sortMode");
    }
  }
}

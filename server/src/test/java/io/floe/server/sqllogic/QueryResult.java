package io.floe.server.sqllogic;

import static java.util.Objects.requireNonNull;

/**
 * One query's outcome.
 *
 * @param detail the difference, the error ({@code SQLSTATE message}), the rule or the skip reason
 * @param floe Floe's answer (null when not run)
 * @param duck DuckDB's answer (null when not run)
 */
record QueryResult(String id, String script, String sql, Category category, String detail,
    Outcome floe, Outcome duck) {
  QueryResult {
    requireNonNull(id, "id");
    requireNonNull(script, "script");
    requireNonNull(sql, "sql");
    requireNonNull(category, "category");
    detail = detail == null ? "" : detail;
  }

  static QueryResult skipped(String id, String script, String sql, String reason) {
    return new QueryResult(id, script, sql, Category.SKIPPED, reason, null, null);
  }
}

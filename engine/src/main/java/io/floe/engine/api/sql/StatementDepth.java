package io.floe.engine.api.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;

/**
 * Refuses statements nested more deeply than Floe plans: parsing, validating and planning recurse
 * once per level of parentheses, so a statement of thousands of levels would exhaust a thread's
 * stack. PostgreSQL answers such statements with 54001 (stack depth limit exceeded); so does Floe,
 * before it spends any work on them. DuckDB's own limit ({@code max_expression_depth}) is 1000.
 */
public final class StatementDepth {
  /** The deepest nesting of parentheses, brackets and braces a statement may have. */
  public static final int MAX = 500;

  private StatementDepth() {}

  /** Throws {@link ErrorCode#STATEMENT_TOO_COMPLEX} if {@code sql} nests more than {@link #MAX}. */
  public static void check(String sql) {
    check(LexedStatement.of(sql));
  }

  /** Throws {@link ErrorCode#STATEMENT_TOO_COMPLEX} if a statement nests more than {@link #MAX}. */
  public static void check(LexedStatement statement) {
    if (statement.depth() > MAX) {
      throw tooComplex();
    }
  }

  /** The error for a statement nested too deeply (also for one that exhausted the stack). */
  public static FloeException tooComplex() {
    return new FloeException(ErrorCode.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded: "
        + "the statement is nested too deeply", "Nest expressions and subqueries at most " + MAX
        + " levels deep.", null);
  }
}

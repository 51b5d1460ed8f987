package io.floe.engine.sql;

import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The walk most parse-tree rewrites share: every call, innermost first, given to one function. */
final class CallRewrites {
  private CallRewrites() {}

  /**
   * {@code node} with each call replaced by what {@code rewrite} makes of it, after the call's own
   * operands were rewritten ({@code rewrite} returns the call itself to keep it).
   */
  static SqlNode bottomUp(SqlNode node, Function<SqlCall, SqlNode> rewrite) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        return rewrite.apply(visited == null ? call : visited);
      }
    });
    return rewritten == null ? node : rewritten;
  }
}

package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code x LIKE p ESCAPE ''} (and ILIKE, SIMILAR TO): an empty escape string turns escaping off,
 * as in PostgreSQL, which is what LIKE without ESCAPE means in Floe and DuckDB. The clause is
 * dropped before Calcite reads it (its simplifier needs an escape character of length one).
 */
final class LikeEscapes {
  private LikeEscapes() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        boolean like = current.getKind() == SqlKind.LIKE || current.getKind() == SqlKind.SIMILAR;
        if (like && current.operandCount() == 3
            && current.operand(2) instanceof SqlCharStringLiteral escape
            && escape.getValueAs(String.class).isEmpty()) {
          return current.getOperator().createCall(current.getFunctionQuantifier(),
              current.getParserPosition(), current.operand(0), current.operand(1));
        }
        return current;
      }
    });
    return rewritten == null ? node : rewritten;
  }
}

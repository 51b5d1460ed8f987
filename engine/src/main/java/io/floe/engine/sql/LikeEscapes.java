package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The escape character of {@code x [NOT] LIKE p} and ILIKE as in PostgreSQL: without an ESCAPE
 * clause it is backslash ({@code 'a%b' LIKE 'a\%b'} is true), which DuckDB, with no escape character
 * by default, is told explicitly; {@code ESCAPE ''} turns escaping off, and the clause is dropped
 * before Calcite reads it (its simplifier needs an escape character of length one). The Snowflake
 * flavor keeps Snowflake's LIKE, which has no escape character by default.
 */
final class LikeEscapes {
  private LikeEscapes() {}

  static SqlNode apply(SqlNode node, SqlFlavor flavor) {
    boolean backslashByDefault = flavor == SqlFlavor.POSTGRES;
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        if (current.getKind() != SqlKind.LIKE) {
          return current;
        }
        if (current.operandCount() == 3
            && current.operand(2) instanceof SqlCharStringLiteral escape
            && escape.getValueAs(String.class).isEmpty()) {
          return current.getOperator().createCall(current.getFunctionQuantifier(),
              current.getParserPosition(), current.operand(0), current.operand(1));
        }
        if (current.operandCount() == 2 && backslashByDefault) {
          return current.getOperator().createCall(current.getFunctionQuantifier(),
              current.getParserPosition(), current.operand(0), current.operand(1),
              SqlLiteral.createCharString("\\", current.getParserPosition()));
        }
        return current;
      }
    });
    return rewritten == null ? node : rewritten;
  }
}

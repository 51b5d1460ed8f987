package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code count()} counts rows, as DuckDB reads it: it becomes {@code count(*)}. Calcite's validator
 * would refuse a COUNT without arguments. A COUNT of several values is refused, as in PostgreSQL.
 */
final class CountWithoutArguments extends SqlShuttle {
  private static final CountWithoutArguments INSTANCE = new CountWithoutArguments();

  private CountWithoutArguments() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    if (call.operandCount() == 0 && call.getOperator().getName().equalsIgnoreCase("COUNT")) {
      return SqlStdOperatorTable.COUNT.createCall(call.getFunctionQuantifier(),
          call.getParserPosition(), SqlIdentifier.star(call.getParserPosition()));
    }
    if (call.operandCount() > 1 && call.getOperator().getName().equalsIgnoreCase("COUNT")
        && call.getKind() != SqlKind.OVER) {
      // Calcite's COUNT takes several values (rows where none is NULL); PostgreSQL's takes one.
      throw new FloeException(ErrorCode.FUNCTION_NOT_FOUND, "function count does not exist with "
          + call.operandCount() + " arguments", "count takes one value, or *: count(*), count(x), "
          + "count(DISTINCT x).", null);
    }
    return super.visit(call);
  }
}

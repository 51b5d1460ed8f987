package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code count()} counts rows, as DuckDB reads it: it becomes {@code count(*)}. Calcite's validator
 * would refuse a COUNT without arguments.
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
    return super.visit(call);
  }
}

package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A number in GROUP BY that is not a whole number ({@code GROUP BY 100.125}, {@code 3.0},
 * {@code 1e2}) is a constant grouping key, as DuckDB reads it: all rows in one group, none over no
 * rows. Only a whole number is a position in the select list. Calcite would read any number as a
 * position ({@code Ordinal out of range}, or {@code 3.0} as the third column).
 */
final class ConstantGroupKeys extends SqlShuttle {
  private static final ConstantGroupKeys INSTANCE = new ConstantGroupKeys();

  private ConstantGroupKeys() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    if (call instanceof SqlSelect select && select.getGroup() != null) {
      SqlNodeList group = select.getGroup();
      for (int i = 0; i < group.size(); i++) {
        if (group.get(i) instanceof SqlNumericLiteral n && !isWholeNumber(n)) {
          // Not a literal any more, so not a position; the same constant once planned.
          group.set(i, SqlStdOperatorTable.UNARY_PLUS.createCall(n.getParserPosition(), n));
        }
      }
    }
    return super.visit(call);
  }

  private static boolean isWholeNumber(SqlNumericLiteral n) {
    return n.isExact() && n.getScale() != null && n.getScale() == 0;
  }
}

package io.floe.engine.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An aggregate's FILTER drops rows before their argument is computed, as in PostgreSQL: {@code
 * count(DISTINCT v::integer) FILTER (WHERE keep)} does not cast the {@code v} of a row that {@code
 * keep} drops. DuckDB computes an aggregate's arguments for every row first, so such an argument
 * (anything but a column or a literal) is written as {@code agg(CASE WHEN c THEN x END)}, the same
 * for an aggregate that skips NULLs, which DuckDB computes only for the rows the condition keeps;
 * and the planner turns such a CASE back into FILTER only where its value is a column or a
 * constant ({@link #plainCases}).
 */
final class FilteredArguments {
  private FilteredArguments() {}

  private static final Set<String> SKIP_NULLS = Set.of("count", "sum", "avg", "min", "max",
      "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "bool_and",
      "bool_or", "every", "bit_and", "bit_or", "bit_xor");

  static SqlNode apply(SqlNode parsed) {
    SqlNode rewritten = parsed.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.FILTER && call.operand(0) instanceof SqlCall aggregate
            && aggregate.operandCount() == 1 && computed(aggregate.operand(0))
            && SKIP_NULLS.contains(aggregate.getOperator().getName().toLowerCase(Locale.ROOT))) {
          SqlParserPos pos = aggregate.getParserPosition();
          SqlNode when = SqlStdOperatorTable.CASE.createCall(pos, null,
              new SqlNodeList(List.of(call.operand(1)), pos),
              new SqlNodeList(List.of(aggregate.operand(0)), pos), SqlLiteral.createNull(pos));
          return super.visit(aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), pos, when));
        }
        return super.visit(call);
      }
    });
    return rewritten == null ? parsed : rewritten;
  }

  /** An argument DuckDB computes: not a column, a star or a literal. */
  private static boolean computed(SqlNode argument) {
    return !(argument instanceof SqlIdentifier || argument instanceof SqlLiteral);
  }

  /** Whether each CASE a projection computes has columns and constants as values. */
  static boolean plainCases(Project project) {
    for (RexNode e : project.getProjects()) {
      if (e instanceof RexCall c && c.getKind() == SqlKind.CASE) {
        for (int i = 1; i < c.getOperands().size(); i += 2) {
          if (c.getOperands().get(i) instanceof RexCall) {
            return false;
          }
        }
      }
    }
    return true;
  }
}

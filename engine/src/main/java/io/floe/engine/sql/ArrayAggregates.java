package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.rules.AggregateCaseToFilterRule;
import org.apache.calcite.sql.SqlKind;

/**
 * {@code array_agg} keeps NULL values, as in PostgreSQL and DuckDB ({@code [1, NULL, 3]}), where
 * Calcite's operator says it skips them. DuckDB runs it (see {@link FloeDuckDbDialect}); the
 * planner must not turn {@code array_agg(CASE WHEN c THEN x END)} into {@code array_agg(x) FILTER
 * (WHERE c)} ({@link #CASE_TO_FILTER}); and where a plan runs in Calcite, whose own array_agg
 * leaves NULLs out, an array_agg of a value that can be NULL is refused ({@link #checkInCalcite}).
 */
final class ArrayAggregates {
  private ArrayAggregates() {}

  /**
   * Calcite's CASE-to-FILTER rewrite, for aggregates without array_agg among them, over CASEs whose
   * values DuckDB need not compute for the rows the condition drops ({@link FilteredArguments}).
   */
  static final RelOptRule CASE_TO_FILTER = AggregateCaseToFilterRule.Config.DEFAULT
      .withOperandSupplier(b0 -> b0.operand(Aggregate.class)
          .predicate(aggregate -> aggregate.getAggCallList().stream().noneMatch(ArrayAggregates::isArrayAgg))
          .oneInput(b1 -> b1.operand(Project.class).predicate(FilteredArguments::plainCases).anyInputs()))
      .withDescription("FloeAggregateCaseToFilterRule")
      .as(AggregateCaseToFilterRule.Config.class)
      .toRule();

  private static boolean isArrayAgg(AggregateCall call) {
    return call.getAggregation().getKind() == SqlKind.ARRAY_AGG;
  }

  /** Refuses (0A000) an array_agg that Calcite would run over values that can be NULL. */
  static void checkInCalcite(RelNode plan) {
    new RelVisitor() {
      @Override public void visit(RelNode node, int ordinal, RelNode parent) {
        if (node instanceof JdbcToEnumerableConverter) {
          return; // DuckDB runs what is below
        }
        if (node instanceof Aggregate aggregate) {
          for (AggregateCall call : aggregate.getAggCallList()) {
            if (isArrayAgg(call) && call.getArgList().stream().anyMatch(
                i -> aggregate.getInput().getRowType().getFieldList().get(i).getType().isNullable())) {
              throw refused();
            }
          }
        }
        if (node instanceof Window window) {
          for (Window.Group group : window.groups) {
            for (Window.RexWinAggCall call : group.aggCalls) {
              if (call.getOperator().getKind() == SqlKind.ARRAY_AGG
                  && call.getOperands().stream().anyMatch(o -> o.getType().isNullable())) {
                throw refused();
              }
            }
          }
        }
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
  }

  private static FloeException refused() {
    return FloeException.of(ErrorCode.NOT_SUPPORTED,
        "array_agg of a value that can be NULL is supported only over DuckDB tables");
  }
}

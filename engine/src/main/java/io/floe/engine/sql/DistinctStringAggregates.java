package io.floe.engine.sql;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.sql.SqlKind;

/**
 * Calcite's rule that expands DISTINCT aggregates into a grouping and plain aggregates, except for
 * an aggregation with a DISTINCT {@code string_agg} ({@code string_agg(DISTINCT s, ',' ORDER BY s)}):
 * the expansion makes the separator a column of the grouping, and DuckDB takes a separator only as
 * a constant. DuckDB computes a DISTINCT string_agg as written.
 */
final class DistinctStringAggregates {
  private DistinctStringAggregates() {}

  /** Replaces {@link org.apache.calcite.rel.rules.CoreRules#AGGREGATE_EXPAND_DISTINCT_AGGREGATES}. */
  static final RelOptRule EXPAND_OTHER_DISTINCT = AggregateExpandDistinctAggregatesRule.Config.DEFAULT
      .withOperandSupplier(b -> b.operand(LogicalAggregate.class)
          .predicate(a -> !distinctStringAgg(a)).anyInputs())
      .as(AggregateExpandDistinctAggregatesRule.Config.class)
      .toRule();

  private static boolean distinctStringAgg(Aggregate aggregate) {
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      if (call.isDistinct() && (kind == SqlKind.LISTAGG || kind == SqlKind.STRING_AGG)) {
        return true;
      }
    }
    return false;
  }
}

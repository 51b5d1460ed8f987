package io.floe.engine.sql;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;

/**
 * Row values that are more than a row constructor: a sub-query whose one column is a row
 * ({@code (SELECT ROW(min(x), count(*)) FROM r WHERE ...)}), and CASE or COALESCE of rows. Calcite's
 * type flattening would take such a row apart into field accesses of the sub-query or CASE, which
 * neither its sub-query rules nor its SQL writer take; DuckDB takes them as written, so a plan with
 * one is not flattened.
 */
final class RowValuedExpressions {
  private RowValuedExpressions() {}

  /** Whether {@code rel} (or a sub-query in it) computes a row other than by a row constructor. */
  static boolean present(RelNode rel) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        found[0] |= subQuery.getType().isStruct() || present(subQuery.rel);
        return subQuery;
      }

      @Override public RexNode visitCall(RexCall call) {
        found[0] |= call.getType().isStruct() && call.getKind() != SqlKind.ROW;
        return super.visitCall(call);
      }
    };
    rel.accept(finder);
    if (found[0]) {
      return true;
    }
    for (RelNode input : rel.getInputs()) {
      if (present(input)) {
        return true;
      }
    }
    return false;
  }
}

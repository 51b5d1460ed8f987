package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * {@code a = b OR (a IS NULL AND b IS NULL)} used as a value ({@code (...) = c}, {@code NOT (...)},
 * a select-list item) becomes one call of {@link #EQUAL_OR_BOTH_NULL}, which Calcite's rules do not
 * look into and which DuckDB's SQL spells as written. Calcite's join planning rewrites that shape
 * to {@code a IS NOT DISTINCT FROM b} wherever it occurs, which is false where the written form is
 * NULL (one side NULL): right at the top of a WHERE, ON or HAVING condition (under AND and OR
 * only), where NULL and false both drop the row, so the shape stays there; wrong as a value.
 */
final class ExpandedNotDistinct {
  /** {@code a = b OR (a IS NULL AND b IS NULL)} of its two operands, NULL where one of them is. */
  static final SqlFunction EQUAL_OR_BOTH_NULL = new SqlFunction("EQUAL_OR_BOTH_NULL",
      SqlKind.OTHER_FUNCTION, ReturnTypes.BOOLEAN_NULLABLE, null, OperandTypes.ANY_ANY,
      SqlFunctionCategory.SYSTEM) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlParserPos pos = call.getParserPosition();
      SqlNode a = call.operand(0);
      SqlNode b = call.operand(1);
      SqlNode expanded = SqlStdOperatorTable.OR.createCall(pos,
          SqlStdOperatorTable.EQUALS.createCall(pos, a, b),
          SqlStdOperatorTable.AND.createCall(pos, SqlStdOperatorTable.IS_NULL.createCall(pos, a),
              SqlStdOperatorTable.IS_NULL.createCall(pos, b)));
      SqlWriter.Frame frame = writer.startList("(", ")");
      expanded.unparse(writer, 0, 0);
      writer.endList(frame);
    }
  };

  private ExpandedNotDistinct() {}

  /**
   * The plan, its sub-queries' plans included, with each shape used as a value made one call.
   * Calcite's own operators cannot run that call: where parts of the plan may run there
   * ({@code inDuckDb} false), a statement with such a shape is refused instead.
   */
  static RelNode apply(RelNode rel, boolean inDuckDb) {
    RelNode rewritten = apply(rel);
    if (!inDuckDb && rewritten != rel) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "a = b OR (a IS NULL AND b IS NULL) used as "
          + "a value is not supported where DuckDB cannot run the whole statement", "Floe's planner "
          + "would treat it as a IS NOT DISTINCT FROM b, which is false where this is NULL.", null);
    }
    return rewritten;
  }

  private static RelNode apply(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited.accept(new Values(visited instanceof Filter || visited instanceof Join,
            visited.getCluster().getRexBuilder()));
      }
    });
  }

  /** Rewrites the shape wherever it is a value: anywhere but the AND/OR top of a condition. */
  private static final class Values extends RexShuttle {
    /** Whether the expression being visited is the condition's top or under AND/OR from it. */
    private boolean top;
    private final RexBuilder rexBuilder;

    Values(boolean condition, RexBuilder rexBuilder) {
      this.top = condition;
      this.rexBuilder = rexBuilder;
    }

    @Override public RexNode visitCall(RexCall call) {
      if (top && (call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR)) {
        return super.visitCall(call);
      }
      boolean wasTop = top;
      top = false;
      try {
        RexNode visited = super.visitCall(call);
        RexCall equals = wasTop || !(visited instanceof RexCall c) ? null
            : expandedEquals(c, rexBuilder.getTypeFactory());
        return equals == null ? visited
            : rexBuilder.makeCall(visited.getType(), EQUAL_OR_BOTH_NULL, equals.getOperands());
      } finally {
        top = wasTop;
      }
    }

    @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
      boolean wasTop = top;
      top = false;
      try {
        RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
        RelNode rel = ExpandedNotDistinct.apply(visited.rel);
        return rel == visited.rel ? visited : visited.clone(rel);
      } finally {
        top = wasTop;
      }
    }
  }

  /**
   * The {@code a = b} of {@code a = b OR (a IS NULL AND b IS NULL)} (in either order), as Calcite's
   * {@code RelOptUtil.collapseExpandedIsNotDistinctFromExpr} recognizes it, or null.
   */
  private static RexCall expandedEquals(RexCall call, RelDataTypeFactory types) {
    if (call.getKind() != SqlKind.OR || call.getOperands().size() != 2) {
      return null;
    }
    for (int i = 0; i < 2; i++) {
      if (call.getOperands().get(i) instanceof RexCall equals && equals.getKind() == SqlKind.EQUALS
          && call.getOperands().get(1 - i) instanceof RexCall and && and.getKind() == SqlKind.AND
          && and.getOperands().size() == 2 && isNullOf(and, equals, types)) {
        return equals;
      }
    }
    return null;
  }

  /**
   * Whether {@code and} is {@code x IS NULL AND y IS NULL} of the two sides of {@code equals}, with
   * or without a cast on a side that only makes it nullable.
   */
  private static boolean isNullOf(RexCall and, RexCall equals, RelDataTypeFactory types) {
    RexNode n0 = and.getOperands().get(0);
    RexNode n1 = and.getOperands().get(1);
    if (n0.getKind() != SqlKind.IS_NULL || n1.getKind() != SqlKind.IS_NULL) {
      return false;
    }
    RexNode x = ((RexCall) n0).getOperands().get(0);
    RexNode y = ((RexCall) n1).getOperands().get(0);
    RexNode e0 = equals.getOperands().get(0);
    RexNode e1 = equals.getOperands().get(1);
    return same(x, e0, types) && same(y, e1, types) || same(x, e1, types) && same(y, e0, types);
  }

  private static boolean same(RexNode tested, RexNode side, RelDataTypeFactory types) {
    return tested.equals(side) || tested.equals(RexUtil.removeNullabilityCast(types, side));
  }
}

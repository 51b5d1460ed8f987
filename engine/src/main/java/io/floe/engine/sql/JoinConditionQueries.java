package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A join whose whole ON condition is a sub-query ({@code ON (SELECT s1.i = s2.i)}) reads it as the
 * scalar sub-query it is. Calcite's validator marks a sub-query as scalar only where it is an
 * operand, and its converter joins an unmarked one to the join's right input alone, where the
 * left input's columns it uses do not exist (the statement failed to plan).
 */
final class JoinConditionQueries {
  /** The index of a join's condition among its operands ({@link SqlJoin#setOperand}). */
  private static final int CONDITION = 5;

  private JoinConditionQueries() {}

  static SqlNode apply(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlJoin join && join.getCondition() != null
            && join.getCondition().getKind().belongsTo(SqlKind.QUERY)) {
          SqlNode condition = join.getCondition();
          join.setOperand(CONDITION,
              SqlStdOperatorTable.SCALAR_QUERY.createCall(condition.getParserPosition(), condition));
        }
        return super.visit(call);
      }
    });
    return node;
  }
}

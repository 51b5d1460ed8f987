package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A constant divided by zero ({@code 5 % 0}, {@code mod(-5, 0)}, {@code 4 / 0}) fails the statement
 * while it is planned, as PostgreSQL folds constants: also where no row would compute it, or where
 * the plan drops it ({@code count(5 % 0)} counts rows, and Calcite counts them without the
 * argument, which cannot be NULL). As in PostgreSQL, a CASE branch whose condition is the constant
 * FALSE or NULL is dropped before its result is folded. A division of a column by zero fails when a
 * row computes it, in DuckDB as in PostgreSQL.
 */
final class ConstantDivisions {
  private ConstantDivisions() {}

  static void check(SqlNode validated) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlCase c) {
          visitCase(c);
          return null;
        }
        if ((call.getKind() == SqlKind.DIVIDE || call.getKind() == SqlKind.MOD) && call.operandCount() == 2
            && isZero(call.operand(1)) && isConstant(call.operand(0))) {
          throw new FloeException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
        }
        return super.visit(call);
      }

      private void visitCase(SqlCase c) {
        if (c.getValueOperand() != null) {
          c.getValueOperand().accept(this);
        }
        List<SqlNode> whens = c.getWhenOperands().getList();
        List<SqlNode> thens = c.getThenOperands().getList();
        for (int i = 0; i < whens.size(); i++) {
          whens.get(i).accept(this);
          if (c.getValueOperand() == null && isFalseOrNull(whens.get(i))) {
            continue;
          }
          thens.get(i).accept(this);
        }
        if (c.getElseOperand() != null) {
          c.getElseOperand().accept(this);
        }
      }
    });
  }

  private static boolean isFalseOrNull(SqlNode condition) {
    return condition instanceof SqlLiteral l && (l.getValue() == null || Boolean.FALSE.equals(l.getValue()));
  }

  /** A numeric literal zero, signed or cast. */
  private static boolean isZero(SqlNode node) {
    SqlNode n = node;
    while (n instanceof SqlCall c && (c.getKind() == SqlKind.CAST || c.getKind() == SqlKind.MINUS_PREFIX
        || c.getKind() == SqlKind.PLUS_PREFIX)) {
      n = c.operand(0);
    }
    return n instanceof SqlNumericLiteral l && l.getValue() != null && l.bigDecimalValue().signum() == 0;
  }

  /** An expression of literals and deterministic scalar operators only, which PostgreSQL folds. */
  private static boolean isConstant(SqlNode node) {
    if (node == null || node instanceof SqlLiteral || node instanceof org.apache.calcite.sql.SqlDataTypeSpec
        || node instanceof org.apache.calcite.sql.SqlIntervalQualifier) {
      return true;
    }
    if (node instanceof SqlIdentifier || node instanceof SqlDynamicParam || node instanceof SqlSelect) {
      return false;
    }
    if (node instanceof SqlNodeList list) {
      return list.stream().allMatch(ConstantDivisions::isConstant);
    }
    if (node instanceof SqlCall call) {
      if (call.getOperator().isAggregator() || call.getKind() == SqlKind.OVER
          || !call.getOperator().isDeterministic() || call.getOperator().isDynamicFunction()
          || call.getKind().belongsTo(SqlKind.QUERY)) {
        return false;
      }
      return call.getOperandList().stream().allMatch(ConstantDivisions::isConstant);
    }
    return false;
  }
}

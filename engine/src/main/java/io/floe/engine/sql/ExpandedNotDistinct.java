package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Litmus;

/**
 * Refuses {@code a = b OR (a IS NULL AND b IS NULL)} used as a value inside a WHERE, ON or HAVING
 * condition ({@code (a = b OR (a IS NULL AND b IS NULL)) = c}, {@code NOT (...)}). Calcite's join
 * planning rewrites that shape to {@code a IS NOT DISTINCT FROM b} wherever it occurs, which is
 * false where the written form is NULL (one side NULL): right at the top of a condition, where
 * NULL and false both drop the row, and wrong as a value. Refused rather than answered wrongly.
 */
final class ExpandedNotDistinct extends SqlBasicVisitor<Void> {
  private static final ExpandedNotDistinct INSTANCE = new ExpandedNotDistinct();

  private ExpandedNotDistinct() {}

  static void check(SqlNode statement) {
    statement.accept(INSTANCE);
  }

  @Override public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select) {
      condition(select.getWhere());
      condition(select.getHaving());
    } else if (call instanceof SqlJoin join) {
      condition(join.getCondition());
    }
    return super.visit(call);
  }

  /** Checks a condition: its AND/OR skeleton may hold the shape, anything under it may not. */
  private static void condition(SqlNode node) {
    if (node instanceof SqlCall call && (call.getKind() == SqlKind.AND || call.getKind() == SqlKind.OR)) {
      for (SqlNode operand : call.getOperandList()) {
        condition(operand);
      }
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        nested(operand);
      }
    }
  }

  private static void nested(SqlNode node) {
    if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
      return;
    }
    if (isExpanded(call)) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "a = b OR (a IS NULL AND b IS NULL) used as "
          + "a value inside a condition is not supported", "Floe's planner would treat it as "
          + "a IS NOT DISTINCT FROM b, which is false where this is NULL; compute it in a select "
          + "list (a sub-query) and compare that.", null);
    }
    for (SqlNode operand : call.getOperandList()) {
      nested(operand);
    }
  }

  private static boolean isExpanded(SqlCall call) {
    if (call.getKind() != SqlKind.OR || call.operandCount() != 2) {
      return false;
    }
    for (int i = 0; i < 2; i++) {
      if (call.operand(i) instanceof SqlCall eq && eq.getKind() == SqlKind.EQUALS
          && call.operand(1 - i) instanceof SqlCall and && and.getKind() == SqlKind.AND
          && and.operandCount() == 2 && isNullOf(and.operand(0), eq) && isNullOf(and.operand(1), eq)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNullOf(SqlNode node, SqlCall eq) {
    if (!(node instanceof SqlCall test) || test.getKind() != SqlKind.IS_NULL) {
      return false;
    }
    SqlNode operand = test.operand(0);
    List<SqlNode> sides = eq.getOperandList();
    return sides.stream().anyMatch(side -> side.equalsDeep(operand, Litmus.IGNORE));
  }
}

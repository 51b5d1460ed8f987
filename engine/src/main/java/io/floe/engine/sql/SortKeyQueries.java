package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A sub-query in a sort key that is a WITH query, or that has an ORDER BY of its own
 * ({@code ORDER BY (WITH i2 AS (SELECT 100 - i1.i AS j) SELECT j FROM i2)}), is read as
 * {@code (SELECT * FROM (...) AS _floe_sort)}, the same query. Calcite's validator qualifies the
 * names of a sort key and stops at a SELECT, but not at a WITH or an ORDER BY around one: it took
 * the WITH's item names and the inner sort keys for columns of the outer query (42703).
 */
final class SortKeyQueries {
  private SortKeyQueries() {}

  static SqlNode apply(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlOrderBy order) {
          wrapIn(order.orderList);
        } else if (call instanceof SqlSelect select && select.getOrderList() != null) {
          wrapIn(select.getOrderList());
        }
        return super.visit(call);
      }
    });
    return node;
  }

  private static void wrapIn(SqlNodeList keys) {
    for (int i = 0; i < keys.size(); i++) {
      keys.set(i, wrap(keys.get(i)));
    }
  }

  /** {@code node} with each WITH or ORDER BY query outside a SELECT in a SELECT of its own. */
  private static SqlNode wrap(SqlNode node) {
    if (node instanceof SqlWith || node instanceof SqlOrderBy) {
      SqlParserPos pos = node.getParserPosition();
      SqlNode from = SqlStdOperatorTable.AS.createCall(pos, node, new SqlIdentifier("_floe_sort", pos));
      return new SqlSelect(pos, null, SqlNodeList.of(SqlIdentifier.star(pos)), from, null, null, null,
          null, null, null, null, null, null);
    }
    if (node instanceof SqlNodeList list) {
      wrapIn(list);
    } else if (node instanceof SqlCall call && !(node instanceof SqlSelect)) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        SqlNode wrapped = operand == null ? null : wrap(operand);
        if (wrapped != operand) {
          call.setOperand(i, wrapped);
        }
      }
    }
    return node;
  }
}

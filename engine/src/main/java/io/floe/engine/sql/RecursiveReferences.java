package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Where the recursive part of a recursive query may read the recursive table, as PostgreSQL checks
 * it before anything else ({@code 42P19}, in its words): once, and not inside a sub-query
 * expression ({@code (SELECT ... FROM t)}, {@code EXISTS (...)}) nor on the side of an outer join
 * that may be NULL. A derived table and a common table expression of a nested WITH are read as
 * part of the recursive part itself.
 */
final class RecursiveReferences {
  /** Where a reference is met: as PostgreSQL's parser names its contexts. */
  private enum Context {
    PLAIN("recursive reference to query \"%s\" must not appear more than once"),
    SUB_QUERY("recursive reference to query \"%s\" must not appear within a subquery"),
    OUTER_JOIN("recursive reference to query \"%s\" must not appear within an outer join");

    final String message;

    Context(String message) {
      this.message = message;
    }
  }

  private final String name;
  private int references;

  private RecursiveReferences(String name) {
    this.name = name;
  }

  /** Checks the recursive part {@code term} of the recursive query named {@code name}. */
  static void check(String name, SqlNode term) {
    new RecursiveReferences(name.toLowerCase(Locale.ROOT)).query(term, Context.PLAIN);
  }

  private void refuse(Context context) {
    throw new FloeException(ErrorCode.INVALID_RECURSION, String.format(Locale.ROOT,
        context.message, name), context == Context.PLAIN
            ? "Read the recursive table once in the recursive part, and join the rest to it."
            : "Join the recursive table with an inner join instead.", null);
  }

  private void query(SqlNode node, Context context) {
    if (node == null) {
      return;
    }
    if (node instanceof SqlSelect select) {
      from(select.getFrom(), context);
      for (SqlNode part : new SqlNode[] {select.getSelectList(), select.getWhere(),
          select.getGroup(), select.getHaving(), select.getQualify(), select.getOrderList()}) {
        expression(part);
      }
    } else if (node instanceof SqlWith with) {
      for (SqlNode item : with.withList) {
        if (item instanceof SqlWithItem w) {
          if (w.name.getSimple().toLowerCase(Locale.ROOT).equals(name)) {
            return; // The nested WITH names another query alike: no reference beyond here.
          }
          query(w.query, context);
        }
      }
      query(with.body, context);
    } else if (node instanceof SqlOrderBy order) {
      query(order.query, context);
      expression(order.orderList);
    } else if (node instanceof SqlCall call && call.getKind().belongsTo(SqlKind.SET_QUERY)) {
      for (SqlNode operand : call.getOperandList()) {
        query(operand, context);
      }
    } else {
      expression(node); // VALUES and the like
    }
  }

  private void from(SqlNode node, Context context) {
    if (node == null) {
      return;
    }
    if (node instanceof SqlIdentifier id) {
      if (id.names.size() == 1 && id.names.get(0).toLowerCase(Locale.ROOT).equals(name)) {
        if (context != Context.PLAIN || ++references > 1) {
          refuse(context);
        }
      }
    } else if (node instanceof SqlJoin join) {
      JoinTypeSides sides = JoinTypeSides.of(join);
      from(join.getLeft(), sides.leftNullable ? Context.OUTER_JOIN : context);
      from(join.getRight(), sides.rightNullable ? Context.OUTER_JOIN : context);
      expression(join.getCondition());
    } else if (node instanceof SqlCall call && (call.getKind() == SqlKind.AS
        || call.getKind() == SqlKind.LATERAL || call.getKind() == SqlKind.COLLECTION_TABLE)) {
      from(call.operand(0), context);
      for (int i = 1; i < call.operandCount(); i++) {
        expression(call.operand(i));
      }
    } else if (isQuery(node)) {
      query(node, context);
    } else {
      expression(node);
    }
  }

  /** Which sides of a join may be NULL-extended. */
  private record JoinTypeSides(boolean leftNullable, boolean rightNullable) {
    static JoinTypeSides of(SqlJoin join) {
      return new JoinTypeSides(join.getJoinType().generatesNullsOnLeft(),
          join.getJoinType().generatesNullsOnRight());
    }
  }

  private static boolean isQuery(SqlNode node) {
    return node instanceof SqlSelect || node instanceof SqlWith || node instanceof SqlOrderBy
        || node.getKind() == SqlKind.VALUES
        || node instanceof SqlCall c && c.getKind().belongsTo(SqlKind.SET_QUERY);
  }

  /** An expression: every query within it is a sub-query. */
  private void expression(SqlNode node) {
    if (node == null) {
      return;
    }
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (isQuery(call) && call.getKind() != SqlKind.VALUES) {
          query(call, Context.SUB_QUERY);
          return null;
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlNodeList list) {
        for (SqlNode n : list) {
          if (n != null) {
            n.accept(this);
          }
        }
        return null;
      }
    });
  }
}

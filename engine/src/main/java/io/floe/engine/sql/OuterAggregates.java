package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.HashSet;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses an aggregate, inside a sub-query, over columns of an outer query only
 * ({@code select (select max(t.x)) from t}). SQL makes it an aggregate of the outer query (one
 * row for the whole of {@code t}); Calcite computes it per outer row instead, a silently different
 * answer.
 */
final class OuterAggregates {
  private OuterAggregates() {}

  static void check(SqlNode validated) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        // In the statement's own selects and in derived tables every column is the select's
        // own; only an expression sub-query can name an outer query's.
        if (call instanceof SqlSelect select) {
          checkSelect(select);
        }
        return super.visit(call);
      }
    });
  }

  private static void checkSelect(SqlSelect select) {
    Set<String> own = new HashSet<>();
    if (select.getFrom() != null && !addAliases(select.getFrom(), own)) {
      return; // a FROM item without a name this check can read: assume nothing is outer
    }
    SqlBasicVisitor<Void> aggregates = new SqlBasicVisitor<>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect) {
          return null; // its own check
        }
        if (call.getOperator().isAggregator() && overOuterColumnsOnly(call, own)) {
          throw FloeException.of(ErrorCode.NOT_SUPPORTED, "an aggregate of an outer query's "
              + "columns inside a sub-query (%s) is not supported yet", call);
        }
        return super.visit(call);
      }
    };
    select.getSelectList().accept(aggregates);
    if (select.getHaving() != null) {
      select.getHaving().accept(aggregates);
    }
  }

  /** The names a FROM clause gives its items; false if one has none this check can read. */
  private static boolean addAliases(SqlNode from, Set<String> names) {
    if (from instanceof org.apache.calcite.sql.SqlJoin join) {
      return addAliases(join.getLeft(), names) && addAliases(join.getRight(), names);
    }
    if (from instanceof SqlCall call && call.getKind() == org.apache.calcite.sql.SqlKind.AS) {
      names.add(((SqlIdentifier) call.operand(1)).getSimple());
      return true;
    }
    if (from instanceof SqlIdentifier id) {
      names.add(id.names.get(id.names.size() - 1));
      return true;
    }
    return false;
  }

  private static boolean overOuterColumnsOnly(SqlCall aggregate, Set<String> own) {
    boolean[] any = {false};
    boolean[] inner = {false};
    aggregate.getOperandList().forEach(operand -> {
      if (operand == null) {
        return;
      }
      operand.accept(new SqlBasicVisitor<Void>() {
        @Override public Void visit(SqlIdentifier id) {
          if (id.names.size() >= 2 && !id.isStar()) {
            any[0] = true;
            if (own.contains(id.names.get(id.names.size() - 2))) {
              inner[0] = true;
            }
          } else {
            inner[0] = true; // unqualified: cannot tell, assume the sub-query's own
          }
          return null;
        }

        @Override public Void visit(SqlCall call) {
          if (call instanceof SqlSelect) {
            inner[0] = true;
            return null;
          }
          return super.visit(call);
        }
      });
    });
    return any[0] && !inner[0];
  }
}

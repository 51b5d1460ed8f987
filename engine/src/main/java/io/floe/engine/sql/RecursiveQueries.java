package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Refuses a recursive query whose recursive part holds a sub-query over the recursive table
 * ({@code SELECT (SELECT x + 1 FROM t) FROM t}): Calcite runs recursive queries itself, and there
 * such a sub-query reads nothing (the answer would be NULL), and so does a common table expression
 * of a WITH nested in the recursive part. Sub-queries over other tables are fine.
 */
final class RecursiveQueries extends SqlBasicVisitor<Void> {
  private static final RecursiveQueries INSTANCE = new RecursiveQueries();

  private RecursiveQueries() {}

  static void check(SqlNode statement) {
    statement.accept(INSTANCE);
  }

  @Override public Void visit(SqlCall call) {
    if (call instanceof SqlWith with) {
      for (SqlNode node : with.withList) {
        if (node instanceof SqlWithItem item && item.recursive.booleanValue()
            && item.query instanceof SqlCall union && union.getKind().belongsTo(SqlKind.SET_QUERY)
            && union.operandCount() == 2) {
          String name = item.name.getSimple().toLowerCase(Locale.ROOT);
          union.operand(1).accept(new SqlBasicVisitor<Void>() {
            private int depth;
            /** Inside a common table expression of a WITH within the recursive part. */
            private int withItems;

            @Override public Void visit(SqlCall inner) {
              boolean select = inner instanceof SqlSelect;
              boolean item = inner instanceof SqlWithItem;
              depth += select ? 1 : 0;
              withItems += item ? 1 : 0;
              try {
                return super.visit(inner);
              } finally {
                depth -= select ? 1 : 0;
                withItems -= item ? 1 : 0;
              }
            }

            @Override public Void visit(SqlIdentifier id) {
              if ((depth > 1 || withItems > 0)
                  && id.names.get(0).toLowerCase(Locale.ROOT).equals(name)) {
                throw new FloeException(ErrorCode.NOT_SUPPORTED, String.format(Locale.ROOT,
                    "a sub-query over the recursive table \"%s\" inside its recursive part is not "
                        + "supported", name),
                    "Join the recursive table instead of reading it in a sub-query.", null);
              }
              return null;
            }
          });
        }
      }
    }
    return super.visit(call);
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's rule for {@code x IN (SELECT ...)} and {@code x op ANY/ALL (SELECT ...)}: the
 * sub-query has as many columns as the row on the left has fields (one for a value). A row against
 * a sub-query of one column fails with {@code 42601 subquery has too few columns}, a value against
 * several with {@code subquery has too many columns}, where DuckDB compares the row with a struct
 * and Calcite would say that the types are not compatible. Only sub-queries whose select list
 * can be counted as written (no {@code *}) are checked.
 */
final class SubQueryWidth {
  private SubQueryWidth() {}

  static void check(SqlNode parsed) {
    parsed.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if ((call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN
            || call.getKind() == SqlKind.SOME || call.getKind() == SqlKind.ALL) && call.operandCount() == 2) {
          Integer columns = columns(call.operand(1));
          if (columns != null) {
            SqlNode left = call.operand(0);
            int fields = left.getKind() == SqlKind.ROW ? ((SqlCall) left).operandCount() : 1;
            if (fields != columns) {
              throw new FloeException(ErrorCode.SYNTAX_ERROR, "subquery has too "
                  + (fields > columns ? "few" : "many") + " columns", null, null);
            }
          }
        }
        return super.visit(call);
      }
    });
  }

  /** How many columns a sub-query selects, if its select list says so without a star. */
  private static @Nullable Integer columns(SqlNode query) {
    SqlNode q = query instanceof SqlOrderBy orderBy ? orderBy.query : query;
    if (!(q instanceof SqlSelect select)) {
      return null;
    }
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        return null;
      }
    }
    return select.getSelectList().size();
  }
}

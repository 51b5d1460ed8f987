package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A row tested with IN against a sub-query ({@code (a, b) [NOT] IN (SELECT x, y ...)}) written as
 * the scalar sub-query that means the same, for DuckDB, which does not run such a test where the
 * sub-query is correlated: true if a row of the sub-query is equal, else NULL if a comparison was
 * NULL, else false (also for no rows), as PostgreSQL and the standard compare rows field by field.
 *
 * <pre>(SELECT CASE WHEN bool_or(a = _floe_in1._r0 AND b = _floe_in1._r1) THEN TRUE
 *              WHEN bool_or((a = _floe_in1._r0 AND b = _floe_in1._r1) IS NULL) THEN NULL
 *              ELSE FALSE END
 *  FROM (SELECT x, y ...) AS _floe_in1 (_r0, _r1))</pre>
 *
 * <p>Used only where DuckDB does not take the statement as written: where it does, its own IN is a
 * join, far faster than a sub-query per row.
 */
final class RowInSubQueries {
  private static final SqlParserPos POS = SqlParserPos.ZERO;

  private RowInSubQueries() {}

  /** The statement with each row IN sub-query rewritten, or null if it has none. */
  static @Nullable SqlNode rewrite(SqlNode statement) {
    int[] count = {0};
    SqlNode out = statement.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        if (!(visited instanceof SqlBasicCall in)
            || in.getKind() != SqlKind.IN && in.getKind() != SqlKind.NOT_IN
            || !(in.operand(0) instanceof SqlNodeList row) || row.size() < 2
            || in.operand(1).getKind() == SqlKind.VALUES || !isQuery(in.operand(1))) {
          return visited;
        }
        count[0]++;
        SqlNode scalar = scalar(row, in.operand(1), "_floe_in" + count[0]);
        return in.getKind() == SqlKind.IN ? scalar : SqlStdOperatorTable.NOT.createCall(POS, scalar);
      }
    });
    return count[0] == 0 ? null : out;
  }

  private static boolean isQuery(SqlNode node) {
    return node instanceof SqlSelect || node.getKind() == SqlKind.ORDER_BY
        || node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
        || node.getKind() == SqlKind.EXCEPT || node.getKind() == SqlKind.WITH;
  }

  private static SqlNode scalar(SqlNodeList row, SqlNode query, String alias) {
    List<SqlNode> equal = new ArrayList<>();
    List<SqlNode> aliasAndColumns = new ArrayList<>();
    aliasAndColumns.add(query);
    aliasAndColumns.add(new SqlIdentifier(alias, POS));
    for (int i = 0; i < row.size(); i++) {
      String column = "_r" + i;
      aliasAndColumns.add(new SqlIdentifier(column, POS));
      equal.add(SqlStdOperatorTable.EQUALS.createCall(POS, row.get(i),
          new SqlIdentifier(List.of(alias, column), POS)));
    }
    SqlNode match = equal.get(0);
    for (int i = 1; i < equal.size(); i++) {
      match = SqlStdOperatorTable.AND.createCall(POS, match, equal.get(i));
    }
    SqlNode anyEqual = SqlLibraryOperators.BOOL_OR.createCall(POS, match);
    SqlNode anyUnknown = SqlLibraryOperators.BOOL_OR.createCall(POS,
        SqlStdOperatorTable.IS_NULL.createCall(POS, match));
    SqlCase answer = new SqlCase(POS, null,
        SqlNodeList.of(anyEqual, anyUnknown),
        SqlNodeList.of(SqlLiteral.createBoolean(true, POS), SqlLiteral.createNull(POS)),
        SqlLiteral.createBoolean(false, POS));
    SqlNode from = SqlStdOperatorTable.AS.createCall(POS, aliasAndColumns);
    return new SqlSelect(POS, null, SqlNodeList.of(answer), from, null, null, null, null, null,
        null, null, null, null);
  }
}

package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Tests of row constructors that PostgreSQL answers field by field, spelled on the fields before
 * validation (Calcite tests the row as one value, or cannot plan the test at all).
 *
 * <ul>
 *   <li>{@code (a, b) IS NULL} is true when every field is NULL, {@code (a, b) IS NOT NULL} when
 *       none is: both are false for {@code (1, NULL)}. A field that is itself a row constructor is
 *       never NULL.</li>
 *   <li>{@code (a, b) < (c, d)} (and {@code <=}, {@code >}, {@code >=}) compares lexicographically:
 *       {@code a < c OR (a = c AND b < d)}. The first pair that is not equal decides; NULL where a
 *       pair before that has a NULL, as in PostgreSQL ({@code (1, NULL) < (2, NULL)} is true,
 *       {@code (1, NULL) < (1, 3)} NULL).</li>
 *   <li>{@code (a, b) = (c, d)} is {@code a = c AND b = d} and {@code (a, b) <> (c, d)} is
 *       {@code a <> c OR b <> d}: {@code (1, 2) <> (1, NULL)} is NULL (Calcite answered true).
 *       {@code IS [NOT] DISTINCT FROM} is tested pair by pair too (DuckDB failed on it).</li>
 * </ul>
 * Pairs that are rows themselves compare the same way in turn.
 */
final class RowComparisons {
  private RowComparisons() {}

  static SqlNode apply(SqlNode node) {
    return CallRewrites.bottomUp(node, RowComparisons::rewrite);
  }

  private static SqlNode rewrite(SqlCall call) {
    SqlParserPos pos = call.getParserPosition();
    switch (call.getKind()) {
      case IS_NULL:
      case IS_NOT_NULL:
        if (isRow(call.operand(0))) {
          return fieldsNull(call.getOperator(), call.<SqlCall>operand(0).getOperandList(), pos);
        }
        return call;
      case EQUALS:
      case NOT_EQUALS:
      case IS_DISTINCT_FROM:
      case IS_NOT_DISTINCT_FROM:
      case LESS_THAN:
      case LESS_THAN_OR_EQUAL:
      case GREATER_THAN:
      case GREATER_THAN_OR_EQUAL:
        // (a, b) < (c, d) lexicographically, = and <> pair by pair
        if (isRow(call.operand(0)) && isRow(call.operand(1))) {
          List<SqlNode> left = call.<SqlCall>operand(0).getOperandList();
          List<SqlNode> right = call.<SqlCall>operand(1).getOperandList();
          if (left.size() != right.size() || left.isEmpty()) {
            return call;
          }
          if (call.getKind() != SqlKind.LESS_THAN && call.getKind() != SqlKind.LESS_THAN_OR_EQUAL
              && call.getKind() != SqlKind.GREATER_THAN && call.getKind() != SqlKind.GREATER_THAN_OR_EQUAL) {
            return pairwise(call.getOperator(), left, right, pos);
          }
          return lexicographic(call.getOperator(), left, right, 0, pos);
        }
        return call;
      default:
        return call;
    }
  }

  private static boolean isRow(SqlNode node) {
    return node instanceof SqlCall c && c.getKind() == SqlKind.ROW;
  }

  /** Every field {@code IS NULL} (or {@code IS NOT NULL}), joined by AND. */
  private static SqlNode fieldsNull(SqlOperator test, List<SqlNode> fields, SqlParserPos pos) {
    SqlNode all = null;
    for (SqlNode field : fields) {
      // A row constructor is a value even when its fields are all NULL.
      SqlNode one = isRow(field) ? SqlLiteral.createBoolean(test.getKind() == SqlKind.IS_NOT_NULL, pos)
          : test.createCall(pos, field);
      all = all == null ? one : SqlStdOperatorTable.AND.createCall(pos, all, one);
    }
    return all;
  }

  /**
   * {@code l[0] = r[0] AND l[1] = r[1] ...}, or {@code l[0] <> r[0] OR l[1] <> r[1] ...}: NULL
   * where no pair decides and a pair has a NULL. {@code IS NOT DISTINCT FROM} joins its pairs by
   * AND, {@code IS DISTINCT FROM} by OR.
   */
  private static SqlNode pairwise(SqlOperator op, List<SqlNode> left, List<SqlNode> right,
      SqlParserPos pos) {
    SqlOperator join = op.getKind() == SqlKind.EQUALS || op.getKind() == SqlKind.IS_NOT_DISTINCT_FROM
        ? SqlStdOperatorTable.AND : SqlStdOperatorTable.OR;
    SqlNode all = null;
    for (int i = 0; i < left.size(); i++) {
      SqlNode one = compare(op, left.get(i), right.get(i), pos);
      all = all == null ? one : join.createCall(pos, all, one);
    }
    return all;
  }

  /** {@code l[i] op' r[i] OR (l[i] = r[i] AND <the rest>)}, the last pair with {@code op} itself. */
  private static SqlNode lexicographic(SqlOperator op, List<SqlNode> left, List<SqlNode> right, int i,
      SqlParserPos pos) {
    SqlNode l = left.get(i);
    SqlNode r = right.get(i);
    if (i == left.size() - 1) {
      return compare(op, l, r, pos);
    }
    SqlOperator strict = switch (op.getKind()) {
      case LESS_THAN, LESS_THAN_OR_EQUAL -> SqlStdOperatorTable.LESS_THAN;
      default -> SqlStdOperatorTable.GREATER_THAN;
    };
    SqlNode rest = SqlStdOperatorTable.AND.createCall(pos,
        SqlStdOperatorTable.EQUALS.createCall(pos, l, r), lexicographic(op, left, right, i + 1, pos));
    return SqlStdOperatorTable.OR.createCall(pos, compare(strict, l, r, pos), rest);
  }

  /** One pair compared; a pair of rows compares lexicographically in turn. */
  private static SqlNode compare(SqlOperator op, SqlNode l, SqlNode r, SqlParserPos pos) {
    return rewrite((SqlCall) op.createCall(pos, l, r));
  }
}

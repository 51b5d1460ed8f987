package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;

/**
 * Writes {@code ROLLUP} and {@code CUBE} that name an expression twice as the explicit
 * {@code GROUPING SETS} they stand for. SQL (and PostgreSQL and DuckDB) keep the grouping sets
 * such a list repeats, so {@code ROLLUP(a, b, a)} groups by {@code (a, b)} twice and returns those
 * rows twice; Calcite's expansion keeps each set once and would lose rows. Calcite keeps repeated
 * sets that are written out, so the rewrite only spells the expansion out.
 */
final class GroupingSets extends SqlShuttle {
  /** PostgreSQL's limits: a CUBE of at most 12 elements, at most 4096 grouping sets. */
  private static final int MAX_CUBE = 12;
  private static final long MAX_SETS = 4096;
  private static final GroupingSets INSTANCE = new GroupingSets();

  private GroupingSets() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public SqlNode visit(SqlCall call) {
    if (call instanceof org.apache.calcite.sql.SqlSelect select && select.getGroup() != null) {
      long sets = 1;
      for (SqlNode item : select.getGroup()) {
        sets = Math.min(Long.MAX_VALUE / 8192, sets * groupingSets(item));
      }
      if (sets > MAX_SETS) {
        throw FloeException.of(ErrorCode.STATEMENT_TOO_COMPLEX,
            "too many grouping sets present (maximum %d)", MAX_SETS);
      }
    }
    SqlKind kind = call.getKind();
    if ((kind == SqlKind.ROLLUP || kind == SqlKind.CUBE) && repeats(call.getOperandList())) {
      List<SqlNode> items = call.getOperandList();
      List<SqlNode> sets = new ArrayList<>();
      if (kind == SqlKind.ROLLUP) {
        for (int n = items.size(); n >= 0; n--) {
          sets.add(set(items.subList(0, n), call.getParserPosition()));
        }
      } else {
        int count = items.size();
        for (int mask = (1 << count) - 1; mask >= 0; mask--) {
          List<SqlNode> chosen = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            if ((mask & (1 << (count - 1 - i))) != 0) {
              chosen.add(items.get(i));
            }
          }
          sets.add(set(chosen, call.getParserPosition()));
        }
      }
      return SqlStdOperatorTable.GROUPING_SETS.createCall(call.getParserPosition(), sets);
    }
    return super.visit(call);
  }

  /**
   * How many grouping sets a GROUP BY item makes, as PostgreSQL counts them before it refuses more
   * than 4096 (a CUBE of more than 12 elements is refused first, as there).
   */
  private static long groupingSets(SqlNode item) {
    if (!(item instanceof SqlCall call)) {
      return 1;
    }
    switch (call.getKind()) {
      case CUBE:
        if (call.operandCount() > MAX_CUBE) {
          throw FloeException.of(ErrorCode.TOO_MANY_COLUMNS, "CUBE is limited to %d elements", MAX_CUBE);
        }
        return 1L << call.operandCount();
      case ROLLUP:
        return call.operandCount() + 1L;
      case GROUPING_SETS:
        long sum = 0;
        for (SqlNode operand : call.getOperandList()) {
          sum = Math.min(Long.MAX_VALUE / 8192, sum + groupingSets(operand));
        }
        return sum;
      default:
        return 1;
    }
  }

  private static SqlNode set(List<SqlNode> items, SqlParserPos pos) {
    if (items.isEmpty()) {
      return new SqlNodeList(pos);
    }
    return SqlStdOperatorTable.ROW.createCall(pos, items);
  }

  private static boolean repeats(List<SqlNode> items) {
    for (int i = 0; i < items.size(); i++) {
      for (int j = i + 1; j < items.size(); j++) {
        if (items.get(i).equalsDeep(items.get(j), Litmus.IGNORE)) {
          return true;
        }
      }
    }
    return false;
  }
}

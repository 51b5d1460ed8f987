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
  /** DuckDB's limit is 65,535 grouping sets; a cube of 15 makes 32,768. */
  private static final int MAX_CUBE = 15;
  private static final GroupingSets INSTANCE = new GroupingSets();

  private GroupingSets() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public SqlNode visit(SqlCall call) {
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
        if (count > MAX_CUBE) {
          throw FloeException.of(ErrorCode.INVALID_SQL,
              "CUBE of %d expressions makes more grouping sets than the %d allowed", count,
              (1 << MAX_CUBE) - 1);
        }
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

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A non-deterministic expression ({@code random()}) has one value per row where the query
 * computes it, as in PostgreSQL and DuckDB: {@code SELECT r FROM (SELECT random() AS r FROM t) x
 * WHERE r < 0.1} keeps the rows whose {@code r} is below 0.1. Calcite's rules that push a filter
 * below a projection or merge two projections write the expression again in each place that reads
 * its column, and each copy draws a value of its own. These rules leave such a projection alone,
 * and so does the converter's own merging of projections in a statement with such a call.
 *
 * <p>A WITH query is computed once in PostgreSQL where it is read more than once; Calcite writes it
 * out at each place that reads it. With a non-deterministic call inside, each copy would draw its
 * own values, so such a statement is refused. So is a statement whose plan, or the SQL sent to
 * DuckDB, still calls such a function more often than the statement does (a column of a random
 * value read twice, {@code SELECT r, r FROM (SELECT random() AS r ...)}): Calcite's own merging of
 * projections, and its SQL writer's, cannot all be told not to copy.
 */
final class VolatileExpressions {
  private VolatileExpressions() {}

  /** Merges projections unless a non-deterministic column of the lower one is read twice. */
  static final ProjectMergeRule PROJECT_MERGE = new ProjectMergeRule(ProjectMergeRule.Config.DEFAULT
      .withDescription("VolatileExpressions:ProjectMerge").as(ProjectMergeRule.Config.class)) {
    @Override public boolean matches(RelOptRuleCall call) {
      Project top = call.rel(0);
      Project bottom = call.rel(1);
      int[] reads = reads(top.getProjects(), bottom.getRowType().getFieldCount());
      for (int i = 0; i < reads.length; i++) {
        if (reads[i] > 1 && !RexUtil.isDeterministic(bottom.getProjects().get(i))) {
          return false;
        }
      }
      return super.matches(call);
    }
  };

  /** Pushes a filter below a projection unless it reads a non-deterministic column of it. */
  static final FilterProjectTransposeRule FILTER_PROJECT_TRANSPOSE =
      new FilterProjectTransposeRule(FilterProjectTransposeRule.Config.DEFAULT
          .withDescription("VolatileExpressions:FilterProjectTranspose")
          .as(FilterProjectTransposeRule.Config.class)) {
        @Override public boolean matches(RelOptRuleCall call) {
          Filter filter = call.rel(0);
          Project project = call.rel(1);
          int[] reads = reads(List.of(filter.getCondition()), project.getRowType().getFieldCount());
          for (int i = 0; i < reads.length; i++) {
            if (reads[i] > 0 && !RexUtil.isDeterministic(project.getProjects().get(i))) {
              return false;
            }
          }
          return super.matches(call);
        }
      };

  /** Whether a validated statement calls a non-deterministic function. */
  static boolean present(SqlNode statement) {
    try {
      statement.accept(new SqlBasicVisitor<Void>() {
        @Override public Void visit(SqlCall call) {
          if (!call.getOperator().isDeterministic()) {
            throw org.apache.calcite.util.Util.FoundOne.NULL;
          }
          return super.visit(call);
        }
      });
      return false;
    } catch (org.apache.calcite.util.Util.FoundOne found) {
      return true;
    }
  }

  /**
   * Refuses a WITH query with a non-deterministic call that the statement reads more than once.
   *
   * @throws FloeException 0A000
   */
  static void checkWithQueries(SqlNode statement) {
    statement.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlWith with) {
          for (SqlNode node : with.withList) {
            SqlWithItem item = (SqlWithItem) node;
            String name = item.name.getSimple();
            if (present(item.query) && reads(with, name) > 1) {
              throw FloeException.of(ErrorCode.NOT_SUPPORTED, "WITH query \"%s\" calls a "
                  + "non-deterministic function and is read more than once, which is not supported: "
                  + "each read would compute its own values", name);
            }
          }
        }
        return super.visit(call);
      }
    });
  }

  /** How many FROM items of a WITH statement name {@code name}. */
  private static int reads(SqlWith with, String name) {
    int[] count = {0};
    with.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          countFromItems(select.getFrom(), name, count);
        }
        return super.visit(call);
      }
    });
    return count[0];
  }

  private static void countFromItems(SqlNode from, String name, int[] count) {
    if (from instanceof SqlJoin join) {
      countFromItems(join.getLeft(), name, count);
      countFromItems(join.getRight(), name, count);
    } else if (from instanceof SqlCall call && call.getKind() == SqlKind.AS) {
      countFromItems(call.operand(0), name, count);
    } else if (from instanceof SqlIdentifier id && id.isSimple()
        && id.getSimple().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
      count[0]++;
    }
  }

  /**
   * Refuses a plan that calls a non-deterministic function more often than the statement as
   * converted does, or whose DuckDB SQL does.
   *
   * @throws FloeException 0A000
   */
  static void refuseCopies(RelNode converted, RelNode plan, @Nullable String duckDbSql) {
    Map<String, Integer> written = calls(converted);
    if (written.isEmpty()) {
      return;
    }
    Map<String, Integer> planned = calls(plan);
    for (Map.Entry<String, Integer> e : written.entrySet()) {
      int sent = duckDbSql == null ? 0 : (int) Pattern.compile("\\b" + Pattern.quote(e.getKey())
          + "\\s*\\(", Pattern.CASE_INSENSITIVE).matcher(duckDbSql).results().count();
      if (planned.getOrDefault(e.getKey(), 0) > e.getValue() || sent > e.getValue()) {
        throw FloeException.of(ErrorCode.NOT_SUPPORTED, "a value of %s() read in more than one "
            + "place is not supported here: each place would compute its own value",
            e.getKey().toLowerCase(Locale.ROOT));
      }
    }
  }

  /** How many calls of each non-deterministic function a plan has, by name. */
  private static Map<String, Integer> calls(RelNode rel) {
    Map<String, Integer> counts = new TreeMap<>();
    RexShuttle counter = new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (!call.getOperator().isDeterministic()) {
          counts.merge(call.getOperator().getName().toUpperCase(Locale.ROOT), 1, Integer::sum);
        }
        return super.visitCall(call);
      }

      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        countIn(subQuery.rel, this);
        return super.visitSubQuery(subQuery);
      }
    };
    countIn(rel, counter);
    return counts;
  }

  private static void countIn(RelNode rel, RexShuttle counter) {
    rel.accept(new RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        other.accept(counter);
        return super.visit(other);
      }
    });
  }

  /** How many times the expressions read each input field. */
  private static int[] reads(List<RexNode> expressions, int fieldCount) {
    int[] counts = new int[fieldCount];
    RexVisitorImpl<Void> counter = new RexVisitorImpl<>(true) {
      @Override public Void visitInputRef(RexInputRef ref) {
        if (ref.getIndex() < counts.length) {
          counts[ref.getIndex()]++;
        }
        return null;
      }
    };
    expressions.forEach(e -> e.accept(counter));
    return counts;
  }
}

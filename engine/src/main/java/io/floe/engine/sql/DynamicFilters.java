package io.floe.engine.sql;

import io.floe.engine.sql.SnowflakeBackend.RemoteInput;
import io.floe.engine.sql.SnowflakeBackend.RemoteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Dynamic filters of a federated plan: where a join matches a Snowflake statement's rows with rows
 * computed in DuckDB, only Snowflake rows whose key is among the DuckDB side's keys can join. When
 * the statement runs, the DuckDB side's distinct keys are read first; when there are at most
 * {@link #MAX_KEYS} of them, they go to Snowflake as {@code key IN (...)}, so Snowflake returns only
 * rows that can join. With more, the statement runs without the filter.
 *
 * <p>Only where dropping non-matching Snowflake rows changes no answer: an inner or semi join, the
 * inner side of an outer join, the filtered side of an anti join; never a full join.
 */
final class DynamicFilters {
  /** The most keys sent to Snowflake; beyond, its rows are fetched unfiltered. */
  static final int MAX_KEYS = 10_000;

  private DynamicFilters() {}

  /**
   * The dynamic filter of each Snowflake statement of a bound plan that has one, keyed by its
   * temporary table's name.
   */
  static Map<String, RemoteInput.KeyFilter> find(RelNode bound, JavaTypeFactory typeFactory) {
    Map<String, RemoteInput.KeyFilter> found = new LinkedHashMap<>();
    visit(bound, typeFactory, found);
    // A Snowflake statement read in two places (a self-join, a union) is fetched once: a filter
    // that suits one reader would drop rows the other needs.
    Map<String, Integer> reads = new java.util.HashMap<>();
    countReads(bound, reads);
    found.keySet().removeIf(table -> reads.getOrDefault(table, 0) > 1);
    return found;
  }

  private static void countReads(RelNode rel, Map<String, Integer> reads) {
    if (rel instanceof RemoteTable t) {
      reads.merge(t.input.tableName(), 1, Integer::sum);
    }
    rel.getInputs().forEach(input -> countReads(input, reads));
  }

  private static void visit(RelNode rel, JavaTypeFactory typeFactory,
      Map<String, RemoteInput.KeyFilter> found) {
    if (rel instanceof Join join) {
      for (int side = 0; side < 2; side++) {
        if (filterable(join.getJoinType(), side)) {
          consider(join, side, typeFactory, found);
        }
      }
    }
    rel.getInputs().forEach(input -> visit(input, typeFactory, found));
  }

  /** Whether dropping rows of input {@code side} that match nothing changes a join's answer. */
  private static boolean filterable(JoinRelType type, int side) {
    return switch (type) {
      case INNER, SEMI -> true;
      case LEFT, ANTI -> side == 1;
      case RIGHT -> side == 0;
      default -> false;
    };
  }

  private static void consider(Join join, int side, JavaTypeFactory typeFactory,
      Map<String, RemoteInput.KeyFilter> found) {
    RelNode remoteSide = join.getInput(side);
    RelNode duckSide = join.getInput(1 - side);
    if (SnowflakeBackend.readsRemote(duckSide)) {
      return; // the keys must come from DuckDB alone
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    int remoteOffset = side == 0 ? 0 : leftCount;
    int remoteCount = remoteSide.getRowType().getFieldCount();
    int duckOffset = side == 0 ? leftCount : 0;
    ImmutableBitSet remoteFields = ImmutableBitSet.range(remoteOffset, remoteOffset + remoteCount);
    ImmutableBitSet duckFields = ImmutableBitSet.range(duckOffset,
        duckOffset + duckSide.getRowType().getFieldCount());
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (conjunct.getKind() != SqlKind.EQUALS) {
        continue;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      for (int i = 0; i < 2; i++) {
        RexNode remoteKey = operands.get(i);
        RexNode duckKey = operands.get(1 - i);
        if (!(remoteKey instanceof RexInputRef ref) || !remoteFields.get(ref.getIndex())
            || !duckFields.contains(RelOptUtil.InputFinder.bits(duckKey))
            || !RexUtil.isDeterministic(duckKey)) {
          continue;
        }
        Origin origin = origin(remoteSide, ref.getIndex() - remoteOffset);
        if (origin == null || found.containsKey(origin.table.input.tableName())) {
          continue;
        }
        RelBuilder builder = RelFactories.LOGICAL_BUILDER.create(join.getCluster(), null);
        // Null keys join nothing; left out here, they do not count against MAX_KEYS either.
        RelNode keys = builder.push(duckSide)
            .project(RexUtil.shift(duckKey, -duckOffset))
            .filter(builder.isNotNull(builder.field(0)))
            .distinct()
            .build();
        SqlString sql = QueryPlanner.duckDbSqlOf(keys, typeFactory);
        RemoteInput input = origin.table.input;
        found.put(input.tableName(), new RemoteInput.KeyFilter(
            input.columnNames().get(origin.field), sql.getSql(),
            sql.getDynamicParameters() == null ? List.of() : sql.getDynamicParameters()));
        return;
      }
    }
  }

  /** The Snowflake statement's column that a field of the remote side is, unchanged. */
  private record Origin(RemoteTable table, int field) {}

  private static Origin origin(RelNode rel, int field) {
    if (rel instanceof RemoteTable t) {
      return new Origin(t, field);
    }
    if (rel instanceof Filter f) {
      return origin(f.getInput(), field);
    }
    if (rel instanceof Project p && p.getProjects().get(field) instanceof RexInputRef ref) {
      return origin(p.getInput(), ref.getIndex());
    }
    return null;
  }
}

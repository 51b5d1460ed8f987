package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.CatalogTypedJdbcTable;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Partial aggregates below a cross-source join: an aggregate over an inner join of Snowflake rows
 * with DuckDB rows is split, so that Snowflake first groups its side by the columns the join and
 * the grouping use, and only those groups travel. {@code COUNT(*)} becomes a count per group
 * summed above the join; {@code COUNT}, {@code SUM}, {@code MIN} and {@code MAX} of Snowflake
 * columns are computed per group and combined above. Any other aggregate (of a DuckDB column, a
 * {@code DISTINCT} one, one with a filter) leaves the plan as it is.
 *
 * <p>Calcite's own {@code AggregateJoinTransposeRule} does the same more generally, but derives the
 * combined aggregates' types itself, and Floe's types (a sum of counts is {@code NUMERIC}, as in
 * PostgreSQL) fail its checks; here each combined aggregate is cast back to the type it had.
 */
final class RemotePartialAggregates extends RelOptRule {
  static final RemotePartialAggregates INSTANCE = new RemotePartialAggregates();

  private RemotePartialAggregates() {
    super(operand(LogicalAggregate.class, operand(LogicalJoin.class, any())),
        "FloeRemotePartialAggregates");
  }

  @Override public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    LogicalJoin join = call.rel(1);
    if (join.getJoinType() != JoinRelType.INNER
        || aggregate.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
      return;
    }
    for (int side = 0; side < 2; side++) {
      Set<Convention> remote = new HashSet<>();
      Set<Convention> other = new HashSet<>();
      if (sources(join.getInput(side), remote) && remote.size() == 1
          && remote.stream().allMatch(SnowflakeBackend::isSnowflake)
          && sources(join.getInput(1 - side), other) && other.stream().noneMatch(
              SnowflakeBackend::isSnowflake)) {
        RelNode split = split(aggregate, join, side, call.builder());
        if (split != null) {
          call.transformTo(split);
          return;
        }
      }
    }
  }

  /**
   * Adds the conventions of the tables a plan reads to {@code found}; false when it reads no
   * table (values only).
   */
  private static boolean sources(RelNode rel, Set<Convention> found) {
    if (rel instanceof RelSubset subset) {
      RelNode original = subset.getOriginal();
      return original != null && sources(original, found);
    }
    if (rel instanceof TableScan scan) {
      CatalogTypedJdbcTable table = scan.getTable().unwrap(CatalogTypedJdbcTable.class);
      if (table == null) {
        return false;
      }
      found.add(table.convention());
      return true;
    }
    boolean any = false;
    for (RelNode input : rel.getInputs()) {
      any |= sources(input, found);
    }
    return any;
  }

  private static RelNode split(LogicalAggregate aggregate, LogicalJoin join, int side,
      RelBuilder b) {
    int leftCount = join.getLeft().getRowType().getFieldCount();
    RelNode remote = join.getInput(side);
    int remoteOffset = side == 0 ? 0 : leftCount;
    int remoteCount = remote.getRowType().getFieldCount();
    ImmutableBitSet remoteFields = ImmutableBitSet.range(remoteOffset, remoteOffset + remoteCount);
    for (AggregateCall c : aggregate.getAggCallList()) {
      SqlKind kind = c.getAggregation().getKind();
      boolean remoteArgs = c.getArgList().stream().allMatch(remoteFields::get);
      if (c.isDistinct() || c.filterArg >= 0 || !c.collation.getFieldCollations().isEmpty()
          || !remoteArgs || c.getArgList().size() > 1
          || !(kind == SqlKind.COUNT || kind == SqlKind.SUM || kind == SqlKind.SUM0
              || kind == SqlKind.MIN || kind == SqlKind.MAX)
          || kind != SqlKind.COUNT && c.getArgList().isEmpty()) {
        return null;
      }
    }
    // The remote side's columns the join or the grouping reads: the partial aggregate's keys.
    ImmutableBitSet used = RelOptUtil.InputFinder.bits(join.getCondition())
        .union(aggregate.getGroupSet()).intersect(remoteFields);
    List<Integer> keys = new ArrayList<>();
    used.forEach(f -> keys.add(f - remoteOffset));
    if (keys.isEmpty()) {
      // Grouped by nothing, the partial aggregate would give one row even for no Snowflake row.
      return null;
    }

    b.push(remote);
    List<RelBuilder.AggCall> partialCalls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      SqlKind kind = c.getAggregation().getKind();
      RexNode arg = c.getArgList().isEmpty() ? null : b.field(c.getArgList().get(0) - remoteOffset);
      String name = (kind == SqlKind.SUM0 ? "SUM" : kind.name()) + "_" + (arg == null ? "ALL"
          : remote.getRowType().getFieldNames().get(c.getArgList().get(0) - remoteOffset));
      partialCalls.add(switch (kind) {
        case COUNT -> arg == null ? b.count().as(name) : b.count(false, name, arg);
        case MIN -> b.min(name, arg);
        case MAX -> b.max(name, arg);
        default -> b.sum(false, name, arg);
      });
    }
    b.aggregate(b.groupKey(ImmutableBitSet.of(keys)), partialCalls);
    RelNode partial = b.build();
    int partialWidth = partial.getRowType().getFieldCount();
    int newRemoteOffset = side == 0 ? 0 : leftCount;
    int shift = side == 0 ? partialWidth - remoteCount : 0; // of the other side's fields
    int[] map = new int[join.getRowType().getFieldCount()];
    for (int f = 0; f < map.length; f++) {
      map[f] = remoteFields.get(f) ? (used.get(f) ? newRemoteOffset + keys.indexOf(f - remoteOffset) : -1)
          : f + shift;
    }
    RexNode condition = join.getCondition().accept(new RexShuttle() {
      @Override public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(map[ref.getIndex()], ref.getType());
      }
    });
    b.push(side == 0 ? partial : join.getLeft()).push(side == 0 ? join.getRight() : partial)
        .join(JoinRelType.INNER, condition);

    List<RelBuilder.AggCall> combined = new ArrayList<>();
    List<AggregateCall> calls = aggregate.getAggCallList();
    for (int j = 0; j < calls.size(); j++) {
      RexNode partialValue = b.field(newRemoteOffset + keys.size() + j);
      SqlKind kind = calls.get(j).getAggregation().getKind();
      combined.add(kind == SqlKind.MIN ? b.min(partialValue)
          : kind == SqlKind.MAX ? b.max(partialValue) : b.sum(partialValue));
    }
    List<Integer> groupKeys = new ArrayList<>();
    aggregate.getGroupSet().forEach(k -> groupKeys.add(map[k]));
    b.aggregate(b.groupKey(ImmutableBitSet.of(groupKeys)), combined);

    // Back to the aggregate's own fields and types: group keys in its order, each combined value
    // cast to its aggregate's type, a count of nothing 0.
    RexBuilder rex = b.getRexBuilder();
    List<Integer> sortedKeys = new ArrayList<>(ImmutableBitSet.of(groupKeys).asList());
    List<RexNode> fields = new ArrayList<>();
    for (int k : aggregate.getGroupSet()) {
      fields.add(b.field(sortedKeys.indexOf(map[k])));
    }
    for (int j = 0; j < calls.size(); j++) {
      AggregateCall c = calls.get(j);
      RexNode value = b.field(groupKeys.size() + j);
      if (c.getAggregation().getKind() == SqlKind.COUNT) {
        value = rex.makeCall(SqlStdOperatorTable.COALESCE, value,
            rex.makeZeroLiteral(value.getType()));
      }
      fields.add(rex.makeAbstractCast(c.getType(), value, false));
    }
    b.project(fields, aggregate.getRowType().getFieldNames(), true);
    return b.build();
  }
}

package io.floe.engine.sql;

import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.util.ImmutableBitSet;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's convention: Calcite's JDBC rules, with a filter that keeps its correlation variables.
 * Calcite's own JDBC filter drops them, so a filter with a correlated sub-query (TPC-H Q4's
 * {@code EXISTS}, Q17's scalar {@code AVG}) cannot be written back as SQL; with them kept, such a
 * query goes to DuckDB as written and DuckDB's optimizer decorrelates it, which it does better than
 * Calcite's rewrite into joins over aggregates.
 */
final class FloeJdbcConvention extends JdbcConvention {
  FloeJdbcConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
  }

  @Override public void register(RelOptPlanner planner) {
    super.register(planner);
    for (RelOptRule rule : List.copyOf(planner.getRules())) {
      if ((rule instanceof JdbcRules.JdbcFilterRule || rule instanceof JdbcRules.JdbcJoinRule)
          && ((ConverterRule) rule).getOutConvention() == this) {
        planner.removeRule(rule);
      }
    }
    planner.addRule(CorrelatedFilterRule.create(this));
    planner.addRule(CorrelatedProjectRule.create(this));
    planner.addRule(AnyConditionJoinRule.create(this));
    planner.addRule(GroupingSetsRule.create(this));
    RecursiveQueryRules.register(planner, this);
    planner.addRule(LateralJoinRule.create(this));
  }

  /**
   * Converts a correlate of the inner or left kind (a {@code LATERAL} derived table) into a
   * {@link JdbcLateralJoin}, which DuckDB runs as written. Without it, only Calcite's rewrite of
   * the correlation into joins could run the statement, and it fails on a lateral table that holds
   * sub-queries of its own.
   */
  static final class LateralJoinRule extends ConverterRule {
    static LateralJoinRule create(FloeJdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Correlate.class,
              c -> (c.getJoinType() == JoinRelType.INNER || c.getJoinType() == JoinRelType.LEFT)
                  && !holdsRecursion(c.getRight()),
              Convention.NONE, out, "FloeJdbcLateralJoinRule")
          .withRuleFactory(LateralJoinRule::new)
          .toRule(LateralJoinRule.class);
    }

    LateralJoinRule(Config config) {
      super(config);
    }

    /**
     * Whether a lateral table holds a recursive query: one correlated to the row before it is
     * Calcite's to run ({@link RecursiveQueryRules}).
     */
    private static boolean holdsRecursion(RelNode rel) {
      RelNode node = rel instanceof org.apache.calcite.plan.volcano.RelSubset s ? s.getOriginal() : rel;
      if (node == null) {
        return false;
      }
      if (node instanceof org.apache.calcite.rel.core.RepeatUnion) {
        return true;
      }
      return node.getInputs().stream().anyMatch(LateralJoinRule::holdsRecursion);
    }

    @Override public RelNode convert(RelNode rel) {
      Correlate correlate = (Correlate) rel;
      List<RelNode> inputs = new java.util.ArrayList<>();
      for (RelNode input : correlate.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(getOutConvention())));
      }
      return new JdbcLateralJoin(rel.getCluster(), rel.getTraitSet().replace(getOutConvention()),
          inputs.get(0), inputs.get(1), correlate.getCorrelationId(),
          correlate.getRequiredColumns(), correlate.getJoinType());
    }
  }

  /**
   * A correlate that DuckDB runs: its right input is a {@code LATERAL} derived table that reads
   * the left input's columns through the correlation variable ({@link FloeSqlImplementor}).
   */
  static final class JdbcLateralJoin extends Correlate implements JdbcRel {
    JdbcLateralJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
        CorrelationId correlationId, ImmutableBitSet requiredColumns, JoinRelType joinType) {
      super(cluster, traits, left, right, correlationId, requiredColumns, joinType);
    }

    @Override public JdbcLateralJoin copy(RelTraitSet traitSet, RelNode left, RelNode right,
        CorrelationId correlationId, ImmutableBitSet requiredColumns, JoinRelType joinType) {
      return new JdbcLateralJoin(getCluster(), traitSet, left, right, correlationId,
          requiredColumns, joinType);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /**
   * Converts a join on any condition DuckDB can evaluate. Calcite's own JDBC join rule takes only
   * comparisons of columns, which leaves a join on {@code a.x + 1 <> b.y} to Calcite's nested-loop
   * join (whose FULL join loses unmatched rows that are equal to each other) and reads both tables
   * whole.
   */
  static final class AnyConditionJoinRule extends ConverterRule {
    static AnyConditionJoinRule create(FloeJdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Join.class,
              j -> j.getJoinType() != JoinRelType.SEMI && j.getJoinType() != JoinRelType.ANTI
                  && !CorrelatedFilterRule.callsUserDefinedFunction(j.getCondition()),
              Convention.NONE, out, "FloeJdbcJoinRule")
          .withRuleFactory(AnyConditionJoinRule::new)
          .toRule(AnyConditionJoinRule.class);
    }

    AnyConditionJoinRule(Config config) {
      super(config);
    }

    @Override public boolean matches(org.apache.calcite.plan.RelOptRuleCall call) {
      Join join = call.rel(0);
      return ((JdbcConvention) getOutConvention()).dialect.supportsJoinType(join.getJoinType());
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      Join join = (Join) rel;
      List<RelNode> inputs = new java.util.ArrayList<>();
      for (RelNode input : join.getInputs()) {
        inputs.add(convert(input, input.getTraitSet().replace(getOutConvention())));
      }
      try {
        return new JdbcRules.JdbcJoin(join.getCluster(), join.getTraitSet().replace(getOutConvention()),
            inputs.get(0), inputs.get(1), join.getCondition(), join.getVariablesSet(),
            join.getJoinType());
      } catch (org.apache.calcite.rel.InvalidRelException e) {
        return null;
      }
    }
  }

  /**
   * Converts an aggregate over several grouping sets (ROLLUP, CUBE, GROUPING SETS), which
   * Calcite's JDBC rule leaves to Calcite (CALCITE-734): DuckDB runs them, and the unparser writes
   * them as {@code GROUP BY GROUPING SETS (...)}, {@code ROLLUP (...)} or {@code CUBE (...)}.
   */
  static final class GroupingSetsRule extends ConverterRule {
    static GroupingSetsRule create(FloeJdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Aggregate.class, a -> a.getGroupSets().size() > 1,
              Convention.NONE, out, "FloeJdbcGroupingSetsRule")
          .withRuleFactory(GroupingSetsRule::new)
          .toRule(GroupingSetsRule.class);
    }

    GroupingSetsRule(Config config) {
      super(config);
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      Aggregate agg = (Aggregate) rel;
      SqlDialect dialect = ((JdbcConvention) getOutConvention()).dialect;
      for (AggregateCall call : agg.getAggCallList()) {
        if (!dialect.supportsAggregateFunction(call.getAggregation().getKind())
            || call.distinctKeys != null) {
          return null;
        }
      }
      return new GroupingSetsJdbcAggregate(rel.getCluster(),
          rel.getTraitSet().replace(getOutConvention()),
          convert(agg.getInput(), agg.getInput().getTraitSet().replace(getOutConvention())),
          agg.getGroupSet(), agg.getGroupSets(), agg.getAggCallList());
    }
  }

  /** An aggregate over several grouping sets, written back as SQL like any JDBC aggregate. */
  static final class GroupingSetsJdbcAggregate extends Aggregate implements JdbcRel {
    GroupingSetsJdbcAggregate(RelOptCluster cluster, RelTraitSet traits, RelNode input,
        ImmutableBitSet groupSet, @Nullable List<ImmutableBitSet> groupSets,
        List<AggregateCall> aggCalls) {
      super(cluster, traits, List.of(), input, groupSet, groupSets, aggCalls);
    }

    @Override public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet,
        @Nullable List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
      return new GroupingSetsJdbcAggregate(getCluster(), traitSet, input, groupSet, groupSets,
          aggCalls);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /** Converts any filter, keeping its variables. */
  static final class CorrelatedFilterRule extends ConverterRule {
    static CorrelatedFilterRule create(FloeJdbcConvention out) {
      return Config.INSTANCE
          .withConversion(Filter.class, f -> !callsUserDefinedFunction(f.getCondition()),
              Convention.NONE, out, "FloeJdbcFilterRule")
          .withRuleFactory(CorrelatedFilterRule::new)
          .toRule(CorrelatedFilterRule.class);
    }

    CorrelatedFilterRule(Config config) {
      super(config);
    }

    /** A function only Calcite can run (as Calcite's own JDBC filter rule refuses). */
    private static boolean callsUserDefinedFunction(RexNode condition) {
      try {
        condition.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
          @Override public Void visitCall(org.apache.calcite.rex.RexCall call) {
            if (call.getOperator() instanceof org.apache.calcite.sql.validate.SqlUserDefinedFunction) {
              throw org.apache.calcite.util.Util.FoundOne.NULL;
            }
            return super.visitCall(call);
          }
        });
        return false;
      } catch (org.apache.calcite.util.Util.FoundOne found) {
        return true;
      }
    }

    @Override public RelNode convert(RelNode rel) {
      Filter filter = (Filter) rel;
      RelTraitSet traits = rel.getTraitSet().replace(getOutConvention());
      return new CorrelatedJdbcFilter(rel.getCluster(), traits,
          convert(filter.getInput(), filter.getInput().getTraitSet().replace(getOutConvention())),
          filter.getCondition(), ImmutableSet.copyOf(filter.getVariablesSet()));
    }
  }

  /**
   * Converts a projection that declares correlation variables (a correlated sub-query in a
   * select list), keeping them: Calcite's JDBC projection rule leaves such a projection out.
   */
  static final class CorrelatedProjectRule extends ConverterRule {
    static CorrelatedProjectRule create(FloeJdbcConvention out) {
      return Config.INSTANCE
          .withConversion(org.apache.calcite.rel.core.Project.class,
              p -> !p.getVariablesSet().isEmpty()
                  && p.getProjects().stream().noneMatch(CorrelatedFilterRule::callsUserDefinedFunction),
              Convention.NONE, out, "FloeJdbcCorrelatedProjectRule")
          .withRuleFactory(CorrelatedProjectRule::new)
          .toRule(CorrelatedProjectRule.class);
    }

    CorrelatedProjectRule(Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      org.apache.calcite.rel.core.Project project = (org.apache.calcite.rel.core.Project) rel;
      return new CorrelatedJdbcProject(rel.getCluster(), rel.getTraitSet().replace(getOutConvention()),
          convert(project.getInput(), project.getInput().getTraitSet().replace(getOutConvention())),
          project.getProjects(), project.getRowType(), ImmutableSet.copyOf(project.getVariablesSet()));
    }
  }

  /** A JDBC projection that reports the correlation variables its sub-queries use. */
  static final class CorrelatedJdbcProject extends JdbcRules.JdbcProject {
    private final ImmutableSet<CorrelationId> variablesSet;

    CorrelatedJdbcProject(RelOptCluster cluster, RelTraitSet traits, RelNode input,
        List<? extends RexNode> projects, org.apache.calcite.rel.type.RelDataType rowType,
        ImmutableSet<CorrelationId> variablesSet) {
      super(cluster, traits, input, projects, rowType);
      this.variablesSet = variablesSet;
    }

    @Override public Set<CorrelationId> getVariablesSet() {
      return variablesSet;
    }

    @Override public CorrelatedJdbcProject copy(RelTraitSet traitSet, RelNode input,
        List<RexNode> projects, org.apache.calcite.rel.type.RelDataType rowType) {
      return new CorrelatedJdbcProject(getCluster(), traitSet, input, projects, rowType, variablesSet);
    }
  }

  /** A JDBC filter that reports the correlation variables its condition's sub-queries use. */
  static final class CorrelatedJdbcFilter extends JdbcRules.JdbcFilter {
    private final ImmutableSet<CorrelationId> variablesSet;

    CorrelatedJdbcFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input,
        RexNode condition, ImmutableSet<CorrelationId> variablesSet) {
      super(cluster, traits, input, condition);
      this.variablesSet = variablesSet;
    }

    @Override public Set<CorrelationId> getVariablesSet() {
      return variablesSet;
    }

    @Override public CorrelatedJdbcFilter copy(RelTraitSet traitSet, RelNode input,
        RexNode condition) {
      return new CorrelatedJdbcFilter(getCluster(), traitSet, input, condition, variablesSet);
    }
  }
}

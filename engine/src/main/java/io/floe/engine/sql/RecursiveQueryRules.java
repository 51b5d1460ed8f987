package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RepeatUnion;
import org.apache.calcite.rel.core.Spool;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.TableSpool;
import org.apache.calcite.rel.logical.LogicalRepeatUnion;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalTableSpool;
import org.apache.calcite.schema.TransientTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Recursive queries in DuckDB's convention, so DuckDB runs them as written
 * ({@code WITH RECURSIVE t(...) AS (seed UNION [ALL] step) SELECT * FROM t}) instead of Calcite's
 * repeated union, which keeps every step's rows in memory, and whose sub-queries over the recursive
 * table and nested common table expressions read nothing. Calcite's plan of a recursive query is a
 * repeated union of two spools into a transient table, whose scans are the recursive table; the
 * spools are written as their inputs, the scans as the recursive table's name
 * (see {@link FloeSqlImplementor}).
 */
final class RecursiveQueryRules {
  private RecursiveQueryRules() {}

  /**
   * Adds the rules to a planner that runs nothing itself (where every plan is one DuckDB statement,
   * written by {@link FloeSqlImplementor}). Where Calcite may run parts, it writes DuckDB's parts
   * with its own implementor, which knows no recursive query: there Calcite runs it.
   */
  static void register(RelOptPlanner planner, JdbcConvention out) {
    if (planner.getRules().contains(EnumerableRules.ENUMERABLE_REPEAT_UNION_RULE)) {
      return;
    }
    planner.addRule(ConverterRule.Config.INSTANCE
        .withConversion(LogicalRepeatUnion.class, Convention.NONE, out, "FloeJdbcRepeatUnionRule")
        .withRuleFactory(RepeatUnionRule::new).toRule(RepeatUnionRule.class));
    planner.addRule(ConverterRule.Config.INSTANCE
        .withConversion(LogicalTableSpool.class, Convention.NONE, out, "FloeJdbcTableSpoolRule")
        .withRuleFactory(SpoolRule::new).toRule(SpoolRule.class));
    planner.addRule(ConverterRule.Config.INSTANCE
        .withConversion(LogicalTableScan.class,
            s -> s.getTable().unwrap(TransientTable.class) != null,
            Convention.NONE, out, "FloeJdbcTransientScanRule")
        .withRuleFactory(TransientScanRule::new).toRule(TransientScanRule.class));
  }

  /** The recursive table's name, as the plan and the DuckDB statement both call it. */
  static String name(RelOptTable table) {
    List<String> names = table.getQualifiedName();
    return names.get(names.size() - 1);
  }

  static final class RepeatUnionRule extends ConverterRule {
    RepeatUnionRule(Config config) {
      super(config);
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      RepeatUnion union = (RepeatUnion) rel;
      if (union.iterationLimit >= 0 || union.getTransientTable() == null) {
        return null;
      }
      RelTraitSet traits = rel.getTraitSet().replace(getOutConvention());
      return new JdbcRepeatUnion(rel.getCluster(), traits,
          convert(union.getSeedRel(), union.getSeedRel().getTraitSet().replace(getOutConvention())),
          convert(union.getIterativeRel(),
              union.getIterativeRel().getTraitSet().replace(getOutConvention())),
          union.all, union.getTransientTable());
    }
  }

  static final class SpoolRule extends ConverterRule {
    SpoolRule(Config config) {
      super(config);
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      TableSpool spool = (TableSpool) rel;
      return new JdbcTableSpool(rel.getCluster(), rel.getTraitSet().replace(getOutConvention()),
          convert(spool.getInput(), spool.getInput().getTraitSet().replace(getOutConvention())),
          spool.readType, spool.writeType, spool.getTable());
    }
  }

  static final class TransientScanRule extends ConverterRule {
    TransientScanRule(Config config) {
      super(config);
    }

    @Override public @Nullable RelNode convert(RelNode rel) {
      TableScan scan = (TableScan) rel;
      return new JdbcTransientScan(rel.getCluster(), rel.getTraitSet().replace(getOutConvention()),
          scan.getTable());
    }
  }

  /** A recursive query DuckDB runs; {@link FloeSqlImplementor} writes it as WITH RECURSIVE. */
  static final class JdbcRepeatUnion extends RepeatUnion implements JdbcRel {
    JdbcRepeatUnion(RelOptCluster cluster, RelTraitSet traits, RelNode seed, RelNode iterative,
        boolean all, RelOptTable table) {
      super(cluster, traits, seed, iterative, all, -1, table);
    }

    @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new JdbcRepeatUnion(getCluster(), traitSet, inputs.get(0), inputs.get(1), all,
          getTransientTable());
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /** A spool into the recursive table: in SQL, just its input. */
  static final class JdbcTableSpool extends TableSpool implements JdbcRel {
    JdbcTableSpool(RelOptCluster cluster, RelTraitSet traits, RelNode input, Type readType,
        Type writeType, RelOptTable table) {
      super(cluster, traits, input, readType, writeType, table);
    }

    @Override protected Spool copy(RelTraitSet traitSet, RelNode input, Type readType,
        Type writeType) {
      return new JdbcTableSpool(getCluster(), traitSet, input, readType, writeType, table);
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }

  /** A scan of the recursive table: in SQL, its name. */
  static final class JdbcTransientScan extends TableScan implements JdbcRel {
    JdbcTransientScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table) {
      super(cluster, traits, List.of(), table);
    }

    @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new JdbcTransientScan(getCluster(), traitSet, getTable());
    }

    @Override public JdbcImplementor.Result implement(JdbcImplementor implementor) {
      return implementor.implement(this);
    }
  }
}

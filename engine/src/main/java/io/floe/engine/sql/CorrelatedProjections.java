package io.floe.engine.sql;

import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

import java.util.function.UnaryOperator;

/**
 * The relational builder that converts statements: it never folds a projection whose expressions
 * read correlation variables into the projection below it.
 *
 * <p>Calcite's converter builds a select list (and an aggregate's input columns) over the FROM
 * clause's relation, which its builder merges with that relation when it is a projection: the
 * outer {@code j} of {@code SELECT j, (SELECT ... WHERE v > c.j) FROM (SELECT i*2 AS j ...) c}
 * becomes {@code i*2}. Where a sub-query is correlated, the converter then builds the projection
 * again, from the merged expressions, but over the unmerged input, so {@code i*2} was computed over
 * {@code j}: {@code (i*2)*2}, a wrong answer. Kept apart, both projections stay as written; the
 * planner's rules merge them later where that is sound. CALCITE-7405 fixes the converter (it
 * finds the correlation before building the projection); this class can go once Floe's Calcite
 * has that fix.
 */
final class CorrelatedProjections {
  private CorrelatedProjections() {}

  /** Builders for {@code SqlToRelConverter.Config#withRelBuilderFactory}. */
  static final RelBuilderFactory FACTORY =
      (cluster, schema) -> new Builder(Contexts.of(RelFactories.DEFAULT_STRUCT), cluster, schema);

  /** A builder that keeps a correlated projection over an input projection as two projections. */
  private static final class Builder extends RelBuilder {
    private final Context context;
    private final RelOptCluster cluster;
    private final @Nullable RelOptSchema schema;

    Builder(Context context, RelOptCluster cluster, @Nullable RelOptSchema schema) {
      super(context, cluster, schema);
      this.context = context;
      this.cluster = cluster;
      this.schema = schema;
    }

    private Config config() {
      return context.maybeUnwrap(Config.class).orElse(Config.DEFAULT);
    }

    @Override public RelBuilder transform(UnaryOperator<Config> transform) {
      return new Builder(Contexts.chain(Contexts.of(transform.apply(config())), context), cluster, schema);
    }

    @Override public RelBuilder project(Iterable<? extends RexNode> nodes,
        Iterable<? extends @Nullable String> fieldNames, boolean force,
        Iterable<CorrelationId> variablesSet) {
      if (config().bloat() < 0 || !(peek() instanceof Project) || !readsCorrelation(nodes)) {
        return super.project(nodes, fieldNames, force, variablesSet);
      }
      // A builder that merges no projections builds this one over the input as it is.
      RelNode input = build();
      RelBuilder separate = new Builder(Contexts.chain(Contexts.of(config().withBloat(-1)), context),
          cluster, schema);
      return push(separate.push(input).project(nodes, fieldNames, force, variablesSet).build());
    }
  }

  /** Whether an expression reads a correlation variable, itself or in a sub-query. */
  private static boolean readsCorrelation(Iterable<? extends RexNode> nodes) {
    RexVisitorImpl<Void> finder = new RexVisitorImpl<>(true) {
      @Override public Void visitCorrelVariable(RexCorrelVariable variable) {
        throw Util.FoundOne.NULL;
      }

      @Override public Void visitSubQuery(RexSubQuery subQuery) {
        if (!RelOptUtil.getVariablesUsed(subQuery.rel).isEmpty()) {
          throw Util.FoundOne.NULL;
        }
        return super.visitSubQuery(subQuery);
      }
    };
    try {
      for (RexNode node : nodes) {
        node.accept(finder);
      }
      return false;
    } catch (Util.FoundOne found) {
      return true;
    }
  }
}

package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.CatalogTypedJdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/** Sub-queries ({@link RexSubQuery}) kept in a plan, and the tables they read. */
final class SubQueries {
  private SubQueries() {}

  /**
   * Plans without rewriting sub-queries: only the planner's rules run, so {@code EXISTS}, {@code IN}
   * and scalar sub-queries stay in their filters and reach DuckDB as written.
   */
  static final Program AS_WRITTEN = (planner, rel, traits, materializations, lattices) -> {
    RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
    planner.setRoot(root);
    return planner.findBestExp();
  };

  /** Every sub-query in the plan, including those nested in other sub-queries. */
  static List<RexSubQuery> all(RelNode rel) {
    List<RexSubQuery> found = new ArrayList<>();
    collect(rel, found);
    return found;
  }

  private static void collect(RelNode rel, List<RexSubQuery> found) {
    rel.accept(new RexShuttle() {
      @Override public org.apache.calcite.rex.RexNode visitSubQuery(RexSubQuery subQuery) {
        found.add(subQuery);
        collect(subQuery.rel, found);
        return subQuery;
      }
    });
    for (RelNode input : rel.getInputs()) {
      collect(input, found);
    }
  }

  /**
   * Whether every correlation variable a sub-query uses is declared by the node that holds the
   * sub-query. Planner rules that move a condition can drop the declaration; Calcite's SQL writer
   * then has no alias for the variable and writes a parameter marker in its place.
   */
  static boolean correlationsDeclared(RelNode rel) {
    return correlationsDeclared(rel, java.util.Set.of());
  }

  /** As above, where {@code inScope} are the variables that sub-queries around {@code rel} declare. */
  private static boolean correlationsDeclared(RelNode rel,
      java.util.Set<org.apache.calcite.rel.core.CorrelationId> inScope) {
    java.util.Set<org.apache.calcite.rel.core.CorrelationId> visible = new java.util.HashSet<>(inScope);
    visible.addAll(rel.getVariablesSet());
    boolean[] ok = {true};
    rel.accept(new RexShuttle() {
      @Override public org.apache.calcite.rex.RexNode visitSubQuery(RexSubQuery subQuery) {
        if (!visible.containsAll(RelOptUtil.getVariablesUsed(subQuery.rel))
            || !correlationsDeclared(subQuery.rel, visible)) {
          ok[0] = false;
        }
        return subQuery;
      }
    });
    if (!ok[0]) {
      return false;
    }
    for (int i = 0; i < rel.getInputs().size(); i++) {
      java.util.Set<org.apache.calcite.rel.core.CorrelationId> forInput = inScope;
      if (i == 1 && rel instanceof org.apache.calcite.rel.core.Correlate c) {
        // A lateral table reads the columns of the tables before it.
        forInput = new java.util.HashSet<>(inScope);
        forInput.add(c.getCorrelationId());
      }
      if (!correlationsDeclared(rel.getInput(i), forInput)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The plan with each uncorrelated {@code EXISTS (q)} written as {@code (SELECT true FROM q LIMIT
   * 1) IS NOT NULL}, when a correlated sub-query is also there: Calcite's rewrite of the two
   * together drops the EXISTS (or makes NOT EXISTS empty the whole result), while it rewrites an
   * uncorrelated scalar sub-query correctly. Other plans come back as they are.
   */
  static RelNode uncorrelatedExistsAsScalar(RelNode rel) {
    List<RexSubQuery> subQueries = all(rel);
    boolean anyCorrelated = subQueries.stream()
        .anyMatch(q -> !RelOptUtil.getVariablesUsed(q.rel).isEmpty());
    if (!anyCorrelated || subQueries.stream().noneMatch(SubQueries::isUncorrelatedExists)) {
      return rel;
    }
    return rewriteExists(rel);
  }

  private static boolean isUncorrelatedExists(RexSubQuery q) {
    return q.getKind() == SqlKind.EXISTS && RelOptUtil.getVariablesUsed(q.rel).isEmpty();
  }

  private static RelNode rewriteExists(RelNode rel) {
    return rel.accept(new org.apache.calcite.rel.RelHomogeneousShuttle() {
      @Override public RelNode visit(RelNode other) {
        return super.visit(other).accept(new RexShuttle() {
          @Override public org.apache.calcite.rex.RexNode visitSubQuery(RexSubQuery q) {
            RelNode inner = rewriteExists(q.rel);
            if (!isUncorrelatedExists(q)) {
              return inner == q.rel ? q : q.clone(inner);
            }
            org.apache.calcite.tools.RelBuilder b = org.apache.calcite.rel.core.RelFactories
                .LOGICAL_BUILDER.create(inner.getCluster(), null);
            RelNode one = b.push(inner).project(b.literal(true)).limit(0, 1).build();
            return inner.getCluster().getRexBuilder().makeCall(
                org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NOT_NULL, RexSubQuery.scalar(one));
          }
        });
      }
    });
  }

  /**
   * Why Calcite cannot rewrite the plan's sub-queries into joins correctly, or null. Its rewrite
   * (decorrelation) answers wrongly for a correlated sub-query holding a window function or
   * grouping sets (it moves the correlation filter past them), for a row compared with
   * {@code ANY}/{@code ALL} (it compares the first field only), and for a NULL tested against a
   * correlated {@code IN} (it folds the test to NULL, also when the sub-query is empty). Such a
   * statement is refused rather than answered wrongly; over DuckDB tables it goes to DuckDB as
   * written and gets here only when DuckDB does not prepare the written statement.
   */
  static String unsupportedRewrite(RelNode rel) {
    List<RexSubQuery> subQueries = all(rel);
    boolean anyCorrelated = subQueries.stream()
        .anyMatch(q -> !RelOptUtil.getVariablesUsed(q.rel).isEmpty());
    if (anyCorrelated && subQueries.stream().anyMatch(q -> q.getKind() == SqlKind.EXISTS
        && RelOptUtil.getVariablesUsed(q.rel).isEmpty())) {
      // Calcite's rewrite drops the EXISTS (or makes NOT EXISTS empty the whole result).
      return "an uncorrelated EXISTS beside a correlated sub-query";
    }
    java.util.Set<RexSubQuery> safe = whereNullIsFalse(rel);
    for (RexSubQuery q : subQueries) {
      boolean correlated = !RelOptUtil.getVariablesUsed(q.rel).isEmpty();
      if ((q.getKind() == SqlKind.SOME || q.getKind() == SqlKind.ALL) && q.getOperands().size() > 1) {
        return "comparing a row of values with ANY, SOME or ALL of a sub-query";
      }
      boolean in = q.getKind() == SqlKind.IN || q.getKind() == SqlKind.NOT_IN;
      boolean nullableOperand = q.getOperands().stream().anyMatch(n -> n.getType().isNullable());
      if (in && !safe.contains(q) && q.getOperands().size() > 1 && (nullableOperand
          || q.rel.getRowType().getFieldList().stream().anyMatch(f -> f.getType().isNullable()))) {
        // Calcite's rewrite answers NULL for (3, NULL) IN ((1, 5)), where the first columns
        // already differ and the answer is false.
        return "a row of values that may be NULL tested with IN against a sub-query, where NULL "
            + "and false differ";
      }
      if (in && !safe.contains(q) && correlated && nullableOperand) {
        // Calcite's rewrite answers NULL for NULL IN (a correlated sub-query that is empty for
        // the row), where the answer is false.
        return "a value that may be NULL tested with IN against a correlated sub-query, where NULL "
            + "and false differ";
      }
      if (correlated && (q.getKind() == SqlKind.IN || q.getKind() == SqlKind.NOT_IN)
          && q.getOperands().stream().anyMatch(n -> RexUtil.isNullLiteral(n, true))) {
        return "testing NULL against a correlated IN sub-query";
      }
      if (correlated && reachesPastEnclosingSubQuery(q)) {
        return "a sub-query nested in another sub-query that uses a column of the query around "
            + "both";
      }
      if (correlated && (containsWindow(q.rel) || containsGroupingSets(q.rel))) {
        return "a correlated sub-query with a window function or GROUPING SETS, ROLLUP or CUBE";
      }
      if (correlated && containsOrderedAggregate(q.rel)) {
        // Calcite's decorrelation keeps the aggregate's sort keys at their old positions in its
        // new input, so it would order by other columns.
        return "ORDER BY among an aggregate's arguments in a correlated sub-query that DuckDB "
            + "cannot run as written";
      }
    }
    return null;
  }

  /**
   * The sub-queries that a filter's condition reaches through AND and OR alone, in the plan and in
   * its sub-queries' plans: there a NULL answer drops the row as false does, so Calcite's rewrite,
   * which may answer NULL for false, cannot change the result.
   */
  private static java.util.Set<RexSubQuery> whereNullIsFalse(RelNode rel) {
    java.util.Set<RexSubQuery> safe = new java.util.HashSet<>();
    collectSafe(rel, safe);
    return safe;
  }

  private static void collectSafe(RelNode rel, java.util.Set<RexSubQuery> safe) {
    if (rel instanceof org.apache.calcite.rel.core.Filter f) {
      topLevel(f.getCondition(), safe);
    }
    rel.getInputs().forEach(input -> collectSafe(input, safe));
    nested(rel).forEach(sub -> collectSafe(sub, safe));
  }

  private static void topLevel(org.apache.calcite.rex.RexNode node, java.util.Set<RexSubQuery> safe) {
    if (node instanceof RexSubQuery q) {
      safe.add(q);
    } else if (node.getKind() == SqlKind.AND || node.getKind() == SqlKind.OR) {
      ((org.apache.calcite.rex.RexCall) node).getOperands().forEach(o -> topLevel(o, safe));
    }
  }

  /**
   * Whether a sub-query inside {@code q} uses a correlation variable that {@code q} does not
   * declare ({@code (SELECT (SELECT 42 + t.i) + t.i)}): Calcite's rewrite loses the inner use.
   */
  private static boolean reachesPastEnclosingSubQuery(RexSubQuery q) {
    java.util.Set<org.apache.calcite.rel.core.CorrelationId> declared = new java.util.HashSet<>();
    declaredIn(q.rel, declared);
    for (RexSubQuery inner : all(q.rel)) {
      if (!declared.containsAll(RelOptUtil.getVariablesUsed(inner.rel))) {
        return true;
      }
    }
    return false;
  }

  private static void declaredIn(RelNode rel,
      java.util.Set<org.apache.calcite.rel.core.CorrelationId> declared) {
    declared.addAll(rel.getVariablesSet());
    rel.getInputs().forEach(input -> declaredIn(input, declared));
    nested(rel).forEach(sub -> declaredIn(sub, declared));
  }

  private static boolean containsWindow(RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.Window
        || rel instanceof org.apache.calcite.rel.core.Project p && p.containsOver()
        || rel instanceof org.apache.calcite.rel.core.Calc c && c.containsOver()) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(SubQueries::containsWindow)
        || nested(rel).stream().anyMatch(SubQueries::containsWindow);
  }

  private static boolean containsOrderedAggregate(RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.Aggregate a && a.getAggCallList().stream()
        .anyMatch(c -> !c.collation.getFieldCollations().isEmpty())) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(SubQueries::containsOrderedAggregate)
        || nested(rel).stream().anyMatch(SubQueries::containsOrderedAggregate);
  }

  private static boolean containsGroupingSets(RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.Aggregate a
        && a.getGroupType() != org.apache.calcite.rel.core.Aggregate.Group.SIMPLE) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(SubQueries::containsGroupingSets)
        || nested(rel).stream().anyMatch(SubQueries::containsGroupingSets);
  }

  /** The plans of sub-queries directly in {@code rel}'s expressions. */
  private static List<RelNode> nested(RelNode rel) {
    List<RelNode> found = new ArrayList<>();
    rel.accept(new RexShuttle() {
      @Override public org.apache.calcite.rex.RexNode visitSubQuery(RexSubQuery subQuery) {
        found.add(subQuery.rel);
        return subQuery;
      }
    });
    return found;
  }

  /** The tables a plan reads, including those its sub-queries read. */
  static List<RelOptTable> allTables(RelNode rel) {
    List<RelOptTable> tables = new ArrayList<>(RelOptUtil.findAllTables(rel));
    for (RexSubQuery q : all(rel)) {
      for (RelOptTable t : RelOptUtil.findAllTables(q.rel)) {
        if (!tables.contains(t)) {
          tables.add(t);
        }
      }
    }
    return tables;
  }

  /** The names of the tables a plan reads, as Floe and as DuckDB's SQL name them. */
  static List<String> tableNames(RelNode rel) {
    List<String> names = new ArrayList<>();
    for (RelOptTable t : allTables(rel)) {
      names.add(t.getQualifiedName().get(t.getQualifiedName().size() - 1));
      CatalogTypedJdbcTable jdbc = t.unwrap(CatalogTypedJdbcTable.class);
      if (jdbc != null) {
        names.add(jdbc.jdbcTableName);
      }
    }
    return names;
  }

  /**
   * Whether the plan has sub-queries and every one of them reads only DuckDB tables, so that
   * written back as SQL they run in DuckDB.
   */
  static boolean allInDuckDb(RelNode rel, org.apache.calcite.adapter.jdbc.JdbcConvention duckDb) {
    List<RexSubQuery> queries = all(rel);
    if (queries.isEmpty()) {
      return false;
    }
    for (RexSubQuery q : queries) {
      for (RelOptTable t : RelOptUtil.findAllTables(q.rel)) {
        CatalogTypedJdbcTable table = t.unwrap(CatalogTypedJdbcTable.class);
        // A Snowflake table's scan is DuckDB's only through its bridge, which a sub-query kept
        // as written never gets: its name would be written into DuckDB's SQL.
        if (table == null || table.convention() != duckDb) {
          return false;
        }
      }
    }
    return true;
  }
}

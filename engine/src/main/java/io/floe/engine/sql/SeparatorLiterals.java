package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The separator of {@code string_agg} over a projection that reads a column of an outer query
 * ({@code (SELECT string_agg(x, ',' ORDER BY t1.a + y) FROM u)}): DuckDB takes only a constant
 * there, but Calcite projects the separator as a column of the projection, which the SQL writer
 * keeps as a derived table because of its outer reference. The projection is split in two: the
 * computed columns below, a projection of them and the literals above, which the writer merges
 * into the aggregate's SELECT, so the separator is written as the literal.
 */
final class SeparatorLiterals {
  private SeparatorLiterals() {}

  /** {@code aggregate}'s input, split where a correlated projection holds a separator literal. */
  static RelNode apply(RelNode rel) {
    if (!(rel instanceof Aggregate aggregate) || !(aggregate.getInput() instanceof Project project)
        || project.getProjects().stream().noneMatch(RexUtil::containsCorrelation)
        || aggregate.getAggCallList().stream().noneMatch(c -> literalSeparator(c, project))) {
      return rel;
    }
    List<RexNode> below = new ArrayList<>();
    List<String> belowNames = new ArrayList<>();
    List<RexNode> above = new ArrayList<>();
    for (int i = 0; i < project.getProjects().size(); i++) {
      RexNode e = project.getProjects().get(i);
      if (e instanceof RexLiteral) {
        above.add(e);
      } else {
        above.add(new RexInputRef(below.size(), e.getType()));
        below.add(e);
        belowNames.add(project.getRowType().getFieldNames().get(i));
      }
    }
    if (below.isEmpty()) {
      return rel;
    }
    RelNode lower = project.copy(project.getTraitSet(), project.getInput(), below,
        project.getCluster().getTypeFactory().createStructType(
            below.stream().map(RexNode::getType).toList(), belowNames));
    RelNode upper = project.copy(project.getTraitSet(), lower, above, project.getRowType());
    return aggregate.copy(aggregate.getTraitSet(), List.of(upper));
  }

  private static boolean literalSeparator(AggregateCall call, Project project) {
    SqlKind kind = call.getAggregation().getKind();
    return (kind == SqlKind.LISTAGG || kind == SqlKind.STRING_AGG) && call.getArgList().size() > 1
        && project.getProjects().get(call.getArgList().get(1)) instanceof RexLiteral;
  }
}

package io.floe.engine.sql;

import java.math.BigDecimal;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Casts, in a plan about to be written as DuckDB SQL, where DuckDB would give an expression another
 * type than Floe does. The type decides how a value is written as text and read back:
 * <ul>
 *   <li>A date plus whole days, months or years is a DATE here and a TIMESTAMP in DuckDB (read as
 *       a date, a timestamp before the year 1 would lose its era).</li>
 *   <li>A decimal literal whose type is not the one DuckDB reads from its digits: {@code
 *       '0.1'::decimal(3,3)} folds to {@code 0.100}, which DuckDB reads as DECIMAL(4,3) and writes
 *       as {@code 0.100}, where DECIMAL(3,3) writes {@code .100}.</li>
 * </ul>
 */
final class DuckDbTypeCasts extends RelHomogeneousShuttle {
  private DuckDbTypeCasts() {}

  static RelNode apply(RelNode rel) {
    return rel.accept(new DuckDbTypeCasts());
  }

  @Override public RelNode visit(RelNode other) {
    RelNode visited = SeparatorLiterals.apply(super.visit(other));
    RexBuilder rex = visited.getCluster().getRexBuilder();
    return visited.accept(new RexShuttle() {
      @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
        RexSubQuery q = (RexSubQuery) super.visitSubQuery(subQuery);
        RelNode rel = DuckDbTypeCasts.apply(q.rel);
        return rel == q.rel ? q : q.clone(rel);
      }

      @Override public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        return visited instanceof RexCall c && needsCast(c)
            ? rex.makeAbstractCast(c.getType(), c, false) : visited;
      }

      @Override public RexNode visitLiteral(RexLiteral literal) {
        return misreadDecimal(literal) ? rex.makeAbstractCast(literal.getType(), literal, false) : literal;
      }
    });
  }

  private static boolean needsCast(RexCall call) {
    return call.getType().getSqlTypeName() == SqlTypeName.DATE
        && call.getOperands().stream().anyMatch(o -> SqlTypeUtil.isInterval(o.getType()));
  }

  private static boolean misreadDecimal(RexLiteral literal) {
    RelDataType type = literal.getType();
    if (type.getSqlTypeName() != SqlTypeName.DECIMAL || type.getScale() <= 0 || literal.isNull()) {
      return false;
    }
    if (!(literal.getValue() instanceof BigDecimal value)) {
      return false; // a search argument (x IN (...), ranges) of decimals
    }
    String digits = value.abs().toPlainString().replace(".", "");
    return value.scale() != type.getScale() || digits.length() != type.getPrecision();
  }
}

package io.floe.engine.sql;

import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * What Snowflake computes as Floe does, and so may be pushed down: comparisons, boolean logic,
 * {@code IN} lists and ranges, {@code LIKE}, {@code CASE}, {@code COALESCE}, addition, subtraction
 * and multiplication, the plain aggregates and the ranking window functions. Everything else stays
 * in DuckDB, above the Snowflake statement: division and modulo (Snowflake divides integers into
 * decimals, PostgreSQL truncates), casts to text (Snowflake formats numbers and times its own way),
 * Floe's PostgreSQL functions, and anything Snowflake might name or type differently.
 */
final class SnowflakePushdown {
  private SnowflakePushdown() {}

  private static final Set<SqlKind> CALLS = EnumSet.of(
      SqlKind.EQUALS, SqlKind.NOT_EQUALS, SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
      SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_NULL, SqlKind.IS_NOT_NULL,
      SqlKind.IS_TRUE, SqlKind.IS_FALSE, SqlKind.IS_NOT_TRUE, SqlKind.IS_NOT_FALSE,
      SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM,
      SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.SEARCH, SqlKind.BETWEEN, SqlKind.LIKE,
      SqlKind.CASE, SqlKind.COALESCE, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES,
      SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.CAST);

  private static final Set<SqlKind> AGGREGATES = EnumSet.of(SqlKind.COUNT, SqlKind.SUM,
      SqlKind.SUM0, SqlKind.MIN, SqlKind.MAX);

  private static final Set<SqlKind> WINDOW_FUNCTIONS = EnumSet.of(SqlKind.ROW_NUMBER, SqlKind.RANK,
      SqlKind.DENSE_RANK, SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0, SqlKind.MIN, SqlKind.MAX);

  /** Whether a relational operator, with every expression in it, may run in Snowflake. */
  static boolean accepts(RelNode rel) {
    if (rel instanceof TableScan || rel instanceof Sort) {
      return true;
    }
    if (rel instanceof Filter f) {
      return accepts(f.getCondition());
    }
    if (rel instanceof Project p) {
      return p.getProjects().stream().allMatch(SnowflakePushdown::accepts);
    }
    if (rel instanceof Join j) {
      return accepts(j.getCondition());
    }
    if (rel instanceof Calc c) {
      return c.getProgram().getExprList().stream().allMatch(SnowflakePushdown::accepts);
    }
    if (rel instanceof Aggregate a) {
      return a.getGroupSets().size() == 1 && a.getAggCallList().stream().allMatch(
          SnowflakePushdown::accepts);
    }
    if (rel instanceof Window w) {
      return w.groups.stream().allMatch(g -> g.aggCalls.stream().allMatch(
          c -> WINDOW_FUNCTIONS.contains(c.getKind()) && c.getOperands().stream()
              .allMatch(SnowflakePushdown::accepts)));
    }
    return false; // values, set operations and anything new stay in DuckDB
  }

  private static boolean accepts(AggregateCall call) {
    return AGGREGATES.contains(call.getAggregation().getKind()) && !call.isDistinct()
        && call.filterArg < 0 && call.collation.getFieldCollations().isEmpty()
        && (call.getAggregation().getKind() != SqlKind.SUM || exactOrDouble(call.getType()));
  }

  /** Whether Snowflake computes an expression as Floe does. */
  static boolean accepts(RexNode node) {
    Boolean ok = node.accept(new RexVisitorImpl<Boolean>(true) {
      @Override public Boolean visitCall(RexCall call) {
        if (call instanceof RexOver over) {
          boolean ranking = over.getKind() == SqlKind.ROW_NUMBER || over.getKind() == SqlKind.RANK
              || over.getKind() == SqlKind.DENSE_RANK;
          // An aggregate over a RANGE frame with an order: Snowflake allows fewer frames than Floe.
          if (!WINDOW_FUNCTIONS.contains(over.getKind()) || over.isDistinct()
              || !ranking && !over.getWindow().isRows() && !over.getWindow().orderKeys.isEmpty()) {
            return false;
          }
        } else if (!CALLS.contains(call.getKind())) {
          return false;
        }
        if (call.getKind() == SqlKind.CAST && !castAccepted(call)) {
          return false;
        }
        if (call.getKind() == SqlKind.TIMES && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL
            && call.getType().getScale() > 12) {
          return false; // Snowflake caps a product's scale at 12
        }
        if (call.getKind() == SqlKind.LIKE && call.getOperands().size() > 2) {
          return false; // ESCAPE: the default escape differs
        }
        for (RexNode operand : call.getOperands()) {
          Boolean inner = operand.accept(this); // null for a leaf: a column, literal, parameter
          if (inner != null && !inner) {
            return false;
          }
        }
        return true;
      }

      @Override public Boolean visitOver(RexOver over) {
        // The window's partition and order keys too, which the default visit does not answer for.
        Boolean call = visitCall(over);
        if (call != null && !call) {
          return false;
        }
        for (RexNode key : over.getWindow().partitionKeys) {
          if (!accepts(key)) {
            return false;
          }
        }
        for (org.apache.calcite.rex.RexFieldCollation key : over.getWindow().orderKeys) {
          if (!accepts(key.left)) {
            return false;
          }
        }
        return true;
      }

      @Override public Boolean visitSubQuery(org.apache.calcite.rex.RexSubQuery subQuery) {
        return false;
      }

      @Override public Boolean visitCorrelVariable(org.apache.calcite.rex.RexCorrelVariable v) {
        return false;
      }

      @Override public Boolean visitFieldAccess(org.apache.calcite.rex.RexFieldAccess fieldAccess) {
        return false;
      }
    });
    return ok == null || ok;
  }

  /** Casts among numbers, and between dates and timestamps: no text is formatted or parsed. */
  private static boolean castAccepted(RexCall cast) {
    RelDataType to = cast.getType();
    RelDataType from = cast.getOperands().get(0).getType();
    boolean numbers = SqlTypeFamily.NUMERIC.contains(to) && SqlTypeFamily.NUMERIC.contains(from);
    boolean sameFamily = to.getSqlTypeName() == from.getSqlTypeName();
    boolean toApprox = SqlTypeName.APPROX_TYPES.contains(to.getSqlTypeName());
    boolean fromApprox = SqlTypeName.APPROX_TYPES.contains(from.getSqlTypeName());
    // Snowflake rounds a decimal to an integer half away from zero, as PostgreSQL does; a double
    // to an integer too, but DuckDB rounds half to even: that one stays in DuckDB.
    if (to.getSqlTypeName() == SqlTypeName.REAL || to.getSqlTypeName() == SqlTypeName.FLOAT) {
      return false; // Snowflake's REAL is a double
    }
    return sameFamily && !SqlTypeName.CHAR_TYPES.contains(to.getSqlTypeName())
        || numbers && !(fromApprox && !toApprox)
        || to.getSqlTypeName() == SqlTypeName.TIMESTAMP && from.getSqlTypeName() == SqlTypeName.DATE;
  }

  private static boolean exactOrDouble(RelDataType type) {
    return SqlTypeFamily.NUMERIC.contains(type);
  }
}

package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code d + t} (and {@code t + d}) of a date and a time of day: the TIMESTAMP at that time on that
 * day, as in PostgreSQL and DuckDB. Calcite adds only intervals to dates and times, so before
 * validation every {@code +} becomes {@link #PLUS}, which types a date plus a time itself and hands
 * every other addition back to Calcite's operator. The sum becomes {@link #AT_TIME}, which DuckDB
 * computes.
 */
final class DateTimeSum {
  private DateTimeSum() {}

  private static final SqlReturnTypeInference TIMESTAMP = ReturnTypes.explicit(SqlTypeName.TIMESTAMP,
      FloeTypeSystem.TIME_PRECISION).andThen(SqlTypeTransforms.TO_NULLABLE);

  /** {@code +}, seeing a date and a time before Calcite's addition does. */
  static final SqlBinaryOperator PLUS = new SqlBinaryOperator("+", SqlKind.PLUS, 40, true, TIMESTAMP,
      InferTypes.FIRST_KNOWN, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.TIME)
          .or(OperandTypes.family(SqlTypeFamily.TIME, SqlTypeFamily.DATE))) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      if (call.operandCount() == 2) {
        SqlTypeName left = validator.deriveType(scope, call.operand(0)).getSqlTypeName();
        SqlTypeName right = validator.deriveType(scope, call.operand(1)).getSqlTypeName();
        if (left == SqlTypeName.DATE && right == SqlTypeName.TIME
            || left == SqlTypeName.TIME && right == SqlTypeName.DATE) {
          return validateOperands(validator, scope, call);
        }
      }
      ((SqlBasicCall) call).setOperator(SqlStdOperatorTable.PLUS);
      return SqlStdOperatorTable.PLUS.deriveType(validator, scope, call);
    }
  };

  /** The timestamp at a time (the second argument) on a date (the first), as DuckDB computes it. */
  static final SqlFunction AT_TIME = new SqlFunction("DATE_AT_TIME", SqlKind.OTHER_FUNCTION, TIMESTAMP,
      null, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.TIME), SqlFunctionCategory.TIMEDATE) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame sum = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("+");
      call.operand(1).unparse(writer, 0, 0);
      writer.endList(sum);
    }
  };

  /** The statement with every {@code a + b} on {@link #PLUS}. */
  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        return current.getOperator() == SqlStdOperatorTable.PLUS && current.operandCount() == 2
            ? PLUS.createCall(current.getParserPosition(), current.getOperandList())
            : current;
      }
    });
    return rewritten == null ? node : rewritten;
  }

  /** A date plus a time as a row expression, the date first. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexNode left = cx.convertExpression(call.operand(0));
    RexNode right = cx.convertExpression(call.operand(1));
    boolean dateFirst = left.getType().getSqlTypeName() == SqlTypeName.DATE;
    return cx.getRexBuilder().makeCall(cx.getValidator().getValidatedNodeType(call), AT_TIME,
        dateFirst ? List.of(left, right) : List.of(right, left));
  }
}

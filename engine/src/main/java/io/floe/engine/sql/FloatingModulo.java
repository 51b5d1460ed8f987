package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code a % b} and {@code mod(a, b)} over floating-point numbers, as PostgreSQL and DuckDB compute
 * them: a {@code DOUBLE} remainder. Calcite's modulo takes exact numbers only, so it would cast a
 * {@code DOUBLE} operand to {@code DECIMAL(30,15)} first, losing digits and typing the answer as a
 * decimal. Before validation every modulo becomes this operator, which accepts any numbers; when
 * converted to a row expression, exact operands become Calcite's own modulo again (so plans that
 * Calcite runs itself keep working), and approximate ones a modulo typed {@code DOUBLE}, which
 * DuckDB computes.
 */
final class FloatingModulo extends SqlBinaryOperator {
  static final FloatingModulo INSTANCE = new FloatingModulo();

  private FloatingModulo() {
    super("%", SqlKind.MOD, 60, true, FloatingModulo::returnType, InferTypes.FIRST_KNOWN,
        OperandTypes.NUMERIC_NUMERIC);
  }

  /**
   * Types the call without looking its name up again: Calcite's own lookup of {@code %} would put
   * its exact-only modulo back.
   */
  @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
      SqlCall call) {
    return OperatorTyping.asWritten(this, validator, scope, call);
  }

  private static @Nullable RelDataType returnType(SqlOperatorBinding binding) {
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    if (SqlTypeUtil.isApproximateNumeric(left) || SqlTypeUtil.isApproximateNumeric(right)) {
      RelDataType common = binding.getTypeFactory().leastRestrictive(List.of(left, right));
      return common == null ? null : binding.getTypeFactory().createTypeWithNullability(common,
          left.isNullable() || right.isNullable());
    }
    return SqlStdOperatorTable.MOD.inferReturnType(binding);
  }

  /** The statement with every {@code %} and {@code mod(a, b)} on this operator. */
  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        boolean modulo = current.getOperator() == SqlStdOperatorTable.PERCENT_REMAINDER
            || current.getOperator() == SqlStdOperatorTable.MOD
            || (current.getOperator().getName().equalsIgnoreCase("MOD")
                && current.getOperator().getKind() == SqlKind.OTHER_FUNCTION
                && current.operandCount() == 2 && current.getFunctionQuantifier() == null);
        return modulo
            ? INSTANCE.createCall(current.getParserPosition(), current.getOperandList())
            : current;
      }
    });
    return rewritten == null ? node : rewritten;
  }

  private static final java.util.Set<SqlKind> KEPT_WHOLE = java.util.EnumSet.of(SqlKind.COVAR_POP,
      SqlKind.COVAR_SAMP, SqlKind.REGR_SXX, SqlKind.REGR_SYY);

  /**
   * Calcite's convertlets, with this operator turned back into a row-expression modulo (and
   * {@link DateTruncFunction} into a {@code FLOOR}, {@link DateDifference} into days,
   * {@link DateTimeSum} into a timestamp, {@link PowerOperator} into {@code POWER}); the one
   * table every statement converts with.
   */
  static final SqlRexConvertletTable CONVERTLETS = new SqlRexConvertletTable() {
    @Override public @Nullable SqlRexConvertlet get(SqlCall call) {
      if (call.getOperator() == DateTruncFunction.INSTANCE) {
        return DateTruncFunction::convert;
      }
      if (call.getOperator() == DateDifference.MINUS) {
        return DateDifference::convert;
      }
      if (call.getOperator() == DateTimeSum.PLUS) {
        return DateTimeSum::convert;
      }
      if (call.getOperator() == PowerOperator.POWER) {
        return PowerOperator::convert;
      }
      if (KEPT_WHOLE.contains(call.getOperator().getKind())) {
        // DuckDB computes these itself, also over windows; Calcite's convertlet would expand
        // them into sums and a count of two arguments, which DuckDB's count does not take.
        return StandardConvertletTable.INSTANCE::convertCall;
      }
      if (call.getOperator() instanceof InLists.ListIn) {
        return InLists::convert;
      }
      if (call.getOperator() != INSTANCE) {
        return StandardConvertletTable.INSTANCE.get(call);
      }
      return (cx, modulo) -> {
        RexBuilder rex = cx.getRexBuilder();
        RexNode left = cx.convertExpression(modulo.operand(0));
        RexNode right = cx.convertExpression(modulo.operand(1));
        if (SqlTypeUtil.isApproximateNumeric(left.getType())
            || SqlTypeUtil.isApproximateNumeric(right.getType())) {
          RelDataType type = cx.getValidator().getValidatedNodeType(modulo);
          return rex.makeCall(type, SqlStdOperatorTable.MOD, List.of(
              rex.ensureType(type, left, true), rex.ensureType(type, right, true)));
        }
        return rex.makeCall(SqlStdOperatorTable.MOD, left, right);
      };
    }
  };
}

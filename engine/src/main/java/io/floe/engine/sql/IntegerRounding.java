package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code floor(i)} and {@code ceil(i)} of an integer are DOUBLE, as in PostgreSQL (which rounds a
 * double precision) and DuckDB; Calcite keeps the integer type, so {@code floor(5) / 2} would be an
 * integer division where both answer 2.5. Before validation each becomes an operator that, for an
 * integer argument, casts the argument to DOUBLE and hands the call back to Calcite's.
 *
 * <p>{@code round(x, digits)} likewise: the digits may be of any integer type (Calcite's takes an
 * INTEGER only, and so does DuckDB's, so a SMALLINT or BIGINT is cast to INTEGER), and an integer
 * {@code x} answers a NUMERIC, as PostgreSQL's {@code round(numeric, int)} does ({@code round(53, -1)}
 * is the NUMERIC 50).
 */
final class IntegerRounding extends SqlShuttle {
  private static final IntegerRounding INSTANCE = new IntegerRounding();

  private IntegerRounding() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (visited instanceof SqlBasicCall c && c.operandCount() == 1
        && (c.getOperator() == SqlStdOperatorTable.FLOOR || c.getOperator() == SqlStdOperatorTable.CEIL)) {
      c.setOperator(c.getOperator() == SqlStdOperatorTable.FLOOR ? FLOOR : CEIL);
    } else if (visited instanceof SqlBasicCall c && c.operandCount() == 2
        && c.getOperator() instanceof SqlUnresolvedFunction f && f.getSqlIdentifier() != null
        && f.getSqlIdentifier().isSimple() && f.getName().equalsIgnoreCase("ROUND")) {
      c.setOperator(ROUND);
    }
    return visited;
  }

  /**
   * {@code round(x, digits)}: the digits as an INTEGER; for an integer x, DuckDB's rounding of the
   * integer (which, unlike its rounding of a DECIMAL, takes digits that are not constant) typed as
   * a NUMERIC of x's digits, which holds every answer ({@link #convert}); else Calcite's.
   */
  static final SqlOperator ROUND = new org.apache.calcite.sql.SqlFunction("ROUND",
      SqlKind.OTHER_FUNCTION, null, null, null, org.apache.calcite.sql.SqlFunctionCategory.NUMERIC) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      RelDataType value = validator.deriveType(scope, call.operand(0));
      RelDataType digits = validator.deriveType(scope, call.operand(1));
      if (SqlTypeUtil.isIntType(digits) && digits.getSqlTypeName() != SqlTypeName.INTEGER) {
        SqlNode operand = call.operand(1);
        call.setOperand(1, SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, operand.getParserPosition()),
                operand.getParserPosition())));
      }
      ((SqlBasicCall) call).setOperator(SqlStdOperatorTable.ROUND);
      RelDataType rounded = SqlStdOperatorTable.ROUND.deriveType(validator, scope, call);
      if (!SqlTypeUtil.isIntType(value)) {
        return rounded;
      }
      ((SqlBasicCall) call).setOperator(this);
      RelDataTypeFactory types = validator.getTypeFactory();
      return types.createTypeWithNullability(
          types.createSqlType(SqlTypeName.DECIMAL, value.getPrecision(), 0), rounded.isNullable());
    }
  };

  /** {@code round(i, digits)} of an integer as DuckDB's integer rounding, cast to its NUMERIC type. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode rounded = rex.makeCall(SqlStdOperatorTable.ROUND,
        cx.convertExpression(call.operand(0)), cx.convertExpression(call.operand(1)));
    return rex.makeCast(cx.getValidator().getValidatedNodeType(call), rounded);
  }


  private static final SqlOperator FLOOR = rounding(SqlStdOperatorTable.FLOOR);
  private static final SqlOperator CEIL = rounding(SqlStdOperatorTable.CEIL);

  private static SqlOperator rounding(SqlOperator standard) {
    return new org.apache.calcite.sql.SqlFunction(standard.getName(), standard.getKind(),
        null, null, null, org.apache.calcite.sql.SqlFunctionCategory.NUMERIC) {
      @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
          SqlCall call) {
        RelDataType argument = validator.deriveType(scope, call.operand(0));
        if (SqlTypeUtil.isIntType(argument)) {
          SqlNode operand = call.operand(0);
          call.setOperand(0, SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
              new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE,
                  operand.getParserPosition()), operand.getParserPosition())));
        }
        ((SqlBasicCall) call).setOperator(standard);
        return standard.deriveType(validator, scope, call);
      }

      @Override public SqlKind getKind() {
        return standard.getKind();
      }
    };
  }
}

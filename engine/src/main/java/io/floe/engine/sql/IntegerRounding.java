package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
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
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code floor(i)} and {@code ceil(i)} of an integer are DOUBLE, as in PostgreSQL (which rounds a
 * double precision) and DuckDB; Calcite keeps the integer type, so {@code floor(5) / 2} would be an
 * integer division where both answer 2.5. Before validation each becomes an operator that, for an
 * integer argument, casts the argument to DOUBLE and hands the call back to Calcite's.
 *
 * <p>{@code round(x)} of a double rounds half to even, as PostgreSQL's does ({@link #ROUND_EVEN}).
 *
 * <p>{@code round(x, digits)} takes digits of any integer type, as PostgreSQL does: Calcite's takes
 * an INTEGER only, and so does DuckDB's, so a SMALLINT or BIGINT is cast to INTEGER first.
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
    } else if (visited instanceof SqlBasicCall c && c.operandCount() == 1
        && c.getOperator() instanceof SqlUnresolvedFunction f && f.getSqlIdentifier() != null
        && f.getSqlIdentifier().isSimple() && f.getName().equalsIgnoreCase("ROUND")) {
      c.setOperator(ROUND_ONE);
    }
    return visited;
  }

  /**
   * {@code round(x, digits)}: the digits as an INTEGER, then Calcite's. DuckDB rounds an integer
   * to digits that are not constant, as here; a DECIMAL only to constant digits.
   */
  private static final SqlOperator ROUND = new org.apache.calcite.sql.SqlFunction("ROUND",
      SqlKind.OTHER_FUNCTION, null, null, null, org.apache.calcite.sql.SqlFunctionCategory.NUMERIC) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      RelDataType digits = validator.deriveType(scope, call.operand(1));
      if (SqlTypeUtil.isIntType(digits) && digits.getSqlTypeName() != SqlTypeName.INTEGER) {
        SqlNode operand = call.operand(1);
        call.setOperand(1, SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
            new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, operand.getParserPosition()),
                operand.getParserPosition())));
      }
      ((SqlBasicCall) call).setOperator(SqlStdOperatorTable.ROUND);
      return SqlStdOperatorTable.ROUND.deriveType(validator, scope, call);
    }
  };

  /**
   * {@code round(x)}: of a {@code double precision} or {@code real}, half to even, as PostgreSQL
   * rounds a {@code double precision} (with {@code rint}): {@code round(2.5::float8)} is 2, where
   * DuckDB's {@code round} answers 3. Other types are Calcite's (a numeric rounds half away from
   * zero in both).
   */
  private static final SqlOperator ROUND_ONE = new org.apache.calcite.sql.SqlFunction("ROUND",
      SqlKind.OTHER_FUNCTION, null, null, null, org.apache.calcite.sql.SqlFunctionCategory.NUMERIC) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      // A parameter's type comes from Calcite's round, as before.
      SqlOperator rounding = !(call.operand(0) instanceof org.apache.calcite.sql.SqlDynamicParam)
          && SqlTypeUtil.isApproximateNumeric(validator.deriveType(scope, call.operand(0)))
          ? ROUND_EVEN : SqlStdOperatorTable.ROUND;
      ((SqlBasicCall) call).setOperator(rounding);
      return rounding.deriveType(validator, scope, call);
    }
  };

  /** Rounds a double half to even: DuckDB's {@code round_even(x, 0)}. */
  static final SqlOperator ROUND_EVEN = new org.apache.calcite.sql.SqlFunction("ROUND_EVEN",
      SqlKind.OTHER_FUNCTION, org.apache.calcite.sql.type.ReturnTypes.explicit(SqlTypeName.DOUBLE)
          .andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
      null, org.apache.calcite.sql.type.OperandTypes.NUMERIC,
      org.apache.calcite.sql.SqlFunctionCategory.NUMERIC) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      // Not looked up by name: no operator table holds it.
      RelDataType argument = validator.deriveType(scope, call.operand(0));
      var types = validator.getTypeFactory();
      return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE),
          argument.isNullable());
    }

    @Override public void unparse(org.apache.calcite.sql.SqlWriter writer, SqlCall call,
        int leftPrec, int rightPrec) {
      org.apache.calcite.sql.SqlUtil.unparseFunctionSyntax(this, writer,
          createCall(call.getParserPosition(), call.operand(0),
              org.apache.calcite.sql.SqlLiteral.createExactNumeric("0", call.getParserPosition())),
          false);
    }
  };

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

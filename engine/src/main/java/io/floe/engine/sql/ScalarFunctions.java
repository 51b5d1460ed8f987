package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * Scalar functions of PostgreSQL that DuckDB computes under the same name and Calcite's libraries
 * lack: {@code pow}, {@code reverse}, {@code bit_length}, {@code gcd}, {@code lcm}, {@code to_hex},
 * {@code make_date}, {@code make_time}, {@code make_timestamp} and {@code isfinite}. Each is typed
 * here as DuckDB types its answer and is sent to DuckDB as written.
 */
final class ScalarFunctions {
  private static final SqlReturnTypeInference TIMESTAMP = ReturnTypes.explicit(SqlTypeName.TIMESTAMP,
      FloeTypeSystem.TIME_PRECISION).andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final SqlReturnTypeInference TIME = ReturnTypes.explicit(SqlTypeName.TIME,
      FloeTypeSystem.TIME_PRECISION).andThen(SqlTypeTransforms.TO_NULLABLE);

  static final List<SqlOperator> ALL = List.of(
      function("POW", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC_NUMERIC, SqlFunctionCategory.NUMERIC),
      function("REVERSE", ReturnTypes.ARG0_NULLABLE_VARYING, OperandTypes.CHARACTER,
          SqlFunctionCategory.STRING),
      function("BIT_LENGTH", ReturnTypes.BIGINT_NULLABLE, OperandTypes.CHARACTER,
          SqlFunctionCategory.NUMERIC),
      function("GCD", ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE),
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC),
      function("LCM", ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE),
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC),
      function("TO_HEX", ReturnTypes.VARCHAR_NULLABLE, OperandTypes.family(SqlTypeFamily.INTEGER),
          SqlFunctionCategory.STRING),
      function("MAKE_DATE", ReturnTypes.DATE_NULLABLE,
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
          SqlFunctionCategory.TIMEDATE),
      function("MAKE_TIME", TIME,
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
          SqlFunctionCategory.TIMEDATE),
      function("MAKE_TIMESTAMP", TIMESTAMP, OperandTypes.or(
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
              SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
          OperandTypes.family(SqlTypeFamily.INTEGER)), SqlFunctionCategory.TIMEDATE),
      function("ISFINITE", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.DATETIME,
          SqlFunctionCategory.TIMEDATE));

  private ScalarFunctions() {}

  private static SqlOperator function(String name, SqlReturnTypeInference returns,
      org.apache.calcite.sql.type.SqlOperandTypeChecker operands, SqlFunctionCategory category) {
    return SqlBasicFunction.create(name, returns, operands, category);
  }
}

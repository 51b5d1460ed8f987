package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeTransforms;

/**
 * PostgreSQL's statistical aggregates of two numbers that Calcite lacks: {@code corr},
 * {@code regr_slope}, {@code regr_intercept}, {@code regr_r2}, {@code regr_sxy}, {@code regr_avgx}
 * and {@code regr_avgy}, each a DOUBLE (NULL over no rows), as in PostgreSQL and DuckDB. DuckDB
 * computes them under the same names; they are the only aggregates of kind
 * {@link SqlKind#OTHER_FUNCTION} that {@link FloeDuckDbDialect} sends it.
 */
final class StatisticalAggregates {
  static final List<SqlOperator> ALL = List.of("CORR", "REGR_SLOPE", "REGR_INTERCEPT", "REGR_R2",
      "REGR_SXY", "REGR_AVGX", "REGR_AVGY").stream()
      .<SqlOperator>map(name -> SqlBasicAggFunction.create(name, SqlKind.OTHER_FUNCTION,
          ReturnTypes.DOUBLE.andThen(SqlTypeTransforms.FORCE_NULLABLE), OperandTypes.NUMERIC_NUMERIC))
      .toList();

  private StatisticalAggregates() {}
}

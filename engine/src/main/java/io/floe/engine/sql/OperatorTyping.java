package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Types a call by its own operator, without looking the operator's name up again. Calcite's
 * default typing resolves the name in the operator table, which would find Calcite's own operator
 * of that name (the exact-only {@code %}, its {@code date_part}) or none at all (DuckDB's
 * {@code to_microseconds}) instead of the one a rewrite put there.
 */
final class OperatorTyping {
  private OperatorTyping() {}

  static RelDataType asWritten(SqlOperator operator, SqlValidator validator,
      SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return operator.validateOperands(validator, scope, call);
  }
}

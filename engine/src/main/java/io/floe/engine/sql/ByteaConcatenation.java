package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * {@code ||} of a bytea and a text value, as PostgreSQL resolves it: a string literal (of unknown
 * type in PostgreSQL) is read as a bytea ({@code b || 'ZZ'} is a bytea), and any other text value
 * makes the bytea text ({@code b || s} is {@code b::text || s}, bytea's text form concatenated).
 * Calcite refuses both. The validator calls {@link #coerce} on each {@code ||} before typing it.
 */
final class ByteaConcatenation {
  private ByteaConcatenation() {}

  /** Casts one operand of {@code call}, if it is {@code ||} of a bytea and a text value. */
  static void coerce(SqlValidator validator, SqlValidatorScope scope, SqlNode node) {
    if (!(node instanceof SqlCall call) || call.getOperator() != SqlStdOperatorTable.CONCAT
        || call.operandCount() != 2) {
      return;
    }
    RelDataType left = validator.deriveType(scope, call.operand(0));
    RelDataType right = validator.deriveType(scope, call.operand(1));
    int text = SqlTypeUtil.isBinary(left) && SqlTypeUtil.inCharFamily(right) ? 1
        : SqlTypeUtil.inCharFamily(left) && SqlTypeUtil.isBinary(right) ? 0 : -1;
    if (text < 0) {
      return;
    }
    SqlNode textOperand = call.operand(text);
    if (textOperand instanceof SqlCharStringLiteral) {
      call.setOperand(text, cast(textOperand, SqlTypeName.VARBINARY));
    } else {
      call.setOperand(1 - text, cast(call.operand(1 - text), SqlTypeName.VARCHAR));
    }
  }

  private static SqlNode cast(SqlNode operand, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(operand.getParserPosition(), operand,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, operand.getParserPosition()),
            operand.getParserPosition()));
  }
}

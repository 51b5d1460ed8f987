package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * PostgreSQL's (and DuckDB's) {@code trunc(x)} and {@code trunc(x, digits)}: the standard
 * {@code TRUNCATE}, which DuckDB is sent as {@code trunc} (see {@link FloeDuckDbDialect}).
 */
final class TruncFunction extends SqlFunction {
  static final TruncFunction INSTANCE = new TruncFunction();

  private TruncFunction() {
    super("TRUNC", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null,
        OperandTypes.NUMERIC_OPTIONAL_INTEGER, SqlFunctionCategory.NUMERIC);
  }

  @Override public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    return SqlStdOperatorTable.TRUNCATE.createCall(call.getParserPosition(), call.getOperandList());
  }
}

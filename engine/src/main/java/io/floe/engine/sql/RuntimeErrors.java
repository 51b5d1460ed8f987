package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Errors Floe's own rewrites raise while DuckDB runs a statement, where the condition is known only
 * then (a LIMIT given by a sub-query that turns out negative): {@code floe$raise('message')} is a
 * BIGINT that DuckDB computes as {@code error('message')}, which fails the statement with that
 * message; {@code DuckDbErrors} gives it its SQLSTATE. Not a function users are told about.
 */
final class RuntimeErrors {
  /** Raises its message as an error; typed BIGINT so that it stands where a count does. */
  static final SqlFunction RAISE = new SqlFunction("FLOE$RAISE", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BIGINT_NULLABLE, null, OperandTypes.STRING, SqlFunctionCategory.SYSTEM) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      writer.print("CAST(");
      DuckDbText.call(writer, "error", call.getOperandList());
      writer.print(" AS BIGINT)");
    }

    @Override public boolean isDeterministic() {
      return true;
    }
  };

  private RuntimeErrors() {}
}

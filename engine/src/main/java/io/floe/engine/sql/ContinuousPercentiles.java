package io.floe.engine.sql;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)} interpolates, so its answer is a DOUBLE, as
 * in PostgreSQL and DuckDB. Calcite types it as {@code x}, which would read DuckDB's
 * {@code 1.5} back as the integer 1; ordering by {@code CAST(x AS DOUBLE)}, as PostgreSQL does
 * implicitly, gives the call its right type and changes no value.
 */
final class ContinuousPercentiles extends SqlShuttle {
  private static final ContinuousPercentiles INSTANCE = new ContinuousPercentiles();

  private ContinuousPercentiles() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    SqlCall visited = (SqlCall) super.visit(call);
    SqlCall current = visited == null ? call : visited;
    if (current.getKind() == SqlKind.WITHIN_GROUP
        && current.operand(0) instanceof SqlCall aggregate
        && aggregate.getOperator().getName().equalsIgnoreCase("PERCENTILE_CONT")
        && current.operand(1) instanceof SqlNodeList keys) {
      SqlNodeList doubles = new SqlNodeList(keys.getParserPosition());
      for (SqlNode key : keys) {
        doubles.add(asDouble(key));
      }
      current.setOperand(1, doubles);
    }
    return current;
  }

  /** The sort key as a DOUBLE, inside its DESC and NULLS FIRST/LAST. */
  private static SqlNode asDouble(SqlNode key) {
    if (key instanceof SqlCall c && (c.getKind() == SqlKind.DESCENDING
        || c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
      return c.getOperator().createCall(c.getParserPosition(), asDouble(c.operand(0)));
    }
    return SqlStdOperatorTable.CAST.createCall(key.getParserPosition(), key,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, key.getParserPosition()),
            key.getParserPosition()));
  }
}

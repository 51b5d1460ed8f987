package io.floe.engine.sql;

import java.math.BigDecimal;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Number literals wider than Floe's types hold, read as DuckDB reads them: an exact literal of
 * more than 38 digits ({@code 49238409238403918140294812084.12490812490}) as a DOUBLE, and a
 * literal beyond a DOUBLE's range ({@code 1e1000}) as infinity. PostgreSQL keeps both as exact
 * numerics, which no Floe type holds; Calcite refuses them as out of range.
 */
final class WideLiterals extends SqlShuttle {
  private static final WideLiterals INSTANCE = new WideLiterals();
  private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);

  private WideLiterals() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public SqlNode visit(SqlLiteral literal) {
    if (!(literal instanceof SqlNumericLiteral n)) {
      return literal;
    }
    BigDecimal value = n.getValueAs(BigDecimal.class);
    SqlParserPos pos = literal.getParserPosition();
    if (value.abs().compareTo(DOUBLE_MAX) > 0) {
      return SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createCharString(
          value.signum() < 0 ? "-Infinity" : "Infinity", pos),
          new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, pos), pos));
    }
    if (n.isExact() && n.getPrec() != null && n.getPrec() > FloeTypeSystem.MAX_DECIMAL) {
      return SqlLiteral.createApproxNumeric(Double.toString(value.doubleValue()), pos);
    }
    return literal;
  }
}

package io.floe.engine.sql;

import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * A DECIMAL (or NUMERIC) written without precision is DuckDB's DECIMAL(18,3), where Calcite would
 * make it DECIMAL(38,0) and round {@code '0.1'::decimal} to 0. (PostgreSQL's unconstrained NUMERIC
 * has no DuckDB type to run as; docs/sql.md says so.) DECIMAL(p) keeps scale 0, as in SQL.
 */
final class DecimalDefaults extends SqlShuttle {
  static final int PRECISION = 18;
  static final int SCALE = 3;
  private static final Set<String> NAMES = Set.of("DECIMAL", "NUMERIC", "DEC");
  private static final DecimalDefaults INSTANCE = new DecimalDefaults();

  private DecimalDefaults() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public SqlNode visit(SqlDataTypeSpec type) {
    if (type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic
        && NAMES.contains(basic.getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT))
        && basic.getPrecision() < 0) {
      return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, PRECISION, SCALE,
          type.getParserPosition()), type.getTimeZone(), type.getParserPosition());
    }
    return type;
  }
}

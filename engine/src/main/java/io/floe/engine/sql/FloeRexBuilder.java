package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's expression builder, except that a cast of a literal to a character type stays a cast:
 * Calcite would write the text itself, with Java's formatting ({@code 0E-10}, {@code .00003},
 * {@code 1.0E10}), where DuckDB (and PostgreSQL) write {@code 0.0000000000} and
 * {@code 10000000000.0}.
 */
final class FloeRexBuilder extends RexBuilder {
  FloeRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  @Override public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp,
      boolean matchNullability, boolean safe, RexLiteral format) {
    if (exp instanceof RexLiteral && !((RexLiteral) exp).isNull() && formatsAsText(exp.getType(), type)) {
      RelDataType target = matchNullability
          ? getTypeFactory().createTypeWithNullability(type, exp.getType().isNullable()) : type;
      return makeAbstractCast(pos, target, exp, safe, format);
    }
    return super.makeCast(pos, type, exp, matchNullability, safe, format);
  }

  /** Whether casting {@code from} to {@code to} writes a value as text. */
  static boolean formatsAsText(RelDataType from, RelDataType to) {
    return SqlTypeUtil.isCharacter(to) && !SqlTypeUtil.isCharacter(from)
        && from.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER;
  }
}

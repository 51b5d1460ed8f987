package io.floe.engine.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's expression builder, except that a cast of a literal to a character type stays a cast:
 * Calcite would write the text itself, with Java's formatting ({@code 0E-10}, {@code .00003},
 * {@code 1.0E10}), where DuckDB (and PostgreSQL) write {@code 0.0000000000} and
 * {@code 10000000000.0}. A cast of text to a time or timestamp stays a cast too: Calcite reads
 * milliseconds only ({@code '14:42:04.999999'::time} would become 14:42:05), DuckDB microseconds.
 * And a cast of a floating-point number to an integer, which Calcite truncates ({@code 1.5e0} to
 * 1) where DuckDB and PostgreSQL round (2). And a cast of text to a bytea, whose escapes
 * ({@code '\x41'}) Calcite does not read. Text cast to a date outside PostgreSQL's range fails
 * ({@link DateRange}), and so does a number cast to a REAL it does not fit.
 */
final class FloeRexBuilder extends RexBuilder {
  FloeRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  @Override public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp,
      boolean matchNullability, boolean safe, RexLiteral format) {
    if (exp instanceof RexLiteral literal && type.getSqlTypeName() == SqlTypeName.DATE
        && SqlTypeUtil.isCharacter(exp.getType()) && !literal.isNull()) {
      DateRange.check(literal.getValueAs(String.class));
    }
    if (exp instanceof RexLiteral literal && type.getSqlTypeName() == SqlTypeName.REAL
        && SqlTypeUtil.isNumeric(exp.getType()) && !literal.isNull()) {
      realInRange(literal.getValueAs(Double.class));
    }
    if (exp instanceof RexLiteral && !((RexLiteral) exp).isNull() && leftToDuckDb(exp.getType(), type)) {
      RelDataType target = matchNullability
          ? getTypeFactory().createTypeWithNullability(type, exp.getType().isNullable()) : type;
      return makeAbstractCast(pos, target, exp, safe, format);
    }
    return super.makeCast(pos, type, exp, matchNullability, safe, format);
  }

  /**
   * A number too large for a REAL fails as in PostgreSQL ({@code 1e308::real}: 22003), where
   * folding the cast would make it infinite (and DuckDB refuses the cast too). A number that rounds
   * to the largest REAL ({@code 3.4028235e38}, a little above it as a double) is in range.
   */
  private static void realInRange(Double value) {
    if (value != null && !value.isInfinite() && !value.isNaN()
        && Float.isInfinite(value.floatValue())) {
      throw new io.floe.engine.api.FloeException(io.floe.engine.api.ErrorCode.NUMERIC_OUT_OF_RANGE,
          "value out of range: overflow");
    }
  }

  /** Whether a cast from {@code from} to {@code to} is DuckDB's to compute, never folded. */
  static boolean leftToDuckDb(RelDataType from, RelDataType to) {
    return formatsAsText(from, to) || parsesTime(from, to) || roundsToInteger(from, to)
        || readsBytes(from, to);
  }

  /**
   * Whether casting {@code from} to {@code to} reads text as a bytea: DuckDB reads escapes
   * ({@code '\x41'} is one byte), Calcite the text's own bytes.
   */
  static boolean readsBytes(RelDataType from, RelDataType to) {
    return SqlTypeUtil.isCharacter(from) && SqlTypeUtil.isBinary(to);
  }

  /** Whether casting {@code from} to {@code to} rounds a floating-point number to an integer. */
  static boolean roundsToInteger(RelDataType from, RelDataType to) {
    return SqlTypeUtil.isApproximateNumeric(from) && SqlTypeUtil.isIntType(to);
  }

  /** Whether casting {@code from} to {@code to} reads text as a time or timestamp. */
  static boolean parsesTime(RelDataType from, RelDataType to) {
    return SqlTypeUtil.isCharacter(from) && switch (to.getSqlTypeName()) {
      case TIME, TIME_WITH_LOCAL_TIME_ZONE, TIME_TZ, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE,
          TIMESTAMP_TZ -> true;
      default -> false;
    };
  }

  /** Whether casting {@code from} to {@code to} writes a value as text. */
  static boolean formatsAsText(RelDataType from, RelDataType to) {
    return SqlTypeUtil.isCharacter(to) && !SqlTypeUtil.isCharacter(from)
        && from.getSqlTypeName().getFamily() != SqlTypeFamily.CHARACTER;
  }
}

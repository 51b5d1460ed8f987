package io.floe.engine.sql;

import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Day-time interval literals finer than a millisecond ({@code interval '10 us'},
 * {@code INTERVAL '0.000001' SECOND}). Calcite keeps day-time intervals as milliseconds and would
 * silently drop the rest (a timestamp plus one microsecond came back unchanged), so before
 * validation such a literal becomes DuckDB's {@code to_microseconds(n)} (plus its whole days, kept
 * as days), which Calcite types as an interval of seconds and DuckDB computes exactly.
 */
final class MicrosecondIntervals {
  private MicrosecondIntervals() {}

  /** DuckDB's {@code to_microseconds(n)}: an interval of n microseconds. */
  static final SqlFunction TO_MICROSECONDS = new SqlFunction("TO_MICROSECONDS",
      SqlKind.OTHER_FUNCTION, MicrosecondIntervals::seconds, null, OperandTypes.EXACT_NUMERIC,
      SqlFunctionCategory.TIMEDATE) {
    /** Types the call without looking the name up (Floe's operator table does not list it). */
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }
  };

  private static RelDataType seconds(SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType seconds = types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.SECOND,
        SqlTypeName.MAX_INTERVAL_START_PRECISION, null, 6, SqlParserPos.ZERO));
    return types.createTypeWithNullability(seconds, binding.getOperandType(0).isNullable());
  }

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlLiteral literal) {
        if (!(literal instanceof SqlIntervalLiteral interval)
            || SqlTypeName.YEAR_INTERVAL_TYPES.contains(literal.getTypeName())) {
          return literal;
        }
        IntervalParts parts = IntervalParts.of(
            interval.getValueAs(SqlIntervalLiteral.IntervalValue.class));
        return parts == null || !parts.finerThanMillis() ? literal : exact(parts, literal);
      }
    });
    return rewritten == null ? node : rewritten;
  }

  private static SqlNode exact(IntervalParts parts, SqlLiteral literal) {
    SqlParserPos pos = literal.getParserPosition();
    SqlNode micros = TO_MICROSECONDS.createCall(pos,
        SqlLiteral.createExactNumeric(Long.toString(parts.micros()), pos));
    if (parts.days() == 0) {
      return micros;
    }
    SqlNode days = SqlLiteral.createInterval(Integer.signum(parts.days()),
        Integer.toString(Math.abs(parts.days())), new SqlIntervalQualifier(TimeUnit.DAY, null, pos), pos);
    return SqlStdOperatorTable.PLUS.createCall(pos, days, micros);
  }
}

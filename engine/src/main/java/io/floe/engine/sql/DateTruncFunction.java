package io.floe.engine.sql;

import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * PostgreSQL's (and DuckDB's, and Snowflake's) {@code date_trunc('month', ts)}, which Calcite lacks.
 * It is rewritten during validation into the standard {@code FLOOR(ts TO MONTH)}, so it pushes down
 * to DuckDB and also runs in Calcite when it must.
 */
final class DateTruncFunction extends SqlFunction {
  static final DateTruncFunction INSTANCE = new DateTruncFunction();

  private static final Map<String, TimeUnit> UNITS = Map.ofEntries(
      Map.entry("microsecond", TimeUnit.MICROSECOND), Map.entry("microseconds", TimeUnit.MICROSECOND),
      Map.entry("millisecond", TimeUnit.MILLISECOND), Map.entry("milliseconds", TimeUnit.MILLISECOND),
      Map.entry("second", TimeUnit.SECOND), Map.entry("seconds", TimeUnit.SECOND),
      Map.entry("minute", TimeUnit.MINUTE), Map.entry("minutes", TimeUnit.MINUTE),
      Map.entry("hour", TimeUnit.HOUR), Map.entry("hours", TimeUnit.HOUR),
      Map.entry("day", TimeUnit.DAY), Map.entry("days", TimeUnit.DAY),
      Map.entry("week", TimeUnit.WEEK), Map.entry("weeks", TimeUnit.WEEK),
      Map.entry("month", TimeUnit.MONTH), Map.entry("months", TimeUnit.MONTH),
      Map.entry("quarter", TimeUnit.QUARTER), Map.entry("quarters", TimeUnit.QUARTER),
      Map.entry("year", TimeUnit.YEAR), Map.entry("years", TimeUnit.YEAR),
      Map.entry("decade", TimeUnit.DECADE), Map.entry("century", TimeUnit.CENTURY),
      Map.entry("millennium", TimeUnit.MILLENNIUM));

  private DateTruncFunction() {
    super("DATE_TRUNC", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG1_NULLABLE, null,
        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
        SqlFunctionCategory.TIMEDATE);
  }

  @Override public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    if (call.operandCount() != 2) {
      throw FloeException.invalid("date_trunc takes a unit and a date or timestamp");
    }
    SqlNode unit = call.operand(0);
    if (!(unit instanceof SqlCharStringLiteral literal)) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED,
          "date_trunc needs the unit as a string literal, such as 'month'");
    }
    String name = literal.getValueAs(String.class).toLowerCase(Locale.ROOT).strip();
    TimeUnit timeUnit = UNITS.get(name);
    if (timeUnit == null) {
      throw FloeException.invalid("date_trunc: unknown unit '" + name + "'");
    }
    return SqlStdOperatorTable.FLOOR.createCall(call.getParserPosition(), call.operand(1),
        new SqlIntervalQualifier(timeUnit, null, unit.getParserPosition()));
  }
}

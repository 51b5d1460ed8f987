package io.floe.engine.sql;

import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's (and DuckDB's, and Snowflake's) {@code date_trunc('month', ts)}, which Calcite lacks.
 * It becomes the standard {@code FLOOR(ts TO MONTH)} when converted to a row expression (see
 * {@link #convert}); a date is truncated as a timestamp and answers one, as in PostgreSQL. A unit
 * that is not a literal (a column, a parameter, NULL) is passed to DuckDB's own date_trunc.
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
    super("DATE_TRUNC", SqlKind.OTHER_FUNCTION, DateTruncFunction::returnType, null,
        OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.DATETIME),
        SqlFunctionCategory.TIMEDATE);
  }

  /** A timestamp stays of its type; a date becomes a timestamp, as in PostgreSQL and DuckDB. */
  private static RelDataType returnType(SqlOperatorBinding binding) {
    RelDataType value = binding.getOperandType(1);
    if (value.getSqlTypeName() != SqlTypeName.DATE) {
      return value;
    }
    RelDataTypeFactory types = binding.getTypeFactory();
    return types.createTypeWithNullability(types.createSqlType(SqlTypeName.TIMESTAMP),
        value.isNullable());
  }

  /** DuckDB's date_trunc, for a unit that is not a literal: only DuckDB computes it. */
  private static final SqlFunction BY_NAME = SqlBasicFunction.create("DATE_TRUNC",
      ReturnTypes.ARG1_NULLABLE.andThen(SqlTypeTransforms.TO_NULLABLE), OperandTypes.ANY_ANY,
      SqlFunctionCategory.TIMEDATE);

  /**
   * The statement with each {@code date_trunc(unit, x)} on this function. The parser's is
   * BigQuery's {@code DATE_TRUNC(x, unit)}, whose validation reads a name in the second place as a
   * time unit, and its parser reads a unit's keyword there: {@code date_trunc('month', day)}
   * truncated the unit {@code day}, not the column.
   */
  static SqlNode columnsNamedLikeUnits(SqlNode parsed) {
    SqlNode rewritten = parsed.accept(new org.apache.calcite.sql.util.SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        if (current.getOperator() == INSTANCE || !current.getOperator().getName().equalsIgnoreCase("DATE_TRUNC")
            || current.operandCount() != 2) {
          return current;
        }
        SqlNode value = current.operand(1);
        if (value instanceof org.apache.calcite.sql.SqlIntervalQualifier unit && unit.timeFrameName == null
            && unit.timeUnitRange.endUnit == null) {
          // A unit's keyword where PostgreSQL reads a name: the column "day".
          value = new org.apache.calcite.sql.SqlIdentifier(unit.getUnit().name().toLowerCase(Locale.ROOT),
              unit.getParserPosition());
        }
        if (value instanceof org.apache.calcite.sql.SqlIdentifier) {
          return INSTANCE.createCall(current.getParserPosition(), current.operand(0), value);
        }
        return current;
      }
    });
    return rewritten == null ? parsed : rewritten;
  }

  /** The unit of a call, checked while the statement is validated. */
  @Override public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    if (call.operandCount() != 2) {
      throw FloeException.invalid("date_trunc takes a unit and a date or timestamp");
    }
    if (call.operand(0) instanceof SqlCharStringLiteral) {
      unit(call);
    }
    return call;
  }

  /** The unit of a call whose unit is a literal. */
  private static TimeUnit unit(SqlCall call) {
    SqlCharStringLiteral literal = call.operand(0);
    String name = literal.getValueAs(String.class).toLowerCase(Locale.ROOT).strip();
    TimeUnit timeUnit = UNITS.get(name);
    if (timeUnit == null) {
      throw FloeException.invalid("unit \"" + name + "\" not recognized by date_trunc");
    }
    return timeUnit;
  }

  /**
   * The standard {@code FLOOR(x TO unit)} that the call stands for, so it pushes down to DuckDB and
   * also runs in Calcite when it must; a date is made a timestamp first.
   */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode value = cx.convertExpression(call.operand(1));
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    if (value.getType().getSqlTypeName() == SqlTypeName.DATE) {
      value = rex.makeCast(type, value);
    }
    if (!(call.operand(0) instanceof SqlCharStringLiteral)) {
      // A unit read from a column (or NULL): DuckDB truncates each row by its own unit.
      return rex.makeCall(type, BY_NAME, List.of(cx.convertExpression(call.operand(0)), value));
    }
    TimeUnit unit = unit(call);
    if (unit == TimeUnit.CENTURY || unit == TimeUnit.MILLENNIUM) {
      return firstYearOf(rex, type, value, unit == TimeUnit.CENTURY ? 100 : 1000);
    }
    return rex.makeCall(type, SqlStdOperatorTable.FLOOR,
        List.of(value, rex.makeFlag(TimeUnitRange.of(unit, null))));
  }

  /**
   * The start of PostgreSQL's century (or millennium) of {@code value}: centuries start in years
   * ending in 1 (2001, 1901), where DuckDB's and Calcite's start in years ending in 0. In AD, floor
   * the year before and move a year on (2000 floors 1999 to 1900, and answers 1901); before AD (a
   * year of 0 or less, 0 being 1 BC), move from the year's start to the astronomical year
   * {@code -((size - y) / size) * size + 1}, as PostgreSQL's date_trunc computes it (44 BC, year
   * -43, is in the century that starts in 100 BC, year -99).
   */
  private static RexNode firstYearOf(RexBuilder rex, RelDataType type, RexNode value, int size) {
    TimeUnitRange range = size == 100 ? TimeUnitRange.CENTURY : TimeUnitRange.MILLENNIUM;
    RexNode before = rex.makeCall(type, SqlStdOperatorTable.DATETIME_PLUS, List.of(value, years(rex, -1)));
    RexNode floor = rex.makeCall(type, SqlStdOperatorTable.FLOOR, List.of(before, rex.makeFlag(range)));
    RexNode ad = rex.makeCall(type, SqlStdOperatorTable.DATETIME_PLUS, List.of(floor, years(rex, 1)));
    RexNode year = rex.makeCall(SqlStdOperatorTable.EXTRACT, rex.makeFlag(TimeUnitRange.YEAR), value);
    RexNode sizeLiteral = rex.makeBigintLiteral(java.math.BigDecimal.valueOf(size));
    RexNode first = rex.makeCall(SqlStdOperatorTable.PLUS,
        rex.makeCall(SqlStdOperatorTable.MULTIPLY,
            rex.makeCall(SqlStdOperatorTable.UNARY_MINUS, rex.makeCall(SqlStdOperatorTable.DIVIDE,
                rex.makeCall(SqlStdOperatorTable.MINUS, sizeLiteral, year), sizeLiteral)),
            sizeLiteral),
        rex.makeBigintLiteral(java.math.BigDecimal.ONE));
    RexNode moveBy = rex.makeCall(SqlStdOperatorTable.MINUS, first, year);
    RexNode yearStart = rex.makeCall(type, SqlStdOperatorTable.FLOOR,
        List.of(value, rex.makeFlag(TimeUnitRange.YEAR)));
    RexNode moved = rex.makeCall(years(rex, 1).getType(), SqlStdOperatorTable.MULTIPLY,
        List.of(years(rex, 1), moveBy));
    RexNode bc = rex.makeCall(type, SqlStdOperatorTable.DATETIME_PLUS, List.of(yearStart, moved));
    RexNode isAd = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, year,
        rex.makeBigintLiteral(java.math.BigDecimal.ZERO));
    return rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(isAd, ad, bc));
  }

  private static RexNode years(RexBuilder rex, int years) {
    return rex.makeIntervalLiteral(java.math.BigDecimal.valueOf(12L * years),
        new org.apache.calcite.sql.SqlIntervalQualifier(TimeUnit.YEAR, null,
            org.apache.calcite.sql.parser.SqlParserPos.ZERO));
  }
}

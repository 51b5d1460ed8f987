package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * {@code d1 - d2} of two dates: the number of days between them, an INTEGER, as in PostgreSQL (and
 * DuckDB, which answers a BIGINT); {@code t1 - t2} of two timestamps (both with or both without a
 * time zone), or of a timestamp and a date (the date read as midnight, as PostgreSQL promotes it):
 * the interval between them in days and time, as in PostgreSQL and DuckDB; {@code t1 - t2} of two
 * times: the interval between them (negative when {@code t2} is later), as in PostgreSQL. Calcite
 * subtracts dates and timestamps only with an interval qualifier ({@code (d1 - d2) DAY}), so
 * before validation every {@code -} becomes {@link #MINUS}, which types a difference of dates or
 * of timestamps itself and hands every other subtraction back to Calcite's operator. The
 * difference becomes {@link #DAYS} or {@link #INTERVAL}, which DuckDB computes.
 */
final class DateDifference {
  private DateDifference() {}

  /** {@code -}, seeing dates on both sides before Calcite's subtraction does. */
  static final SqlBinaryOperator MINUS = new SqlBinaryOperator("-", SqlKind.MINUS, 40, true,
      DateDifference::differenceType, InferTypes.FIRST_KNOWN,
      OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE)
          .or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP))
          .or(OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.DATE))
          .or(OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.TIMESTAMP))
          .or(OperandTypes.family(SqlTypeFamily.TIME, SqlTypeFamily.TIME))) {
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      if (call.operandCount() == 2 && isDifference(
          validator.deriveType(scope, call.operand(0)).getSqlTypeName(),
          validator.deriveType(scope, call.operand(1)).getSqlTypeName())) {
        return validateOperands(validator, scope, call);
      }
      ((SqlBasicCall) call).setOperator(SqlStdOperatorTable.MINUS);
      return SqlStdOperatorTable.MINUS.deriveType(validator, scope, call);
    }
  };

  /** The days from the second date to the first, as DuckDB computes them. */
  static final SqlFunction DAYS = new SqlFunction("DATE_DIFFERENCE_IN_DAYS", SqlKind.OTHER_FUNCTION,
      ReturnTypes.INTEGER_NULLABLE, null, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE),
      SqlFunctionCategory.TIMEDATE) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      writer.keyword("CAST");
      SqlWriter.Frame cast = writer.startList("(", ")");
      SqlWriter.Frame difference = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("-");
      call.operand(1).unparse(writer, 0, 0);
      writer.endList(difference);
      writer.keyword("AS INTEGER");
      writer.endList(cast);
    }
  };

  /** Whether {@code left - right} is a difference this class computes. */
  private static boolean isDifference(SqlTypeName left, SqlTypeName right) {
    boolean leftInstant = left == SqlTypeName.TIMESTAMP || left == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    boolean rightInstant = right == SqlTypeName.TIMESTAMP
        || right == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    return left == right && (left == SqlTypeName.DATE || left == SqlTypeName.TIME || leftInstant)
        || leftInstant && right == SqlTypeName.DATE || left == SqlTypeName.DATE && rightInstant;
  }

  /** The statement with every {@code a - b} on {@link #MINUS}. */
  static SqlNode apply(SqlNode node) {
    return CallRewrites.bottomUp(node, call ->
        call.getOperator() == SqlStdOperatorTable.MINUS && call.operandCount() == 2
            ? MINUS.createCall(call.getParserPosition(), call.getOperandList())
            : call);
  }

  /** The interval from the second timestamp to the first, in days and time, as DuckDB computes it. */
  static final SqlFunction INTERVAL = new SqlFunction("TIMESTAMP_DIFFERENCE", SqlKind.OTHER_FUNCTION,
      DateDifference::differenceType, null,
      OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP), SqlFunctionCategory.TIMEDATE) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame difference = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("-");
      call.operand(1).unparse(writer, 0, 0);
      writer.endList(difference);
    }
  };

  /**
   * The interval from the second time of day to the first: DuckDB subtracts no times, so each is
   * read on the same day ({@code DATE '1970-01-01' + t}) and the timestamps are subtracted.
   */
  static final SqlFunction TIME_INTERVAL = new SqlFunction("TIME_DIFFERENCE", SqlKind.OTHER_FUNCTION,
      DateDifference::differenceType, null, OperandTypes.family(SqlTypeFamily.TIME, SqlTypeFamily.TIME),
      SqlFunctionCategory.TIMEDATE) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame difference = writer.startList("(", ")");
      for (int i = 0; i < 2; i++) {
        if (i == 1) {
          writer.sep("-");
        }
        SqlWriter.Frame day = writer.startList("(", ")");
        writer.keyword("DATE '1970-01-01' +");
        call.operand(i).unparse(writer, 0, 0);
        writer.endList(day);
      }
      writer.endList(difference);
    }
  };

  /** INTEGER days between dates, an interval of days and time between timestamps. */
  private static RelDataType differenceType(SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType type = binding.getOperandType(0).getSqlTypeName() == SqlTypeName.DATE
        && binding.getOperandType(1).getSqlTypeName() == SqlTypeName.DATE
        ? types.createSqlType(SqlTypeName.INTEGER)
        : types.createSqlIntervalType(new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND,
            SqlParserPos.ZERO));
    boolean nullable = false;
    for (int i = 0; i < binding.getOperandCount(); i++) {
      nullable |= binding.getOperandType(i).isNullable();
    }
    return types.createTypeWithNullability(type, nullable);
  }

  /** A difference of dates or of timestamps as a row expression. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RelDataTypeFactory types = cx.getTypeFactory();
    RexNode left = cx.convertExpression(call.operand(0));
    RexNode right = cx.convertExpression(call.operand(1));
    boolean nullable = left.getType().isNullable() || right.getType().isNullable();
    SqlTypeName leftType = left.getType().getSqlTypeName();
    SqlTypeName rightType = right.getType().getSqlTypeName();
    if (leftType != SqlTypeName.DATE || rightType != SqlTypeName.DATE) {
      RelDataType interval = types.createTypeWithNullability(types.createSqlIntervalType(
          new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO)), nullable);
      if (leftType == SqlTypeName.TIME) {
        return cx.getRexBuilder().makeCall(interval, TIME_INTERVAL, List.of(left, right));
      }
      // A date beside a timestamp is that timestamp's type at midnight, as PostgreSQL promotes it.
      if (leftType == SqlTypeName.DATE) {
        left = cx.getRexBuilder().makeCast(types.createTypeWithNullability(
            types.createSqlType(rightType, right.getType().getPrecision()), left.getType().isNullable()), left);
      } else if (rightType == SqlTypeName.DATE) {
        right = cx.getRexBuilder().makeCast(types.createTypeWithNullability(
            types.createSqlType(leftType, left.getType().getPrecision()), right.getType().isNullable()), right);
      }
      return cx.getRexBuilder().makeCall(interval, INTERVAL, List.of(left, right));
    }
    RelDataType type = types.createTypeWithNullability(types.createSqlType(SqlTypeName.INTEGER),
        nullable);
    return cx.getRexBuilder().makeCall(type, DAYS, List.of(left, right));
  }
}

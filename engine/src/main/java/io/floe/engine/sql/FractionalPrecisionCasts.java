package io.floe.engine.sql;

import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * {@code CAST(x AS timestamp(p))} and {@code CAST(x AS time(p))} with fewer than six fractional
 * digits round to {@code p} digits, as PostgreSQL does ({@code timestamp '2024-01-01 10:00:00.5'}
 * as {@code timestamp(0)} is 10:00:01), where Calcite truncated constants and DuckDB ignored the
 * precision. The cast becomes {@link #ROUNDED_TIMESTAMP} (or {@link #ROUNDED_TIME}) of the value
 * cast at full precision, which DuckDB
 * computes on microseconds exactly as PostgreSQL's {@code AdjustTimestampForTypmod}: half a unit
 * away from zero, counted from 2000-01-01 for a timestamp (so a half before 2000 rounds down) and
 * from midnight for a time.
 */
final class FractionalPrecisionCasts {
  /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
  private static final long POSTGRES_EPOCH_US = 946_684_800_000_000L;

  private FractionalPrecisionCasts() {}

  /** {@code ROUNDED_TIMESTAMP(x, p)}: the timestamp {@code x} rounded to {@code p} fractional digits. */
  static final SqlFunction ROUNDED_TIMESTAMP = new Rounded("ROUNDED_TIMESTAMP", false);
  /** {@code ROUNDED_TIME(x, p)}: the time {@code x} rounded to {@code p} fractional digits. */
  static final SqlFunction ROUNDED_TIME = new Rounded("ROUNDED_TIME", true);

  private static final class Rounded extends SqlFunction {
    private final boolean time;

    Rounded(String name, boolean time) {
      super(name, SqlKind.OTHER_FUNCTION, FractionalPrecisionCasts::roundedType, null, OperandTypes.ANY_ANY,
          SqlFunctionCategory.TIMEDATE);
      this.time = time;
    }

    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlNode value = call.operand(0);
      long unit = unit(((SqlLiteral) call.operand(1)).intValue(true));
      // t: microseconds from PostgreSQL's epoch (a time: from midnight); the value moves by
      // round(t) - t, t rounded half away from zero to a multiple of the unit.
      SqlWriter.Frame frame = writer.startList("(", ")");
      value.unparse(writer, 0, 0);
      writer.print(" + to_microseconds((CASE WHEN ");
      micros(writer, value, time);
      writer.print(" >= 0 THEN (");
      micros(writer, value, time);
      writer.print(" + " + unit / 2 + ") // " + unit + " * " + unit + " ELSE -((" + unit / 2 + " - ");
      micros(writer, value, time);
      writer.print(") // " + unit + " * " + unit + ") END) - ");
      micros(writer, value, time);
      writer.print(")");
      writer.endList(frame);
    }
  }

  private static void micros(SqlWriter writer, SqlNode value, boolean time) {
    SqlWriter.Frame frame = writer.startList("(", ")");
    if (time) {
      writer.print("date_part('hour', ");
      value.unparse(writer, 0, 0);
      writer.print(") * 3600000000 + date_part('minute', ");
      value.unparse(writer, 0, 0);
      writer.print(") * 60000000 + date_part('microseconds', ");
      value.unparse(writer, 0, 0);
      writer.print(")");
    } else {
      writer.print("epoch_us(");
      value.unparse(writer, 0, 0);
      writer.print(") - " + POSTGRES_EPOCH_US);
    }
    writer.endList(frame);
  }

  private static long unit(int precision) {
    long unit = 1;
    for (int i = precision; i < 6; i++) {
      unit *= 10;
    }
    return unit;
  }

  private static RelDataType roundedType(SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType value = binding.getOperandType(0);
    int precision = binding.getOperandLiteralValue(1, Integer.class);
    return types.createTypeWithNullability(types.createSqlType(value.getSqlTypeName(), precision),
        value.isNullable());
  }

  /** The statement with each cast to fewer than six fractional digits rounded (in place where it can). */
  static SqlNode apply(SqlNode node) {
    return CallRewrites.bottomUp(node, FractionalPrecisionCasts::rewrite);
  }

  private static SqlNode rewrite(SqlCall call) {
    if (call.getKind() != SqlKind.CAST || call.operandCount() != 2
        || !(call.operand(1) instanceof SqlDataTypeSpec spec)
        || !(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      return call;
    }
    SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
    int precision = basic.getPrecision();
    boolean timestamp = name == SqlTypeName.TIMESTAMP || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
        || name == SqlTypeName.TIMESTAMP_TZ;
    if (!timestamp && name != SqlTypeName.TIME || precision < 0 || precision >= 6) {
      return call;
    }
    SqlParserPos pos = call.getParserPosition();
    SqlDataTypeSpec full = new SqlDataTypeSpec(
        new SqlBasicTypeNameSpec(name, 6, basic.getParserPos()), spec.getTimeZone(), pos);
    SqlNode value = SqlStdOperatorTable.CAST.createCall(pos, call.operand(0), full);
    SqlFunction rounded = timestamp ? ROUNDED_TIMESTAMP : ROUNDED_TIME;
    return rounded.createCall(pos, value, SqlLiteral.createExactNumeric(String.valueOf(precision), pos));
  }
}

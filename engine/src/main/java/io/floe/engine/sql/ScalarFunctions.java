package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Scalar functions of PostgreSQL that DuckDB computes under the same name and Calcite's libraries
 * lack: {@code pow}, {@code reverse}, {@code bit_length}, {@code gcd}, {@code lcm}, {@code to_hex},
 * {@code make_date}, {@code make_time}, {@code make_timestamp}, {@code isfinite}, {@code factorial},
 * {@code to_timestamp(seconds)} and the two-argument {@code ltrim(text, characters)} and
 * {@code rtrim(text, characters)} (Calcite's take one). Each is typed here as PostgreSQL types its
 * answer (where DuckDB's type differs, as for {@code factorial}, the call is cast) and is sent to
 * DuckDB under its own name.
 */
final class ScalarFunctions {
  private static final SqlReturnTypeInference TIMESTAMP = ReturnTypes.explicit(SqlTypeName.TIMESTAMP,
      FloeTypeSystem.TIME_PRECISION).andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final SqlReturnTypeInference TIME = ReturnTypes.explicit(SqlTypeName.TIME,
      FloeTypeSystem.TIME_PRECISION).andThen(SqlTypeTransforms.TO_NULLABLE);
  /** An instant: PostgreSQL's {@code timestamp with time zone}. */
  private static final SqlReturnTypeInference INSTANT = ReturnTypes.explicit(
      SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, FloeTypeSystem.TIME_PRECISION)
      .andThen(SqlTypeTransforms.TO_NULLABLE);
  /** A whole number of up to 38 digits: PostgreSQL's {@code numeric} for a factorial. */
  private static final SqlReturnTypeInference WHOLE_NUMERIC = ((SqlReturnTypeInference) binding ->
      binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, FloeTypeSystem.MAX_DECIMAL, 0))
      .andThen(SqlTypeTransforms.TO_NULLABLE);
  private static final SqlOperandTypeChecker TWO_STRINGS = OperandTypes.family(
      SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER);

  /**
   * An argument that is not text, for a function PostgreSQL has for integer and bigint only: text is
   * no integer there ({@code function to_hex(text) does not exist}), and a quoted literal could be
   * either ({@code function to_hex(unknown) is not unique}), where Calcite would read it as a number.
   */
  private static final SqlOperandTypeChecker NOT_TEXT = new SqlOperandTypeChecker() {
    @Override public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
      SqlNode operand = binding.operand(0);
      if (!SqlTypeUtil.isCharacter(binding.getOperandType(0))) {
        return true;
      }
      if (operand instanceof SqlLiteral) { // also while Calcite looks for the function
        throw new FloeException(ErrorCode.AMBIGUOUS_FUNCTION, "function "
            + binding.getOperator().getName().toLowerCase(Locale.ROOT) + "(unknown) is not unique",
            "Could not choose a best candidate function. You might need to add explicit type casts.",
            null);
      }
      if (!throwOnFailure) {
        return false;
      }
      throw binding.newValidationSignatureError();
    }

    @Override public SqlOperandCountRange getOperandCountRange() {
      return SqlOperandCountRanges.of(1);
    }

    @Override public String getAllowedSignatures(SqlOperator op, String opName) {
      return opName + "(<INTEGER>)";
    }
  };

  /**
   * PostgreSQL's {@code factorial(n)}, a {@code numeric}. DuckDB's takes an INTEGER and answers a
   * HUGEINT (up to 33!, beyond which it fails as out of range), so the argument is cast to INTEGER
   * and the answer to {@code DECIMAL(38,0)}.
   */
  private static final SqlFunction FACTORIAL = new SqlFunction("FACTORIAL", SqlKind.OTHER_FUNCTION,
      WHOLE_NUMERIC, null, OperandTypes.family(SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      writer.keyword("CAST");
      SqlWriter.Frame cast = writer.startList("(", ")");
      writer.print("factorial");
      SqlWriter.Frame arguments = writer.startList("(", ")");
      writer.keyword("CAST");
      SqlWriter.Frame argument = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.keyword("AS INTEGER");
      writer.endList(argument);
      writer.endList(arguments);
      writer.keyword("AS DECIMAL(" + FloeTypeSystem.MAX_DECIMAL + ", 0)");
      writer.endList(cast);
    }
  };

  /**
   * PostgreSQL's {@code to_hex}: lower-case digits, and a negative number in two's complement of
   * its own width: 32 bits for an integer ({@code ffffffff}), 64 for a bigint. DuckDB writes
   * upper case and widens every integer to 64 bits, so a bigint is sent as
   * {@code lower(to_hex(x))}, and any narrower integer as {@link #TO_HEX_INT4}.
   */
  static final SqlFunction TO_HEX = new SqlFunction("TO_HEX", SqlKind.OTHER_FUNCTION,
      ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.and(NOT_TEXT,
          OperandTypes.family(SqlTypeFamily.INTEGER)), SqlFunctionCategory.STRING) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      unparseHex(writer, call, false);
    }
  };

  /** {@link #TO_HEX} of a 32-bit integer: its value modulo 2^32, so -1 is {@code ffffffff}. */
  static final SqlFunction TO_HEX_INT4 = new SqlFunction("TO_HEX", SqlKind.OTHER_FUNCTION,
      ReturnTypes.VARCHAR_NULLABLE, null, OperandTypes.family(SqlTypeFamily.INTEGER),
      SqlFunctionCategory.STRING) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      unparseHex(writer, call, true);
    }
  };

  private static void unparseHex(SqlWriter writer, SqlCall call, boolean int4) {
    writer.print("lower");
    SqlWriter.Frame lower = writer.startList("(", ")");
    writer.print("to_hex");
    SqlWriter.Frame hex = writer.startList("(", ")");
    if (int4) {
      writer.print("((CAST(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(" AS BIGINT) % 4294967296) + 4294967296) % 4294967296");
    } else {
      call.operand(0).unparse(writer, 0, 0);
    }
    writer.endList(hex);
    writer.endList(lower);
  }

  static final List<SqlOperator> ALL = List.of(
      function("POW", ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC_NUMERIC, SqlFunctionCategory.NUMERIC),
      function("REVERSE", ReturnTypes.ARG0_NULLABLE_VARYING, OperandTypes.CHARACTER,
          SqlFunctionCategory.STRING),
      function("BIT_LENGTH", ReturnTypes.BIGINT_NULLABLE, OperandTypes.CHARACTER,
          SqlFunctionCategory.NUMERIC),
      function("GCD", ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE),
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC),
      function("LCM", ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.TO_NULLABLE),
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC),
      TO_HEX,
      function("MAKE_DATE", ReturnTypes.DATE_NULLABLE,
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER),
          SqlFunctionCategory.TIMEDATE),
      function("MAKE_TIME", TIME,
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
          SqlFunctionCategory.TIMEDATE),
      function("MAKE_TIMESTAMP", TIMESTAMP, OperandTypes.or(
          OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER,
              SqlTypeFamily.INTEGER, SqlTypeFamily.INTEGER, SqlTypeFamily.NUMERIC),
          OperandTypes.family(SqlTypeFamily.INTEGER)), SqlFunctionCategory.TIMEDATE),
      function("ISFINITE", ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.DATETIME,
          SqlFunctionCategory.TIMEDATE),
      FACTORIAL,
      // Seconds since 1970-01-01 00:00 UTC as an instant (the two-argument form, text with a
      // pattern, is Calcite's).
      function("TO_TIMESTAMP", INSTANT, OperandTypes.NUMERIC, SqlFunctionCategory.TIMEDATE),
      // With the characters to strip (with one argument, Calcite's strips spaces).
      function("LTRIM", ReturnTypes.ARG0_NULLABLE_VARYING, TWO_STRINGS, SqlFunctionCategory.STRING),
      function("RTRIM", ReturnTypes.ARG0_NULLABLE_VARYING, TWO_STRINGS, SqlFunctionCategory.STRING));

  private ScalarFunctions() {}

  private static SqlOperator function(String name, SqlReturnTypeInference returns,
      SqlOperandTypeChecker operands, SqlFunctionCategory category) {
    return SqlBasicFunction.create(name, returns, operands, category);
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL functions that DuckDB has under another name or not at all, written for DuckDB as
 * PostgreSQL computes them: {@code btrim(s [, chars])} ({@code trim}), {@code width_bucket(x, low,
 * high, count)} (a CASE over DuckDB arithmetic), {@code encode(bytea, 'hex'|'base64')} and
 * {@code decode(text, 'hex'|'base64')} ({@code hex}, {@code to_base64}, {@code unhex},
 * {@code from_base64}), {@code date_bin(stride, source, origin)} ({@code time_bucket}), and
 * {@code quote_literal} and {@code quote_nullable}.
 */
final class PostgresFunctions {
  private PostgresFunctions() {}

  /** A function whose DuckDB text {@link #write} gives. */
  private abstract static class Written extends SqlFunction {
    Written(String name, SqlReturnTypeInference returns,
        org.apache.calcite.sql.type.SqlOperandTypeChecker operands, SqlFunctionCategory category) {
      super(name, SqlKind.OTHER_FUNCTION, returns, null, operands, category);
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      write(writer, call);
      writer.endList(frame);
    }

    abstract void write(SqlWriter writer, SqlCall call);

    static void operand(SqlWriter writer, SqlCall call, int i) {
      writer.print("(");
      call.operand(i).unparse(writer, 0, 0);
      writer.print(")");
      writer.setNeedWhitespace(true);
    }
  }

  /** PostgreSQL's {@code btrim}: {@code trim} of spaces, or of the characters given. */
  static final SqlFunction BTRIM = new Written("BTRIM", ReturnTypes.ARG0_NULLABLE_VARYING,
      OperandTypes.or(OperandTypes.CHARACTER, OperandTypes.family(SqlTypeFamily.CHARACTER,
          SqlTypeFamily.CHARACTER)), SqlFunctionCategory.STRING) {
    @Override void write(SqlWriter writer, SqlCall call) {
      DuckDbText.call(writer, "trim", call.getOperandList());
    }
  };

  /**
   * PostgreSQL's {@code width_bucket(x, low, high, count)}: the bucket of {@code count} equal
   * buckets over [low, high) that holds x, 0 below and count + 1 above (mirrored when low > high),
   * computed in double precision; a count below 1 or equal bounds fail with 2201G.
   */
  static final SqlFunction WIDTH_BUCKET = new Written("WIDTH_BUCKET", ReturnTypes.INTEGER_NULLABLE,
      OperandTypes.family(SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC, SqlTypeFamily.NUMERIC,
          SqlTypeFamily.INTEGER), SqlFunctionCategory.NUMERIC) {
    @Override void write(SqlWriter writer, SqlCall call) {
      String x = text(writer, call, 0);
      String low = text(writer, call, 1);
      String high = text(writer, call, 2);
      String count = text(writer, call, 3);
      writer.print("CASE WHEN " + count + " <= 0 THEN error('count must be greater than zero')"
          + " WHEN " + low + " = " + high + " THEN error('lower bound cannot equal upper bound')"
          + " WHEN " + low + " < " + high + " THEN CASE WHEN " + x + " < " + low + " THEN 0"
          + " WHEN " + x + " >= " + high + " THEN " + count + " + 1"
          + " ELSE CAST(floor((CAST(" + x + " AS DOUBLE) - " + low + ") * " + count + " / (CAST("
          + high + " AS DOUBLE) - " + low + ")) AS INTEGER) + 1 END"
          + " ELSE CASE WHEN " + x + " > " + low + " THEN 0"
          + " WHEN " + x + " <= " + high + " THEN " + count + " + 1"
          + " ELSE CAST(floor((CAST(" + low + " AS DOUBLE) - " + x + ") * " + count + " / (CAST("
          + low + " AS DOUBLE) - " + high + ")) AS INTEGER) + 1 END END");
    }
  };

  private static String text(SqlWriter writer, SqlCall call, int i) {
    return DuckDbText.operand(writer, call.operand(i));
  }

  /** The format argument of encode or decode: a constant {@code hex} or {@code base64}. */
  private static String format(SqlNode node) {
    if (!(node instanceof SqlCharStringLiteral literal)) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "the format of encode and decode must be a "
          + "constant ('hex' or 'base64')");
    }
    String format = literal.getValueAs(String.class).toLowerCase(Locale.ROOT);
    if (format.equals("escape")) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "the escape format of encode and decode is "
          + "not supported", "Use 'hex' or 'base64'.", null);
    }
    if (!format.equals("hex") && !format.equals("base64")) {
      throw FloeException.of(ErrorCode.INVALID_ARGUMENT, "unrecognized encoding: \"%s\"",
          literal.getValueAs(String.class));
    }
    return format;
  }

  /** A function whose second operand, a format, is checked while validating. */
  private abstract static class Coding extends Written {
    Coding(String name, SqlReturnTypeInference returns, SqlTypeFamily input) {
      super(name, returns, OperandTypes.family(input, SqlTypeFamily.CHARACTER),
          SqlFunctionCategory.STRING);
    }

    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      format(call.operand(1));
      return super.deriveType(validator, scope, call);
    }
  }

  /** PostgreSQL's {@code encode(bytea, format)}: text, hex in lower case, or base64. */
  static final SqlFunction ENCODE = new Coding("ENCODE", ReturnTypes.VARCHAR_NULLABLE,
      SqlTypeFamily.BINARY) {
    @Override void write(SqlWriter writer, SqlCall call) {
      writer.print(format(call.operand(1)).equals("hex") ? "lower(hex(" : "(to_base64(");
      operand(writer, call, 0);
      writer.print("))");
    }
  };

  /** PostgreSQL's {@code decode(text, format)}: the bytes the hex or base64 text spells. */
  static final SqlFunction DECODE = new Coding("DECODE", ReturnTypes.VARBINARY_NULLABLE,
      SqlTypeFamily.CHARACTER) {
    @Override void write(SqlWriter writer, SqlCall call) {
      writer.print(format(call.operand(1)).equals("hex") ? "unhex(" : "from_base64(");
      operand(writer, call, 0);
      writer.print(")");
    }
  };

  /**
   * PostgreSQL's {@code date_bin(stride, source, origin)}: the start of the stride-wide bin, counted
   * from origin, that holds source; DuckDB's {@code time_bucket} with an origin.
   */
  static final SqlFunction DATE_BIN = new Written("DATE_BIN", ReturnTypes.ARG1_NULLABLE,
      OperandTypes.family(SqlTypeFamily.DATETIME_INTERVAL, SqlTypeFamily.TIMESTAMP,
          SqlTypeFamily.TIMESTAMP), SqlFunctionCategory.TIMEDATE) {
    @Override void write(SqlWriter writer, SqlCall call) {
      DuckDbText.call(writer, "time_bucket", call.getOperandList());
    }
  };

  /**
   * PostgreSQL's {@code quote_literal(value)}: the value as text in a quoted string constant, quotes
   * doubled, and with backslashes doubled behind {@code E} when it holds one; NULL stays NULL
   * ({@link #QUOTE_NULLABLE} writes {@code NULL}).
   */
  static final SqlFunction QUOTE_LITERAL = new Written("QUOTE_LITERAL", ReturnTypes.VARCHAR_NULLABLE,
      OperandTypes.ANY, SqlFunctionCategory.STRING) {
    @Override void write(SqlWriter writer, SqlCall call) {
      writer.print(quoted(text(writer, call, 0)));
    }
  };

  /** PostgreSQL's {@code quote_nullable(value)}: {@link #QUOTE_LITERAL}, or {@code NULL} for NULL. */
  static final SqlFunction QUOTE_NULLABLE = new Written("QUOTE_NULLABLE",
      ReturnTypes.explicit(org.apache.calcite.sql.type.SqlTypeName.VARCHAR), OperandTypes.ANY,
      SqlFunctionCategory.STRING) {
    @Override void write(SqlWriter writer, SqlCall call) {
      writer.print("coalesce(" + quoted(text(writer, call, 0)) + ", 'NULL')");
    }
  };

  /** DuckDB text that quotes the value of {@code x} as PostgreSQL's quote_literal does. */
  private static String quoted(String x) {
    String value = "CAST(" + x + " AS VARCHAR)";
    return "CASE WHEN contains(" + value + ", '\\') THEN 'E''' || replace(replace(" + value
        + ", '\\', '\\\\'), '''', '''''') || '''' ELSE '''' || replace(" + value
        + ", '''', '''''') || '''' END";
  }

  static final List<SqlOperator> ALL = List.of(BTRIM, WIDTH_BUCKET, ENCODE, DECODE, DATE_BIN,
      QUOTE_LITERAL, QUOTE_NULLABLE);
}

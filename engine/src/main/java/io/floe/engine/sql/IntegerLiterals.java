package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A quoted constant cast to an integer type ({@code '1.5'::int}, {@code CAST('1e3' AS bigint)})
 * is read as PostgreSQL reads integer input: optional blanks, an optional sign and digits, within
 * the type's range. Anything else fails while planning, with 22P02 ({@code invalid input syntax
 * for type integer: "1.5"}) or 22003 ({@code value "99999999999" is out of range for type
 * integer}); DuckDB would round {@code '1.5'} to 2 and read {@code '1e3'} as 1000. (Text from a
 * column cast to an integer is read by DuckDB.)
 */
final class IntegerLiterals {
  private static final Pattern INTEGER = Pattern.compile("[ \\t\\n\\r\\f\\v]*[+-]?[0-9]+[ \\t\\n\\r\\f\\v]*");

  private IntegerLiterals() {}

  static SqlNode apply(SqlNode node) {
    return CallRewrites.bottomUp(node, call -> {
      if (call.getKind() == SqlKind.CAST && call.operandCount() == 2
          && call.operand(0) instanceof SqlCharStringLiteral literal
          && call.operand(1) instanceof SqlDataTypeSpec spec
          && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic) {
        SqlTypeName type = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(Locale.ROOT));
        if (type == SqlTypeName.SMALLINT || type == SqlTypeName.INTEGER || type == SqlTypeName.BIGINT) {
          check(literal.getValueAs(String.class), type);
        }
      }
      return call;
    });
  }

  private static void check(String text, SqlTypeName type) {
    String name = type == SqlTypeName.SMALLINT ? "smallint"
        : type == SqlTypeName.INTEGER ? "integer" : "bigint";
    if (!INTEGER.matcher(text).matches()) {
      throw FloeException.of(ErrorCode.INVALID_DATA, "invalid input syntax for type %s: \"%s\"",
          name, text);
    }
    BigInteger value = new BigInteger(text.strip());
    int bits = type == SqlTypeName.SMALLINT ? 15 : type == SqlTypeName.INTEGER ? 31 : 63;
    if (value.bitLength() > bits) {
      throw FloeException.of(ErrorCode.NUMERIC_OUT_OF_RANGE, "value \"%s\" is out of range for type %s",
          text, name);
    }
  }
}

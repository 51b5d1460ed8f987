package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Text never holds the null character, as in PostgreSQL ({@code chr(0)} fails there with 54000),
 * where DuckDB's text may: {@code chr(0)} is refused as it is validated, and so is text that Floe
 * computes while planning ({@code chr(1 - 1)}, folded) and that would hold one.
 */
final class NullCharacters {
  private NullCharacters() {}

  /** Fails for {@code chr(0)}, a call whose answer would be the null character. */
  static void check(SqlCall call) {
    if (call.getOperator().getName().toUpperCase(Locale.ROOT).equals("CHR") && call.operandCount() == 1
        && call.operand(0) instanceof SqlNumericLiteral n && n.getValueAs(BigDecimal.class).signum() == 0) {
      throw refused();
    }
  }

  /** Fails if {@code value}, computed while planning, is text holding the null character. */
  static void check(RexLiteral value) {
    if (SqlTypeUtil.isCharacter(value.getType()) && !value.isNull()
        && String.valueOf(value.getValueAs(String.class)).indexOf('\u0000') >= 0) {
      throw refused();
    }
  }

  private static FloeException refused() {
    return new FloeException(ErrorCode.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
  }
}

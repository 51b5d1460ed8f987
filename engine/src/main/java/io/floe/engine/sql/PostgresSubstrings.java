package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/**
 * {@code substring(s, start [, count])} (also {@code substring(s FROM start FOR count)} and
 * {@code substr}) as PostgreSQL answers it: the characters from position {@code start} up to, not
 * including, {@code start + count}, of those the string has, so a start before 1 shortens the
 * answer ({@code substring('Hello World', -1, 4)} is {@code He}) and without a count means the whole
 * string; a negative count fails with {@code 22011}. DuckDB counts a negative start from the end,
 * so the start sent is at least 1 and the count is shortened by what the start was moved.
 */
final class PostgresSubstrings {
  static final String NEGATIVE_LENGTH = "negative substring length not allowed";

  private PostgresSubstrings() {}

  static void unparse(SqlWriter writer, SqlCall call) {
    writer.print("substring");
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.sep(",");
    call.operand(0).unparse(writer, 0, 0);
    writer.sep(",");
    writer.print("CASE WHEN ");
    start(writer, call);
    writer.print(" < 1 THEN 1 ELSE ");
    start(writer, call);
    writer.print(" END");
    if (call.operandCount() == 3) {
      SqlNode count = call.operand(2);
      BigDecimal constant = constant(count);
      if (constant != null && constant.signum() < 0) {
        throw new FloeException(ErrorCode.SUBSTRING_ERROR, NEGATIVE_LENGTH);
      }
      writer.sep(",");
      writer.print("CASE WHEN ");
      start(writer, call);
      writer.print(" >= 1 THEN ");
      count(writer, count, constant != null);
      writer.print(" WHEN ");
      start(writer, call);
      writer.print(" + ");
      count(writer, count, constant != null);
      writer.print(" < 1 THEN 0 ELSE ");
      start(writer, call);
      writer.print(" + ");
      count(writer, count, constant != null);
      writer.print(" - 1 END");
    }
    writer.endList(frame);
  }

  private static void start(SqlWriter writer, SqlCall call) {
    writer.print("CAST(");
    call.operand(1).unparse(writer, 0, 0);
    writer.print(" AS BIGINT)");
  }

  /** The count, checked while the statement runs unless it is a constant (checked here). */
  private static void count(SqlWriter writer, SqlNode count, boolean constant) {
    if (constant) {
      count.unparse(writer, 0, 0);
      return;
    }
    writer.print("CASE WHEN ");
    count.unparse(writer, 0, 0);
    writer.print(" < 0 THEN error('" + NEGATIVE_LENGTH + "') ELSE CAST(");
    count.unparse(writer, 0, 0);
    writer.print(" AS BIGINT) END");
  }

  /** A numeric literal's value (also written as a negated literal), or null. */
  private static BigDecimal constant(SqlNode node) {
    if (node instanceof SqlLiteral literal && literal.getValue() instanceof BigDecimal value) {
      return value;
    }
    if (node instanceof SqlCall call && call.getKind() == SqlKind.MINUS_PREFIX) {
      BigDecimal inner = constant(call.operand(0));
      return inner == null ? null : inner.negate();
    }
    return null;
  }
}

package io.floe.engine.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Square roots, logarithms and powers outside their domain fail as in PostgreSQL, where DuckDB
 * answers NaN or an infinity: {@code sqrt} of a negative number (2201F), {@code ln}, {@code log}
 * and {@code log10} of zero or a negative number (2201E), zero to a negative power and a negative
 * number to a fractional power (2201F; Calcite plans {@code sqrt(x)} as {@code power(x, 0.5)},
 * which fails with sqrt's words). The call goes to DuckDB as {@code CASE WHEN <outside>
 * THEN error(...) ELSE <call> END}; its operands appear twice there, so an operand that calls a
 * non-deterministic function ({@code random()}) keeps DuckDB's answer rather than draw twice.
 */
final class MathDomains {
  static final String NEGATIVE_SQRT = "cannot take square root of a negative number";
  static final String LOG_OF_ZERO = "cannot take logarithm of zero";
  static final String LOG_OF_NEGATIVE = "cannot take logarithm of a negative number";
  static final String ZERO_TO_NEGATIVE = "zero raised to a negative power is undefined";
  static final String COMPLEX_POWER =
      "a negative number raised to a non-integer power yields a complex result";

  private MathDomains() {}

  /** Writes {@code call} with its domain checked, if it is one of these functions; else false. */
  static boolean unparse(SqlWriter writer, SqlCall call) {
    SqlOperator op = call.getOperator();
    boolean sqrt = op == SqlStdOperatorTable.SQRT;
    boolean log = op == SqlStdOperatorTable.LN || op == SqlStdOperatorTable.LOG10
        || (op == SqlLibraryOperators.LOG && call.operandCount() == 1);
    boolean power = op == SqlStdOperatorTable.POWER && call.operandCount() == 2;
    if (!(sqrt || log || power) || !deterministic(call)) {
      return false;
    }
    String x = DuckDbText.operand(writer, call.operand(0));
    StringBuilder check = new StringBuilder("(CASE");
    if (sqrt) {
      check.append(" WHEN ").append(x).append(" < 0 THEN error('").append(NEGATIVE_SQRT).append("')");
    } else if (log) {
      check.append(" WHEN ").append(x).append(" = 0 THEN error('").append(LOG_OF_ZERO).append("')")
          .append(" WHEN ").append(x).append(" < 0 THEN error('").append(LOG_OF_NEGATIVE).append("')");
    } else if (isHalf(call.operand(1))) {
      // Calcite plans sqrt(x) as power(x, 0.5).
      check.append(" WHEN ").append(x).append(" < 0 THEN error('").append(NEGATIVE_SQRT).append("')");
    } else {
      String y = DuckDbText.operand(writer, call.operand(1));
      check.append(" WHEN ").append(x).append(" = 0 AND ").append(y).append(" < 0 THEN error('")
          .append(ZERO_TO_NEGATIVE).append("')")
          .append(" WHEN ").append(x).append(" < 0 AND ").append(y).append(" <> floor(").append(y)
          .append(") THEN error('").append(COMPLEX_POWER).append("')");
    }
    writer.print(check.append(" ELSE ").toString());
    writer.setNeedWhitespace(true);
    SqlWriter.Frame frame = writer.startList("", "");
    op.unparse(writer, call, 0, 0);
    writer.endList(frame);
    writer.print(" END)");
    writer.setNeedWhitespace(true);
    return true;
  }

  private static boolean isHalf(SqlNode node) {
    return node instanceof org.apache.calcite.sql.SqlNumericLiteral n
        && n.getValueAs(java.math.BigDecimal.class).compareTo(new java.math.BigDecimal("0.5")) == 0;
  }

  private static boolean deterministic(SqlNode node) {
    boolean[] volatileCall = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (!call.getOperator().isDeterministic()) {
          volatileCall[0] = true;
        }
        return super.visit(call);
      }
    });
    return !volatileCall[0];
  }

}

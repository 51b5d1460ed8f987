package io.floe.engine.sql;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Quoted literals in a VALUES column of numbers, as PostgreSQL types them: {@code VALUES (3),
 * ('42')} is a column of integers, as a quoted literal has no type of its own until its context
 * gives it one; Calcite types it as text and refuses to mix it with numbers. Where every other
 * value of a column is a number literal (integers, or any with an exponent) or NULL, each quoted
 * literal becomes a cast to that column's type: INTEGER, BIGINT beyond INTEGER's range, or DOUBLE.
 * A text that is not a number then fails as the cast does, as in PostgreSQL.
 */
final class ValuesLiterals {
  private ValuesLiterals() {}

  static SqlNode apply(SqlNode parsed) {
    SqlNode rewritten = parsed.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        if (call.getKind() == SqlKind.VALUES) {
          typeQuotedLiterals(call);
        }
        return super.visit(call);
      }
    });
    return rewritten == null ? parsed : rewritten;
  }

  private static void typeQuotedLiterals(SqlCall values) {
    List<SqlNode> rows = values.getOperandList();
    if (rows.isEmpty() || !rows.stream().allMatch(r -> r.getKind() == SqlKind.ROW)) {
      return;
    }
    int width = ((SqlCall) rows.get(0)).operandCount();
    for (int column = 0; column < width; column++) {
      SqlTypeName type = null;
      boolean quoted = false;
      boolean typeable = true;
      for (SqlNode row : rows) {
        SqlCall r = (SqlCall) row;
        if (r.operandCount() != width) {
          return;
        }
        SqlNode value = r.operand(column);
        if (value instanceof SqlCharStringLiteral) {
          quoted = true;
        } else if (number(value) != null) {
          type = type == null || number(value).compareTo(type) > 0 ? number(value) : type;
        } else if (!SqlUtil.isNullLiteral(value, false)) {
          typeable = false;
        }
      }
      if (quoted && typeable && type != null) {
        for (SqlNode row : rows) {
          SqlCall r = (SqlCall) row;
          if (r.operand(column) instanceof SqlCharStringLiteral literal) {
            r.setOperand(column, SqlStdOperatorTable.CAST.createCall(literal.getParserPosition(), literal,
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, literal.getParserPosition()),
                    literal.getParserPosition())));
          }
        }
      }
    }
  }

  /** The type of a number literal (with its sign), or null for anything else or a decimal fraction. */
  private static @Nullable SqlTypeName number(SqlNode value) {
    SqlNode v = value;
    if (v instanceof SqlCall sign && (sign.getKind() == SqlKind.MINUS_PREFIX
        || sign.getKind() == SqlKind.PLUS_PREFIX)) {
      v = sign.operand(0);
    }
    if (!(v instanceof SqlNumericLiteral n)) {
      return null;
    }
    if (!n.isExact()) {
      return SqlTypeName.DOUBLE;
    }
    if (!n.isInteger()) {
      return null;
    }
    BigDecimal whole = n.getValueAs(BigDecimal.class);
    return whole.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0 ? SqlTypeName.INTEGER
        : whole.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0 ? SqlTypeName.BIGINT : null;
  }
}

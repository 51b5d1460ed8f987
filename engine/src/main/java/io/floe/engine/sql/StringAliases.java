package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * A select item's alias is a name, never a quoted string, as in PostgreSQL: there {@code SELECT i
 * 'x'} is a literal of a type named {@code i} ({@code 42704 type "i" does not exist} unless there
 * is one), and {@code SELECT 1 'x'} or {@code SELECT 1 AS 'x'} is a syntax error. Calcite's parser
 * takes the string as the alias.
 */
final class StringAliases {
  private StringAliases() {}

  static void check(SqlNode parsed, String text) {
    parsed.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          for (SqlNode item : select.getSelectList()) {
            if (item.getKind() == SqlKind.AS && ((SqlCall) item).operandCount() == 2
                && ((SqlCall) item).operand(1) instanceof SqlIdentifier alias) {
              refuseQuoted(((SqlCall) item).operand(0), alias, text);
            }
          }
        }
        return super.visit(call);
      }
    });
  }

  private static void refuseQuoted(SqlNode expression, SqlIdentifier alias, String text) {
    SqlParserPos pos = alias.getParserPosition();
    int at = offset(text, pos.getLineNum(), pos.getColumnNum());
    if (at < 0 || at >= text.length() || text.charAt(at) != '\'') {
      return;
    }
    String before = text.substring(0, at).stripTrailing();
    boolean afterAs = before.regionMatches(true, Math.max(0, before.length() - 2), "as", 0, 2)
        && (before.length() == 2 || !Character.isLetterOrDigit(before.charAt(before.length() - 3)));
    if (!afterAs && expression instanceof SqlIdentifier type && type.isSimple()) {
      throw new FloeException(ErrorCode.UNDEFINED_TYPE, "type \"" + type.getSimple() + "\" does not exist"
          + " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")",
          "An alias is a name: write AS \"" + alias.getSimple() + "\".", null);
    }
    int end = text.indexOf('\'', at + 1);
    throw new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \""
        + text.substring(at, end < 0 ? text.length() : end + 1) + "\" (line " + pos.getLineNum()
        + ", column " + pos.getColumnNum() + ")");
  }

  /** The offset of a 1-based line and column in {@code text}, or -1. */
  private static int offset(String text, int line, int column) {
    if (line < 1 || column < 1) {
      return -1;
    }
    int start = 0;
    for (int l = 1; l < line; l++) {
      start = text.indexOf('\n', start) + 1;
      if (start == 0) {
        return -1;
      }
    }
    return start + column - 1;
  }
}

package io.floe.engine.sql;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A cast to {@code char(n)} (also {@code character(n)}, {@code x::char(n)}; {@code char} alone is
 * {@code char(1)}) has PostgreSQL's value: the text cut to n characters, whose trailing blanks are
 * insignificant, so {@code cast('ab' as char(5)) || '|'} is {@code ab|} and
 * {@code length('ab'::char(5))} is 2. Calcite pads the value to n characters when it folds a
 * constant, and DuckDB neither pads nor cuts, so the same cast answered {@code ab   |} or
 * {@code ab|} depending on whether the statement had a FROM clause. Each such cast becomes
 * {@code rtrim(substring(cast(x as varchar) from 1 for n))} (trailing spaces only), a VARCHAR.
 */
final class FixedLengthText extends SqlShuttle {
  private static final FixedLengthText INSTANCE = new FixedLengthText();

  private FixedLengthText() {}

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(INSTANCE);
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlCall cast) || cast.getKind() != SqlKind.CAST
        || cast.operandCount() != 2 || !(cast.operand(1) instanceof SqlDataTypeSpec type)
        || !(type.getTypeNameSpec() instanceof SqlBasicTypeNameSpec spec)
        || !spec.getTypeName().isSimple()
        || SqlTypeName.get(spec.getTypeName().getSimple()) != SqlTypeName.CHAR) {
      return visited;
    }
    SqlParserPos pos = cast.getParserPosition();
    int length = Math.max(1, spec.getPrecision());
    SqlNode text = SqlStdOperatorTable.CAST.createCall(pos, cast.operand(0),
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, pos), pos));
    SqlNode cut = SqlStdOperatorTable.SUBSTRING.createCall(pos, text,
        SqlLiteral.createExactNumeric("1", pos), SqlLiteral.createExactNumeric(Integer.toString(length), pos));
    return SqlStdOperatorTable.TRIM.createCall(pos, SqlTrimFunction.Flag.TRAILING.symbol(pos),
        SqlLiteral.createCharString(" ", pos), cut);
  }
}

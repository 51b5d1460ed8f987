package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's {@code x AT TIME ZONE zone}, which Calcite's parser lacks, as
 * {@code timezone(zone, x)}, the function PostgreSQL and DuckDB both define for it: a
 * {@code timestamp} read as local time in {@code zone} gives the instant ({@code timestamptz}); an
 * instant gives its local time in {@code zone} ({@code timestamp}). {@code AT TIME ZONE} binds
 * tighter than arithmetic, as in PostgreSQL, so each side is one primary expression (a name, a
 * literal, a typed literal, a function call or anything in parentheses); anything else is refused
 * with a hint to use parentheses. Works on {@link SqlLexer} tokens.
 */
final class AtTimeZone {
  /** Words that make a typed literal of the string after them. */
  private static final Set<String> LITERAL_TYPES = Set.of("timestamp", "timestamptz", "date", "time");

  /** {@code timezone(zone, x)}, typed as PostgreSQL types it and sent to DuckDB as written. */
  static final SqlFunction TIMEZONE = new SqlFunction("TIMEZONE", SqlKind.OTHER_FUNCTION,
      AtTimeZone::type, null, OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.TIMESTAMP),
      SqlFunctionCategory.TIMEDATE);

  private AtTimeZone() {}

  private static RelDataType type(SqlOperatorBinding binding) {
    RelDataType value = binding.getOperandType(1);
    SqlTypeName result = value.getSqlTypeName() == SqlTypeName.TIMESTAMP
        ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : SqlTypeName.TIMESTAMP;
    RelDataTypeFactory types = binding.getTypeFactory();
    return types.createTypeWithNullability(
        types.createSqlType(result, FloeTypeSystem.TIME_PRECISION),
        value.isNullable() || binding.getOperandType(0).isNullable());
  }

  static String rewrite(String sql) {
    if (!sql.toLowerCase(java.util.Locale.ROOT).contains("zone")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).is("at")) {
        continue;
      }
      int time = SqlLexer.nextSignificant(tokens, i + 1);
      int zone = time < 0 ? -1 : SqlLexer.nextSignificant(tokens, time + 1);
      if (zone < 0 || !tokens.get(time).is("time") || !tokens.get(zone).is("zone")) {
        continue;
      }
      int leftEnd = PrimaryExpressions.previousSignificant(tokens, i - 1);
      int leftStart = leftEnd < 0 ? -1 : start(tokens, leftEnd);
      int rightStart = SqlLexer.nextSignificant(tokens, zone + 1);
      int rightEnd = rightStart < 0 ? -1 : PrimaryExpressions.end(tokens, rightStart);
      if (leftStart < 0 || rightEnd < 0) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "AT TIME ZONE is supported between two "
            + "simple operands only", "Put the value and the zone in parentheses: (x) AT TIME ZONE (z).",
            null);
      }
      String call = "timezone(" + PrimaryExpressions.text(tokens, rightStart, rightEnd) + ", "
          + PrimaryExpressions.text(tokens, leftStart, leftEnd) + ")";
      return rewrite(PrimaryExpressions.text(tokens, 0, leftStart - 1) + call
          + PrimaryExpressions.text(tokens, rightEnd + 1, tokens.size() - 1));
    }
    return sql;
  }

  /** The start of the operand ending at {@code end}, a typed literal's type word included. */
  private static int start(List<SqlLexer.Token> tokens, int end) {
    int start = PrimaryExpressions.start(tokens, end);
    if (start >= 0 && tokens.get(start).type() == SqlLexer.Type.STRING) {
      int type = PrimaryExpressions.previousSignificant(tokens, start - 1);
      if (type >= 0 && tokens.get(type).type() == SqlLexer.Type.WORD
          && LITERAL_TYPES.contains(tokens.get(type).identifier())) {
        return type;
      }
    }
    return start;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code extract(field FROM x)} and {@code date_part('field', x)} with the fields PostgreSQL and
 * DuckDB know, under every name they accept ({@code microseconds}, {@code ms}, {@code dow},
 * {@code dayofweek}, ...), answered as DuckDB answers them. Calcite knows the fields only by its
 * own time units, so before validation each call becomes either Calcite's
 * {@code EXTRACT(<unit> FROM x)}, a BIGINT that also runs in Calcite, or, for what Calcite lacks
 * or types otherwise, {@link #DATE_PART}, which DuckDB computes: {@code epoch} and {@code julian}
 * (DOUBLE), {@code era}, {@code yearweek}, {@code timezone}, {@code timezone_hour},
 * {@code timezone_minute} (BIGINT), and a field that is not a literal ({@code date_part(s, d)},
 * DOUBLE, as DuckDB types it). In {@code date_part}, a plain name (not a keyword such as
 * {@code year}) names a column, as in PostgreSQL; Calcite's parser reads it as a field, and
 * cannot read an expression that starts with a name ({@link #parenthesizeFields}).
 */
final class DateParts {
  private DateParts() {}

  /** A field: Calcite's unit for it (null for one only DuckDB computes), and its type. */
  private record Field(@Nullable TimeUnit unit, SqlTypeName type) {}

  private static final Map<String, Field> FIELDS = fields();

  private static Map<String, Field> fields() {
    Map<String, Field> m = new HashMap<>();
    unit(m, TimeUnit.YEAR, "year", "years", "y", "yr", "yrs");
    unit(m, TimeUnit.QUARTER, "quarter", "quarters");
    unit(m, TimeUnit.MONTH, "month", "months", "mon", "mons");
    unit(m, TimeUnit.WEEK, "week", "weeks", "w", "weekofyear");
    unit(m, TimeUnit.DAY, "day", "days", "d", "dayofmonth");
    unit(m, TimeUnit.HOUR, "hour", "hours", "h", "hr", "hrs");
    unit(m, TimeUnit.MINUTE, "minute", "minutes", "m", "min", "mins");
    unit(m, TimeUnit.SECOND, "second", "seconds", "s", "sec", "secs");
    unit(m, TimeUnit.MILLISECOND, "millisecond", "milliseconds", "ms", "msec", "msecs");
    unit(m, TimeUnit.MICROSECOND, "microsecond", "microseconds", "us", "usec", "usecs");
    unit(m, TimeUnit.DECADE, "decade", "decades", "dec", "decs");
    unit(m, TimeUnit.CENTURY, "century", "centuries", "c", "cent");
    unit(m, TimeUnit.MILLENNIUM, "millennium", "millennia", "mil", "mils");
    unit(m, TimeUnit.DOW, "dow", "dayofweek", "weekday");
    unit(m, TimeUnit.ISODOW, "isodow");
    unit(m, TimeUnit.DOY, "doy", "dayofyear");
    unit(m, TimeUnit.ISOYEAR, "isoyear");
    for (String name : new String[] {"epoch", "julian"}) {
      m.put(name, new Field(null, SqlTypeName.DOUBLE));
    }
    for (String name : new String[] {"era", "yearweek", "timezone", "timezone_hour", "timezone_minute"}) {
      m.put(name, new Field(null, SqlTypeName.BIGINT));
    }
    return Map.copyOf(m);
  }

  private static void unit(Map<String, Field> m, TimeUnit unit, String... names) {
    for (String name : names) {
      m.put(name, new Field(unit, SqlTypeName.BIGINT));
    }
  }

  /**
   * DuckDB's {@code date_part(field, x)}: BIGINT, or DOUBLE for {@code epoch} and {@code julian}
   * and for a field that is not a literal.
   */
  static final SqlFunction DATE_PART = new SqlFunction("DATE_PART", SqlKind.OTHER_FUNCTION,
      DateParts::returnType, (binding, returnType, operandTypes) -> {
        RelDataTypeFactory types = binding.getTypeFactory();
        operandTypes[0] = types.createSqlType(SqlTypeName.VARCHAR);
        operandTypes[1] = types.createSqlType(SqlTypeName.TIMESTAMP);
      },
      OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.DATETIME)
          .or(OperandTypes.family(SqlTypeFamily.STRING, SqlTypeFamily.DATETIME_INTERVAL)),
      SqlFunctionCategory.TIMEDATE) {
    /** Types the call without looking the name up (it would find Calcite's own date_part). */
    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      return OperatorTyping.asWritten(this, validator, scope, call);
    }
  };

  private static RelDataType returnType(SqlOperatorBinding binding) {
    SqlTypeName type = SqlTypeName.DOUBLE;
    if (binding.isOperandLiteral(0, false) && !binding.isOperandNull(0, false)) {
      Field field = FIELDS.get(binding.getOperandLiteralValue(0, String.class));
      type = field == null ? type : field.type();
    }
    RelDataTypeFactory types = binding.getTypeFactory();
    boolean nullable = binding.getOperandType(0).isNullable() || binding.getOperandType(1).isNullable();
    return types.createTypeWithNullability(types.createSqlType(type), nullable);
  }

  /**
   * {@code date_part(<expression>, x)} with the expression in parentheses when it starts with a
   * name: Calcite's parser reads a leading name as the field and then fails on what follows
   * ({@code date_part(cast(f AS varchar), d)}, {@code date_part(lower(f), d)}). Works on
   * {@link SqlLexer} tokens, before Calcite parses the statement.
   */
  static String parenthesizeFields(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("date_part")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    List<SqlLexer.Token> out = new ArrayList<>(tokens.size() + 2);
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      out.add(tokens.get(i));
      int open = SqlLexer.nextSignificant(tokens, i + 1);
      if (!tokens.get(i).is("date_part") || open < 0 || !tokens.get(open).isSymbol("(")) {
        continue;
      }
      int first = SqlLexer.nextSignificant(tokens, open + 1);
      int end = first;
      for (int depth = 0; end >= 0 && end < tokens.size(); end++) {
        SqlLexer.Token t = tokens.get(end);
        depth += t.isSymbol("(") ? 1 : t.isSymbol(")") ? -1 : 0;
        if (depth < 0 || depth == 0 && t.isSymbol(",")) {
          break;
        }
      }
      if (first < 0 || end >= tokens.size() || !tokens.get(first).isIdentifier()
          || !tokens.get(end).isSymbol(",") || SqlLexer.nextSignificant(tokens, first + 1) == end) {
        continue;
      }
      out.addAll(tokens.subList(i + 1, first));
      out.add(new SqlLexer.Token(SqlLexer.Type.PUNCT, "(", -1));
      out.addAll(tokens.subList(first, end));
      out.add(new SqlLexer.Token(SqlLexer.Type.PUNCT, ")", -1));
      i = end - 1;
      changed = true;
    }
    return changed ? SqlLexer.join(out) : sql;
  }

  /**
   * The statement with every {@code EXTRACT} and {@code DATE_PART} on a field Calcite computes as
   * DuckDB does, or on {@link #DATE_PART}.
   *
   * @param flavor in PostgreSQL's, a plain name in {@code date_part} is a column
   */
  static SqlNode apply(SqlNode node, SqlFlavor flavor) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        return current.getKind() == SqlKind.EXTRACT && current.operandCount() == 2
            && !(current.getOperator() == DATE_PART) ? rewrite(current, flavor) : current;
      }
    });
    return rewritten == null ? node : rewritten;
  }

  private static SqlNode rewrite(SqlCall call, SqlFlavor flavor) {
    SqlNode field = call.operand(0);
    SqlNode value = call.operand(1);
    SqlParserPos pos = call.getParserPosition();
    boolean datePart = call.getOperator().getName().equalsIgnoreCase("DATE_PART");
    String name;
    if (field instanceof SqlIntervalQualifier q && q.timeFrameName != null) {
      if (datePart && flavor == SqlFlavor.POSTGRES) {
        return DATE_PART.createCall(pos, new SqlIdentifier(q.timeFrameName, q.getParserPosition()), value);
      }
      name = q.timeFrameName;
    } else if (field instanceof SqlIntervalQualifier q) {
      if (q.timeUnitRange == TimeUnitRange.NANOSECOND) {
        return call; // as Calcite reads it
      }
      name = q.timeUnitRange.startUnit.name();
    } else if (field instanceof SqlCharStringLiteral literal) {
      name = literal.getValueAs(String.class);
    } else {
      return DATE_PART.createCall(pos, field, value);
    }
    String key = name.toLowerCase(Locale.ROOT);
    Field f = FIELDS.get(key);
    if (f == null) {
      throw new FloeException(ErrorCode.INVALID_PARAMETER, "unit \"" + name + "\" not recognized",
          "Date and time fields are year, quarter, month, week, day, hour, minute, second, "
              + "milliseconds, microseconds, epoch, dow, isodow, doy, isoyear, decade, century, "
              + "millennium, julian, timezone.", null);
    }
    if (f.unit() == null) {
      return DATE_PART.createCall(pos, SqlLiteral.createCharString(key, pos), value);
    }
    return SqlStdOperatorTable.EXTRACT.createCall(pos, new SqlIntervalQualifier(f.unit(), null, pos),
        value);
  }
}

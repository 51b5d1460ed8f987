package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The DuckDB dialect Floe generates pushed-down SQL in. It fixes what Calcite's stock
 * {@link DuckDBSqlDialect} gets wrong for DuckDB 2.0 (research §1.5): no {@code CHARACTER SET} in
 * casts, microsecond timestamp literals, {@code TIMESTAMPTZ} for instants, integer division, the
 * aggregates DuckDB implements, {@code current_timestamp} spellings DuckDB accepts, and intervals
 * as text DuckDB reads.
 */
public final class FloeDuckDbDialect extends DuckDBSqlDialect {
  public static final FloeDuckDbDialect INSTANCE = new FloeDuckDbDialect();

  private FloeDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT
        .withNullCollation(NullCollation.LAST)
        .withDataTypeSystem(FloeTypeSystem.INSTANCE));
  }

  /**
   * What the SQL writer needs to know of DuckDB's names: a bare name in ORDER BY is a result
   * column's alias before it is an input column. The writer then writes a position for a sort key
   * whose column another result column's alias would hide ({@code SELECT -i AS i, i AS i0 ...
   * ORDER BY 2}, not {@code ORDER BY i}).
   */
  private static final SqlConformance CONFORMANCE =
      new SqlDelegatingConformance(SqlConformanceEnum.PRAGMATIC_2003) {
        @Override public boolean isSortByAlias() {
          return true;
        }
      };

  @Override public SqlConformance getConformance() {
    return CONFORMANCE;
  }

  /** DuckDB's {@code error(message)}: fails the statement when (and only if) it is evaluated. */
  private static final SqlFunction ERROR = new SqlFunction("error", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG0, null, OperandTypes.STRING, SqlFunctionCategory.SYSTEM);

  /** SQL's clock functions as DuckDB's, each of the type Calcite gives it (in UTC, Floe's zone). */
  private static final java.util.Map<String, String> CLOCK_FUNCTIONS = java.util.Map.of(
      "CURRENT_TIMESTAMP", "current_localtimestamp()", "LOCALTIMESTAMP", "current_localtimestamp()",
      "CURRENT_DATE", "today()", "CURRENT_TIME", "current_localtime()",
      "LOCALTIME", "current_localtime()");

  private static final RexBuilder REX = new RexBuilder(new JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE));

  /**
   * Division as PostgreSQL and the SQL standard define it. Calcite types {@code int / int} as an
   * integer, but DuckDB's {@code /} divides fractionally, so an integer quotient is written as
   * DuckDB's {@code //} (which also fails on a zero divisor). Any other division fails on a zero
   * divisor too, where DuckDB would return infinity or NaN: the divisor is checked, unless it is
   * a non-zero literal. Also intervals of quarters or weeks as months or days
   * ({@link #inMonthsOrDays}), and a NULL argument of date_part with its type.
   */
  @Override public RexNode prepareUnparse(RexNode rex) {
    if (rex instanceof RexLiteral literal && literal.getType().getIntervalQualifier() != null) {
      return inMonthsOrDays(literal);
    }
    if (rex instanceof RexCall c && c.getOperator() == ScalarFunctions.TO_HEX
        && c.getOperands().get(0).getType().getSqlTypeName() != SqlTypeName.BIGINT) {
      // PostgreSQL's to_hex(integer): 32-bit two's complement (see ScalarFunctions.TO_HEX).
      return REX.makeCall(c.getType(), ScalarFunctions.TO_HEX_INT4, c.getOperands());
    }
    if (rex instanceof RexCall c && c.getOperator() == DateParts.DATE_PART) {
      // DuckDB picks date_part's overload by its argument's type; a bare NULL has none.
      return c.clone(c.getType(), c.getOperands().stream().map(o ->
          o instanceof RexLiteral l && l.isNull() ? REX.makeAbstractCast(o.getType(), o) : o).toList());
    }
    if (!(rex instanceof RexCall call) || call.getKind() != SqlKind.DIVIDE
        || call.getOperator() == SqlStdOperatorTable.DIVIDE_INTEGER) {
      return rex;
    }
    RexNode dividend = call.getOperands().get(0);
    RexNode divisor = call.getOperands().get(1);
    if (org.apache.calcite.rex.RexUtil.removeCast(divisor) instanceof RexLiteral literal && !literal.isNull()
        && literal.getValue() instanceof java.math.BigDecimal value && value.signum() == 0) {
      // As PostgreSQL folds it while planning (DuckDB would report an error raised by a constant
      // expression of a streamed result only as "Invalid result set").
      throw new FloeException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
    }
    if (SqlTypeUtil.isIntType(call.getType())) {
      return REX.makeCall(call.getType(), SqlStdOperatorTable.DIVIDE_INTEGER, List.of(dividend, divisor));
    }
    if (isNonZeroLiteral(divisor) || isGuarded(divisor) || isNullWhenZero(dividend, divisor)) {
      return rex;
    }
    RexNode guarded = REX.makeCall(divisor.getType(), SqlStdOperatorTable.CASE, List.of(
        REX.makeCall(SqlStdOperatorTable.EQUALS, divisor, REX.makeZeroLiteral(divisor.getType())),
        REX.makeCall(divisor.getType(), ERROR, List.of(REX.makeLiteral("division by zero"))),
        divisor));
    return REX.makeCall(call.getType(), call.getOperator(), List.of(dividend, guarded));
  }

  /**
   * An interval literal of quarters or weeks as months or days. Calcite keeps its value in months
   * or milliseconds and, writing it back, gives that number with the original unit
   * ({@code INTERVAL '6' QUARTER} for two quarters).
   */
  private static RexNode inMonthsOrDays(RexLiteral literal) {
    SqlIntervalQualifier qualifier = literal.getType().getIntervalQualifier();
    TimeUnit unit = qualifier == null ? null : qualifier.getStartUnit();
    if (literal.isNull() || unit != TimeUnit.QUARTER && unit != TimeUnit.WEEK) {
      return literal;
    }
    return REX.makeIntervalLiteral(literal.getValueAs(BigDecimal.class), new SqlIntervalQualifier(
        unit == TimeUnit.QUARTER ? TimeUnit.MONTH : TimeUnit.DAY, null, SqlParserPos.ZERO));
  }

  private static boolean isNonZeroLiteral(RexNode node) {
    return org.apache.calcite.rex.RexUtil.removeCast(node) instanceof RexLiteral literal && !literal.isNull()
        && literal.getValue() instanceof java.math.BigDecimal value && value.signum() != 0;
  }

  /**
   * Whether the dividend is NULL whenever the divisor is zero, as in the average of a window,
   * which Calcite writes as {@code CASE WHEN count > 0 THEN sum END / count}: the quotient is NULL
   * there, as in PostgreSQL, where NULL divided by zero is NULL.
   */
  private static boolean isNullWhenZero(RexNode dividend, RexNode divisor) {
    RexNode d = org.apache.calcite.rex.RexUtil.removeCast(dividend);
    return d instanceof RexCall c && c.getKind() == SqlKind.CASE && c.getOperands().size() == 3
        && c.getOperands().get(2) instanceof RexLiteral otherwise && otherwise.isNull()
        && c.getOperands().get(0) instanceof RexCall positive && positive.getKind() == SqlKind.GREATER_THAN
        && positive.getOperands().get(0).equals(org.apache.calcite.rex.RexUtil.removeCast(divisor))
        && org.apache.calcite.rex.RexUtil.removeCast(positive.getOperands().get(1)) instanceof RexLiteral zero
        && !zero.isNull()
        && zero.getValue() instanceof java.math.BigDecimal value && value.signum() == 0;
  }

  private static boolean isGuarded(RexNode divisor) {
    return divisor instanceof RexCall c && c.getKind() == SqlKind.CASE && c.getOperands().size() == 3
        && c.getOperands().get(1) instanceof RexCall e && e.getOperator() == ERROR;
  }

  /**
   * A statement Calcite wrote, made unambiguous for DuckDB: an integer literal in GROUP BY is a
   * column position to DuckDB, but Calcite writes a grouping key that is a constant as that
   * constant ({@code SELECT DISTINCT 91 ... GROUP BY 91}); it becomes a cast, which DuckDB reads
   * as an expression. (In ORDER BY Calcite itself writes constants as strings and positions as
   * integers.)
   */
  static SqlNode forDuckDb(SqlNode statement) {
    statement.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          constantsAsExpressions(select.getGroup());
          select.setOrderBy(withoutConstants(select.getOrderList()));
        } else if (call instanceof org.apache.calcite.sql.SqlOrderBy orderBy) {
          SqlNodeList kept = withoutConstants(orderBy.orderList);
          if (kept != orderBy.orderList) {
            orderBy.setOperand(1, kept == null ? SqlNodeList.EMPTY : kept);
          }
        }
        return super.visit(call);
      }
    });
    return statement;
  }

  /**
   * A sort key list without the keys that sort nothing: the constants Calcite writes as strings
   * (DuckDB refuses {@code ORDER BY 'x'}) and the parameters it writes for a key that a condition
   * fixes ({@code WHERE a = ? ... ORDER BY a}, which DuckDB refuses too), bare or cast; null if
   * none is left. Integer literals stay: Calcite writes those for positions.
   */
  private static @Nullable SqlNodeList withoutConstants(@Nullable SqlNodeList keys) {
    if (keys == null) {
      return null;
    }
    List<SqlNode> kept = new java.util.ArrayList<>();
    for (SqlNode key : keys) {
      SqlNode k = key;
      while (k instanceof SqlCall c && (c.getKind() == SqlKind.DESCENDING
          || c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
        k = c.operand(0);
      }
      if (!isConstantKey(k)) {
        kept.add(key);
      }
    }
    if (kept.size() == keys.size()) {
      return keys;
    }
    return kept.isEmpty() ? null : new SqlNodeList(kept, keys.getParserPosition());
  }

  private static boolean isConstantKey(SqlNode key) {
    SqlNode k = key;
    while (k instanceof SqlCall c && c.getKind() == SqlKind.CAST) {
      k = c.operand(0);
    }
    return k instanceof org.apache.calcite.sql.SqlDynamicParam
        || k instanceof org.apache.calcite.sql.SqlLiteral && (k != key || !(k instanceof SqlNumericLiteral));
  }

  private static void constantsAsExpressions(@Nullable SqlNodeList keys) {
    if (keys == null) {
      return;
    }
    for (int i = 0; i < keys.size(); i++) {
      SqlNode key = keys.get(i);
      if (key instanceof SqlNumericLiteral n && n.isExact()) {
        String type = n.isInteger() ? "BIGINT" : "DOUBLE";
        keys.set(i, SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, n,
            new SqlDataTypeSpec(new SqlUserDefinedTypeNameSpec(type, SqlParserPos.ZERO),
                SqlParserPos.ZERO)));
      }
    }
  }

  @Override public boolean supportsCharSet() {
    return false;
  }

  @Override public boolean supportsWindowFunctions() {
    return true;
  }

  /**
   * A string literal, without Calcite's charset prefix ({@code _UTF-16LE'...'}, which escape
   * strings such as {@code E'a\nb'} carry and DuckDB cannot parse): DuckDB's strings are UTF-8.
   */
  @Override public void quoteStringLiteral(StringBuilder buf, @Nullable String charsetName, String val) {
    super.quoteStringLiteral(buf, null, val);
  }

  /**
   * Never: Calcite's writer would drop a cast of a string inside a comparison
   * ({@code CAST(substr(s, 1, 1) AS INTEGER) <= 0} written as {@code substr(s, 1, 1) <= 0}), which
   * DuckDB refuses or compares as text.
   */
  @Override public boolean supportsImplicitTypeCoercion(org.apache.calcite.rex.RexCall call) {
    return false;
  }

  @Override public boolean supportsAggregateFunctionFilter() {
    return true;
  }

  @Override public boolean supportsAggregateFunction(SqlKind kind) {
    switch (kind) {
    case COUNT:
    case SUM:
    case SUM0:
    case MIN:
    case MAX:
    case AVG:
    case STDDEV_POP:
    case STDDEV_SAMP:
    case VAR_POP:
    case VAR_SAMP:
    case COVAR_POP:
    case COVAR_SAMP:
    case REGR_SXX:
    case REGR_SYY:
    case ANY_VALUE:
    case BIT_AND:
    case BIT_OR:
    case BIT_XOR:
    case LISTAGG:
    case STRING_AGG:
    case ARRAY_AGG: // keeps NULLs, as in DuckDB and PostgreSQL (Calcite's own drops them)
    case LITERAL_AGG:
    case GROUPING:
    case MODE:
    case PERCENTILE_CONT:
    case PERCENTILE_DISC:
    case OTHER_FUNCTION: // only StatisticalAggregates
      return true;
    default:
      return false;
    }
  }

  private static boolean isStringAgg(SqlNode node) {
    return node instanceof SqlCall c
        && (c.getKind() == SqlKind.LISTAGG || c.getKind() == SqlKind.STRING_AGG);
  }

  private static void unparseStringAgg(SqlWriter writer, SqlCall agg, SqlNode orderList) {
    writer.print("string_agg");
    SqlWriter.Frame frame = writer.startList("(", ")");
    if (agg.getFunctionQuantifier() != null) {
      agg.getFunctionQuantifier().unparse(writer, 0, 0);
    }
    agg.operand(0).unparse(writer, 0, 0);
    writer.sep(",");
    if (agg.operandCount() > 1) {
      agg.operand(1).unparse(writer, 0, 0);
    } else {
      writer.literal("','");
    }
    if (orderList instanceof org.apache.calcite.sql.SqlNodeList list && !list.isEmpty()) {
      writer.keyword("ORDER BY");
      list.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }

  /** Whether an aggregate (under FILTER) is one DuckDB orders only by WITHIN GROUP. */
  private static boolean isOrderedSet(SqlNode node) {
    SqlNode agg = node.getKind() == SqlKind.FILTER ? ((SqlCall) node).operand(0) : node;
    return agg.getKind() == SqlKind.PERCENTILE_CONT || agg.getKind() == SqlKind.PERCENTILE_DISC;
  }

  /**
   * {@code agg(x) [FILTER (WHERE c)] WITHIN GROUP (ORDER BY y)} as DuckDB's
   * {@code agg(x ORDER BY y) [FILTER (WHERE c)]}: the ordering among the arguments, where DuckDB
   * takes it for every aggregate ({@code LISTAGG} becomes {@code string_agg}).
   */
  private static void unparseOrderedArguments(SqlWriter writer, SqlCall withinGroup) {
    SqlCall agg = withinGroup.operand(0);
    SqlNode filter = null;
    if (agg.getKind() == SqlKind.FILTER) {
      filter = agg.operand(1);
      agg = agg.operand(0);
    }
    SqlNode orderList = withinGroup.operand(1);
    if (isStringAgg(agg)) {
      unparseStringAgg(writer, agg, orderList);
    } else {
      SqlWriter.Frame frame = writer.startFunCall(agg.getOperator().getName());
      if (agg.getFunctionQuantifier() != null) {
        agg.getFunctionQuantifier().unparse(writer, 0, 0);
      }
      for (SqlNode operand : agg.getOperandList()) {
        writer.sep(",");
        operand.unparse(writer, 0, 0);
      }
      writer.keyword("ORDER BY");
      orderList.unparse(writer, 0, 0);
      writer.endFunCall(frame);
    }
    if (filter != null) {
      writer.keyword("FILTER");
      SqlWriter.Frame where = writer.startList("(", ")");
      writer.keyword("WHERE");
      filter.unparse(writer, 0, 0);
      writer.endList(where);
    }
  }

  /** {@code FLOOR(x TO unit)} as DuckDB's {@code date_trunc('unit', x)}, for every unit. */
  private static void unparseFloorTo(SqlWriter writer, SqlCall call) {
    SqlNode unit = call.operand(1);
    String name;
    if (unit instanceof org.apache.calcite.sql.SqlIntervalQualifier q) {
      name = q.timeUnitRange.startUnit.name();
    } else if (unit instanceof org.apache.calcite.sql.SqlLiteral l) {
      name = l.getValueAs(org.apache.calcite.avatica.util.TimeUnitRange.class).startUnit.name();
    } else {
      name = unit.toString();
    }
    writer.print("date_trunc");
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.print("'" + name.toLowerCase(java.util.Locale.ROOT) + "'");
    writer.sep(",", true);
    call.operand(0).unparse(writer, 0, 0);
    writer.endList(frame);
  }

  @Override public @Nullable SqlNode getCastSpec(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    String duckType;
    switch (name) {
    case VARCHAR:
    case CHAR:
      duckType = "VARCHAR";
      break;
    case TIMESTAMP:
      duckType = "TIMESTAMP";
      break;
    case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
    case TIMESTAMP_TZ:
      duckType = "TIMESTAMPTZ";
      break;
    case TIME:
      duckType = "TIME";
      break;
    case DOUBLE:
    case FLOAT:
      duckType = "DOUBLE";
      break;
    case REAL:
      duckType = "REAL";
      break;
    case VARBINARY:
    case BINARY:
      duckType = "BLOB";
      break;
    case BOOLEAN:
      duckType = "BOOLEAN";
      break;
    default:
      return super.getCastSpec(type);
    }
    return new SqlDataTypeSpec(
        new SqlUserDefinedTypeNameSpec(duckType, SqlParserPos.ZERO), SqlParserPos.ZERO);
  }

  /**
   * A cast to a row type, which Calcite adds to unify the rows of a CASE or COALESCE (and which
   * DuckDB cannot read: it has named STRUCTs only): a row constructor casts each field; any other
   * row (a sub-query's) is left as it is, for DuckDB to unify as it does rows of compatible fields.
   */
  private static void unparseRowCast(SqlWriter writer, SqlNode value,
      org.apache.calcite.sql.SqlRowTypeNameSpec row, int leftPrec, int rightPrec) {
    if (value instanceof SqlCall constructor && constructor.getKind() == SqlKind.ROW
        && constructor.operandCount() == row.getArity()) {
      List<SqlNode> fields = new java.util.ArrayList<>();
      for (int i = 0; i < row.getArity(); i++) {
        fields.add(org.apache.calcite.sql.fun.SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO,
            constructor.operand(i), row.getFieldTypes().get(i)));
      }
      org.apache.calcite.sql.fun.SqlStdOperatorTable.ROW.createCall(SqlParserPos.ZERO, fields)
          .unparse(writer, leftPrec, rightPrec);
      return;
    }
    value.unparse(writer, leftPrec, rightPrec);
  }

  @Override public void unparseDateTimeLiteral(SqlWriter writer,
      SqlAbstractDateTimeLiteral literal, int leftPrec, int rightPrec) {
    if (literal.getTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      // An instant: DuckDB reads a TIMESTAMPTZ literal without offset in the session zone (UTC).
      writer.literal("TIMESTAMPTZ '" + literal.toFormattedString() + "'");
      return;
    }
    super.unparseDateTimeLiteral(writer, literal, leftPrec, rightPrec);
  }

  /**
   * An interval as DuckDB's text with a unit for each field ({@code INTERVAL '1 day 2 hours'}):
   * DuckDB reads {@code INTERVAL '3' DAY} but none of the ranges ({@code DAY TO MINUTE},
   * {@code YEAR TO MONTH}), nor a sign before the quote ({@code INTERVAL -'1' DAY}).
   */
  @Override public void unparseSqlIntervalLiteral(SqlWriter writer, SqlIntervalLiteral literal,
      int leftPrec, int rightPrec) {
    IntervalParts parts = IntervalParts.of(literal.getValueAs(SqlIntervalLiteral.IntervalValue.class));
    if (parts == null) {
      super.unparseSqlIntervalLiteral(writer, literal, leftPrec, rightPrec);
      return;
    }
    writer.keyword("INTERVAL");
    writer.literal("'" + parts.toDuckDb() + "'");
  }

  /**
   * The standard's JSON constructors as DuckDB's functions: {@code JSON_OBJECT(KEY k VALUE v NULL ON
   * NULL)} is {@code json_object(k, v)}; {@code JSON_ARRAY(v ABSENT ON NULL)} is {@code json_array(v)}
   * without its nulls; a value {@code FORMAT JSON} is {@code json(v)}. DuckDB's json_object keeps
   * null members, so {@code ABSENT ON NULL} there is refused. The text, as the standard types it.
   */
  private static void unparseJson(SqlWriter writer, SqlCall call) {
    if (call.getKind() == SqlKind.JSON_VALUE_EXPRESSION) {
      writer.print("json");
      SqlWriter.Frame frame = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.endList(frame);
      return;
    }
    boolean absentOnNull = call.operand(0) instanceof org.apache.calcite.sql.SqlLiteral l
        && l.getValue() == org.apache.calcite.sql.SqlJsonConstructorNullClause.ABSENT_ON_NULL;
    boolean array = call.getOperator() == SqlStdOperatorTable.JSON_ARRAY;
    if (absentOnNull && !array) {
      throw new io.floe.engine.api.FloeException(io.floe.engine.api.ErrorCode.NOT_SUPPORTED,
          "JSON_OBJECT ... ABSENT ON NULL is not supported");
    }
    writer.print("CAST(");
    writer.setNeedWhitespace(false);
    if (absentOnNull) {
      writer.print("to_json(list_filter(CAST(");
      writer.setNeedWhitespace(false);
    }
    writer.print(array ? "json_array" : "json_object");
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (SqlNode operand : call.getOperandList().subList(1, call.operandCount())) {
      writer.sep(",");
      operand.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    if (absentOnNull) {
      writer.print(" AS JSON[]), lambda x: json_type(x) <> 'NULL'))");
    }
    writer.print(" AS VARCHAR)");
    writer.setNeedWhitespace(true);
  }

  /**
   * The hex digits of a cast of a string literal in PostgreSQL's hex format ({@code '\x00ff'}) to
   * a bytea, or null for any other call (an odd number of digits, or a character that is not a hex
   * digit, is left to DuckDB's cast).
   */
  private static String hexByteaLiteral(SqlCall call) {
    if (call.getKind() != SqlKind.CAST || call.operandCount() != 2
        || !(call.operand(0) instanceof org.apache.calcite.sql.SqlCharStringLiteral literal)
        || !(call.operand(1) instanceof org.apache.calcite.sql.SqlDataTypeSpec spec)) {
      return null;
    }
    String type = spec.getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT);
    if (!type.equals("VARBINARY") && !type.equals("BINARY") && !type.equals("BLOB")
        && !type.equals("BYTEA")) {
      return null;
    }
    String text = literal.getValueAs(String.class);
    if (!text.startsWith("\\x")) {
      return null;
    }
    String digits = text.substring(2).replaceAll("\\s", "");
    return digits.length() % 2 == 0 && digits.matches("[0-9a-fA-F]*") ? digits : null;
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.CAST && call.operandCount() == 2
        && call.operand(1) instanceof org.apache.calcite.sql.SqlDataTypeSpec spec
        && spec.getTypeNameSpec() instanceof org.apache.calcite.sql.SqlRowTypeNameSpec row) {
      unparseRowCast(writer, call.operand(0), row, leftPrec, rightPrec);
      return;
    }
    if (MathDomains.unparse(writer, call)) {
      return;
    }
    if (call.getKind() == SqlKind.SAFE_CAST && call.operandCount() == 2) {
      // Snowflake's TRY_CAST (Calcite's SAFE_CAST): DuckDB's TRY_CAST answers NULL the same way.
      SqlWriter.Frame frame = writer.startFunCall("TRY_CAST");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("AS");
      call.operand(1).unparse(writer, 0, 0);
      writer.endFunCall(frame);
      return;
    }
    if (call.getKind() == SqlKind.VALUES) {
      // Each row of VALUES as Calcite writes it: "(1)" is a row of one value there.
      SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.VALUES, "VALUES", "");
      for (SqlNode row : call.getOperandList()) {
        writer.sep(",");
        if (row instanceof SqlCall rowCall && row.getKind() == SqlKind.ROW) {
          rowCall.getOperator().unparse(writer, rowCall, 0, 0);
        } else {
          row.unparse(writer, 0, 0);
        }
      }
      writer.endList(frame);
      return;
    }
    if (call.getKind() == SqlKind.ROW && call.operandCount() == 1) {
      // A row of one field as a value (a whole-row reference to a one-column table): Calcite
      // would write "(x)", which DuckDB reads as x.
      writer.print("row(");
      call.operand(0).unparse(writer, 0, 0);
      writer.print(")");
      return;
    }
    String hex = hexByteaLiteral(call);
    if (hex != null) {
      // PostgreSQL's hex format of bytea input: '\x00ff' is the bytes 00 and ff (DuckDB would
      // read an escape \x00 and then the characters "ff").
      writer.print("unhex(" + quoteStringLiteral(hex) + ")");
      writer.setNeedWhitespace(true);
      return;
    }
    if (call.getOperator() == org.apache.calcite.sql.fun.SqlLibraryOperators.STRING_TO_ARRAY
        && call.operandCount() == 2) {
      StringArrays.unparse(writer, call);
      return;
    }
    if (call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.SUBSTRING
        && !(call.operand(1) instanceof org.apache.calcite.sql.SqlCharStringLiteral)) {
      PostgresSubstrings.unparse(writer, call);
      return;
    }
    if (WindowFrames.isGroups(call)) {
      WindowFrames.unparseGroups(writer, call);
      return;
    }
    if (call.getKind() == SqlKind.IGNORE_NULLS && call.operand(0) instanceof SqlCall function) {
      // DuckDB reads IGNORE NULLS among the arguments: lead(x IGNORE NULLS) OVER (...).
      writer.print(function.getOperator().getName());
      SqlWriter.Frame frame = writer.startList("(", ")");
      for (SqlNode operand : function.getOperandList()) {
        writer.sep(",");
        operand.unparse(writer, 0, 0);
      }
      writer.keyword("IGNORE NULLS");
      writer.endList(frame);
      return;
    }
    if (call.getKind() == SqlKind.WITHIN_GROUP && !isOrderedSet(call.operand(0))) {
      unparseOrderedArguments(writer, call);
      return;
    }
    if (isStringAgg(call)) {
      unparseStringAgg(writer, call, null);
      return;
    }
    if (call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.EVERY
        || call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.SOME
        && call.operandCount() == 1) {
      // The standard's EVERY and SOME aggregates are DuckDB's bool_and and bool_or.
      SqlCall renamed = (call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.EVERY
          ? org.apache.calcite.sql.fun.SqlLibraryOperators.BOOL_AND
          : org.apache.calcite.sql.fun.SqlLibraryOperators.BOOL_OR)
          .createCall(call.getFunctionQuantifier(), call.getParserPosition(), call.getOperandList());
      super.unparseCall(writer, renamed, leftPrec, rightPrec);
      return;
    }
    if (call.getOperator() instanceof org.apache.calcite.sql.fun.SqlRegrCountAggFunction
        && (call.operandCount() == 0
        || call.operandCount() == 1 && call.operand(0) instanceof SqlIdentifier star && star.isStar())) {
      // Calcite drops arguments that are never NULL, as it does for COUNT: every row counts.
      writer.print("count(*)");
      return;
    }
    if (call.getOperator() == org.apache.calcite.sql.fun.SqlStdOperatorTable.TRUNCATE) {
      // The standard TRUNCATE(x[, digits]) is DuckDB's trunc.
      DuckDbText.call(writer, "trunc", call.getOperandList());
      return;
    }
    if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2) {
      unparseFloorTo(writer, call);
      return;
    }
    if (call.getOperator() == InLists.IN_LIST) {
      InLists.unparse(writer, call);
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.DIVIDE_INTEGER) {
      // Calcite's integer division; DuckDB's "/" on integers returns a DOUBLE.
      // The operands bind as tightly as "/"'s: (a - b) // (c - d) keeps its parentheses.
      SqlWriter.Frame frame = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, SqlStdOperatorTable.DIVIDE.getLeftPrec());
      writer.sep("//");
      call.operand(1).unparse(writer, SqlStdOperatorTable.DIVIDE.getRightPrec(), 0);
      writer.endList(frame);
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.JSON_OBJECT
        || call.getOperator() == SqlStdOperatorTable.JSON_ARRAY
        || call.getKind() == SqlKind.JSON_VALUE_EXPRESSION) {
      unparseJson(writer, call);
      return;
    }
    String clock = CLOCK_FUNCTIONS.get(call.getOperator().getName());
    if (clock != null && call.operandCount() == 0) {
      // As functions: DuckDB reads the bare keyword as a reference to a select item of that name,
      // which Calcite's own aliases ("current_date") then are.
      writer.print(clock);
      writer.setNeedWhitespace(true);
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }
}

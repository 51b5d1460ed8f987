package io.floe.engine.sql;

import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The DuckDB dialect Floe generates pushed-down SQL in. It fixes what Calcite's stock
 * {@link DuckDBSqlDialect} gets wrong for DuckDB 2.0 (research §1.5): no {@code CHARACTER SET} in
 * casts, microsecond timestamp literals, {@code TIMESTAMPTZ} for instants, integer division, the
 * aggregates DuckDB implements, and {@code current_timestamp} spellings DuckDB accepts.
 */
public final class FloeDuckDbDialect extends DuckDBSqlDialect {
  public static final FloeDuckDbDialect INSTANCE = new FloeDuckDbDialect();

  private FloeDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT
        .withNullCollation(NullCollation.LAST)
        .withDataTypeSystem(FloeTypeSystem.INSTANCE));
  }

  @Override public boolean supportsCharSet() {
    return false;
  }

  @Override public boolean supportsWindowFunctions() {
    return true;
  }

  @Override public boolean supportsAggregateFunctionFilter() {
    return true;
  }

  @Override public boolean supportsGroupByWithRollup() {
    return true;
  }

  @Override public boolean supportsGroupByWithCube() {
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
    case ANY_VALUE:
    case BIT_AND:
    case BIT_OR:
    case BIT_XOR:
    case LISTAGG:
    case STRING_AGG:
    case LITERAL_AGG:
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

  @Override public void unparseDateTimeLiteral(SqlWriter writer,
      SqlAbstractDateTimeLiteral literal, int leftPrec, int rightPrec) {
    if (literal.getTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
      // An instant: DuckDB reads a TIMESTAMPTZ literal without offset in the session zone (UTC).
      writer.literal("TIMESTAMPTZ '" + literal.toFormattedString() + "'");
      return;
    }
    super.unparseDateTimeLiteral(writer, literal, leftPrec, rightPrec);
  }

  @Override public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.WITHIN_GROUP && isStringAgg(call.operand(0))) {
      // LISTAGG(x, sep) WITHIN GROUP (ORDER BY y) -> string_agg(x, sep ORDER BY y)
      unparseStringAgg(writer, call.operand(0), call.operand(1));
      return;
    }
    if (isStringAgg(call)) {
      unparseStringAgg(writer, call, null);
      return;
    }
    if (call.getKind() == SqlKind.FLOOR && call.operandCount() == 2) {
      unparseFloorTo(writer, call);
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.DIVIDE_INTEGER) {
      // Calcite's integer division; DuckDB's "/" on integers returns a DOUBLE.
      SqlWriter.Frame frame = writer.startList("(", ")");
      call.operand(0).unparse(writer, leftPrec, rightPrec);
      writer.sep("//");
      call.operand(1).unparse(writer, leftPrec, rightPrec);
      writer.endList(frame);
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_TIMESTAMP
        || call.getOperator() == SqlStdOperatorTable.LOCALTIMESTAMP) {
      writer.print("current_timestamp");
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.CURRENT_DATE) {
      writer.print("current_date");
      return;
    }
    super.unparseCall(writer, call, leftPrec, rightPrec);
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Where DuckDB cannot take a whole statement (a join with {@code information_schema}, an aggregate
 * such as {@code arg_max}, some sub-queries), Calcite runs part of the plan itself. Calcite's
 * implementations of many expressions differ from DuckDB's and PostgreSQL's: {@code extract(dow
 * ...)} counts from 1, timestamps keep milliseconds only, integer arithmetic wraps instead of raising
 * {@code 22003}, casts to text spell {@code TRUE}, {@code .00} and {@code UTC}. So every expression
 * in the part Calcite runs (projections, filters, join conditions, aggregate and window functions)
 * must be on an allow-list of ones whose Calcite implementation agrees; any other is refused with
 * {@code 0A000}. The part under a {@link JdbcToEnumerableConverter} is DuckDB's and is not checked.
 *
 * <p>Allowed: column references, literals, parameters; AND, OR, NOT, IS [NOT] NULL / TRUE / FALSE;
 * comparisons and IN lists of values of one type other than TIME and TIMESTAMP; CASE and COALESCE;
 * {@code +}, {@code -}, {@code *} and unary minus on numbers (on integers made checked, so that
 * overflow raises {@code 22003} as in DuckDB), {@code /} into a floating type, and {@code /} and
 * {@code %} (MOD) of integers (truncating, the remainder with the sign of the dividend, {@code 22012}
 * on a zero divisor, the quotient made checked as well); {@code ||} of text;
 * CAST that changes nothing but nullability, or widens an integer; and the aggregates COUNT, MIN,
 * MAX (not of TIME or TIMESTAMP), SUM into a wider type, AVG, ANY_VALUE, ARG_MIN and ARG_MAX,
 * and the internal SINGLE_VALUE; ROW_NUMBER, RANK and DENSE_RANK as window functions. TIME and TIMESTAMP values
 * finer than milliseconds, and intervals, may not enter that part at all: Calcite holds them as
 * milliseconds (and months).
 */
final class CalciteRunExpressions {
  private CalciteRunExpressions() {}

  private static final Set<SqlKind> LOGICAL = Set.of(SqlKind.AND, SqlKind.OR, SqlKind.NOT,
      SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_NOT_TRUE, SqlKind.IS_FALSE,
      SqlKind.IS_NOT_FALSE, SqlKind.CASE, SqlKind.COALESCE);

  private static final Set<SqlKind> COMPARISONS = Set.of(SqlKind.EQUALS, SqlKind.NOT_EQUALS,
      SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN,
      SqlKind.GREATER_THAN_OR_EQUAL, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM,
      SqlKind.SEARCH);

  private static final Set<SqlKind> ARITHMETIC = Set.of(SqlKind.PLUS, SqlKind.MINUS,
      SqlKind.TIMES, SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX);

  private static final Set<SqlKind> AGGREGATES = Set.of(SqlKind.COUNT, SqlKind.AVG,
      SqlKind.ANY_VALUE, SqlKind.ARG_MIN, SqlKind.ARG_MAX, SqlKind.SINGLE_VALUE,
      SqlKind.ROW_NUMBER, SqlKind.RANK, SqlKind.DENSE_RANK);

  /**
   * Integer arithmetic that raises on overflow, where Calcite's plain operators wrap (the quotient
   * of the least integer by -1 too).
   */
  private static final Map<SqlKind, SqlOperator> CHECKED = Map.of(
      SqlKind.PLUS, SqlStdOperatorTable.CHECKED_PLUS,
      SqlKind.MINUS, SqlStdOperatorTable.CHECKED_MINUS,
      SqlKind.TIMES, SqlStdOperatorTable.CHECKED_MULTIPLY,
      SqlKind.MINUS_PREFIX, SqlStdOperatorTable.CHECKED_UNARY_MINUS,
      SqlKind.DIVIDE, SqlStdOperatorTable.CHECKED_DIVIDE);

  private static final Set<SqlTypeName> EXACT_INTEGERS = Set.of(SqlTypeName.TINYINT,
      SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT);

  private static final Set<SqlTypeName> INEXACT = Set.of(SqlTypeName.DOUBLE, SqlTypeName.FLOAT,
      SqlTypeName.REAL);

  /**
   * The plan {@code best} with integer {@code +}, {@code -}, {@code *} and {@code /} in the part Calcite runs
   * made checked (overflow raises {@code 22003}, as in DuckDB); throws {@code 0A000} if that part
   * computes an expression off the list, or carries TIME or TIMESTAMP values finer than
   * milliseconds.
   */
  static RelNode checkedOrRefused(RelNode best) {
    RelNode checked = checkedArithmetic(best);
    check(checked);
    return checked;
  }

  private static RelNode checkedArithmetic(RelNode rel) {
    if (rel instanceof JdbcToEnumerableConverter || rel instanceof JdbcRel) {
      return rel;
    }
    List<RelNode> inputs = rel.getInputs().stream().map(CalciteRunExpressions::checkedArithmetic)
        .toList();
    boolean same = true;
    for (int i = 0; i < inputs.size(); i++) {
      same &= inputs.get(i) == rel.getInputs().get(i);
    }
    RelNode copy = same ? rel : rel.copy(rel.getTraitSet(), inputs);
    RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
    return copy.accept(new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        RexCall visited = (RexCall) super.visitCall(call);
        SqlOperator checked = CHECKED.get(visited.getKind());
        if (checked == null || !EXACT_INTEGERS.contains(visited.getType().getSqlTypeName())) {
          return visited;
        }
        return rexBuilder.makeCall(visited.getType(), checked, visited.getOperands());
      }
    });
  }

  private static void check(RelNode rel) {
    if (rel instanceof JdbcToEnumerableConverter || rel instanceof JdbcRel) {
      refuseFineTimes(rel); // DuckDB's part: only the values it hands to Calcite matter
      return;
    }
    refuseFineTimes(rel);
    rel.accept(new RexShuttle() {
      @Override public RexNode visitCall(RexCall call) {
        if (!allowed(call)) {
          throw refusal("cannot compute " + describe(call));
        }
        return super.visitCall(call);
      }
    });
    if (rel instanceof Aggregate aggregate) {
      for (AggregateCall call : aggregate.getAggCallList()) {
        List<RelDataType> args = call.getArgList().stream()
            .map(i -> aggregate.getInput().getRowType().getFieldList().get(i).getType()).toList();
        if (!allowedAggregate(call.getAggregation().getKind(), args, call.getType())) {
          throw refusal("cannot compute " + call.getAggregation().getName() + "(" + typeNames(args) + ")");
        }
      }
    }
    if (rel instanceof Window window) {
      for (Window.Group group : window.groups) {
        for (Window.RexWinAggCall call : group.aggCalls) {
          List<RelDataType> args = call.getOperands().stream().map(RexNode::getType).toList();
          if (!allowedAggregate(call.getOperator().getKind(), args, call.getType())) {
            throw refusal("cannot compute " + call.getOperator().getName() + "(" + typeNames(args) + ") OVER (...)");
          }
        }
      }
    }
    for (RelNode input : rel.getInputs()) {
      check(input);
    }
  }

  /**
   * Calcite holds TIME and TIMESTAMP values as milliseconds, and intervals as milliseconds or
   * months: finer values, and DuckDB's intervals of months, days and microseconds, would be cut.
   */
  private static void refuseFineTimes(RelNode rel) {
    for (RelDataTypeField field : rel.getRowType().getFieldList()) {
      RelDataType type = field.getType();
      if (isTimeLike(type.getSqlTypeName()) && type.getPrecision() > 3
          || SqlTypeName.INTERVAL_TYPES.contains(type.getSqlTypeName())) {
        throw refusal("cannot carry a " + typeName(type) + " value (column " + field.getName() + ")");
      }
    }
  }

  private static boolean allowed(RexCall call) {
    SqlKind kind = call.getKind();
    if (LOGICAL.contains(kind)) {
      return true;
    }
    if (CHECKED.containsValue(call.getOperator())) {
      return call.getOperands().stream().allMatch(o ->
          EXACT_INTEGERS.contains(o.getType().getSqlTypeName()));
    }
    if (COMPARISONS.contains(kind)) {
      SqlTypeName first = call.getOperands().get(0).getType().getSqlTypeName();
      return !isTimeLike(first) && !SqlTypeName.INTERVAL_TYPES.contains(first)
          && call.getOperands().stream().allMatch(o -> o instanceof RexLiteral && kind == SqlKind.SEARCH
              || alike(o.getType().getSqlTypeName(), first));
    }
    if (ARITHMETIC.contains(kind) || kind == SqlKind.DIVIDE) {
      SqlTypeName result = call.getType().getSqlTypeName();
      boolean operandsAlike = call.getOperands().stream().allMatch(o -> {
        SqlTypeName name = o.getType().getSqlTypeName();
        return isDecimalOrInexact(name) || EXACT_INTEGERS.contains(name);
      });
      if (kind == SqlKind.DIVIDE) {
        return INEXACT.contains(result) && operandsAlike;
      }
      return isDecimalOrInexact(result) && operandsAlike;
    }
    if (kind == SqlKind.MOD) {
      // Java's remainder of integers: the sign of the dividend, as in PostgreSQL and DuckDB; a
      // zero divisor raises "/ by zero", which the session reports as 22012.
      return EXACT_INTEGERS.contains(call.getType().getSqlTypeName()) && call.getOperands().stream()
          .allMatch(o -> EXACT_INTEGERS.contains(o.getType().getSqlTypeName()));
    }
    if (call.getOperator().getName().equals("||")) {
      return SqlTypeName.CHAR_TYPES.contains(call.getType().getSqlTypeName()) && call.getOperands()
          .stream().allMatch(o -> SqlTypeName.CHAR_TYPES.contains(o.getType().getSqlTypeName()));
    }
    if (kind == SqlKind.CAST) {
      return isPlainCast(call.getOperands().get(0).getType(), call.getType());
    }
    return false;
  }

  /** A cast that only changes nullability, or widens an integer type. */
  private static boolean isPlainCast(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (EXACT_INTEGERS.contains(f) && EXACT_INTEGERS.contains(t)) {
      return t.ordinal() >= f.ordinal();
    }
    return f == t && from.getPrecision() == to.getPrecision() && from.getScale() == to.getScale();
  }

  private static boolean allowedAggregate(SqlKind kind, List<RelDataType> args, RelDataType result) {
    if (AGGREGATES.contains(kind)) {
      return true;
    }
    if (kind == SqlKind.MIN || kind == SqlKind.MAX) {
      return args.stream().noneMatch(a -> isTimeLike(a.getSqlTypeName()));
    }
    if (kind == SqlKind.SUM || kind == SqlKind.SUM0) {
      SqlTypeName r = result.getSqlTypeName();
      return isDecimalOrInexact(r) || args.stream().allMatch(a ->
          EXACT_INTEGERS.contains(a.getSqlTypeName()) && r.ordinal() > a.getSqlTypeName().ordinal());
    }
    return false;
  }

  /** Values Calcite compares as DuckDB does: of one type, both integers, or both text. */
  private static boolean alike(SqlTypeName a, SqlTypeName b) {
    return a == b || EXACT_INTEGERS.contains(a) && EXACT_INTEGERS.contains(b)
        || SqlTypeName.CHAR_TYPES.contains(a) && SqlTypeName.CHAR_TYPES.contains(b);
  }

  private static boolean isDecimalOrInexact(SqlTypeName name) {
    return name == SqlTypeName.DECIMAL || INEXACT.contains(name);
  }

  /** TIME and TIMESTAMP values are milliseconds in Calcite's runtime: microseconds are lost. */
  private static boolean isTimeLike(SqlTypeName name) {
    return name == SqlTypeName.TIME || name == SqlTypeName.TIMESTAMP
        || name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || name == SqlTypeName.TIMESTAMP_TZ
        || name == SqlTypeName.TIME_WITH_LOCAL_TIME_ZONE || name == SqlTypeName.TIME_TZ;
  }

  private static String describe(RexCall call) {
    List<RexNode> operands = call.getOperands();
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (call.getKind() == SqlKind.CAST) {
      return "CAST(" + typeName(operands.get(0).getType()) + " AS " + typeName(call.getType()) + ")";
    }
    if (call.getKind() == SqlKind.EXTRACT && operands.get(0) instanceof RexLiteral unit) {
      return "EXTRACT(" + unit.getValue() + " FROM " + typeName(operands.get(1).getType()) + ")";
    }
    if (call.getOperator().getSyntax() == SqlSyntax.BINARY && operands.size() == 2) {
      return typeName(operands.get(0).getType()) + " " + name + " "
          + typeName(operands.get(1).getType());
    }
    return name + "(" + typeNames(operands.stream().map(RexNode::getType).toList()) + ")";
  }

  private static String typeNames(List<RelDataType> types) {
    return types.stream().map(CalciteRunExpressions::typeName).collect(Collectors.joining(", "));
  }

  private static String typeName(RelDataType type) {
    return type.getSqlTypeName().getName();
  }

  /** {@code what}: "cannot compute EXTRACT(DOW FROM DATE)", "cannot carry a TIMESTAMP value ...". */
  private static FloeException refusal(String what) {
    return new FloeException(ErrorCode.NOT_SUPPORTED, String.format(Locale.ROOT,
        "%s outside DuckDB: this statement needs part of its plan run outside DuckDB, where that"
            + " may not give DuckDB's answer", what),
        "Part of a plan runs outside DuckDB when the statement reads information_schema,"
            + " or uses an aggregate or sub-query DuckDB cannot take as written. Compute"
            + " the expression in a sub-query over DuckDB tables only, or in a separate statement.",
        null);
  }
}

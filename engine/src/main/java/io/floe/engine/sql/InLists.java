package io.floe.engine.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlInOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.util.DateString;

/**
 * {@code x IN (v1, ..., vN)} and {@code x NOT IN (...)} over a long list of constants as one
 * comparison with the list. From {@value SqlToRelConverter#DEFAULT_IN_SUB_QUERY_THRESHOLD} values
 * on, Calcite would make the list a VALUES relation and the test a sub-query against it (a join
 * once planned), which DuckDB then runs as a long UNION ALL, and which some shapes do not plan at
 * all. Here such a call keeps its list: it validates exactly as Calcite's IN (the same types and
 * implicit casts, {@link FloeTypeCoercion}) and becomes, when converted, Calcite's {@code SEARCH}
 * of the values when they are literals (DuckDB receives {@code x IN (...)}, Calcite can run it),
 * otherwise (parameters, casts DuckDB computes) a flat {@link #IN_LIST} call that DuckDB receives
 * as {@code (x IN (...))} and that is expanded into {@code x = v1 OR ...} for plans Calcite runs
 * itself ({@link #expand}). A NULL in the list makes the answer NULL where it is not true, as the
 * standard says: {@code x NOT IN (1, NULL)} is never true.
 */
final class InLists {
  /** {@code x IN (...)} with a long list of constants, before conversion. */
  static final ListIn IN = new ListIn(false);
  /** {@code x NOT IN (...)} with a long list of constants, before conversion. */
  static final ListIn NOT_IN = new ListIn(true);

  /**
   * {@code IN_LIST(x, v1, ..., vN)}: whether {@code x} equals one of the values, NULL if not and
   * {@code x} or a value is NULL. DuckDB computes it as {@code (x IN (v1, ..., vN))}.
   */
  static final SqlFunction IN_LIST = new SqlFunction("IN_LIST", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BOOLEAN_NULLABLE, null, OperandTypes.VARIADIC, SqlFunctionCategory.SYSTEM);

  private static final java.util.regex.Pattern ISO_DATE =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Folds constants as the planner does (QueryPlanner). */
  private static final RexExecutor FOLDING =
      new SafeRexExecutor(new RexExecutorImpl(org.apache.calcite.DataContexts.EMPTY));

  private InLists() {}

  /**
   * The type of an IN list's values taken together, as Calcite asks for it when it infers the type
   * of a parameter tested against the list ({@code ? IN (1, 2, 3)}): the values' least restrictive
   * type, as PostgreSQL types {@code $1} integer there; unknown when no value has a type.
   */
  static RelDataType commonType(org.apache.calcite.sql.validate.SqlValidator validator,
      org.apache.calcite.sql.validate.SqlValidatorScope scope, SqlNodeList list) {
    RelDataType unknown = validator.getUnknownType();
    List<RelDataType> known = new ArrayList<>();
    for (SqlNode value : list) {
      RelDataType type = value instanceof SqlDynamicParam ? unknown : validator.deriveType(scope, value);
      if (!type.equals(unknown)) {
        known.add(type);
      }
    }
    RelDataType common = known.isEmpty() ? null : validator.getTypeFactory().leastRestrictive(known);
    return common == null ? unknown : common;
  }

  /** The parse tree with each long IN list of constants as one {@link ListIn} call (in place). */
  static SqlNode apply(SqlNode node) {
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlBasicCall basic && isLongConstantList(basic)) {
          basic.setOperator(basic.getKind() == SqlKind.NOT_IN ? NOT_IN : IN);
        }
        return super.visit(call);
      }
    });
    return node;
  }

  private static boolean isLongConstantList(SqlBasicCall call) {
    if (call.getKind() != SqlKind.IN && call.getKind() != SqlKind.NOT_IN
        || call.operand(0).getKind() == SqlKind.ROW
        || !(call.operand(1) instanceof SqlNodeList list)
        || list.size() < SqlToRelConverter.DEFAULT_IN_SUB_QUERY_THRESHOLD) {
      return false;
    }
    return list.stream().allMatch(InLists::isConstant);
  }

  /** A literal, a parameter, or one of those cast or signed. */
  static boolean isConstant(SqlNode node) {
    if (node instanceof SqlLiteral || node instanceof SqlDynamicParam) {
      return true;
    }
    return node instanceof SqlCall call && switch (call.getKind()) {
      case CAST, MINUS_PREFIX, PLUS_PREFIX -> isConstant(call.operand(0));
      default -> false;
    };
  }

  /** The converted test: SEARCH of literals, else {@link #IN_LIST}; NOT and NULLs around it. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode value = cx.convertExpression(call.operand(0));
    List<RexNode> values = new ArrayList<>();
    boolean withNull = false;
    for (RexNode converted : folded(cx, (SqlNodeList) call.operand(1))) {
      if (RexUtil.isNullLiteral(converted, true)) {
        withNull = true;
      } else {
        values.add(converted);
      }
    }
    RexNode nullBoolean = rex.makeNullLiteral(rex.getTypeFactory().createSqlType(SqlTypeName.BOOLEAN));
    RexNode test;
    if (values.isEmpty()) {
      test = nullBoolean;
    } else {
      test = searchable(value, values) ? rex.makeIn(value, values) : inList(rex, value, values);
      if (withNull) {
        test = rex.makeCall(SqlStdOperatorTable.OR, test, nullBoolean);
      }
    }
    return call.getOperator() == NOT_IN ? rex.makeCall(SqlStdOperatorTable.NOT, test) : test;
  }

  /**
   * The list's values converted, implicit casts of literals folded as the planner folds constants
   * (a cast that DuckDB computes stays, {@link SafeRexExecutor}).
   */
  private static List<RexNode> folded(SqlRexContext cx, SqlNodeList list) {
    List<RexNode> converted = new ArrayList<>(list.size());
    List<RexNode> casts = new ArrayList<>();
    for (SqlNode element : list) {
      RexNode value = cx.convertExpression(element);
      if (value instanceof RexCall cast && cast.getKind() == SqlKind.CAST) {
        value = castLiteral(cx.getRexBuilder(), cast);
      }
      converted.add(value);
      if (value instanceof RexCall && RexUtil.isConstant(value)) {
        casts.add(value);
      }
    }
    if (casts.isEmpty()) {
      return converted;
    }
    List<RexNode> reduced = new ArrayList<>(casts.size());
    FOLDING.reduce(cx.getRexBuilder(), casts, reduced);
    Map<RexNode, RexNode> byCast = new IdentityHashMap<>();
    for (int i = 0; i < casts.size(); i++) {
      byCast.put(casts.get(i), reduced.get(i));
    }
    return converted.stream().map(v -> byCast.getOrDefault(v, v)).toList();
  }

  /**
   * The implicit casts of list values that keep the value, folded here: compiling a thousand casts
   * to fold them as the planner does takes seconds. A number made a floating-point number or a
   * decimal with room for it; an ISO date text made a DATE. Anything else stays a cast.
   */
  private static RexNode castLiteral(RexBuilder rex, RexCall cast) {
    if (!(cast.getOperands().get(0) instanceof RexLiteral literal) || literal.isNull()) {
      return cast;
    }
    RelDataType type = cast.getType();
    if (SqlTypeUtil.isNumeric(literal.getType())) {
      BigDecimal number = literal.getValueAs(BigDecimal.class);
      if (number == null) {
        return cast;
      }
      if (SqlTypeUtil.isApproximateNumeric(type)) {
        return rex.makeApproxLiteral(number.doubleValue(), type);
      }
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL && number.scale() <= type.getScale()
          && number.precision() - number.scale() <= type.getPrecision() - type.getScale()) {
        return rex.makeExactLiteral(number, type);
      }
      return cast;
    }
    String text = literal.getValueAs(String.class);
    if (type.getSqlTypeName() == SqlTypeName.DATE && text != null && ISO_DATE.matcher(text).matches()) {
      try {
        java.time.LocalDate date = java.time.LocalDate.parse(text);
        if (date.getYear() >= 1) {
          return rex.makeDateLiteral(DateString.fromDaysSinceEpoch((int) date.toEpochDay()));
        }
      } catch (java.time.format.DateTimeParseException e) {
        return cast; // DuckDB reports it, where the value is needed
      }
    }
    return cast;
  }

  /** Whether Calcite's SEARCH holds the test: literals of the value's type family. */
  private static boolean searchable(RexNode value, List<RexNode> values) {
    return values.stream().allMatch(v -> v instanceof RexLiteral
        && SqlTypeUtil.inSameFamily(value.getType(), v.getType()));
  }

  private static RexNode inList(RexBuilder rex, RexNode value, List<RexNode> values) {
    List<RexNode> operands = new ArrayList<>(values.size() + 1);
    operands.add(value);
    operands.addAll(values);
    return rex.makeCall(IN_LIST, operands);
  }

  /**
   * A plan with each {@link #IN_LIST} call as {@code x = v1 OR x = v2 ...}, for plans Calcite may
   * run parts of itself (it has no code for {@code IN_LIST}); sub-queries' plans included.
   */
  static RelNode expand(RelNode rel) {
    return rel.accept(new Expander(rel.getCluster().getRexBuilder()));
  }

  /** Writes {@code IN_LIST(x, v1, ...)} as DuckDB's {@code (x IN (v1, ...))}. */
  static void unparse(SqlWriter writer, SqlCall call) {
    SqlWriter.Frame outer = writer.startList("(", ")");
    call.operand(0).unparse(writer, 0, SqlStdOperatorTable.IN.getLeftPrec());
    writer.keyword("IN");
    SqlWriter.Frame list = writer.startList("(", ")");
    for (SqlNode element : call.getOperandList().subList(1, call.operandCount())) {
      writer.sep(",");
      element.unparse(writer, 0, 0);
    }
    writer.endList(list);
    writer.endList(outer);
  }

  /**
   * Calcite's IN over a list of constants, under a kind of its own so that Calcite's converter
   * leaves it to {@link #convert} instead of making the list a VALUES relation.
   */
  static final class ListIn extends SqlInOperator {
    private final boolean negated;

    private ListIn(boolean negated) {
      super(negated ? "NOT IN" : "IN", SqlKind.OTHER);
      this.negated = negated;
    }

    @Override public SqlOperator not() {
      return negated ? IN : NOT_IN;
    }

    /** The same call with Calcite's own operator, whose kind implicit casts look for. */
    SqlCall asCalcites(SqlCall call) {
      return (negated ? SqlStdOperatorTable.NOT_IN : SqlStdOperatorTable.IN)
          .createCall(call.getParserPosition(), call.getOperandList());
    }
  }

  private static final class Expander extends RelHomogeneousShuttle {
    private final RexShuttle calls;

    Expander(RexBuilder rex) {
      Expander rels = this;
      this.calls = new RexShuttle() {
        @Override public RexNode visitCall(RexCall call) {
          RexCall visited = (RexCall) super.visitCall(call);
          if (visited.getOperator() != IN_LIST) {
            return visited;
          }
          List<RexNode> operands = visited.getOperands();
          return rex.makeIn(operands.get(0), operands.subList(1, operands.size()));
        }

        @Override public RexNode visitSubQuery(RexSubQuery subQuery) {
          RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
          return visited.clone(visited.rel.accept(rels));
        }
      };
    }

    @Override public RelNode visit(RelNode other) {
      return super.visit(other).accept(calls);
    }
  }
}

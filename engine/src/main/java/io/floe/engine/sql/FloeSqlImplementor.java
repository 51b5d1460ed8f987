package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * Writes plans back as DuckDB SQL. Calcite's writer refers to an ORDER BY key that is an
 * expression by its position in the select list, which is right in a query's ORDER BY and wrong
 * inside an aggregate: {@code string_agg(x ORDER BY 1)} sorts by the constant 1. Inside an
 * aggregate, this writer spells the key out.
 *
 * <p>A projection, filter or join whose expressions hold a sub-query or a correlation variable is
 * written as one closed SELECT over its inputs, each a derived table with an alias and column
 * names of its own ({@code (...) AS _s1 (_s1_0, _s1_1)}), and every node above it reads it as a
 * derived table too. Calcite's writer would merge such a node into the SELECT of its input or its
 * parent: a correlated sub-query in a select list over an aggregate then names the outer
 * aggregate's calls inside itself (nesting aggregates), an aggregate inside a sub-query of
 * columns that became the outer query's only would be read as the outer query's aggregate, and
 * a correlation variable can be written with an alias that an inner table shadows. Closed, every
 * column a sub-query uses from around it is {@code _sN._sN_i} of a derived table whose alias
 * nothing else in the statement has.
 */
final class FloeSqlImplementor extends JdbcImplementor {
  private static final SqlParserPos POS = SqlParserPos.ZERO;
  /** Every clause: a parent of a closed SELECT always reads it as a derived table. */
  private static final List<Clause> CLOSED = List.of(Clause.values());

  /** Aliases that closed SELECTs must not take, in lower case: DuckDB matches names in any case. */
  private final Set<String> takenAliases = new TreeSet<>();
  /** The aliases of closed SELECTs, which their parents always name. */
  private final Set<String> closedAliases = new TreeSet<>();
  /** Projections with window functions, or grouping keys with parameters, that an aggregate reads. */
  private final Set<RelNode> derivedUnderAggregate =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

  FloeSqlImplementor(JavaTypeFactory typeFactory) {
    this(typeFactory, List.of());
  }

  /** @param tableNames the names of the tables the plan reads, which are their implicit aliases */
  FloeSqlImplementor(JavaTypeFactory typeFactory, Collection<String> tableNames) {
    super(FloeDuckDbDialect.INSTANCE, typeFactory);
    tableNames.forEach(n -> takenAliases.add(n.toLowerCase(Locale.ROOT)));
  }

  @Override public Context selectListContext(SqlNodeList selectList, boolean aliasRef) {
    return new AggregateOrderContext(super.selectListContext(selectList, aliasRef),
        selectList.size());
  }

  @Override protected Result dispatch(RelNode e) {
    if (e instanceof SnowflakeBackend.RemoteTable t) {
      return result(new SqlIdentifier(List.of("temp", "main", t.input.tableName()), POS),
          List.of(Clause.FROM), e, null);
    }
    if (e instanceof RecursiveQueryRules.JdbcTableSpool) {
      return visitInput(e, 0);
    }
    if (e instanceof RecursiveQueryRules.JdbcRepeatUnion r) {
      return recursiveQuery(r);
    }
    if (e instanceof Aggregate a && a.getInput() instanceof Project p
        && (RexOver.containsOver(p.getProjects(), null) || p.getInput() instanceof Aggregate
            || !p.getProjects().stream().allMatch(RexUtil::isDeterministic)
            || a.getGroupSet().asList().stream().anyMatch(k -> holdsParameter(p.getProjects().get(k))))) {
      // Merged into the aggregate's SELECT, a window function or an aggregate below would sit
      // inside an aggregate call (SUM(SUM(x))), which SQL does not allow, and a grouping key
      // holding a parameter would be written twice (GROUP BY x = ?, SELECT x = ?), which DuckDB
      // cannot match, and so would one holding random(), which each copy draws anew: the
      // projection stays a derived table whose columns the aggregate reads.
      derivedUnderAggregate.add(p);
    }
    RelNode once = VolatileOperands.forDuckDb(e, derivedUnderAggregate);
    if (once != null) {
      if (derivedUnderAggregate.contains(e)) {
        derivedUnderAggregate.add(once);
      }
      e = once;
    }
    boolean derived = derivedUnderAggregate.contains(e);
    if (e instanceof org.apache.calcite.rel.core.Values v && v.getTuples().isEmpty()) {
      return emptyValues(v);
    }
    if (e instanceof Project || e instanceof Filter || e instanceof Join) {
      e = e.accept(BIGINT_LITERALS);
    }
    if (e instanceof Join || e instanceof Filter) {
      e = e.accept(NOT_DISTINCT);
    }
    if (e instanceof Project p && (holdsCorrelation(p.getProjects()) || derived)) {
      return closedProject(p);
    } else if (e instanceof Filter f && holdsCorrelation(List.of(f.getCondition()))) {
      return closedFilter(f);
    } else if (e instanceof Join j && holdsCorrelation(List.of(j.getCondition()))) {
      return closedJoin(j);
    } else if (e instanceof org.apache.calcite.rel.core.Correlate c) {
      return lateralJoin(c);
    }
    return super.dispatch(e);
  }

  /**
   * A recursive query: {@code SELECT ... FROM (WITH RECURSIVE t(...) AS (seed UNION [ALL] step)
   * SELECT * FROM t) AS alias}, where the step reads the recursive table by its name.
   */
  private Result recursiveQuery(RecursiveQueryRules.JdbcRepeatUnion e) {
    org.apache.calcite.plan.RelOptTable table = java.util.Objects.requireNonNull(e.getTransientTable());
    String name = RecursiveQueryRules.name(table);
    Result seed = visitInput(e, 0);
    Result step = visitInput(e, 1);
    SqlNode union = (e.all ? SqlStdOperatorTable.UNION_ALL : SqlStdOperatorTable.UNION).createCall(POS,
        seed.asQueryOrValues(), step.asQueryOrValues());
    List<SqlNode> columns = new ArrayList<>();
    for (String column : table.getRowType().getFieldNames()) {
      columns.add(new org.apache.calcite.sql.SqlIdentifier(column, POS));
    }
    org.apache.calcite.sql.SqlWithItem item = new org.apache.calcite.sql.SqlWithItem(POS,
        new org.apache.calcite.sql.SqlIdentifier(name, POS), new SqlNodeList(columns, POS), union,
        SqlLiteral.createBoolean(true, POS));
    SqlSelect body = new SqlSelect(POS, SqlNodeList.EMPTY,
        SqlNodeList.of(org.apache.calcite.sql.SqlIdentifier.star(POS)),
        new org.apache.calcite.sql.SqlIdentifier(name, POS), null, null, null, SqlNodeList.EMPTY,
        null, null, null, null, null);
    SqlNode with = new org.apache.calcite.sql.SqlWith(POS, SqlNodeList.of(item), body);
    String alias = freshAlias();
    SqlNode from = SqlStdOperatorTable.AS.createCall(POS, PARENTHESES.createCall(POS, with),
        new org.apache.calcite.sql.SqlIdentifier(alias, POS));
    List<SqlNode> fields = new ArrayList<>();
    for (String column : table.getRowType().getFieldNames()) {
      fields.add(new org.apache.calcite.sql.SqlIdentifier(List.of(alias, column), POS));
    }
    return closed(e, fields, from, null);
  }

  /** A query in parentheses: a WITH read as a derived table. */
  private static final org.apache.calcite.sql.SqlOperator PARENTHESES =
      new org.apache.calcite.sql.SqlSpecialOperator("PARENTHESES", org.apache.calcite.sql.SqlKind.OTHER) {
        @Override public void unparse(org.apache.calcite.sql.SqlWriter writer,
            org.apache.calcite.sql.SqlCall call, int leftPrec, int rightPrec) {
          org.apache.calcite.sql.SqlWriter.Frame frame = writer.startList("(", ")");
          call.operand(0).unparse(writer, 0, 0);
          writer.endList(frame);
        }
      };

  /**
   * An empty VALUES as {@code SELECT * FROM (SELECT CAST(NULL AS t) AS c, ...) AS t WHERE 1 = 0}.
   * Calcite writes bare NULLs, which have no type in DuckDB: a function over such a column (an
   * EXTRACT above a join Calcite found to be empty) would match no overload, or several.
   */
  private Result emptyValues(org.apache.calcite.rel.core.Values e) {
    List<SqlNode> nulls = new ArrayList<>();
    for (RelDataTypeField field : e.getRowType().getFieldList()) {
      SqlNode node = SqlLiteral.createNull(POS);
      SqlNode spec = dialect.getCastSpec(field.getType());
      nulls.add(as(spec == null ? node : SqlStdOperatorTable.CAST.createCall(POS, node, spec),
          field.getName()));
    }
    SqlSelect row = new SqlSelect(POS, SqlNodeList.EMPTY, new SqlNodeList(nulls, POS), null, null,
        null, null, SqlNodeList.EMPTY, null, null, null, null, null);
    SqlSelect empty = new SqlSelect(POS, SqlNodeList.EMPTY, SqlNodeList.SINGLETON_STAR,
        as(row, "t"), SqlStdOperatorTable.EQUALS.createCall(POS, SqlLiteral.createExactNumeric("1", POS),
            SqlLiteral.createExactNumeric("0", POS)), null, null, SqlNodeList.EMPTY, null, null,
        null, null, null);
    return result(empty, List.of(Clause.SELECT), e, null);
  }

  private Result closedProject(Project e) {
    Input input = closedInput(e, 0);
    declare(e.getVariablesSet(), input.context());
    List<SqlNode> selectList = new ArrayList<>();
    for (RexNode project : e.getProjects()) {
      SqlNode node = input.context().toSql(null, project);
      if (SqlUtil.isNullLiteral(node, false)) {
        RelDataType type = e.getRowType().getFieldList().get(selectList.size()).getType();
        SqlNode spec = dialect.getCastSpec(type);
        node = spec == null ? node : SqlStdOperatorTable.CAST.createCall(POS, node, spec);
      }
      selectList.add(node);
    }
    return closed(e, selectList, input.from(), null);
  }

  private Result closedFilter(Filter e) {
    Input input = closedInput(e, 0);
    declare(e.getVariablesSet(), input.context());
    return closed(e, fields(input.context(), e.getRowType().getFieldCount()), input.from(),
        input.context().toSql(null, e.getCondition()));
  }

  private Result closedJoin(Join e) {
    Input left = closedInput(e, 0);
    Input right = closedInput(e, 1);
    Context context = joinContext(left.context(), right.context());
    declare(e.getVariablesSet(), context);
    SqlNode join = new SqlJoin(POS, left.from(), SqlLiteral.createBoolean(false, POS),
        joinType(e.getJoinType()).symbol(POS), right.from(), JoinConditionType.ON.symbol(POS),
        context.toSql(null, e.getCondition()));
    return closed(e, fields(context, e.getRowType().getFieldCount()), join, null);
  }

  /**
   * A correlate as {@code left [LEFT] JOIN LATERAL (right) ON TRUE}, closed: the right input reads
   * the left's columns, through the correlation variable, as the left derived table's.
   */
  private Result lateralJoin(org.apache.calcite.rel.core.Correlate e) {
    Input left = closedInput(e, 0);
    declare(java.util.Set.of(e.getCorrelationId()), left.context());
    Input right = closedInput(e, 1);
    List<SqlNode> named = new ArrayList<>(((org.apache.calcite.sql.SqlCall) right.from()).getOperandList());
    named.set(0, SqlStdOperatorTable.LATERAL.createCall(POS, named.get(0)));
    SqlNode lateral = SqlStdOperatorTable.AS.createCall(POS, named);
    Context context = joinContext(left.context(), right.context());
    SqlNode join = new SqlJoin(POS, left.from(), SqlLiteral.createBoolean(false, POS),
        joinType(e.getJoinType()).symbol(POS), lateral, JoinConditionType.ON.symbol(POS),
        SqlLiteral.createBoolean(true, POS));
    return closed(e, fields(context, e.getRowType().getFieldCount()), join, null);
  }

  /**
   * A BIGINT literal small enough to be an INTEGER, written as {@code CAST(n AS BIGINT)}: DuckDB
   * reads a bare {@code 251658240} as an INTEGER, so {@code 251658240::BIGINT * 251658240::BIGINT}
   * would overflow there where Floe typed it BIGINT.
   */
  private static final org.apache.calcite.rex.RexShuttle BIGINT_LITERALS =
      new org.apache.calcite.rex.RexShuttle() {
        @Override public RexNode visitCall(org.apache.calcite.rex.RexCall call) {
          RexNode visited = super.visitCall(call);
          if (!(visited instanceof org.apache.calcite.rex.RexCall c)
              || !(c.getOperator() instanceof org.apache.calcite.sql.SqlFunction)
              || c.getOperands().stream().noneMatch(FloeSqlImplementor::isTypedNull)) {
            return visited;
          }
          // A NULL argument keeps its type (CAST(NULL AS TIMESTAMP)): DuckDB picks a function's
          // overload by its arguments' types, and a bare NULL matches several.
          // A rounding function's NULL scale stays a bare NULL: DuckDB answers NULL for it, where
          // it refuses a typed one (and a DECIMAL scale matches no overload).
          boolean scaled = List.of("ROUND", "TRUNCATE", "TRUNC")
              .contains(c.getOperator().getName().toUpperCase(java.util.Locale.ROOT));
          List<RexNode> operands = new java.util.ArrayList<>();
          for (int i = 0; i < c.getOperands().size(); i++) {
            RexNode o = c.getOperands().get(i);
            operands.add(isTypedNull(o) && !(scaled && i == 1)
                ? new org.apache.calcite.rex.RexBuilder(TYPES).makeAbstractCast(o.getType(), o, false)
                : o);
          }
          return c.clone(c.getType(), operands);
        }

        @Override public RexNode visitLiteral(org.apache.calcite.rex.RexLiteral literal) {
          if (literal.getType().getSqlTypeName() != org.apache.calcite.sql.type.SqlTypeName.BIGINT
              || literal.getTypeName() != org.apache.calcite.sql.type.SqlTypeName.DECIMAL
              || literal.isNull()) {
            return literal;
          }
          java.math.BigDecimal value = literal.getValueAs(java.math.BigDecimal.class);
          if (value == null || value.abs().compareTo(INT_RANGE) >= 0) {
            return literal;
          }
          return new org.apache.calcite.rex.RexBuilder(TYPES).makeAbstractCast(literal.getType(),
              literal, false);
        }
      };
  /**
   * {@code a IS NULL AND b IS NULL OR (a = b) IS TRUE}, Calcite's expansion of
   * {@code a IS NOT DISTINCT FROM b}, written as the operator again: the two are equal for every
   * pair of values, and DuckDB joins on the operator by hashing, where the expansion is a
   * nested-loop join of every pair of rows.
   */
  private static final org.apache.calcite.rex.RexShuttle NOT_DISTINCT =
      new org.apache.calcite.rex.RexShuttle() {
        @Override public RexNode visitCall(org.apache.calcite.rex.RexCall call) {
          RexNode visited = super.visitCall(call);
          if (visited.getKind() != org.apache.calcite.sql.SqlKind.OR
              || ((org.apache.calcite.rex.RexCall) visited).getOperands().size() != 2) {
            return visited;
          }
          List<RexNode> operands = ((org.apache.calcite.rex.RexCall) visited).getOperands();
          for (int i = 0; i < 2; i++) {
            RexNode[] pair = bothNull(operands.get(i));
            if (pair != null && isTrueEquals(operands.get(1 - i), pair[0], pair[1])) {
              return new org.apache.calcite.rex.RexBuilder(TYPES).makeCall(
                  SqlStdOperatorTable.IS_NOT_DISTINCT_FROM, pair[0], pair[1]);
            }
          }
          return visited;
        }
      };

  /** The two operands of {@code a IS NULL AND b IS NULL}, or null. */
  private static RexNode[] bothNull(RexNode node) {
    if (node.getKind() != org.apache.calcite.sql.SqlKind.AND
        || ((org.apache.calcite.rex.RexCall) node).getOperands().size() != 2) {
      return null;
    }
    List<RexNode> operands = ((org.apache.calcite.rex.RexCall) node).getOperands();
    if (operands.stream().allMatch(o -> o.getKind() == org.apache.calcite.sql.SqlKind.IS_NULL)) {
      return new RexNode[] {((org.apache.calcite.rex.RexCall) operands.get(0)).getOperands().get(0),
          ((org.apache.calcite.rex.RexCall) operands.get(1)).getOperands().get(0)};
    }
    return null;
  }

  /** Whether {@code node} is {@code (a = b) IS TRUE} (or {@code (b = a) IS TRUE}). */
  private static boolean isTrueEquals(RexNode node, RexNode a, RexNode b) {
    if (node.getKind() != org.apache.calcite.sql.SqlKind.IS_TRUE) {
      return false;
    }
    RexNode inner = ((org.apache.calcite.rex.RexCall) node).getOperands().get(0);
    if (inner.getKind() != org.apache.calcite.sql.SqlKind.EQUALS) {
      return false;
    }
    List<RexNode> sides = ((org.apache.calcite.rex.RexCall) inner).getOperands();
    return sides.get(0).equals(a) && sides.get(1).equals(b)
        || sides.get(0).equals(b) && sides.get(1).equals(a);
  }

  private static final java.math.BigDecimal INT_RANGE = java.math.BigDecimal.valueOf(Integer.MAX_VALUE);
  private static final org.apache.calcite.adapter.java.JavaTypeFactory TYPES =
      new org.apache.calcite.jdbc.JavaTypeFactoryImpl(FloeTypeSystem.INSTANCE);

  private static boolean isTypedNull(RexNode node) {
    if (!(node instanceof org.apache.calcite.rex.RexLiteral literal) || !literal.isNull()) {
      return false;
    }
    RelDataType type = literal.getType();
    return org.apache.calcite.sql.type.SqlTypeUtil.isNumeric(type)
        || org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(type)
        || org.apache.calcite.sql.type.SqlTypeUtil.isDatetime(type)
        || org.apache.calcite.sql.type.SqlTypeUtil.isBoolean(type);
  }

  private static boolean holdsParameter(RexNode node) {
    try {
      node.accept(new org.apache.calcite.rex.RexVisitorImpl<Void>(true) {
        @Override public Void visitDynamicParam(org.apache.calcite.rex.RexDynamicParam param) {
          throw org.apache.calcite.util.Util.FoundOne.NULL;
        }
      });
      return false;
    } catch (org.apache.calcite.util.Util.FoundOne found) {
      return true;
    }
  }

  /** Whether expressions hold a sub-query or a correlation variable (a column of an outer query). */
  private static boolean holdsCorrelation(List<RexNode> nodes) {
    return nodes.stream().anyMatch(n -> RexUtil.SubQueryFinder.find(n) != null
        || RexUtil.containsCorrelation(n));
  }

  /** An input written as a derived table with fresh names, and the context that reads it. */
  private record Input(SqlNode from, Context context) {}

  private Input closedInput(RelNode e, int i) {
    RelNode rel = e.getInput(i);
    SqlNode query = visitInput(e, i).asQueryOrValues();
    String alias = freshAlias();
    List<RelDataTypeField> fields = rel.getRowType().getFieldList();
    List<String> columns = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      columns.add(alias + "_" + c);
    }
    RelDataType named = rel.getCluster().getTypeFactory().createStructType(
        fields.stream().map(RelDataTypeField::getType).toList(), columns);
    return new Input(as(query, alias, columns.toArray(String[]::new)),
        aliasContext(java.util.Map.of(alias, named), true));
  }

  /** An alias that no table of the statement and no alias Calcite has written has, in any case. */
  private String freshAlias() {
    for (int n = 1; ; n++) {
      String alias = "_s" + n;
      if (!takenAliases.contains(alias)
          && aliasSet.stream().noneMatch(a -> a.equalsIgnoreCase(alias))) {
        takenAliases.add(alias);
        aliasSet.add(alias);
        return alias;
      }
    }
  }

  private void declare(Set<CorrelationId> variables, Context context) {
    variables.forEach(id -> correlTableMap.put(id, context));
  }

  private static List<SqlNode> fields(Context context, int count) {
    List<SqlNode> fields = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      fields.add(context.field(i));
    }
    return fields;
  }

  /**
   * A SELECT of {@code expressions}, each named as {@code rel}'s field (made unique in any case),
   * that any parent reads as a derived table.
   */
  private Result closed(RelNode rel, List<SqlNode> expressions, SqlNode from, SqlNode where) {
    List<String> names = SqlValidatorUtil.uniquify(rel.getRowType().getFieldNames(), false);
    List<SqlNode> selectList = new ArrayList<>();
    for (int i = 0; i < expressions.size(); i++) {
      selectList.add(as(expressions.get(i), names.get(i)));
    }
    SqlSelect select = new SqlSelect(POS, SqlNodeList.EMPTY, new SqlNodeList(selectList, POS),
        from, where, null, null, SqlNodeList.EMPTY, null, null, null, null, null);
    String alias = freshAlias();
    closedAliases.add(alias);
    RelDataType type = rel.getCluster().getTypeFactory().createStructType(
        rel.getRowType().getFieldList().stream().map(RelDataTypeField::getType).toList(), names);
    return result(select, CLOSED, alias, type, java.util.Map.of(alias, type));
  }

  /**
   * Calcite's context for reading an input, qualified when the input is a closed SELECT: unqualified,
   * a column name in a parent's ORDER BY would read as one of the parent's own output names where
   * the two differ ({@code SELECT id0 AS id ... ORDER BY id}).
   */
  @Override public Context aliasContext(java.util.Map<String, RelDataType> aliases, boolean qualified) {
    boolean closed = aliases.size() == 1 && closedAliases.containsAll(aliases.keySet());
    return super.aliasContext(aliases, qualified || closed);
  }

  /** Calcite's select-list context, except for ORDER BY keys inside an aggregate call. */
  private final class AggregateOrderContext extends SqlImplementor.Context {
    private final Context delegate;
    private boolean inAggregate;

    AggregateOrderContext(Context delegate, int fieldCount) {
      super(FloeDuckDbDialect.INSTANCE, fieldCount);
      this.delegate = delegate;
    }

    @Override public SqlNode field(int ordinal) {
      return delegate.field(ordinal);
    }

    @Override public SqlNode orderField(int ordinal) {
      if (!inAggregate) {
        return delegate.orderField(ordinal);
      }
      SqlNode node = field(ordinal);
      // A number would still read as a position; as text it sorts by a constant, as written.
      return node instanceof SqlNumericLiteral n
          ? SqlLiteral.createCharString(n.toValue(), n.getParserPosition()) : node;
    }

    @Override public SqlNode toSql(AggregateCall aggCall) {
      boolean outer = inAggregate;
      inAggregate = true;
      try {
        return super.toSql(aggCall);
      } finally {
        inAggregate = outer;
      }
    }

    @Override protected Context getAliasContext(RexCorrelVariable variable) {
      return FloeSqlImplementor.this.getAliasContext(variable);
    }

    @Override public SqlImplementor implementor() {
      return FloeSqlImplementor.this;
    }
  }
}

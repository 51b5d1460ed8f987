package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.SqlLexer;
import io.floe.engine.api.sql.StatementDepth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.CatalogTypedJdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Plans SQL against one principal's root schema: parse, validate (this is where access control
 * happens: objects outside the root do not exist), convert, optimize with Volcano and the shared
 * DuckDB {@link org.apache.calcite.adapter.jdbc.JdbcConvention}.
 *
 * <p>If the optimized plan is a single {@link JdbcToEnumerableConverter}, the statement is
 * {@link PlannedStatement.PushedDown}: its DuckDB SQL runs directly, with no generated Java. Otherwise
 * Calcite compiles an Enumerable plan. Plans are cached per catalog version, principal view, default
 * schema, flavour and SQL text, so repeated statements skip planning; a plain SELECT whose conditions
 * compare columns with literals is planned as its {@link LiteralShape} and shares that plan with
 * every statement that differs from it only in those literals.
 */
public final class QueryPlanner {
  private static final String PLAN_COLUMN = "PLAN";

  private final DuckDbBackend duckDb;
  private final Cache<PlanKey, PlannedStatement> cache;
  /** Plans of plain statements' shapes ({@link LiteralShape}), keyed by the shape's text. */
  private final Cache<PlanKey, ShapePlan> shapes;
  private final java.util.concurrent.atomic.LongAdder plansMade = new java.util.concurrent.atomic.LongAdder();

  public QueryPlanner(DuckDbBackend duckDb, int cacheSize) {
    this.duckDb = requireNonNull(duckDb, "duckDb");
    this.cache = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
    this.shapes = CacheBuilder.newBuilder().maximumSize(cacheSize).build();
  }

  private record PlanKey(long catalogVersion, String accessKey, List<List<String>> searchPaths,
      String user, SqlFlavor flavor, String sql) {}

  /**
   * Plans {@code sql}; cached.
   *
   * @param searchPaths the schema paths unqualified names resolve against, in order
   * @param user the session's user name, which {@code current_user} and its kin answer
   * @param cancel set by another thread to abandon planning
   */
  public PlannedStatement plan(FloeRoot root, List<List<String>> searchPaths, String user,
      SqlFlavor flavor, String sql, AtomicBoolean cancel) {
    return plan(root, searchPaths, user, flavor, LexedStatement.of(sql), cancel);
  }

  /** {@link #plan(FloeRoot, List, String, SqlFlavor, String, AtomicBoolean)} of a lexed statement. */
  public PlannedStatement plan(FloeRoot root, List<List<String>> searchPaths, String user,
      SqlFlavor flavor, LexedStatement statement, AtomicBoolean cancel) {
    String sql = statement.text();
    if (root.flavor() != flavor) {
      throw new IllegalArgumentException("root was built for " + root.flavor());
    }
    PlanKey key = new PlanKey(root.snapshot().version(), root.principal().accessKey(),
        List.copyOf(searchPaths), user, flavor, sql);
    PlannedStatement cached = cache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    java.util.Optional<LiteralShape> shape = LiteralShape.of(statement);
    if (shape.isPresent()) {
      PlannedStatement lifted = planShape(root, searchPaths, user, flavor, key, shape.get(), cancel);
      if (lifted != null) {
        return lifted;
      }
    }
    plansMade.increment();
    PlannedStatement planned = planUncached(root, searchPaths, user, flavor, statement, cancel,
        null);
    cache.put(key, planned);
    return planned;
  }

  /**
   * A plain statement planned as its shape (planned once per shape, cached), with its literals'
   * values bound; null when the shape does not plan as one DuckDB SELECT, or a literal would not
   * mean the same as a parameter (then the statement is planned as written).
   */
  private PlannedStatement planShape(FloeRoot root, List<List<String>> searchPaths, String user,
      SqlFlavor flavor, PlanKey key, LiteralShape shape, AtomicBoolean cancel) {
    PlanKey shapeKey = new PlanKey(key.catalogVersion(), key.accessKey(), key.searchPaths(), user,
        flavor, shape.text());
    ShapePlan planned = shapes.getIfPresent(shapeKey);
    if (planned == null) {
      planned = planShapeUncached(root, searchPaths, user, flavor, shape, cancel);
      shapes.put(shapeKey, planned);
    }
    if (planned.plan() == null) {
      return null;
    }
    List<ColumnType> types = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < shape.literals().size(); i++) {
      RelDataType type = planned.parameterTypes().get(i);
      java.util.Optional<Object> value = shape.literals().get(i).bind(type);
      if (value.isEmpty()) {
        return null;
      }
      types.add(TypeMapping.resultType(type));
      values.add(value.get());
    }
    return planned.plan().withLiterals(key.sql(), new PlannedStatement.Literals(types, values));
  }

  /**
   * Plans a shape. Only a SELECT that runs as one DuckDB statement, with one parameter per lifted
   * literal, is kept (a plan of a shape that Calcite could not push down might be slower than the
   * plan of the text as written); anything else, a failure included, marks the shape as one that
   * is planned as written, so its statements pay for one plan, not two.
   */
  private ShapePlan planShapeUncached(FloeRoot root, List<List<String>> searchPaths, String user,
      SqlFlavor flavor, LiteralShape shape, AtomicBoolean cancel) {
    List<RelDataType> parameterTypes = new ArrayList<>();
    PlannedStatement plan;
    plansMade.increment();
    try {
      plan = planUncached(root, searchPaths, user, flavor, LexedStatement.of(shape.text()), cancel,
          parameterTypes);
    } catch (FloeException e) {
      if (cancel.get() || e.code() == ErrorCode.QUERY_CANCELLED || e.code() == ErrorCode.STATEMENT_TIMEOUT) {
        throw e;
      }
      return ShapePlan.NOT_LIFTED;
    } catch (RuntimeException e) {
      if (cancel.get()) {
        throw e;
      }
      return ShapePlan.NOT_LIFTED;
    }
    if (plan.kind() != PlannedStatement.Kind.QUERY || !"SELECT".equals(plan.command())
        || !plan.isPushedDown() || plan.parameterTypes().size() != shape.literals().size()
        || parameterTypes.size() != shape.literals().size()) {
      return ShapePlan.NOT_LIFTED;
    }
    return new ShapePlan(plan, parameterTypes);
  }

  /**
   * The plan of a shape and its parameters' Calcite types, or (plan null) a shape whose statements
   * are planned as written.
   */
  private record ShapePlan(PlannedStatement plan, List<RelDataType> parameterTypes) {
    static final ShapePlan NOT_LIFTED = new ShapePlan(null, List.of());

    ShapePlan {
      parameterTypes = List.copyOf(parameterTypes);
    }
  }

  /**
   * Refuses {@code //} outside literals and comments. Calcite's parser reads it as the start of a
   * comment and would silently drop the rest of the line ({@code a // b} would answer {@code a});
   * PostgreSQL has no such operator, and DuckDB's integer division is Floe's {@code /} on integers.
   */
  private static void rejectDoubleSlash(LexedStatement statement) {
    if (!statement.text().contains("//")) {
      return;
    }
    for (SqlLexer.Token t : statement.tokens()) {
      if (t.type() == SqlLexer.Type.OPERATOR && t.text().contains("//")) {
        throw new FloeException(ErrorCode.FUNCTION_NOT_FOUND, "operator does not exist: //",
            "Divide with /: integers divide into an integer, as in PostgreSQL.", null);
      }
    }
  }

  /** PostgreSQL's {@code EXPLAIN SELECT ...} as Calcite's {@code EXPLAIN PLAN FOR SELECT ...}. */
  private static String explainPlanFor(LexedStatement statement) {
    String sql = statement.text();
    List<SqlLexer.Token> tokens = statement.significant();
    if (tokens.size() < 2 || !tokens.get(0).is("explain")) {
      return sql;
    }
    SqlLexer.Token next = tokens.get(1);
    if (next.is("select") || next.is("with") || next.is("values") || next.isSymbol("(")) {
      return sql.substring(0, next.start()) + "PLAN FOR " + sql.substring(next.start());
    }
    return sql;
  }

  private static boolean startsWithDescribe(LexedStatement statement) {
    SqlLexer.Token first = statement.first();
    return first != null && (first.is("describe") || first.is("desc"));
  }

  private static final List<String> DESCRIBE_COLUMNS =
      List.of("column_name", "column_type", "null", "key", "default", "extra");

  /**
   * The columns of a planned query as rows, in DuckDB's DESCRIBE layout: name, type, whether it may
   * be NULL (for a table its column's constraint; for a query, as DuckDB says, always YES), and the
   * key, default and extra columns (NULL here).
   */
  private static PlannedStatement describe(String sql, PlannedStatement query, boolean table) {
    ColumnType text = ColumnType.of(io.floe.engine.api.catalog.TypeName.VARCHAR);
    List<ResultColumn> columns = DESCRIBE_COLUMNS.stream()
        .map(name -> new ResultColumn(name, text, !name.startsWith("column"))).toList();
    List<Object[]> rows = new ArrayList<>();
    for (ResultColumn c : query.columns()) {
      rows.add(new Object[] {c.label(), c.type().toDuckDb(), !table || c.nullable() ? "YES" : "NO",
          null, null, null});
    }
    return new PlannedStatement(sql, PlannedStatement.Kind.QUERY, columns, List.of(),
        query.tables(), null, new PlannedStatement.Rows(rows), "DESCRIBE\n" + query.planText(),
        query.workspaceObjects(), "DESCRIBE");
  }

  /** PostgreSQL's (and DuckDB's) rule: {@code ORDER BY 'x'} sorts nothing and is refused. */
  private static void rejectConstantSortKeys(SqlNode parsed) {
    parsed.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override public Void visit(org.apache.calcite.sql.SqlCall call) {
        org.apache.calcite.sql.SqlNodeList keys = call instanceof org.apache.calcite.sql.SqlOrderBy o
            ? o.orderList : call instanceof org.apache.calcite.sql.SqlSelect s ? s.getOrderList() : null;
        if (keys != null) {
          for (SqlNode key : keys) {
            SqlNode k = key;
            while (k instanceof org.apache.calcite.sql.SqlCall c && (c.getKind() == SqlKind.DESCENDING
                || c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
              k = c.operand(0);
            }
            SqlNode negated = k instanceof org.apache.calcite.sql.SqlCall c && c.getKind() == SqlKind.MINUS_PREFIX
                ? c.operand(0) : null;
            if (negated instanceof org.apache.calcite.sql.SqlNumericLiteral n && n.isInteger()
                || k instanceof org.apache.calcite.sql.SqlNumericLiteral l && l.isInteger() && l.signum() < 0) {
              // PostgreSQL reads a negative integer as a position too, and there is none.
              throw new FloeException(ErrorCode.INVALID_COLUMN_REFERENCE, "ORDER BY position "
                  + (negated == null ? "" : "-") + ((org.apache.calcite.sql.SqlLiteral) (negated == null ? k : negated))
                      .bigDecimalValue().toPlainString() + " is not in select list");
            }
            if (k instanceof org.apache.calcite.sql.SqlLiteral
                && !(k instanceof org.apache.calcite.sql.SqlNumericLiteral n && n.isInteger())) {
              throw new FloeException(ErrorCode.SYNTAX_ERROR, "non-integer constant in ORDER BY",
                  "An integer in ORDER BY names a column of the result by position; other "
                      + "constants sort nothing.", null);
            }
          }
        }
        return super.visit(call);
      }
    });
  }

  /**
   * {@code MATCH_RECOGNIZE} parses, but neither DuckDB nor Calcite's generated code runs it: refused
   * as a feature Floe does not support, rather than failing as an internal error.
   */
  private static void rejectMatchRecognize(SqlNode parsed) {
    parsed.accept(new org.apache.calcite.sql.util.SqlBasicVisitor<Void>() {
      @Override public Void visit(org.apache.calcite.sql.SqlCall call) {
        if (call.getKind() == SqlKind.MATCH_RECOGNIZE) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "MATCH_RECOGNIZE is not supported",
              "Use window functions (lag, lead, row_number) to find patterns in rows.", null);
        }
        return super.visit(call);
      }
    });
  }

  /** Forgets a plan that cannot run (its generated code failed to load). */
  public void forget(PlannedStatement plan) {
    cache.asMap().values().removeIf(p -> p == plan);
    shapes.asMap().values().removeIf(p -> p.plan() != null && p.plan().execution() == plan.execution());
  }

  /** Forgets every cached plan (on catalog change, old keys simply stop matching). */
  public void clearCache() {
    cache.invalidateAll();
    shapes.invalidateAll();
  }

  /** Plans cached: of statements as written, and of plain statements' shapes. */
  public long cachedPlans() {
    return cache.size() + shapes.size();
  }

  /** How many statements (or shapes) this planner has planned since it started, cached or not. */
  public long plansMade() {
    return plansMade.sum();
  }

  /**
   * A statement's text as Calcite's parser reads it: forms of PostgreSQL and DuckDB that the parser
   * lacks, rewritten on tokens (for statements and for views alike).
   */
  static String parserText(String sql, SqlFlavor flavor) {
    String text = FunctionCallForms.rewrite(RowConstructors.rewrite(TrailingCommas.rewrite(
        LimitExpressions.rewrite(FetchFirst.rewrite(JoinAliases.rewrite(
            SnowflakeFunctions.numberTypes(SnowflakeFunctions.topAsLimit(
                SnowflakeFunctions.unquoteUnits(DuckDbOnlySyntax.check(sql), flavor), flavor), flavor)))))));
    text = OrderedAggregates.rewrite(text);
    text = ReservedNames.quote(text, flavor.parserConfig().unquotedCasing());
    text = AtTimeZone.rewrite(TypeAliases.precisionForms(InfixCasts.rewrite(MaterializedHints.strip(
        DistinctOn.mark(text)))));
    text = PostgresIntervals.rewrite(PowerOperator.group(BitwiseOperators.rewrite(
        StartsWithOperator.rewrite(text))));
    WindowFrames.checkConstantOffsets(text);
    text = WindowFrames.moveNullTreatment(text);
    text = WindowKeyQueries.mark(text);
    return WindowFrames.markGroups(FromlessWhere.rewrite(TimeLiterals.rewrite(DateParts.parenthesizeFields(text))));
  }

  /** Rewrites of the parse tree that spell PostgreSQL's and DuckDB's forms in Calcite's terms. */
  private static SqlNode syntaxRewrites(SqlNode parsed, SqlFlavor flavor) {
    SqlNode node = DecimalDefaults.apply(OrderedAggregates.apply(SnowflakeFunctions.apply(parsed, flavor)));
    node = TypeAliases.apply(node);
    node = MixedIntervals.apply(node);
    node = MicrosecondIntervals.apply(node);
    node = WindowFrames.apply(node);
    node = FilteredArguments.apply(node);
    node = InLists.apply(node);
    node = RowComparisons.apply(node);
    node = FractionalPrecisionCasts.apply(node);
    node = ValuesLiterals.apply(node);
    node = WideLiterals.apply(node);
    node = DateTruncFunction.columnsNamedLikeUnits(node);
    node = SimilarToPatterns.apply(node);
    node = LikeEscapes.apply(node, flavor);
    node = PowerOperator.apply(node);
    node = JoinConditionQueries.apply(node);
    node = SortKeyQueries.apply(node);
    return DateParts.apply(node, flavor);
  }

  private static SqlNode validate(SqlValidator validator, SqlNode parsed, FloeRoot root,
      String parsedText) {
    try {
      return validator.validate(parsed);
    } catch (FloeException e) {
      throw e;
    } catch (IndexOutOfBoundsException e) {
      // Calcite's "did you mean" for a name that matches only in another case fails this way.
      throw new FloeException(ErrorCode.NOT_FOUND, "relation does not exist: a table the statement "
          + "names is not there in that case", "A name in double quotes matches only a table of "
          + "exactly that name; without quotes it matches in any case.", e);
    } catch (RuntimeException e) {
      throw SqlErrors.validation(e, root, parsedText);
    }
  }

  private static SqlNode parse(String parsedText, SqlFlavor flavor) {
    try {
      return SqlParser.create(parsedText, flavor.parserConfig()).parseStmt();
    } catch (SqlParseException e) {
      throw SqlErrors.parse(e, parsedText);
    }
  }

  /** The rewrites of a parsed statement before validation, innermost first. */
  private static SqlNode treeRewrites(SqlNode parsed, List<List<String>> searchPaths, String user,
      SqlFlavor flavor) {
    SqlNode node = SessionFunctions.rewrite(ShadowedAliases.apply(parsed), searchPaths, user, flavor);
    node = syntaxRewrites(node, flavor);
    node = GroupingSets.apply(node);
    node = FloatingModulo.apply(node);
    node = DateDifference.apply(node);
    node = DateTimeSum.apply(node);
    node = ContinuousPercentiles.apply(node);
    node = CountWithoutArguments.apply(node);
    node = ConstantGroupKeys.apply(node);
    node = FixedLengthText.apply(node);
    node = IntegerLiterals.apply(node);
    node = VolatileOperands.apply(node, flavor.operatorTable());
    return IntegerRounding.apply(node);
  }

  private PlannedStatement planUncached(FloeRoot root, List<List<String>> searchPaths,
      String user, SqlFlavor flavor, String sql, AtomicBoolean cancel) {
    return planUncached(root, searchPaths, user, flavor, LexedStatement.of(sql), cancel, null);
  }

  /** @param parameterTypesOut if not null, receives the Calcite types of a query's parameters */
  private PlannedStatement planUncached(FloeRoot root, List<List<String>> searchPaths,
      String user, SqlFlavor flavor, LexedStatement statement, AtomicBoolean cancel,
      List<RelDataType> parameterTypesOut) {
    String sql = statement.text();
    StatementDepth.check(statement);
    if (flavor == SqlFlavor.SNOWFLAKE) {
      java.util.Optional<SnowflakeMetadataCommand> metadata = SnowflakeMetadataCommand.parse(statement);
      if (metadata.isPresent()) {
        return SnowflakeMetadataRows.plan(sql, metadata.get(), root, searchPaths);
      }
    }
    java.util.Optional<DdlStatement> ddl = DdlParser.parse(statement);
    if (ddl.isPresent()) {
      return planDdl(root, searchPaths, user, flavor, sql, ddl.get(), cancel);
    }
    rejectDoubleSlash(statement);
    ChainedComparisons.check(statement);
    String parsedText = parserText(explainPlanFor(statement), flavor);
    // DISTINCT ON's marker leaves the select list (the clause becomes QUALIFY when validated).
    SqlNode parsed = BitwiseOperators.apply(DistinctOn.apply(parse(parsedText, flavor)));
    StringAliases.check(parsed, parsedText);
    // Read before anything rewrites the statement (session functions become literals, validation
    // rewrites in place).
    ColumnNames statementNames = ColumnNames.of(parsed);
    parsed = treeRewrites(parsed, searchPaths, user, flavor);
    rejectConstantSortKeys(parsed);
    SubQueryWidth.check(parsed);
    rejectMatchRecognize(parsed);
    FloeException calciteRecursion = RecursiveQueries.check(parsed, flavor.operatorTable());
    if (parsed instanceof org.apache.calcite.sql.SqlDescribeTable d) {
      return describe(sql, planUncached(root, searchPaths, user, flavor,
          "SELECT * FROM " + d.getTable().toSqlString(FloeDuckDbDialect.INSTANCE).getSql(), cancel),
          true);
    }
    boolean explain = false;
    if (parsed instanceof SqlExplain e) {
      if (startsWithDescribe(statement)) {
        // DESCRIBE <query>, as DuckDB (and Snowflake's DESCRIBE RESULT) answer it: the columns.
        return describe(sql, planUncached(root, searchPaths, user, flavor,
            e.getExplicandum().toSqlString(FloeDuckDbDialect.INSTANCE).getSql(), cancel), false);
      }
      explain = true;
      parsed = e.getExplicandum();
    }
    SqlKind kind = parsed.getKind();
    boolean dml = kind.belongsTo(SqlKind.DML);
    if (!kind.belongsTo(SqlKind.QUERY) && !dml) {
      throw FloeException.of(ErrorCode.NOT_SUPPORTED,
          "statement type %s is not supported here", kind.lowerName.replace('_', ' '));
    }

    JavaTypeFactoryImpl typeFactory = new FloeTypeFactory();
    CalciteConnectionConfig config = connectionConfig();
    FloeCatalogReader reader = new FloeCatalogReader(root.schema(), searchPaths, typeFactory, config,
        flavor);
    SqlValidator validator = newValidator(reader, typeFactory, flavor);
    ColumnNames names = flavor == SqlFlavor.POSTGRES && !dml ? statementNames : null;
    // Aggregates and outer references in sub-queries at the level SQL gives them (Calcite refuses
    // some, computes others at the wrong level): rewritten on a fresh parse where needed.
    Supplier<SqlNode> copies = () -> treeRewrites(DistinctOn.apply(parse(parsedText, flavor)),
        searchPaths, user, flavor);
    Supplier<SqlValidator> validators = () -> newValidator(reader, typeFactory, flavor);
    SqlNode validated;
    try {
      validated = validate(validator, parsed, root, parsedText);
    } catch (FloeException e) {
      SqlNode rewritten = e.code() == ErrorCode.GROUPING_ERROR && !dml
          && CorrelatedAggregates.mayApply(parsed)
          ? CorrelatedAggregates.rewrite(copies, validators) : null;
      if (rewritten == null) {
        throw e;
      }
      validator = validators.get();
      validated = validate(validator, rewritten, root, parsedText);
    }
    if (!dml && CorrelatedAggregates.hasOuterAggregate(validated, validator)) {
      SqlNode rewritten = CorrelatedAggregates.rewrite(copies, validators);
      if (rewritten == null) {
        throw FloeException.of(ErrorCode.NOT_SUPPORTED, "an aggregate of an outer query's columns "
            + "inside a sub-query is not supported here");
      }
      validator = validators.get();
      validated = validate(validator, rewritten, root, parsedText);
    }
    if (dml) {
      // Not rewritten there: an outer aggregate inside a sub-query is refused, not computed per row.
      OuterAggregates.check(validated);
    }
    VolatileExpressions.checkWithQueries(validated);
    ConstantDivisions.check(validated);
    RelDataType parameterRow = validator.getParameterRowType(validated);
    List<ColumnType> parameterTypes = new ArrayList<>();
    for (RelDataTypeField f : parameterRow.getFieldList()) {
      parameterTypes.add(TypeMapping.resultType(f.getType()));
      if (parameterTypesOut != null) {
        parameterTypesOut.add(f.getType());
      }
    }

    String workspaceTarget = dml ? workspaceTarget(root, reader, validated) : null;
    Views views = new Views(root, searchPaths, user, flavor, typeFactory, config);

    // First with DuckDB as the only way to execute, so a query that can be one DuckDB statement
    // always is, whatever the cost model prefers; Calcite's own operators only if that fails.
    // Sub-queries go to DuckDB as written when they can (its decorrelation beats Calcite's
    // rewrite into joins over aggregates); otherwise Calcite rewrites them first.
    Optimized optimized = null;
    if (!dml) {
      try {
        Optimized asWritten = optimize(validated, validator, reader, typeFactory, config, cancel,
            Mode.DUCKDB_AS_WRITTEN, views);
        if (duckDbAccepts(root, asWritten)) {
          optimized = asWritten;
        } else if (asWritten.duckSql() != null) {
          // DuckDB does not run a row IN a correlated sub-query: the scalar sub-query that means
          // the same, where that is what kept the statement from DuckDB.
          SqlString rowIn = duckDbSql(asWritten.best(), typeFactory, Mode.DUCKDB_AS_WRITTEN, true);
          Optimized rewritten = rowIn == null ? null
              : new Optimized(asWritten.root(), asWritten.best(), rowIn);
          if (rewritten != null && duckDbAccepts(root, rewritten)) {
            optimized = rewritten;
          }
        }
      } catch (RelOptPlanner.CannotPlanException e) {
        // Not every sub-query can stay one: plan it the usual way.
      }
    }
    if (optimized == null) {
      try {
        optimized = optimize(validated, validator, reader, typeFactory, config, cancel,
            Mode.DUCKDB, views);
      } catch (RelOptPlanner.CannotPlanException e) {
        if (dml) {
          throw FloeException.of(ErrorCode.NOT_SUPPORTED, "this %s cannot run as one DuckDB statement",
              kind.lowerName.toUpperCase(java.util.Locale.ROOT));
        }
        optimized = optimize(validated, validator, reader, typeFactory, config, cancel, Mode.ANY,
            views);
      }
    }
    RelRoot relRoot = optimized.root();
    RelNode best = optimized.best();
    RecursiveQueries.refuseWhereCalciteRuns(best, calciteRecursion);
    VolatileExpressions.refuseCopies(optimized.root().rel, best,
        optimized.duckSql() == null ? null : optimized.duckSql().getSql());

    Map<String, FloeSchemas.VisibleTable> tables = new LinkedHashMap<>();
    FloeSchemas.VisibleTable target = null;
    java.util.Set<String> workspaceObjects = new java.util.LinkedHashSet<>();
    for (RelOptTable table : SubQueries.allTables(relRoot.rel)) {
      FloeSchemas.VisibleTable visible = visibleTable(root, table);
      if (visible != null) {
        tables.put(visible.duckDbCatalog(), visible);
      } else {
        CatalogTypedJdbcTable own = table.unwrap(CatalogTypedJdbcTable.class);
        if (own != null) {
          workspaceObjects.add(own.jdbcTableName);
        }
      }
    }
    if (dml) {
      return planDml(root, sql, kind, best, typeFactory, parameterTypes, tables, workspaceTarget,
          List.copyOf(workspaceObjects), relRoot);
    }

    List<Integer> projection = relRoot.fields.stream().map(Map.Entry::getKey).toList();
    List<ResultColumn> columns = resultColumns(relRoot, validator, validated);
    if (names != null) {
      columns = names.relabel(validated, columns);
    }
    columns = RepeatedColumnNames.labels(columns);
    PlannedStatement.Execution execution;
    String planText = RelOptUtil.toString(best);
    if (optimized.duckSql() != null) {
      SqlString duckSql = optimized.duckSql();
      String text = duckSql.getSql();
      if (!isTrivialProjection(projection, best.getRowType().getFieldCount())) {
        text = "SELECT " + projectionList(projection) + " FROM (" + text + ") AS _floe";
      }
      List<Integer> order = duckSql.getDynamicParameters() == null
          ? List.of() : List.copyOf(duckSql.getDynamicParameters());
      List<SnowflakeBackend.RemoteInput> remote = remoteInputs(best);
      execution = new PlannedStatement.PushedDown(text, order, remote);
      String orderBy = remote.size() == 1 ? SnowflakeBackend.directOrder(best, remote.get(0)) : null;
      if (orderBy != null) {
        execution = new PlannedStatement.Remote(remote.get(0), orderBy, projection,
            (PlannedStatement.PushedDown) execution);
        planText = planText + "Streamed from Snowflake: " + oneLine(
            ((PlannedStatement.Remote) execution).sql()) + "\n";
      }
      for (SnowflakeBackend.RemoteInput input : remote) {
        planText = planText + "Snowflake SQL (" + input.connection() + ", into " + input.tableName()
            + "): " + oneLine(input.sql()) + "\n";
        if (input.keyFilter() != null) {
          planText = planText + "Dynamic filter (" + input.tableName() + "): \""
              + input.keyFilter().column() + "\" IN the keys of: "
              + oneLine(input.keyFilter().keysSql()) + "\n";
        }
      }
      planText = planText + "DuckDB SQL: " + text + "\n";
    } else {
      ArrayAggregates.checkInCalcite(best);
      RelNode checked = CalciteRunExpressions.checkedOrRefused(best);
      Map<String, Object> internal = new LinkedHashMap<>();
      @SuppressWarnings("unchecked")
      Bindable<Object> bindable = EnumerableInterpretable.toBindable(internal, null,
          (EnumerableRel) checked, EnumerableRel.Prefer.ARRAY);
      execution = new PlannedStatement.Enumerable(bindable, internal, projection);
    }

    if (explain) {
      return new PlannedStatement(sql, PlannedStatement.Kind.EXPLAIN,
          List.of(new ResultColumn(PLAN_COLUMN, ColumnType.of(io.floe.engine.api.catalog.TypeName.VARCHAR), false)),
          parameterTypes, tables, null,
          new PlannedStatement.Rows(List.<Object[]>of(new Object[] {planText})), planText);
    }
    return new PlannedStatement(sql, PlannedStatement.Kind.QUERY, columns, parameterTypes, tables,
        target, execution, planText, List.copyOf(workspaceObjects), "SELECT");
  }

  private static SqlValidator newValidator(FloeCatalogReader reader, JavaTypeFactoryImpl typeFactory,
      SqlFlavor flavor) {
    SqlOperatorTable operators = SqlOperatorTables.chain(flavor.operatorTable(), reader);
    SqlValidator.Config validatorConfig = SqlValidator.Config.DEFAULT
        .withConformance(flavor.parserConfig().conformance())
        .withDefaultNullCollation(NullCollation.LAST)
        .withIdentifierExpansion(true)
        .withLenientOperatorLookup(false)
        .withTypeCoercionFactory(FloeTypeCoercion::new);
    return new SqlValidatorImpl(operators, reader, typeFactory, validatorConfig) {
      @Override protected void validateWhereClause(SqlSelect select) {
        UsingColumns.expand(this, select); // FROM is resolved here; the other clauses are not yet
        InputNamesFirst.qualify(this, select);
        super.validateWhereClause(select);
      }

      /** Order lists of aggregates whose ORDER BY was among their arguments. */
      private final java.util.Set<SqlNodeList> orderedArguments =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

      @Override public void validateCall(SqlCall call, SqlValidatorScope scope) {
        NullCharacters.check(call); // chr(0)
        SqlNodeList ordered = OrderedAggregates.orderedArgumentList(call);
        if (ordered != null) {
          orderedArguments.add(ordered);
        }
        super.validateCall(call, scope);
      }

      @Override public void validateAggregateParams(SqlCall aggCall, @Nullable SqlNode filter,
          @Nullable SqlNodeList distinctList, @Nullable SqlNodeList orderList,
          SqlValidatorScope scope) {
        super.validateAggregateParams(aggCall, filter, distinctList,
            OrderedAggregates.orderForValidation(aggCall, orderList, orderedArguments), scope);
      }

      @Override protected void registerNamespace(@Nullable SqlValidatorScope usingScope,
          @Nullable String alias, org.apache.calcite.sql.validate.SqlValidatorNamespace ns,
          boolean forceNullable) {
        SqlValidatorNamespace named = ColumnAliasLists.namespace(this, ns);
        if (usingScope == null || alias == null) {
          super.registerNamespace(usingScope, alias, named, forceNullable);
          return;
        }
        super.registerNamespace(null, alias, named, forceNullable);
        SqlValidatorNamespace registered = java.util.Objects.requireNonNull(
            getNamespace(java.util.Objects.requireNonNull(named.getNode())), "namespace");
        usingScope.addChild(RepeatedColumnNames.namespace(usingScope, registered), alias, forceNullable);
      }

      /** Star-expanded columns, and how often each (table alias, name) was expanded so far. */
      private final java.util.Set<SqlNode> starColumns =
          java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      private final java.util.Map<List<SqlNode>, java.util.Map<List<String>, Integer>> expanded =
          new java.util.IdentityHashMap<>();

      @Override protected void addToSelectList(List<SqlNode> list, java.util.Set<String> aliases,
          List<Map.Entry<String, RelDataType>> fieldList, SqlNode exp,
          org.apache.calcite.sql.validate.SelectScope scope, boolean includeSystemVars) {
        SqlNode item = exp;
        if (exp instanceof org.apache.calcite.sql.SqlIdentifier id && id.names.size() == 2
            && !id.isStar()) {
          int occurrence = expanded.computeIfAbsent(list, l -> new java.util.HashMap<>())
              .merge(id.names, 1, Integer::sum) - 1;
          String name = RepeatedColumnNames.starColumn(
              childNamespace(scope, id.names.get(0)), id.names.get(1), occurrence);
          if (!name.equals(id.names.get(1))) {
            item = id.setName(1, name); // labelled with the name it hides (resultColumns)
          }
          starColumns.add(item);
        }
        super.addToSelectList(list, aliases, fieldList, item, scope, includeSystemVars);
      }

      private @Nullable SqlValidatorNamespace childNamespace(SqlValidatorScope scope, String alias) {
        org.apache.calcite.sql.validate.SqlValidatorScope.ResolvedImpl resolved =
            new org.apache.calcite.sql.validate.SqlValidatorScope.ResolvedImpl();
        scope.resolve(List.of(alias), getCatalogReader().nameMatcher(), false, resolved);
        return resolved.count() == 1 ? resolved.only().namespace : null;
      }

      @Override public void validateIdentifier(org.apache.calcite.sql.SqlIdentifier id,
          SqlValidatorScope scope) {
        super.validateIdentifier(id, scope);
        if (!starColumns.contains(id) && !id.isStar()) {
          org.apache.calcite.sql.validate.SqlQualified q = scope.fullyQualify(id);
          List<String> suffix = q.suffix();
          if (suffix.size() == 1 && RepeatedColumnNames.isAmbiguous(q.namespace, suffix.get(0))) {
            throw newValidationError(id, org.apache.calcite.util.Static.RESOURCE.columnAmbiguous(
                suffix.get(0)));
          }
        }
      }

      @Override public SqlNode expandSelectExpr(SqlNode expr,
          org.apache.calcite.sql.validate.SelectScope scope, SqlSelect select,
          java.util.Map<String, SqlNode> expansions) {
        SqlNode rows = WholeRowReferences.expand(expr, scope, getCatalogReader().nameMatcher());
        return super.expandSelectExpr(rows, scope, select, expansions); // SELECT t FROM t
      }

      @Override public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
        if (expr instanceof org.apache.calcite.sql.SqlNodeList list) {
          return InLists.commonType(this, scope, list); // ? IN (1, 2) types ? from the list
        }
        ByteaConcatenation.coerce(this, scope, expr); // bytea || text
        return super.deriveType(scope, expr);
      }

      @Override public void validateWithItem(org.apache.calcite.sql.SqlWithItem withItem) {
        if (withItem.columnList != null) { // without one, names may repeat, as in PostgreSQL
          super.validateWithItem(withItem);
        }
      }

      @Override protected void validateQualifyClause(SqlSelect select) {
        DistinctOn.qualify(this, select); // DISTINCT ON becomes a QUALIFY condition here
        super.validateQualifyClause(select);
        DistinctOn.checkGrouped(this, select);
      }
    };
  }

  /**
   * The workspace object a DML statement changes. Only a workspace user's own tables are writable
   * in SQL; anything else (project tables, linked buckets, views) fails with 42501.
   */
  private static String workspaceTarget(FloeRoot root, FloeCatalogReader reader, SqlNode validated) {
    SqlNode targetNode = switch (validated.getKind()) {
      case INSERT -> ((org.apache.calcite.sql.SqlInsert) validated).getTargetTable();
      case UPDATE -> ((org.apache.calcite.sql.SqlUpdate) validated).getTargetTable();
      case DELETE -> ((org.apache.calcite.sql.SqlDelete) validated).getTargetTable();
      default -> throw FloeException.of(ErrorCode.NOT_SUPPORTED, "%s is not supported",
          validated.getKind().lowerName.replace('_', ' '));
    };
    if (targetNode instanceof org.apache.calcite.sql.SqlCall call
        && call.getKind() == SqlKind.AS) {
      targetNode = call.operand(0);
    }
    List<String> names = targetNode instanceof org.apache.calcite.sql.SqlIdentifier id
        ? id.names : List.of(targetNode.toString());
    org.apache.calcite.prepare.Prepare.PreparingTable table = reader.getTable(names);
    CatalogTypedJdbcTable jdbc = table == null ? null : table.unwrap(CatalogTypedJdbcTable.class);
    WorkspaceView ws = root.workspace();
    if (ws != null && jdbc != null && jdbc.jdbcCatalogName.equals(ws.duckDbCatalog())) {
      return jdbc.jdbcTableName;
    }
    String shown = String.join(".", names);
    if (ws != null && table != null && jdbc == null) {
      throw FloeException.denied("cannot change view " + shown + ": views in a workspace are read-only");
    }
    throw FloeException.denied("permission denied for table " + shown + ": project data is "
        + "read-only in SQL" + (ws == null ? " (it changes through the storage API)"
        : "; a workspace writes only its own tables in schema public"));
  }

  /** A pushed-down INSERT, UPDATE or DELETE of a workspace table. */
  private PlannedStatement planDml(FloeRoot root, String sql, SqlKind kind, RelNode best,
      JavaTypeFactoryImpl typeFactory, List<ColumnType> parameterTypes,
      Map<String, FloeSchemas.VisibleTable> tables, String workspaceTarget,
      List<String> workspaceObjects, RelRoot relRoot) {
    if (!(best instanceof JdbcToEnumerableConverter converterRel)
        || converterRel.getInput().getConvention() != duckDb.convention()) {
      throw FloeException.of(ErrorCode.NOT_SUPPORTED, "this %s cannot run as one DuckDB statement",
          kind.lowerName.toUpperCase(java.util.Locale.ROOT));
    }
    JdbcImplementor implementor = new FloeSqlImplementor(typeFactory);
    SnowflakeBackend.Bound bound = SnowflakeBackend.bind(converterRel.getInput(), typeFactory);
    SqlString duckSql = implementor.visitRoot(bound.plan()).asStatement()
        .toSqlString(FloeDuckDbDialect.INSTANCE);
    List<Integer> order = duckSql.getDynamicParameters() == null
        ? List.of() : List.copyOf(duckSql.getDynamicParameters());
    String planText = RelOptUtil.toString(best) + "DuckDB SQL: " + duckSql.getSql() + "\n";
    List<String> objects = new ArrayList<>(workspaceObjects);
    if (!objects.contains(workspaceTarget)) {
      objects.add(0, workspaceTarget);
    }
    return new PlannedStatement(sql, PlannedStatement.Kind.DML, List.of(), parameterTypes, tables,
        null, new PlannedStatement.PushedDown(duckSql.getSql(), order, bound.inputs()), planText, objects,
        kind.lowerName.toUpperCase(java.util.Locale.ROOT));
  }

  /**
   * A workspace DDL statement. The engine runs it ({@link PlannedStatement.Command}); the queries
   * of CREATE TABLE AS and CREATE VIEW are planned here, so they are checked against the
   * principal's root like any query.
   */
  private PlannedStatement planDdl(FloeRoot root, List<List<String>> searchPaths, String user,
      SqlFlavor flavor,
      String sql, DdlStatement ddl, AtomicBoolean cancel) {
    if (root.workspace() == null) {
      throw FloeException.denied("permission denied: CREATE, DROP and TRUNCATE work only in "
          + "workspaces; project tables change through the storage API");
    }
    PlannedStatement query = null;
    String queryText = ddl instanceof DdlStatement.CreateTableAs c ? c.query()
        : ddl instanceof DdlStatement.CreateView v ? v.query() : null;
    if (queryText != null) {
      query = planUncached(root, searchPaths, user, flavor, queryText, cancel);
      if (query.kind() != PlannedStatement.Kind.QUERY) {
        throw FloeException.invalid("CREATE ... AS needs a query");
      }
      if (ddl instanceof DdlStatement.CreateView v && !v.columnNames().isEmpty()
          && v.columnNames().size() != query.columns().size()) {
        throw FloeException.of(ErrorCode.INVALID_SQL,
            "the view names %d columns but its query returns %d", v.columnNames().size(),
            query.columns().size());
      }
    }
    return new PlannedStatement(sql, PlannedStatement.Kind.DDL, List.of(),
        query == null ? List.of() : query.parameterTypes(),
        query == null ? Map.of() : query.tables(), null, new PlannedStatement.Command(ddl, query),
        "DDL " + ddl, query == null ? List.of() : query.workspaceObjects(), ddl.commandTag());
  }

  /**
   * The SQL of a plan that is one DuckDB statement, or null. Writing it can fail for a plan that
   * keeps sub-queries (a shape Calcite's SQL writer does not know); that plan is then refused.
   */
  private SqlString duckDbSql(RelNode best, JavaTypeFactoryImpl typeFactory, Mode mode) {
    return duckDbSql(best, typeFactory, mode, false);
  }

  /**
   * @param rowInAsScalar write each row IN a sub-query as {@link RowInSubQueries} does; null if
   *     the statement has none
   */
  private SqlString duckDbSql(RelNode best, JavaTypeFactoryImpl typeFactory, Mode mode,
      boolean rowInAsScalar) {
    if (!(best instanceof JdbcToEnumerableConverter converterRel)
        || converterRel.getInput().getConvention() != duckDb.convention()) {
      return null;
    }
    if (mode == Mode.DUCKDB_AS_WRITTEN && !SubQueries.correlationsDeclared(converterRel.getInput())) {
      throw new RelOptPlanner.CannotPlanException("a sub-query lost its correlation");
    }
    try {
      JdbcImplementor implementor = new FloeSqlImplementor(typeFactory,
          SubQueries.tableNames(converterRel.getInput()));
      RelNode typed = DuckDbTypeCasts.apply(
          SnowflakeBackend.bind(converterRel.getInput(), typeFactory).plan());
      SqlNode statement = FloeDuckDbDialect.forDuckDb(implementor.visitRoot(typed).asStatement());
      if (rowInAsScalar) {
        statement = RowInSubQueries.rewrite(statement);
        if (statement == null) {
          return null;
        }
      }
      return statement.toSqlString(FloeDuckDbDialect.INSTANCE);
    } catch (FloeException e) {
      throw e; // the statement's own error (a division by zero), whichever way it is planned
    } catch (RuntimeException e) {
      if (mode == Mode.DUCKDB_AS_WRITTEN) {
        throw new RelOptPlanner.CannotPlanException("cannot write the sub-queries as SQL: " + e);
      }
      throw e;
    }
  }

  /**
   * Whether DuckDB prepares the SQL written for a plan that keeps its sub-queries. Calcite's SQL
   * writer handles most sub-queries, but not every shape (an aggregate over an aggregate inside a
   * sub-query comes out nested); DuckDB is asked once, when the statement is planned, and a
   * refusal means the statement is planned the usual way. Plans over dev-branch copies or
   * workspace objects are not tried.
   */
  private boolean duckDbAccepts(FloeRoot root, Optimized plan) {
    if (plan.duckSql() == null) {
      return false;
    }
    for (RelOptTable table : SubQueries.allTables(plan.root().rel)) {
      FloeSchemas.VisibleTable visible = root.table(table.getQualifiedName());
      if (visible == null || visible.branchId() != null) {
        return false;
      }
      duckDb.storage().ensureAttached(visible.table());
    }
    try (org.duckdb.DuckDBConnection c = duckDb.storage().connect()) {
      // The tables Snowflake's rows will be streamed into, empty, so that DuckDB can check the rest.
      for (SnowflakeBackend.RemoteInput input : remoteInputs(plan.best())) {
        try (java.sql.Statement s = c.createStatement()) {
          s.execute(input.createSql());
        }
      }
      try (java.sql.PreparedStatement ignored = c.prepareStatement(plan.duckSql().getSql())) {
        return true;
      }
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  /** SQL on one line of a plan's text (SQL writers break lines before clauses). */
  private static String oneLine(String sql) {
    return sql.replaceAll("\\s*\n\\s*", " ");
  }

  /** The DuckDB SQL of a plan of DuckDB's operators (a dynamic filter's key query). */
  static SqlString duckDbSqlOf(RelNode rel, JavaTypeFactory typeFactory) {
    JdbcImplementor implementor = new FloeSqlImplementor(typeFactory, SubQueries.tableNames(rel));
    SqlNode statement = FloeDuckDbDialect.forDuckDb(
        implementor.visitRoot(DuckDbTypeCasts.apply(rel)).asStatement());
    return statement.toSqlString(FloeDuckDbDialect.INSTANCE);
  }

  /** The Snowflake statements of a plan that is one DuckDB statement, in the order it reads them. */
  private static List<SnowflakeBackend.RemoteInput> remoteInputs(RelNode best) {
    RelNode input = best instanceof JdbcToEnumerableConverter c ? c.getInput() : best;
    return SnowflakeBackend.readsSnowflake(input)
        ? SnowflakeBackend.bind(input, new JavaTypeFactoryImpl(input.getCluster().getTypeFactory()
            .getTypeSystem())).inputs()
        : List.of();
  }

  /** How a statement may be planned. */
  private enum Mode {
    /** One DuckDB statement, sub-queries kept as sub-queries (only when there are any). */
    DUCKDB_AS_WRITTEN,
    /** One DuckDB statement, sub-queries rewritten by Calcite. */
    DUCKDB,
    /** Calcite's operators where DuckDB cannot take a part. */
    ANY
  }

  /**
   * A converted statement, its optimized plan and, when the plan is one DuckDB statement, that
   * statement's SQL.
   */
  private record Optimized(RelRoot root, RelNode best, SqlString duckSql) {}

  private Optimized optimize(SqlNode validated, SqlValidator validator, FloeCatalogReader reader,
      JavaTypeFactoryImpl typeFactory, CalciteConnectionConfig config, AtomicBoolean cancel,
      Mode mode, Views views) {
    boolean duckDbOnly = mode != Mode.ANY;
    VolcanoPlanner planner = newPlanner(config, cancel, duckDbOnly);
    // DuckDB's rules even when no DuckDB table registers them, so a statement without tables
    // (select 1/0, select version()) runs in DuckDB too.
    duckDb.convention().register(planner);
    if (mode == Mode.DUCKDB_AS_WRITTEN) {
      // DuckDB optimizes the statement; Calcite only translates it. Rewrites that move conditions
      // (into joins, past projections) would also drop the correlation of sub-queries in them.
      for (RelOptRule rule : List.copyOf(planner.getRules())) {
        if (isCalciteRewrite(rule)
            && rule != CoreRules.JOIN_EXTRACT_FILTER
            && !(rule instanceof ProjectToWindowRule)) {
          planner.removeRule(rule);
        }
      }
    }
    RelOptCluster cluster = RelOptCluster.create(planner, new FloeRexBuilder(typeFactory));
    boolean volatileCalls = VolatileExpressions.present(validated);
    SqlToRelConverter converter = new SqlToRelConverter(views.expander(cluster, 0),
        validator, reader, cluster, FloatingModulo.CONVERTLETS,
        SqlToRelConverter.config().withTrimUnusedFields(true).withExpand(false)
            .withRelBuilderFactory(CorrelatedProjections.FACTORY)
            // Simplifying while converting made nullif(14, 2) NOT NULL under an aggregate typed
            // for a nullable argument ("type mismatch"); the planner's rules simplify later.
            .withRelBuilderConfigTransform(b -> volatileCalls
                // Merged, projections would copy a random() that a column of the lower one holds.
                ? b.withSimplify(false).withBloat(-1) : b.withSimplify(false)));
    RelRoot relRoot;
    try {
      relRoot = converter.convertQuery(validated, false, true);
      if (!RowValuedExpressions.present(relRoot.rel)) {
        relRoot = relRoot.withRel(converter.flattenTypes(relRoot.rel, true));
      }
      relRoot = relRoot.withRel(ExpandedNotDistinct.apply(relRoot.rel, mode != Mode.ANY));
    } catch (FloeException e) {
      throw e;
    } catch (RuntimeException e) {
      // A convertlet's own error, wrapped by Calcite ("while converting ...").
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof FloeException floe) {
          throw floe;
        }
      }
      throw SqlErrors.validation(e);
    }
    RelTraitSet desired = relRoot.rel.getTraitSet()
        .replace(EnumerableConvention.INSTANCE)
        .replace(relRoot.collation)
        .simplify();
    if (mode == Mode.DUCKDB_AS_WRITTEN && !SubQueries.allInDuckDb(relRoot.rel, duckDb.convention())) {
      throw new RelOptPlanner.CannotPlanException("no sub-query, or one over a non-DuckDB table");
    }
    if (mode != Mode.DUCKDB_AS_WRITTEN) {
      relRoot = relRoot.withRel(SubQueries.uncorrelatedExistsAsScalar(relRoot.rel));
    }
    if (mode == Mode.ANY) {
      relRoot = relRoot.withRel(InLists.expand(relRoot.rel));
    }
    String unsupported = mode == Mode.DUCKDB_AS_WRITTEN ? null : SubQueries.unsupportedRewrite(relRoot.rel);
    if (unsupported != null) {
      throw FloeException.of(ErrorCode.NOT_SUPPORTED, "%s is not supported yet", unsupported);
    }
    try {
      Program program = mode == Mode.DUCKDB_AS_WRITTEN ? SubQueries.AS_WRITTEN : Programs.standard();
      RelNode best = program.run(planner, relRoot.rel, desired, List.of(), List.of());
      return new Optimized(relRoot, best, duckDbSql(best, typeFactory, mode));
    } catch (FloeException | RelOptPlanner.CannotPlanException e) {
      throw e;
    } catch (RuntimeException | AssertionError e) {
      if (cancel.get()) {
        throw new FloeException(ErrorCode.QUERY_CANCELLED, "planning was cancelled", e);
      }
      if (e.getCause() instanceof FloeException fe) { // a rule's own error ("Error while applying rule")
        throw fe;
      }
      if (duckDbOnly) {
        throw new RelOptPlanner.CannotPlanException(String.valueOf(e.getMessage()));
      }
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "cannot plan statement: " + e.getMessage(), e);
    }
  }

  /** One of Calcite's rewriting rules, also where Floe has narrowed it. */
  private static boolean isCalciteRewrite(RelOptRule rule) {
    String rules = "org.apache.calcite.rel.rules";
    return rule.getClass().getPackageName().equals(rules)
        || rule.getClass().getSuperclass().getPackageName().equals(rules);
  }

  private static boolean isTrivialProjection(List<Integer> projection, int fieldCount) {
    if (projection.size() != fieldCount) {
      return false;
    }
    for (int i = 0; i < projection.size(); i++) {
      if (projection.get(i) != i) {
        return false;
      }
    }
    return true;
  }

  /**
   * The columns a result keeps of the pushed-down statement's, by position ({@code #1}): Calcite
   * leaves expressions it named itself ({@code EXPR$0}) unaliased in the SQL it writes, so their
   * names are not DuckDB's.
   */
  private static String projectionList(List<Integer> projection) {
    List<String> items = new ArrayList<>();
    for (int index : projection) {
      items.add("#" + (index + 1));
    }
    return String.join(", ", items);
  }

  /**
   * The result's columns. A plain column reference carries its origin (project, bucket, table,
   * column, as the validator resolved it); a primary-key column is NOT NULL (the catalog keeps key
   * columns nullable in the type, DuckDB enforces NOT NULL) unless the plan can add nulls (outer
   * joins, set operations, grouping sets, VALUES).
   */
  /**
   * The result's columns: labels, types, nullability (key columns are NOT NULL in a table's row
   * type, and Calcite makes them nullable where an outer join or a set operation adds NULLs), and,
   * for plain column references, the table column the values come from.
   */
  private static List<ResultColumn> resultColumns(RelRoot relRoot, SqlValidator validator,
      SqlNode validated) {
    List<ResultColumn> columns = new ArrayList<>();
    List<RelDataTypeField> fields = relRoot.validatedRowType.getFieldList();
    List<List<String>> origins;
    try {
      origins = validator.getFieldOrigins(validated);
    } catch (RuntimeException e) {
      origins = List.of(); // Origins are for metadata only; a query Calcite cannot trace has none.
    }
    for (int i = 0; i < relRoot.fields.size(); i++) {
      RelDataType type = fields.get(i).getType();
      List<String> source = i < origins.size() ? origins.get(i) : null;
      ResultColumn.Origin origin = null;
      if (source != null && source.size() >= 2) {
        int n = source.size();
        origin = new ResultColumn.Origin(n > 3 ? source.get(n - 4) : null,
            n > 2 ? source.get(n - 3) : null, source.get(n - 2), source.get(n - 1));
      }
      columns.add(new ResultColumn(relRoot.fields.get(i).getValue(), TypeMapping.resultType(type),
          type.isNullable(), origin));
    }
    return columns;
  }


  /** The catalog table behind a plan's table; null for system tables (information_schema). */
  private static FloeSchemas.VisibleTable visibleTable(FloeRoot root, RelOptTable table) {
    CatalogTypedJdbcTable jdbc = table.unwrap(CatalogTypedJdbcTable.class);
    if (jdbc == null) {
      return null;
    }
    FloeSchemas.VisibleTable visible = root.table(table.getQualifiedName());
    if (visible == null && root.workspace() != null
        && jdbc.jdbcCatalogName.equals(root.workspace().duckDbCatalog())) {
      return null;
    }
    boolean sameTable = visible != null && (visible.table().isRemote()
        ? visible.table().remoteName().equals(jdbc.jdbcTableName)
        : visible.duckDbCatalog().equals(jdbc.jdbcCatalogName));
    if (!sameTable) {
      // Only tables of the principal's root can appear; anything else is a bug.
      throw FloeException.internal("table outside the principal's schema: " + table.getQualifiedName(), null);
    }
    return visible;
  }

  static CalciteConnectionConfig connectionConfig() {
    Properties p = new Properties();
    p.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    p.setProperty(CalciteConnectionProperty.DEFAULT_NULL_COLLATION.camelName(), "LAST");
    p.setProperty(CalciteConnectionProperty.TIME_ZONE.camelName(), "UTC");
    return new CalciteConnectionConfigImpl(p);
  }

  private static VolcanoPlanner newPlanner(CalciteConnectionConfig config, AtomicBoolean cancel,
      boolean duckDbOnly) {
    VolcanoPlanner planner = new VolcanoPlanner(null,
        Contexts.of(config, new org.apache.calcite.util.CancelFlag(cancel)));
    planner.setExecutor(new SafeRexExecutor(new RexExecutorImpl(DataContexts.EMPTY)));
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
    RelOptUtil.registerDefaultRules(planner, false, false);
    // DuckDB orders rows itself. Moving a sort below a projection made Calcite believe that
    // -id over a filter was already in id DESC order, and it dropped an ORDER BY (a wrong answer).
    planner.removeRule(CoreRules.SORT_PROJECT_TRANSPOSE);
    // A non-deterministic expression (random()) keeps one value per row: neither rule may copy it.
    planner.removeRule(CoreRules.PROJECT_MERGE);
    planner.addRule(VolatileExpressions.PROJECT_MERGE);
    planner.removeRule(CoreRules.FILTER_PROJECT_TRANSPOSE);
    planner.addRule(VolatileExpressions.FILTER_PROJECT_TRANSPOSE);
    // array_agg keeps NULLs, so array_agg(CASE WHEN c THEN x END) is not array_agg(x) FILTER (c):
    // Calcite's rule takes every aggregate but COUNT for one that skips NULLs.
    planner.removeRule(CoreRules.AGGREGATE_CASE_TO_FILTER);
    planner.addRule(ArrayAggregates.CASE_TO_FILTER);
    // Join order is DuckDB's job: every DuckDB-only join is pushed down whole.
    planner.removeRule(CoreRules.JOIN_COMMUTE);
    planner.removeRule(CoreRules.JOIN_ASSOCIATE);
    planner.removeRule(JoinPushThroughJoinRule.LEFT);
    planner.removeRule(JoinPushThroughJoinRule.RIGHT);
    planner.removeRule(CoreRules.AGGREGATE_JOIN_TRANSPOSE);
    // Semi joins never push down (CALCITE-5402 makes the naive push-down wrong); keep joins.
    planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN);
    planner.removeRule(CoreRules.JOIN_ON_UNIQUE_TO_SEMI_JOIN);
    planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN);
    // A join whose condition DuckDB could take but Calcite's JDBC join rule refuses (arithmetic,
    // functions: TPC-H Q17, Q20) becomes a filter over a join, which pushes down; DuckDB turns it
    // back into a hash join on the equality part.
    planner.addRule(CoreRules.JOIN_EXTRACT_FILTER);
    planner.removeRule(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES);
    planner.addRule(DistinctStringAggregates.EXPAND_OTHER_DISTINCT);
    // AVG and STDDEV push down as themselves; reducing them changes their types.
    planner.removeRule(CoreRules.AGGREGATE_REDUCE_FUNCTIONS);
    // CALCITE-7616: the stock rule also matches JdbcProject and breaks window push-down.
    planner.removeRule(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW);
    planner.addRule(ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.
        ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
        .withOperandSupplier(b -> b.operand(LogicalProject.class)
            .predicate(Project::containsOver).anyInputs())
        .as(ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule
            .ProjectToLogicalProjectAndWindowRuleConfig.class)
        .toRule());
    if (duckDbOnly) {
      // DuckDB drops a sort it does not need. Calcite's removal of one over an input it finds
      // sorted (a join on FALSE) merged the sort with its input and failed on the cycle.
      planner.removeRule(CoreRules.SORT_REMOVE);
      // Nothing may run in Calcite: only DuckDB's convention and the converter on top of it remain.
      for (RelOptRule rule : List.copyOf(planner.getRules())) {
        if (rule instanceof ConverterRule c && (c.getOutConvention() == EnumerableConvention.INSTANCE
            || c.getOutConvention() == BindableConvention.INSTANCE)) {
          planner.removeRule(rule);
        } else if (rule.getClass().getName().startsWith("org.apache.calcite.interpreter.Bindables")
            || rule.getClass().getName().startsWith("org.apache.calcite.adapter.enumerable.")) {
          planner.removeRule(rule);
        }
      }
    }
    return planner;
  }

  /**
   * Expands workspace views while converting: a view's SQL is parsed, validated against the same
   * root (so it reads only what the principal may read now) and converted into the same cluster,
   * where it plans and pushes down like the rest of the statement.
   */
  private static final class Views {
    private static final int MAX_DEPTH = 32;
    private final FloeRoot root;
    /** The statement's search path and user: session functions in a view answer for them. */
    private final List<List<String>> searchPaths;
    private final String user;
    private final SqlFlavor flavor;
    private final JavaTypeFactoryImpl typeFactory;
    private final CalciteConnectionConfig config;

    Views(FloeRoot root, List<List<String>> searchPaths, String user, SqlFlavor flavor,
        JavaTypeFactoryImpl typeFactory, CalciteConnectionConfig config) {
      this.root = root;
      this.searchPaths = searchPaths;
      this.user = user;
      this.flavor = flavor;
      this.typeFactory = typeFactory;
      this.config = config;
    }

    RelOptTable.ViewExpander expander(RelOptCluster cluster, int depth) {
      return (rowType, queryString, schemaPath, viewPath) -> {
        if (depth >= MAX_DEPTH) {
          throw FloeException.of(ErrorCode.INVALID_SQL, "views nest deeper than %d levels (a view "
              + "that reads itself?)", MAX_DEPTH);
        }
        Supplier<SqlNode> copies = () -> parseView(queryString);
        SqlNode parsed = copies.get();
        FloeCatalogReader reader = new FloeCatalogReader(root.schema(),
            FloeCatalogReader.schemaPaths(schemaPath), typeFactory, config, flavor);
        Supplier<SqlValidator> validators = () -> newValidator(reader, typeFactory, flavor);
        SqlValidator validator = validators.get();
        SqlNode validated;
        // Aggregates and outer references in sub-queries at their SQL level, as in a statement.
        try {
          validated = validateView(validator, parsed);
        } catch (FloeException e) {
          SqlNode rewritten = e.code() == ErrorCode.GROUPING_ERROR
              && CorrelatedAggregates.mayApply(parsed)
              ? CorrelatedAggregates.rewrite(copies, validators) : null;
          if (rewritten == null) {
            throw e;
          }
          validator = validators.get();
          validated = validateView(validator, rewritten);
        }
        if (CorrelatedAggregates.hasOuterAggregate(validated, validator)) {
          SqlNode rewritten = CorrelatedAggregates.rewrite(copies, validators);
          if (rewritten == null) {
            throw FloeException.of(ErrorCode.NOT_SUPPORTED, "an aggregate of an outer query's "
                + "columns inside a sub-query is not supported here");
          }
          validator = validators.get();
          validated = validateView(validator, rewritten);
        }
        SqlToRelConverter converter = new SqlToRelConverter(expander(cluster, depth + 1), validator,
            reader, cluster, FloatingModulo.CONVERTLETS,
            SqlToRelConverter.config().withTrimUnusedFields(false).withExpand(false)
                .withRelBuilderFactory(CorrelatedProjections.FACTORY));
        return converter.convertQuery(validated, false, false);
      };
    }

    /** A view's query, parsed and rewritten exactly as a statement's query is. */
    private SqlNode parseView(String queryString) {
      try {
        return treeRewrites(BitwiseOperators.apply(DistinctOn.apply(SqlParser.create(
            parserText(queryString, flavor), flavor.parserConfig()).parseQuery())), searchPaths,
            user, flavor);
      } catch (SqlParseException e) {
        throw SqlErrors.parse(e, queryString);
      }
    }

    private static SqlNode validateView(SqlValidator validator, SqlNode parsed) {
      try {
        return validator.validate(parsed);
      } catch (FloeException e) {
        throw e;
      } catch (RuntimeException e) {
        throw SqlErrors.validation(e);
      }
    }
  }
}

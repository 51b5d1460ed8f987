package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code x BETWEEN a AND b}, {@code COALESCE(x, ...)}, {@code NULLIF(x, y)}, {@code CASE x WHEN ...}
 * and {@code x IN (...)} compute x once per row. PostgreSQL does so for all but BETWEEN (which it
 * rewrites with x twice); DuckDB for BETWEEN and COALESCE. Calcite writes BETWEEN, COALESCE, NULLIF
 * and the CASE out with x repeated ({@code x >= a AND x <= b}, {@code CASE WHEN x IS NOT NULL THEN
 * x ...}), which is the same where x is deterministic; where x calls a non-deterministic function
 * ({@code random()}), each copy draws its own value: {@code random() BETWEEN 0.2 AND 0.8} kept 64%
 * of the rows instead of 60%, and {@code COALESCE} of a random value that may be NULL could answer
 * NULL. Such a call becomes an operator that Calcite keeps whole, typed as Calcite types the
 * original; an IN list of such a value becomes one list test. DuckDB receives BETWEEN and COALESCE
 * as written, and the others reading x from a derived table ({@link #forDuckDb}), as DuckDB would
 * write them out with copies too. (A column of a derived table holding such a value is
 * {@link VolatileExpressions}' concern.)
 */
final class VolatileOperands extends SqlShuttle {
  private final SqlOperatorTable operators;

  private VolatileOperands(SqlOperatorTable operators) {
    this.operators = operators;
  }

  static SqlNode apply(SqlNode node, SqlOperatorTable operators) {
    SqlNode rewritten = node.accept(new VolatileOperands(operators));
    return rewritten == null ? node : rewritten;
  }

  @Override public @Nullable SqlNode visit(SqlCall call) {
    if (call instanceof SqlCase c) {
      SqlNode value = switchedOn(c);
      if (value != null && isVolatile(value)) {
        return simpleCase(c, value);
      }
    }
    SqlNode visited = super.visit(call);
    if (!(visited instanceof SqlBasicCall c)) {
      return visited;
    }
    SqlOperator op = c.getOperator();
    if (op instanceof SqlBetweenOperator between && between.flag == SqlBetweenOperator.Flag.ASYMMETRIC
        && c.operandCount() == 3 && isVolatile(c.operand(0))) {
      SqlNode kept = BETWEEN.createCall(c.getParserPosition(), c.getOperandList());
      return between.isNegated() ? SqlStdOperatorTable.NOT.createCall(c.getParserPosition(), kept) : kept;
    }
    String name = op instanceof SqlUnresolvedFunction || op.getKind() == SqlKind.COALESCE
        || op.getKind() == SqlKind.NULLIF ? op.getName().toUpperCase(Locale.ROOT) : "";
    if (name.equals("COALESCE") && c.operandCount() > 1
        && c.getOperandList().subList(0, c.operandCount() - 1).stream().anyMatch(this::isVolatile)) {
      return COALESCE.createCall(c.getParserPosition(), c.getOperandList());
    }
    if (name.equals("NULLIF") && c.operandCount() == 2 && isVolatile(c.operand(0))) {
      return NULLIF.createCall(c.getParserPosition(), c.getOperandList());
    }
    if ((op.getKind() == SqlKind.IN || op.getKind() == SqlKind.NOT_IN) && !(op instanceof InLists.ListIn)
        && c.operand(0).getKind() != SqlKind.ROW && c.operand(1) instanceof SqlNodeList list
        && list.stream().allMatch(InLists::isConstant) && isVolatile(c.operand(0))) {
      // One list test, not x = v1 OR x = v2 ...: converted to a SEARCH of x.
      c.setOperator(op.getKind() == SqlKind.NOT_IN ? InLists.NOT_IN : InLists.IN);
    }
    return visited;
  }

  /**
   * The value a CASE switches on ({@code CASE x WHEN a THEN ...}), or null: the parser writes that
   * form as {@code CASE WHEN x = a ...}, with the same x in each of two or more conditions.
   */
  private static @Nullable SqlNode switchedOn(SqlCase c) {
    SqlNode value = null;
    for (SqlNode when : c.getWhenOperands()) {
      if (!(when instanceof SqlBasicCall eq) || eq.getKind() != SqlKind.EQUALS
          || (value != null && eq.operand(0) != value)) {
        return null;
      }
      value = eq.operand(0);
    }
    return c.getWhenOperands().size() > 1 ? value : null;
  }

  /** {@code CASE x WHEN a THEN ...} kept whole, its parts rewritten. */
  private SqlNode simpleCase(SqlCase c, SqlNode value) {
    List<SqlNode> operands = new ArrayList<>();
    operands.add(value.accept(this));
    for (int i = 0; i < c.getWhenOperands().size(); i++) {
      operands.add(((SqlCall) c.getWhenOperands().get(i)).operand(1).accept(this));
      operands.add(c.getThenOperands().get(i).accept(this));
    }
    SqlNode otherwise = c.getElseOperand();
    boolean hasElse = otherwise != null && !org.apache.calcite.sql.SqlUtil.isNullLiteral(otherwise, false);
    if (hasElse) {
      operands.add(otherwise.accept(this));
    }
    return (hasElse ? CASE_ELSE : CASE).createCall(c.getParserPosition(), operands);
  }

  /** Whether an expression calls a non-deterministic function outside any sub-query. */
  private boolean isVolatile(SqlNode node) {
    if (!(node instanceof SqlCall call) || call instanceof SqlSelect
        || call.getKind() == SqlKind.SCALAR_QUERY) {
      return false;
    }
    SqlOperator op = call.getOperator();
    if (op instanceof SqlUnresolvedFunction f && f.getSqlIdentifier() != null) {
      List<SqlOperator> found = new ArrayList<>();
      operators.lookupOperatorOverloads(f.getSqlIdentifier(), null, SqlSyntax.FUNCTION, found,
          SqlNameMatchers.liberal());
      if (found.stream().anyMatch(o -> !o.isDeterministic())) {
        return true;
      }
    } else if (!op.isDeterministic()) {
      return true;
    }
    return call.getOperandList().stream().anyMatch(this::isVolatile);
  }

  /**
   * For the SQL sent to DuckDB: a projection or filter with a kept {@code NULLIF} or simple
   * {@code CASE}, which DuckDB itself rewrites with its operand repeated (drawing a random one
   * again), rewritten to read that operand from a projection below it, which {@code derived}
   * receives to keep as a derived table. Null where the rel has none. ({@code BETWEEN} and
   * {@code COALESCE} DuckDB computes once, as written.)
   */
  static @Nullable RelNode forDuckDb(RelNode rel, java.util.Set<RelNode> derived) {
    if (rel instanceof Project p && p.getProjects().stream().anyMatch(VolatileOperands::repeats)) {
      Below below = new Below(p.getInput());
      List<RexNode> exprs = p.getProjects().stream().map(e -> e.accept(below)).toList();
      RelNode input = below.rel();
      derived.add(input);
      return p.copy(p.getTraitSet(), input, exprs, p.getRowType());
    }
    if (rel instanceof Filter f && repeats(f.getCondition())) {
      Below below = new Below(f.getInput());
      RexNode condition = f.getCondition().accept(below);
      RelNode input = below.rel();
      derived.add(input);
      RelNode filtered = f.copy(f.getTraitSet(), input, condition);
      List<RexNode> fields = new ArrayList<>();
      for (int i = 0; i < f.getRowType().getFieldCount(); i++) {
        fields.add(RexInputRef.of(i, filtered.getRowType()));
      }
      return new JdbcRules.JdbcProject(f.getCluster(), f.getTraitSet(), filtered, fields,
          f.getRowType());
    }
    return null;
  }

  /** Whether an expression holds a kept operator that DuckDB would write out with copies. */
  private static boolean repeats(RexNode e) {
    try {
      e.accept(new RexShuttle() {
        @Override public RexNode visitCall(RexCall call) {
          if (rewritten(call)) {
            throw org.apache.calcite.util.Util.FoundOne.NULL;
          }
          return super.visitCall(call);
        }
      });
      return false;
    } catch (org.apache.calcite.util.Util.FoundOne found) {
      return true;
    }
  }

  /**
   * Whether DuckDB would write out this call with its first operand repeated, drawing a random one
   * again: a kept NULLIF or simple CASE, or a list test ({@code x IN (...)}, which Calcite writes
   * as a SEARCH, or as IN_LIST) of a random value.
   */
  private static boolean rewritten(RexCall call) {
    SqlOperator op = call.getOperator();
    return op == NULLIF || op == CASE || op == CASE_ELSE
        || ((op.getKind() == SqlKind.SEARCH || op == InLists.IN_LIST)
            && !RexUtil.isDeterministic(call.getOperands().get(0)));
  }

  /**
   * The input of a projection or filter with the random operands of its {@code NULLIF}s and simple
   * {@code CASE}s appended as columns; as a shuttle, it writes those operators out reading them.
   */
  private static final class Below extends RexShuttle {
    private final RelNode input;
    private final RexBuilder rex;
    private final List<RexNode> appended = new ArrayList<>();

    Below(RelNode input) {
      this.input = input;
      this.rex = input.getCluster().getRexBuilder();
    }

    private RexNode once(RexNode operand) {
      int at = appended.indexOf(operand);
      if (at < 0) {
        appended.add(operand);
        at = appended.size() - 1;
      }
      return new RexInputRef(input.getRowType().getFieldCount() + at, operand.getType());
    }

    RelNode rel() {
      List<RexNode> exprs = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (RelDataTypeField f : input.getRowType().getFieldList()) {
        exprs.add(RexInputRef.of(f.getIndex(), input.getRowType()));
        names.add(f.getName());
      }
      for (int i = 0; i < appended.size(); i++) {
        exprs.add(appended.get(i));
        names.add("once" + i);
      }
      RelDataType rowType = RexUtil.createStructType(input.getCluster().getTypeFactory(), exprs,
          org.apache.calcite.sql.validate.SqlValidatorUtil.uniquify(names, false), null);
      return new JdbcRules.JdbcProject(input.getCluster(), input.getTraitSet(), input, exprs, rowType);
    }

    @Override public RexNode visitCall(RexCall call) {
      SqlOperator op = call.getOperator();
      if (!rewritten(call)) {
        return super.visitCall(call);
      }
      if (op != NULLIF && op != CASE && op != CASE_ELSE) {
        List<RexNode> operands = new ArrayList<>(call.getOperands());
        operands.set(0, once(operands.get(0)));
        return call.clone(call.getType(), operands);
      }
      // Operands hold no NULLIF of their own to read from below: the operand is computed there.
      List<RexNode> ops = call.getOperands();
      RexNode v = once(ops.get(0));
      RelDataType type = call.getType();
      if (op == NULLIF) {
        return rex.makeCall(type, SqlStdOperatorTable.CASE, List.of(
            rex.makeCall(SqlStdOperatorTable.EQUALS, v, ops.get(1)),
            rex.makeNullLiteral(type), v));
      }
      List<RexNode> branches = new ArrayList<>();
      int i = 1;
      for (; i + 1 < ops.size(); i += 2) {
        branches.add(rex.makeCall(SqlStdOperatorTable.EQUALS, v, ops.get(i).accept(this)));
        branches.add(ops.get(i + 1).accept(this));
      }
      branches.add(i < ops.size() ? ops.get(i).accept(this) : rex.makeNullLiteral(type));
      return rex.makeCall(type, SqlStdOperatorTable.CASE, branches);
    }
  }

  /** BETWEEN kept whole. */
  static final SqlOperator BETWEEN = new Kept("BETWEEN", ReturnTypes.BOOLEAN_NULLABLE,
      SqlStdOperatorTable.BETWEEN);
  /** COALESCE kept whole: typed as Calcite's. */
  static final SqlOperator COALESCE = new Kept("COALESCE",
      ReturnTypes.LEAST_RESTRICTIVE.andThen(SqlTypeTransforms.LEAST_NULLABLE), SqlStdOperatorTable.COALESCE);
  /** NULLIF kept whole: its first operand's type, nullable. */
  static final SqlOperator NULLIF = new Kept("NULLIF", ReturnTypes.ARG0_FORCE_NULLABLE,
      SqlStdOperatorTable.NULLIF);

  /** {@code CASE x WHEN a THEN b ... END} kept whole: operands x, a, b, ... */
  static final SqlOperator CASE = new Kept("CASE", caseType(false), SqlStdOperatorTable.CASE);
  /** {@code CASE x WHEN a THEN b ... ELSE c END} kept whole: operands x, a, b, ..., c. */
  static final SqlOperator CASE_ELSE = new Kept("CASE", caseType(true), SqlStdOperatorTable.CASE);

  /** A simple CASE's type: its results', as Calcite types CASE; nullable without ELSE. */
  private static SqlReturnTypeInference caseType(boolean hasElse) {
    return binding -> {
      List<RelDataType> results = new ArrayList<>();
      int n = binding.getOperandCount();
      for (int i = 2; i < n; i += 2) {
        results.add(binding.getOperandType(i));
      }
      if (hasElse) {
        results.add(binding.getOperandType(n - 1));
      }
      RelDataType type = binding.getTypeFactory().leastRestrictive(results);
      return type == null || hasElse ? type
          : binding.getTypeFactory().createTypeWithNullability(type, true);
    };
  }

  /** An operator Calcite neither rewrites nor expands, written as {@code written} writes it. */
  private static final class Kept extends SqlSpecialOperator {
    private final SqlOperator written;

    Kept(String name, SqlReturnTypeInference type, SqlOperator written) {
      super(name, SqlKind.OTHER_FUNCTION, written.getLeftPrec(), true, type, null, null);
      this.written = written;
    }

    @Override public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope,
        SqlCall call) {
      List<RelDataType> types = new ArrayList<>();
      for (SqlNode operand : call.getOperandList()) {
        types.add(validator.deriveType(scope, operand));
      }
      RelDataType type;
      try {
        type = inferReturnType(validator.getTypeFactory(), types);
      } catch (RuntimeException e) {
        type = null;
      }
      if (type == null) {
        throw FloeException.of(ErrorCode.TYPE_MISMATCH, "%s types %s cannot be matched", getName(),
            types.stream().map(t -> t.getSqlTypeName().getName().toLowerCase(Locale.ROOT)).distinct()
                .reduce((a, b) -> a + " and " + b).orElse(""));
      }
      return type;
    }

    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      if (written == SqlStdOperatorTable.CASE) {
        List<SqlNode> operands = call.getOperandList();
        var pos = call.getParserPosition();
        org.apache.calcite.sql.SqlNodeList whens = new org.apache.calcite.sql.SqlNodeList(pos);
        org.apache.calcite.sql.SqlNodeList thens = new org.apache.calcite.sql.SqlNodeList(pos);
        int i = 1;
        for (; i + 1 < operands.size(); i += 2) {
          whens.add(operands.get(i));
          thens.add(operands.get(i + 1));
        }
        new SqlCase(pos, operands.get(0), whens, thens, i < operands.size() ? operands.get(i) : null)
            .unparse(writer, leftPrec, rightPrec);
        return;
      }
      written.createCall(call.getParserPosition(), call.getOperandList())
          .unparse(writer, leftPrec, rightPrec);
    }
  }
}

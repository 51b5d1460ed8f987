package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;

/**
 * Refuses what PostgreSQL refuses in the recursive part of a recursive query, in its words
 * ({@code 42P19}): an aggregate ({@code SELECT sum(x) FROM t}), and reading the recursive table
 * more than once, in a sub-query ({@code SELECT (SELECT x + 1 FROM t) FROM t}) or on the NULL side
 * of an outer join ({@link RecursiveReferences}). DuckDB runs recursive queries as written
 * ({@link RecursiveQueryRules}); where Calcite runs one itself (in a plan DuckDB cannot take whole),
 * a sub-query that uses the recursive table's columns ({@code (SELECT 1 + t.x)}) or a common table
 * expression of a WITH nested in the recursive part reads nothing (the answer would be NULL), and
 * a window function there would be computed once for all steps: those PostgreSQL answers, and
 * Floe refuses them with {@code 0A000} only in such a plan ({@link #refuseWhereCalciteRuns}).
 * Sub-queries over other tables are fine. A WITH that names two queries alike is refused too
 * ({@code 42712}).
 */
final class RecursiveQueries extends SqlBasicVisitor<Void> {
  private final SqlOperatorTable operators;

  private RecursiveQueries(SqlOperatorTable operators) {
    this.operators = operators;
  }

  /** What Calcite's repeated union would answer wrongly, if Calcite runs a recursive query. */
  private FloeException calciteWouldFail;

  /**
   * Checks {@code statement}, whose functions are the aggregates {@code operators} says: throws
   * what PostgreSQL refuses, and returns what Floe refuses only where Calcite runs the recursive
   * query itself (see {@link #refuseWhereCalciteRuns}), or null.
   */
  static FloeException check(SqlNode statement, SqlOperatorTable operators) {
    RecursiveQueries check = new RecursiveQueries(operators);
    statement.accept(check);
    return check.calciteWouldFail;
  }

  /**
   * Throws {@code refusal} (from {@link #check}) if the plan {@code best} has Calcite run a
   * recursive query; DuckDB runs it as written otherwise ({@link RecursiveQueryRules}).
   */
  static void refuseWhereCalciteRuns(org.apache.calcite.rel.RelNode best, FloeException refusal) {
    if (refusal != null && runsRepeatUnion(best)) {
      throw refusal;
    }
  }

  private static boolean runsRepeatUnion(org.apache.calcite.rel.RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.RepeatUnion
        && !(rel instanceof RecursiveQueryRules.JdbcRepeatUnion)) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(RecursiveQueries::runsRepeatUnion);
  }

  private void defer(FloeException e) {
    if (calciteWouldFail == null) {
      calciteWouldFail = e;
    }
  }

  /** Whether a call, resolved or not yet, is of an aggregate function. */
  private boolean isAggregate(SqlCall call) {
    SqlOperator op = call.getOperator();
    if (op.isAggregator()) {
      return true;
    }
    if (!(op instanceof SqlUnresolvedFunction)) {
      return false;
    }
    List<SqlOperator> found = new ArrayList<>();
    operators.lookupOperatorOverloads(new SqlIdentifier(op.getName(), SqlParserPos.ZERO),
        SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION, found,
        SqlNameMatchers.withCaseSensitive(false));
    return found.stream().anyMatch(SqlOperator::isAggregator);
  }

  /** Whether a FROM clause lists the table {@code name} itself (joined or not). */
  private static boolean reads(SqlNode from, String name) {
    if (from instanceof SqlIdentifier id) {
      return id.names.size() == 1 && id.names.get(0).toLowerCase(Locale.ROOT).equals(name);
    }
    if (from instanceof org.apache.calcite.sql.SqlJoin join) {
      return reads(join.getLeft(), name) || reads(join.getRight(), name);
    }
    return from instanceof SqlCall call && call.getKind() == SqlKind.AS
        && reads(call.operand(0), name);
  }

  /** Whether a SELECT groups: GROUP BY, HAVING, or an aggregate call outside a window. */
  private boolean groups(SqlSelect select) {
    if (select.getGroup() != null && !select.getGroup().isEmpty() || select.getHaving() != null) {
      return true;
    }
    boolean[] found = {false};
    select.getSelectList().accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect || call.getKind() == SqlKind.OVER) {
          return null;
        }
        if (isAggregate(call)) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  @Override public Void visit(SqlCall call) {
    if (call instanceof SqlWith with) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (SqlNode node : with.withList) {
        if (node instanceof SqlWithItem item
            && !names.add(item.name.getSimple().toLowerCase(Locale.ROOT))) {
          throw new FloeException(ErrorCode.DUPLICATE_ALIAS, "WITH query name \""
              + item.name.getSimple() + "\" specified more than once", null, null);
        }
      }
      for (SqlNode node : with.withList) {
        if (node instanceof SqlWithItem item && item.recursive.booleanValue()
            && item.query instanceof SqlCall union && union.getKind().belongsTo(SqlKind.SET_QUERY)
            && union.operandCount() == 2) {
          String name = item.name.getSimple().toLowerCase(Locale.ROOT);
          RecursiveReferences.check(name, union.operand(1));
          union.operand(1).accept(new SqlBasicVisitor<Void>() {
            private int depth;
            /** Inside a common table expression of a WITH within the recursive part. */
            private int withItems;

            @Override public Void visit(SqlCall inner) {
              if (inner.getKind() == SqlKind.OVER && depth == 1 && withItems == 0) {
                // Calcite's repeated union computes it once, not once per step (PostgreSQL answers).
                defer(new FloeException(ErrorCode.NOT_SUPPORTED, "a window function in the recursive "
                    + "part of a recursive query is not supported", "Compute the window function "
                    + "in the query that reads the recursive query.", null));
              }
              if (inner instanceof SqlSelect s && reads(s.getFrom(), name) && groups(s)) {
                // PostgreSQL refuses grouping in the query that lists the recursive table itself.
                throw new FloeException(ErrorCode.INVALID_RECURSION, "aggregate functions are not "
                    + "allowed in a recursive query's recursive term", "Aggregate the result of the "
                    + "recursive query instead, in the query that reads it.", null);
              }
              boolean select = inner instanceof SqlSelect;
              boolean item = inner instanceof SqlWithItem;
              depth += select ? 1 : 0;
              withItems += item ? 1 : 0;
              try {
                return super.visit(inner);
              } finally {
                depth -= select ? 1 : 0;
                withItems -= item ? 1 : 0;
              }
            }

            @Override public Void visit(SqlIdentifier id) {
              if (depth > 1 && withItems == 0 && id.names.size() == 1
                  && id.names.get(0).toLowerCase(Locale.ROOT).equals(name)) {
                throw new FloeException(ErrorCode.INVALID_RECURSION, String.format(Locale.ROOT,
                    "recursive reference to query \"%s\" must not appear within a subquery", name),
                    "Join the recursive table instead of reading it in a sub-query.", null);
              }
              if ((depth > 1 || withItems > 0)
                  && id.names.get(0).toLowerCase(Locale.ROOT).equals(name)) {
                defer(new FloeException(ErrorCode.NOT_SUPPORTED, String.format(Locale.ROOT,
                    "a sub-query over the recursive table \"%s\" inside its recursive part is not "
                        + "supported", name),
                    "Join the recursive table instead of reading it in a sub-query.", null));
              }
              return null;
            }
          });
        }
      }
    }
    return super.visit(call);
  }
}

package io.floe.engine.sql;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlConformance.SelectAliasLookup;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Static;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A name that is both a column of the FROM clause and a select-list alias names the column inside
 * an ORDER BY expression and in HAVING, as in PostgreSQL: {@code SELECT -i AS i ... ORDER BY i + 0}
 * sorts by the table's {@code i} (DuckDB agrees), and {@code SELECT i + 1 AS i ... GROUP BY i + 1
 * HAVING i + 1 > 3} tests the table's {@code i}. A whole sort key that is a name ({@code ORDER BY
 * i}) still names the result column. Calcite, in its lenient conformance, reads the alias first
 * in both places, and so sorts and filters by other values than the ones asked for.
 *
 * <p>In GROUP BY (in PostgreSQL's flavour), a name inside an expression that is only an alias is
 * refused, as both databases refuse it; see {@link #groupKey}.
 *
 * <p>{@link #qualify} runs when the validator has resolved a SELECT's FROM clause and before it
 * reads the other clauses: it writes each such name qualified by its table, which Calcite never
 * takes for an alias. A name that is only an alias is left alone.
 */
final class InputNamesFirst {
  private InputNamesFirst() {}

  static void qualify(SqlValidator validator, SqlSelect select) {
    SqlNameMatcher matcher = validator.getCatalogReader().nameMatcher();
    if (select.getGroup() != null) {
      ambiguousGroupNames(validator, select, matcher);
    }
    List<String> aliases = select.getSelectList().stream()
        .filter(item -> item.getKind() == SqlKind.AS)
        .map(SqlValidatorUtil::alias)
        .toList();
    if (aliases.isEmpty()) {
      return;
    }
    Qualifier qualifier = new Qualifier(validator.getSelectScope(select), matcher, aliases);
    SqlNodeList order = select.getOrderList();
    if (order != null) {
      for (int i = 0; i < order.size(); i++) {
        order.set(i, sortKey(order.get(i), qualifier));
      }
    }
    if (select.getHaving() != null) {
      select.setHaving(select.getHaving().accept(qualifier));
    }
    if (select.getGroup() != null
        && validator.config().conformance().isSelectAlias() == SelectAliasLookup.UNSUPPORTED) {
      for (SqlNode key : select.getGroup()) {
        groupKey(validator, key, qualifier);
      }
    }
  }

  /**
   * A name in GROUP BY that more than one table of the FROM clause has is ambiguous, as in
   * PostgreSQL, which reads such a name as a column before it looks at the select list's names;
   * Calcite, as MySQL does, would then take the select item of that name. The columns a USING or
   * NATURAL join merges are one column each ({@link UsingColumns}).
   */
  private static void ambiguousGroupNames(SqlValidator validator, SqlSelect select, SqlNameMatcher matcher) {
    java.util.Set<String> merged = new java.util.HashSet<>();
    if (select.getFrom() != null && mergedNames(select.getFrom(), merged)) {
      return; // a NATURAL join: any shared name may be merged
    }
    SqlValidatorScope scope = validator.getSelectScope(select);
    select.getGroup().accept(new SqlShuttle() {
      @Override public SqlNode visit(SqlIdentifier id) {
        if (id.isSimple() && merged.stream().noneMatch(m -> matcher.matches(m, id.getSimple()))
            && scope.findQualifyingTableNames(id.getSimple(), id, matcher).size() > 1) {
          throw validator.newValidationError(id, Static.RESOURCE.columnAmbiguous(id.getSimple()));
        }
        return id;
      }

      @Override public @Nullable SqlNode visit(SqlCall call) {
        return call instanceof SqlSelect ? call : super.visit(call);
      }
    });
  }

  /** Adds the names USING joins under {@code from} merge; true if one of the joins is NATURAL. */
  private static boolean mergedNames(SqlNode from, java.util.Set<String> out) {
    if (from instanceof org.apache.calcite.sql.SqlJoin join) {
      if (join.isNatural()) {
        return true;
      }
      if (join.getConditionType() == org.apache.calcite.sql.JoinConditionType.USING
          && join.getCondition() instanceof SqlNodeList using) {
        out.addAll(SqlIdentifier.simpleNames(using));
      }
      return mergedNames(join.getLeft(), out) || mergedNames(join.getRight(), out);
    }
    return false;
  }

  /**
   * A name inside a GROUP BY expression is a column, never an alias, as in PostgreSQL and DuckDB:
   * {@code SELECT 1 AS k ... GROUP BY k + 1} is refused ({@code 42703}), where Calcite would group
   * by the alias's expression. A whole key that is an alias's name groups by that expression.
   */
  private static void groupKey(SqlValidator validator, SqlNode key, Qualifier qualifier) {
    switch (key.getKind()) {
    case ROLLUP:
    case CUBE:
    case GROUPING_SETS:
    case ROW:
      for (SqlNode operand : ((SqlCall) key).getOperandList()) {
        groupKey(validator, operand, qualifier);
      }
      return;
    default:
      if (!(key instanceof SqlCall call) || call instanceof SqlSelect) {
        return;
      }
      call.accept(new SqlShuttle() {
        @Override public SqlNode visit(SqlIdentifier id) {
          if (id.isSimple() && qualifier.isAlias(id.getSimple()) && !qualifier.isColumn(id)) {
            throw validator.newValidationError(id, Static.RESOURCE.columnNotFound(id.getSimple()));
          }
          return id;
        }

        @Override public @Nullable SqlNode visit(SqlCall inner) {
          return inner instanceof SqlSelect ? inner : super.visit(inner);
        }
      });
    }
  }

  private static SqlNode sortKey(SqlNode key, Qualifier qualifier) {
    switch (key.getKind()) {
    case DESCENDING:
    case NULLS_FIRST:
    case NULLS_LAST:
      SqlCall call = (SqlCall) key;
      call.setOperand(0, sortKey(call.operand(0), qualifier));
      return call;
    default:
      return key instanceof SqlIdentifier || key instanceof SqlLiteral ? key : key.accept(qualifier);
    }
  }

  /** Qualifies the names that are both an alias and a column of the FROM clause. */
  private static final class Qualifier extends SqlShuttle {
    private final SqlValidatorScope scope;
    private final SqlNameMatcher matcher;
    private final List<String> aliases;

    Qualifier(SqlValidatorScope scope, SqlNameMatcher matcher, List<String> aliases) {
      this.scope = scope;
      this.matcher = matcher;
      this.aliases = aliases;
    }

    @Override public SqlNode visit(SqlIdentifier id) {
      if (!id.isSimple() || !isAlias(id.getSimple())) {
        return id;
      }
      var tables = scope.findQualifyingTableNames(id.getSimple(), id, matcher).keySet();
      if (tables.size() != 1) {
        return id; // only an alias; or ambiguous, which the validator reports
      }
      return new SqlIdentifier(List.of(tables.iterator().next(), id.getSimple()),
          id.getParserPosition());
    }

    private boolean isColumn(SqlIdentifier id) {
      return !scope.findQualifyingTableNames(id.getSimple(), id, matcher).isEmpty();
    }

    private boolean isAlias(String name) {
      return aliases.stream().anyMatch(alias -> alias != null && matcher.matches(alias, name));
    }

    @Override public @Nullable SqlNode visit(SqlCall call) {
      return call instanceof SqlSelect ? call : super.visit(call); // a sub-query has its own scope
    }
  }
}

package io.floe.engine.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.JoinConditionType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The column a {@code JOIN ... USING (c)} or a {@code NATURAL JOIN} merges is one column, named
 * {@code c} without a qualifier, in every clause of the query, as in PostgreSQL and the standard:
 * {@code WHERE c > 1}, {@code GROUP BY c}, {@code HAVING min(c) > 0}, {@code ORDER BY c}. Calcite
 * merges it only in the select list (as {@code COALESCE(l.c, r.c)}) and finds an unqualified
 * {@code c} ambiguous everywhere else.
 *
 * <p>{@link #expand} runs when the validator has resolved a SELECT's FROM clause and before it
 * reads the other clauses; it writes each unqualified reference to a merged column as the
 * {@code COALESCE} of the joined tables' columns, the value the merged column has for inner, left,
 * right and full joins alike (the same expression Calcite writes in the select list, so GROUP BY
 * and the select list agree). Inside a sub-query the name is the merged column's unless a table
 * of the sub-query's own FROM clause has a column of that name; a sort key that is a name the
 * select list gives a result column still names that column.
 */
final class UsingColumns {
  private UsingColumns() {}

  /** A table of a FROM clause: the name that qualifies its columns, and its row type. */
  private record Leaf(String qualifier, RelDataType rowType) {}

  static void expand(SqlValidator validator, SqlSelect select) {
    if (!(select.getFrom() instanceof SqlJoin join)) {
      return;
    }
    SqlNameMatcher matcher = validator.getCatalogReader().nameMatcher();
    Map<String, SqlNode> merged = new LinkedHashMap<>();
    collect(validator, matcher, join, merged);
    if (merged.isEmpty()) {
      return;
    }
    Rewriter everywhere = new Rewriter(validator, merged, Set.of());
    select.setWhere(everywhere.apply(select.getWhere()));
    select.setHaving(everywhere.apply(select.getHaving()));
    select.setQualify(everywhere.apply(select.getQualify()));
    if (select.getGroup() != null) {
      select.setGroupBy((SqlNodeList) everywhere.apply(positionsWritten(select, merged.keySet())));
    }
    if (select.getOrderList() != null) {
      // A sort key that is a result column's name is that column; inside an expression, the name
      // is the merged column's, as in WHERE.
      Rewriter bare = new Rewriter(validator, merged, outputNames(select));
      SqlNodeList order = select.getOrderList();
      for (int i = 0; i < order.size(); i++) {
        order.set(i, sortKey(order.get(i), bare, everywhere));
      }
    }
  }

  private static SqlNode sortKey(SqlNode key, Rewriter bare, Rewriter everywhere) {
    switch (key.getKind()) {
    case DESCENDING:
    case NULLS_FIRST:
    case NULLS_LAST:
      SqlCall call = (SqlCall) key;
      call.setOperand(0, sortKey(call.operand(0), bare, everywhere));
      return call;
    default:
      return key instanceof SqlIdentifier ? bare.apply(key) : everywhere.apply(key);
    }
  }

  /** The merged columns of {@code join} and of the joins nested in it, each with its value. */
  private static void collect(SqlValidator validator, SqlNameMatcher matcher, SqlJoin join,
      Map<String, SqlNode> merged) {
    for (SqlNode side : List.of(join.getLeft(), join.getRight())) {
      if (side instanceof SqlJoin nested) {
        collect(validator, matcher, nested, merged);
      }
    }
    List<String> names;
    if (join.isNatural()) {
      names = SqlValidatorUtil.deriveNaturalJoinColumnList(matcher,
          rowType(validator, join.getLeft()), rowType(validator, join.getRight()));
    } else if (join.getConditionType() == JoinConditionType.USING
        && join.getCondition() instanceof SqlNodeList using) {
      names = SqlIdentifier.simpleNames(using);
    } else {
      return;
    }
    for (String name : names) {
      unique(validator, matcher, join.getLeft(), name, "left");
      unique(validator, matcher, join.getRight(), name, "right");
    }
    List<Leaf> leaves = new ArrayList<>();
    if (!leaves(validator, join, leaves)) {
      return;
    }
    for (String name : names) {
      List<SqlNode> columns = new ArrayList<>();
      for (Leaf leaf : leaves) {
        if (matcher.field(leaf.rowType(), name) != null) {
          columns.add(new SqlIdentifier(List.of(leaf.qualifier(), name), join.getParserPosition()));
        }
      }
      if (columns.size() >= 2) {
        merged.put(name, SqlStdOperatorTable.COALESCE.createCall(join.getParserPosition(), columns));
      }
    }
  }

  /**
   * Refuses a join column that one side of the join has more than once, as PostgreSQL does
   * ({@code t1 JOIN t2 USING (a) JOIN t3 USING (b)}, where {@code t1} and {@code t2} both have a
   * {@code b}): the merged column would stand for two values.
   */
  private static void unique(SqlValidator validator, SqlNameMatcher matcher, SqlNode side, String name,
      String which) {
    if (count(validator, matcher, side, name) > 1) {
      throw new io.floe.engine.api.FloeException(io.floe.engine.api.ErrorCode.AMBIGUOUS_COLUMN,
          "common column name \"" + name + "\" appears more than once in " + which + " table");
    }
  }

  /** How many columns named {@code name} {@code node} has: a column a join merges counts once. */
  private static int count(SqlValidator validator, SqlNameMatcher matcher, SqlNode node, String name) {
    if (node instanceof SqlJoin join) {
      if (merges(validator, matcher, join, name)) {
        return 1;
      }
      return count(validator, matcher, join.getLeft(), name) + count(validator, matcher, join.getRight(), name);
    }
    RelDataType rowType = rowType(validator, node);
    return rowType == null ? 0 : matcher.frequency(rowType.getFieldNames(), name);
  }

  private static boolean merges(SqlValidator validator, SqlNameMatcher matcher, SqlJoin join, String name) {
    if (join.getConditionType() == JoinConditionType.USING && join.getCondition() instanceof SqlNodeList using) {
      return SqlIdentifier.simpleNames(using).stream().anyMatch(n -> matcher.matches(n, name));
    }
    return join.isNatural() && count(validator, matcher, join.getLeft(), name) > 0
        && count(validator, matcher, join.getRight(), name) > 0;
  }

  /** The tables under {@code node}, in order; false if one has no name to qualify it with. */
  private static boolean leaves(SqlValidator validator, SqlNode node, List<Leaf> out) {
    if (node instanceof SqlJoin join) {
      return leaves(validator, join.getLeft(), out) && leaves(validator, join.getRight(), out);
    }
    String qualifier = null;
    if (node.getKind() == SqlKind.AS && ((SqlCall) node).operand(1) instanceof SqlIdentifier alias) {
      qualifier = alias.getSimple();
    } else if (node instanceof SqlIdentifier table) {
      qualifier = Util.last(table.names);
    }
    RelDataType rowType = rowType(validator, node);
    if (qualifier == null || rowType == null) {
      return false;
    }
    out.add(new Leaf(qualifier, rowType));
    return true;
  }

  private static @Nullable RelDataType rowType(SqlValidator validator, SqlNode node) {
    SqlValidatorNamespace ns = validator.getNamespace(node);
    return ns == null ? null : ns.getRowType();
  }

  /**
   * The GROUP BY list with each position ({@code GROUP BY 1}) of a select item that is a merged
   * column's bare name written as that name, which then reads as the one column it is.
   */
  private static SqlNodeList positionsWritten(SqlSelect select, Set<String> mergedNames) {
    SqlNodeList group = select.getGroup();
    SqlNodeList items = select.getSelectList();
    SqlNodeList out = new SqlNodeList(group.getParserPosition());
    for (SqlNode key : group) {
      SqlNode item = null;
      if (key instanceof org.apache.calcite.sql.SqlNumericLiteral n && n.isExact() && n.isInteger()) {
        int position = n.intValue(false);
        if (position >= 1 && position <= items.size()) {
          item = items.get(position - 1);
          item = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
        }
      }
      out.add(item instanceof SqlIdentifier id && id.isSimple() && mergedNames.contains(id.getSimple())
          ? id.clone(key.getParserPosition()) : key);
    }
    return out;
  }

  /** The names the select list gives its result columns. */
  private static Set<String> outputNames(SqlSelect select) {
    Set<String> names = new HashSet<>();
    for (SqlNode item : select.getSelectList()) {
      if (item.getKind() == SqlKind.AS) {
        names.add(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple());
      } else if (item instanceof SqlIdentifier id && !id.isStar()) {
        names.add(Util.last(id.names));
      }
    }
    return names;
  }

  /** Replaces unqualified merged columns, outside sub-queries that have tables of their own. */
  private static final class Rewriter extends SqlShuttle {
    private final SqlValidator validator;
    private final Map<String, SqlNode> merged;
    private final Set<String> keep;

    Rewriter(SqlValidator validator, Map<String, SqlNode> merged, Set<String> keep) {
      this.validator = validator;
      this.merged = merged;
      this.keep = keep;
    }

    private boolean shadows(SqlNode from) {
      RelDataType rowType = rowType(validator, from);
      SqlNameMatcher matcher = validator.getCatalogReader().nameMatcher();
      return rowType == null
          || merged.keySet().stream().anyMatch(name -> matcher.field(rowType, name) != null);
    }

    @Nullable SqlNode apply(@Nullable SqlNode node) {
      return node == null ? null : node.accept(this);
    }

    @Override public SqlNode visit(SqlIdentifier id) {
      if (!id.isSimple() || keep.contains(id.getSimple())) {
        return id;
      }
      SqlNode value = merged.get(id.getSimple());
      return value == null ? id : value.clone(id.getParserPosition());
    }

    @Override public @Nullable SqlNode visit(SqlCall call) {
      if (call instanceof SqlSelect sub) {
        // The validator knows a sub-query by its node: change it in place, unless its own
        // tables have a column of the merged column's name (then the name is theirs).
        if (sub.getFrom() == null || !shadows(sub.getFrom())) {
          SqlNodeList items = sub.getSelectList();
          for (int i = 0; i < items.size(); i++) {
            items.set(i, items.get(i).accept(this));
          }
          sub.setWhere(apply(sub.getWhere()));
          sub.setHaving(apply(sub.getHaving()));
        }
        return call;
      }
      return super.visit(call);
    }
  }
}

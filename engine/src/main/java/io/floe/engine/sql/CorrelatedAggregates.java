package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SelectScope;
import org.apache.calcite.sql.validate.SqlQualified;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorNamespace;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Gives aggregates and outer references inside sub-queries the query level SQL gives them, which
 * Calcite's validator does not.
 *
 * <ul>
 *   <li>An aggregate whose arguments name columns of an outer query only belongs to that outer
 *       query ({@code select (select sum(t.x)) from t} is one row, the sum over {@code t});
 *       Calcite computes it per outer row.
 *   <li>A column of an outer query is a constant inside an aggregating sub-query
 *       ({@code select (select min(y) + t.x from u) from t}); Calcite asks for it to be grouped.
 * </ul>
 *
 * <p>Both become standard forms Calcite plans as written: the aggregating query is split into a
 * derived table that groups and aggregates ({@code _floe_gN}) and a query over it that computes
 * the select list, HAVING (as WHERE) and ORDER BY from the derived table's columns. Outer
 * aggregates move into their own query's derived table and the sub-query reads them as an outer
 * reference. Which query a column belongs to is read from the scopes of a validator that ran over
 * a fresh copy of the statement (its validation may have failed: scopes are registered first).
 */
final class CorrelatedAggregates {
  private CorrelatedAggregates() {}

  private enum Clause { SELECT, FROM, WHERE, GROUP, HAVING, ORDER, OTHER }

  /** Where a node stands: its innermost select, the clause, and whether it sits under OVER. */
  private record Site(@Nullable SqlSelect select, Clause clause, boolean windowed) {}

  /** The selects, column references and calls of a tree, in one pre-order walk. */
  private static final class Tree {
    final List<SqlNode> order = new ArrayList<>();
    final Map<SqlNode, Site> sites = new IdentityHashMap<>();
    final Map<SqlSelect, Integer> depth = new IdentityHashMap<>();
    final List<SqlSelect> selects = new ArrayList<>();
    /**
     * The outermost FILTER, WITHIN GROUP or null treatment around a call: the aggregate moves with
     * it, and its columns tell the aggregate's query as the arguments' do.
     */
    final Map<SqlNode, SqlCall> wrapper = new IdentityHashMap<>();
    /** The call each such wrapper wraps. */
    final Map<SqlNode, SqlNode> wrapped = new IdentityHashMap<>();

    static Tree of(SqlNode root) {
      Tree tree = new Tree();
      tree.walk(root, new Site(null, Clause.OTHER, false), 0);
      return tree;
    }

    private void walk(@Nullable SqlNode node, Site site, int level) {
      if (node == null) {
        return;
      }
      order.add(node);
      sites.put(node, site);
      if (node instanceof SqlNodeList list) {
        list.forEach(item -> walk(item, site, level));
      } else if (node instanceof SqlSelect select) {
        selects.add(select);
        depth.put(select, level + 1);
        walk(select.getSelectList(), new Site(select, Clause.SELECT, false), level + 1);
        walk(select.getFrom(), new Site(select, Clause.FROM, false), level + 1);
        walk(select.getWhere(), new Site(select, Clause.WHERE, false), level + 1);
        walk(select.getGroup(), new Site(select, Clause.GROUP, false), level + 1);
        walk(select.getHaving(), new Site(select, Clause.HAVING, false), level + 1);
        walk(select.getWindowList(), new Site(select, Clause.OTHER, false), level + 1);
        walk(select.getQualify(), new Site(select, Clause.OTHER, false), level + 1);
        walk(select.getOrderList(), new Site(select, Clause.ORDER, false), level + 1);
        walk(select.getOffset(), new Site(select, Clause.OTHER, false), level + 1);
        walk(select.getFetch(), new Site(select, Clause.OTHER, false), level + 1);
      } else if (node instanceof SqlOrderBy orderBy) {
        walk(orderBy.query, site, level);
        Site sort = orderBy.query instanceof SqlSelect s
            ? new Site(s, Clause.ORDER, false) : new Site(site.select(), Clause.OTHER, false);
        walk(orderBy.orderList, sort, depthOf(sort.select(), level));
        walk(orderBy.offset, sort, depthOf(sort.select(), level));
        walk(orderBy.fetch, sort, depthOf(sort.select(), level));
      } else if (node instanceof SqlWithItem item) {
        walk(item.query, site, level);
      } else if (node instanceof SqlJoin join) {
        walk(join.getLeft(), site, level);
        walk(join.getRight(), site, level);
        walk(join.getCondition(), new Site(site.select(), Clause.OTHER, false), level);
      } else if (node instanceof SqlCall call) {
        if (call.getKind() == SqlKind.AS) {
          walk(call.operand(0), site, level); // not the alias, nor a column list
        } else if (isWrapper(call)) {
          SqlNode inner = call.operand(0);
          while (inner instanceof SqlCall c && isWrapper(c)) {
            inner = c.operand(0);
          }
          if (!wrapper.containsKey(inner)) { // pre-order: the outermost wrapper comes first
            wrapper.put(inner, call);
            wrapped.put(call, inner);
          }
          call.getOperandList().forEach(operand -> walk(operand, site, level));
        } else if (call.getKind() == SqlKind.OVER) {
          walk(call.operand(0), new Site(site.select(), site.clause(), true), level);
          walk(call.operand(1), site, level);
        } else if (!(site.clause() == Clause.FROM && call.getKind() == SqlKind.VALUES)) {
          for (SqlNode operand : call.getOperandList()) {
            walk(operand, new Site(site.select(), site.clause(), false), level);
          }
        } else {
          call.getOperandList().forEach(operand -> walk(operand, site, level));
        }
      }
    }

    private static boolean isWrapper(SqlCall call) {
      SqlKind kind = call.getKind();
      return kind == SqlKind.FILTER || kind == SqlKind.WITHIN_GROUP
          || kind == SqlKind.WITHIN_DISTINCT || kind == SqlKind.RESPECT_NULLS
          || kind == SqlKind.IGNORE_NULLS;
    }

    /** An aggregate with its FILTER, WITHIN GROUP or null treatment, if any. */
    SqlNode unit(SqlNode aggregate) {
      SqlCall around = wrapper.get(aggregate);
      return around == null ? aggregate : around;
    }

    private int depthOf(@Nullable SqlSelect select, int fallback) {
      return select == null ? fallback : depth.getOrDefault(select, fallback);
    }

    /** Column references: identifiers in a select's own clauses, FROM's table names excluded. */
    boolean isColumn(SqlNode node) {
      Site site = sites.get(node);
      return node instanceof SqlIdentifier id && !id.isStar() && site != null
          && site.select() != null && site.clause() != Clause.FROM;
    }
  }

  /** Which query each column reference and aggregate of a tree belongs to. */
  private static final class Levels {
    final Tree tree;
    /** Owner select and a key naming the column, for the column references that resolved. */
    final Map<SqlNode, SqlSelect> columnOwner = new IdentityHashMap<>();
    final Map<SqlNode, String> columnKey = new IdentityHashMap<>();
    /** Owner select of each aggregate call (not under OVER); absent where it cannot be told. */
    final Map<SqlCall, SqlSelect> aggregateOwner = new IdentityHashMap<>();
    final List<SqlCall> aggregates = new ArrayList<>();
    /** Column references whose query could not be told (USING columns, aliases, misspellings). */
    final java.util.Set<SqlNode> unresolved =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    Levels(Tree tree, SqlValidator validator) {
      this.tree = tree;
      Map<SqlValidatorNamespace, SqlSelect> owners = new IdentityHashMap<>();
      for (SqlSelect select : tree.selects) {
        SelectScope scope = validator instanceof SqlValidatorImpl impl
            ? impl.getRawSelectScope(select) : null;
        if (scope != null) {
          scope.getChildren().forEach(namespace -> owners.put(namespace, select));
        }
      }
      for (SqlNode node : tree.order) {
        if (tree.isColumn(node)) {
          resolve((SqlIdentifier) node, validator, owners);
        }
      }
      for (SqlNode node : tree.order) {
        if (node instanceof SqlCall call && isAggregate(call, validator)
            && !tree.sites.get(call).windowed()) {
          aggregates.add(call);
          SqlSelect owner = ownerOfAggregate(call);
          if (owner != null) {
            aggregateOwner.put(call, owner);
          }
        }
      }
    }

    private void resolve(SqlIdentifier id, SqlValidator validator,
        Map<SqlValidatorNamespace, SqlSelect> owners) {
      Site site = tree.sites.get(id);
      SqlSelect select = site.select();
      if (site.clause() == Clause.ORDER && id.isSimple() && isOutputName(select, id.getSimple())) {
        return; // ORDER BY an output column's name: the output column
      }
      SqlValidatorScope scope = validator instanceof SqlValidatorImpl impl
          ? impl.getRawSelectScope(select) : null;
      if (scope == null) {
        unresolved.add(id);
        return;
      }
      try {
        SqlQualified qualified = scope.fullyQualify(id);
        SqlSelect owner = qualified.namespace == null ? null : owners.get(qualified.namespace);
        if (owner == null) {
          unresolved.add(id);
          return;
        }
        columnOwner.put(id, owner);
        columnKey.put(id, System.identityHashCode(owner) + ":"
            + String.join(".", qualified.identifier.names).toLowerCase(Locale.ROOT));
      } catch (RuntimeException e) {
        unresolved.add(id); // an alias, a USING column, a misspelling: its owner is not known
      } catch (StackOverflowError e) {
        // A namespace whose validation failed has no row type, and Calcite asks for it again
        // and again (a derived table whose own select failed): its columns are not known.
        unresolved.add(id);
      }
    }

    private static boolean isOutputName(SqlSelect select, String name) {
      for (SqlNode item : select.getSelectList()) {
        String alias = item.getKind() == SqlKind.AS
            ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple()
            : item instanceof SqlIdentifier id && !id.isStar()
                ? id.names.get(id.names.size() - 1) : null;
        if (alias != null && alias.equalsIgnoreCase(name)) {
          return true;
        }
      }
      return false;
    }

    /**
     * The deepest query among the columns an aggregate's arguments, FILTER and ORDER BY name, else
     * its own query.
     */
    private @Nullable SqlSelect ownerOfAggregate(SqlCall aggregate) {
      SqlSelect own = tree.sites.get(aggregate).select();
      SqlSelect[] deepest = {null};
      boolean[] unknown = {false};
      collectColumns(tree.unit(aggregate), id -> {
        SqlSelect owner = columnOwner.get(id);
        if (owner == null) {
          unknown[0] = true;
        } else if (deepest[0] == null || tree.depth.get(owner) > tree.depth.get(deepest[0])) {
          deepest[0] = owner;
        }
      });
      if (unknown[0]) {
        return null;
      }
      return deepest[0] == null ? own : deepest[0];
    }

    /** The column references in a node, not those of sub-queries inside it. */
    void collectColumns(SqlNode node, java.util.function.Consumer<SqlIdentifier> sink) {
      if (node instanceof SqlSelect) {
        return;
      }
      if (node instanceof SqlIdentifier id) {
        if (tree.isColumn(id)) {
          sink.accept(id);
        }
      } else if (node instanceof SqlNodeList list) {
        list.forEach(item -> collectColumns(item, sink));
      } else if (node instanceof SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
          if (operand != null) {
            collectColumns(operand, sink);
          }
        }
      }
    }

    private Levels(Tree tree) {
      this.tree = tree;
    }

    /** The same levels, told of the corresponding nodes of another parse of the statement. */
    Levels mapTo(Tree target, Map<SqlNode, SqlNode> toTarget) {
      Levels mapped = new Levels(target);
      columnOwner.forEach((id, owner) ->
          mapped.columnOwner.put(toTarget.get(id), (SqlSelect) toTarget.get(owner)));
      columnKey.forEach((id, key) -> mapped.columnKey.put(toTarget.get(id), key));
      aggregateOwner.forEach((call, owner) ->
          mapped.aggregateOwner.put((SqlCall) toTarget.get(call), (SqlSelect) toTarget.get(owner)));
      aggregates.forEach(call -> mapped.aggregates.add((SqlCall) toTarget.get(call)));
      unresolved.forEach(id -> mapped.unresolved.add(toTarget.get(id)));
      return mapped;
    }

    /**
     * Whether an aggregate belongs to a query around its own. Only a query of lower depth can
     * enclose it: the validator writes {@code coalesce(a, b)} and {@code nullif(a, b)} as CASE
     * with a copy of {@code a} that shares nodes with it, so a sub-query's columns may resolve to
     * its copy, a query beside it, which is still the aggregate's own level.
     */
    boolean hasOuterAggregate() {
      for (SqlCall aggregate : aggregates) {
        SqlSelect owner = aggregateOwner.get(aggregate);
        SqlSelect own = tree.sites.get(aggregate).select();
        if (owner != null && owner != own && own != null
            && tree.depth.get(owner) < tree.depth.get(own)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean isAggregate(SqlCall call, SqlValidator validator) {
    SqlOperator operator = call.getOperator();
    if (operator.isAggregator()) {
      return true;
    }
    if (operator instanceof org.apache.calcite.sql.SqlUnresolvedFunction function) {
      List<SqlOperator> overloads = new ArrayList<>();
      validator.getOperatorTable().lookupOperatorOverloads(function.getNameAsId(),
          function.getFunctionType(), org.apache.calcite.sql.SqlSyntax.FUNCTION, overloads,
          validator.getCatalogReader().nameMatcher());
      return !overloads.isEmpty() && overloads.stream().allMatch(SqlOperator::isAggregator);
    }
    return false;
  }

  /**
   * Whether a validated statement has an aggregate that belongs to an outer query, which Calcite
   * would compute per row of the sub-query's input instead.
   */
  static boolean hasOuterAggregate(SqlNode validated, SqlValidator validator) {
    Tree tree = Tree.of(validated);
    if (tree.selects.size() < 2) {
      return false;
    }
    return new Levels(tree, validator).hasOuterAggregate();
  }

  /** Whether the statement has a sub-query, where this rewrite may help. */
  static boolean mayApply(SqlNode parsed) {
    return Tree.of(parsed).selects.size() > 1;
  }

  /**
   * Rewrites a statement so that its aggregates and outer references mean what SQL says, or
   * returns null when nothing needs it or it cannot be done (then the statement is planned as it
   * is). {@code copies} gives a fresh parse of the statement each call; {@code validators} a new
   * validator each call.
   *
   * @throws FloeException 42803 where PostgreSQL refuses the statement: a column of the query an
   *     outer aggregate belongs to, neither grouped nor aggregated
   */
  static @Nullable SqlNode rewrite(Supplier<SqlNode> copies, Supplier<SqlValidator> validators) {
    SqlNode probe = copies.get();
    SqlNode target = copies.get();
    Tree probeTree = Tree.of(probe);
    Tree targetTree = Tree.of(target);
    if (probeTree.order.size() != targetTree.order.size()) {
      return null;
    }
    Map<SqlNode, SqlNode> toTarget = new IdentityHashMap<>();
    for (int i = 0; i < probeTree.order.size(); i++) {
      SqlNode a = probeTree.order.get(i);
      SqlNode b = targetTree.order.get(i);
      if (a.getClass() != b.getClass()) {
        return null;
      }
      toTarget.put(a, b);
    }
    SqlValidator validator = validators.get();
    try {
      validator.validate(probe);
    } catch (RuntimeException e) {
      // The scopes are registered before any clause is checked; they are all that is read.
    }
    Levels levels = new Levels(probeTree, validator);
    Levels mapped = levels.mapTo(targetTree, toTarget);
    Splitter splitter = new Splitter(mapped, prefix(target));
    return splitter.run() ? target : null;
  }

  /**
   * The prefix of the names the rewrite gives: {@code _floe_}, or {@code _floeN_} where the
   * statement already has a name starting so (a table alias or column of the same name would
   * take the derived table's place).
   */
  private static String prefix(SqlNode root) {
    java.util.Set<String> names = new java.util.HashSet<>();
    findAll(root, node -> {
      if (node instanceof SqlIdentifier id) {
        id.names.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
      }
    });
    String prefix = "_floe_";
    for (int n = 1; clashes(names, prefix); n++) {
      prefix = "_floe" + n + "_";
    }
    return prefix;
  }

  private static boolean clashes(java.util.Set<String> names, String prefix) {
    return names.stream().anyMatch(name -> name.startsWith(prefix));
  }

  /** Splits each aggregating select that needs it, innermost first. */
  private static final class Splitter {
    private final Levels levels;
    private final Tree tree;
    private final String prefix;
    private int derived;

    Splitter(Levels levels, String prefix) {
      this.levels = levels;
      this.tree = levels.tree;
      this.prefix = prefix;
    }

    boolean run() {
      List<SqlSelect> split = new ArrayList<>();
      for (SqlSelect select : tree.selects) {
        if (needsSplit(select)) {
          split.add(select);
        }
      }
      if (split.isEmpty()) {
        return false;
      }
      // Innermost first: a deeper select's split moves nodes the outer one still finds by identity.
      split.sort((a, b) -> Integer.compare(tree.depth.get(b), tree.depth.get(a)));
      for (SqlSelect select : split) {
        if (!split(select)) {
          return false;
        }
      }
      return true;
    }

    private List<SqlCall> ownedAggregates(SqlSelect select) {
      List<SqlCall> owned = new ArrayList<>();
      for (SqlCall aggregate : levels.aggregates) {
        if (levels.aggregateOwner.get(aggregate) == select) {
          owned.add(aggregate);
        }
      }
      return owned;
    }

    private boolean needsSplit(SqlSelect select) {
      List<SqlCall> owned = ownedAggregates(select);
      boolean aggregating = owned.size() > 0 || select.getGroup() != null
          || select.getHaving() != null;
      if (!aggregating) {
        return false;
      }
      for (SqlCall aggregate : owned) {
        if (tree.sites.get(aggregate).select() != select) {
          return true; // an outer aggregate of this select, inside a sub-query
        }
      }
      // An outer query's column or aggregate in this aggregating select, outside its aggregates.
      boolean[] outer = {false};
      for (SqlNode clause : outputClauses(select)) {
        visitOutsideAggregates(clause, node -> {
          SqlSelect owner = node instanceof SqlCall call ? levels.aggregateOwner.get(call)
              : levels.columnOwner.get(node);
          if (owner != null && owner != select
              && tree.depth.get(owner) < tree.depth.get(select)) {
            outer[0] = true;
          }
        });
      }
      return outer[0];
    }

    /** The clauses computed from a group's row: the select list, HAVING and ORDER BY. */
    private List<SqlNode> outputClauses(SqlSelect select) {
      List<SqlNode> clauses = new ArrayList<>();
      clauses.add(select.getSelectList());
      if (select.getHaving() != null) {
        clauses.add(select.getHaving());
      }
      SqlNodeList order = orderList(select);
      if (order != null) {
        clauses.add(order);
      }
      return clauses;
    }

    private @Nullable SqlNodeList orderList(SqlSelect select) {
      if (select.getOrderList() != null) {
        return select.getOrderList();
      }
      for (Map.Entry<SqlNode, Site> e : tree.sites.entrySet()) {
        if (e.getKey() instanceof SqlOrderBy orderBy && orderBy.query == select) {
          return orderBy.orderList;
        }
      }
      return null;
    }

    /** Column references and outer aggregates, not inside this select's own aggregates. */
    private void visitOutsideAggregates(SqlNode node, java.util.function.Consumer<SqlNode> sink) {
      if (node instanceof SqlSelect) {
        return;
      }
      if (node instanceof SqlIdentifier id) {
        if (tree.isColumn(id)) {
          sink.accept(id);
        }
      } else if (node instanceof SqlNodeList list) {
        list.forEach(item -> visitOutsideAggregates(item, sink));
      } else if (node instanceof SqlCall call && levels.aggregateOwner.containsKey(call)) {
        sink.accept(call);
      } else if (node instanceof SqlCall call && tree.wrapped.get(call) instanceof SqlCall inner
          && levels.aggregateOwner.containsKey(inner)) {
        sink.accept(inner); // FILTER, WITHIN GROUP: read with the aggregate
      } else if (node instanceof SqlCall call) {
        if (call.getKind() == SqlKind.AS) {
          visitOutsideAggregates(call.operand(0), sink);
          return;
        }
        for (SqlNode operand : call.getOperandList()) {
          if (operand != null) {
            visitOutsideAggregates(operand, sink);
          }
        }
      }
    }

    /** Splits one select; false if it cannot be split (then nothing is rewritten). */
    private boolean split(SqlSelect select) {
      if (select.getWindowList() != null && select.getWindowList().size() > 0
          || select.getQualify() != null || select.getFrom() == null) {
        return false;
      }
      List<SqlCall> owned = ownedAggregates(select);
      for (SqlCall aggregate : owned) {
        String illegal = inside(aggregate, select.getWhere()) ? "WHERE"
            : inside(aggregate, select.getGroup()) ? "GROUP BY"
            : inside(aggregate, select.getFrom()) ? "FROM clause of their own query level" : null;
        if (illegal != null) {
          throw FloeException.of(ErrorCode.GROUPING_ERROR, "aggregate functions are not allowed in %s",
              illegal);
        }
        if (containsAggregate(aggregate)) {
          return false; // an aggregate inside an aggregate's arguments, FILTER or ORDER BY
        }
      }
      // Group keys, with ordinals and output names read as the select items they name.
      List<SqlNode> keys = new ArrayList<>();
      if (select.getGroup() != null) {
        for (SqlNode key : select.getGroup()) {
          if (key instanceof SqlNodeList list && list.size() == 0) {
            continue; // GROUP BY (): one group, as no GROUP BY
          }
          SqlNode resolved = groupKey(select, key);
          if (resolved == null) {
            return false;
          }
          keys.add(resolved);
        }
      }
      String alias = prefix + "g" + (++derived);
      SqlParserPos pos = SqlParserPos.ZERO;
      SqlNodeList inner = new SqlNodeList(pos);
      for (int i = 0; i < keys.size(); i++) {
        inner.add(as(copyKnown(keys.get(i)), prefix + "k" + (i + 1)));
      }
      Map<SqlNode, SqlIdentifier> aggregateColumns = new IdentityHashMap<>();
      for (int i = 0; i < owned.size(); i++) {
        String name = prefix + "a" + (i + 1);
        SqlNode unit = tree.unit(owned.get(i));
        inner.add(as(unit, name));
        aggregateColumns.put(unit, new SqlIdentifier(List.of(alias, name), pos));
      }
      if (inner.size() == 0) {
        // HAVING or GROUP BY () alone: still one group, also over no rows.
        inner.add(as(SqlStdOperatorTable.COUNT.createCall(pos, SqlIdentifier.star(pos)),
            prefix + "a0"));
      }
      // The select list, HAVING and ORDER BY read the derived table's columns.
      boolean[] leftover = {false};
      boolean[] unknown = {false};
      java.util.function.Function<SqlNode, @Nullable SqlNode> replacement = node -> {
        SqlIdentifier column = aggregateColumns.get(node);
        if (column != null) {
          return column;
        }
        SqlNode aggregate = tree.wrapped.getOrDefault(node, node);
        SqlSelect owner = aggregate instanceof SqlCall call ? levels.aggregateOwner.get(call) : null;
        if (owner != null && tree.depth.get(owner) < tree.depth.get(select)) {
          return node; // an outer query's aggregate: it moves out whole, reading its own columns
        }
        for (int i = 0; i < keys.size(); i++) {
          if (sameExpression(node, keys.get(i))) {
            return new SqlIdentifier(List.of(alias, prefix + "k" + (i + 1)), pos);
          }
        }
        if (node instanceof SqlIdentifier id && levels.columnOwner.get(id) == select) {
          leftover[0] = true;
        }
        if (levels.unresolved.contains(node)) {
          unknown[0] = true; // it might name this select's column, or another once FROM moves
        }
        return null;
      };
      SqlNodeList items = new SqlNodeList(pos);
      for (int i = 0; i < select.getSelectList().size(); i++) {
        SqlNode item = select.getSelectList().get(i);
        if (item instanceof SqlIdentifier id && id.isStar()) {
          return false;
        }
        SqlNode replaced = replace(item, replacement);
        // Keep the name the item had: a column's own, else the validator's EXPR$n.
        SqlNode name = item.getKind() == SqlKind.AS ? null
            : item instanceof SqlIdentifier id
                ? new SqlIdentifier(id.names.get(id.names.size() - 1), id.getParserPosition())
                : replaced instanceof SqlIdentifier ? new SqlIdentifier("EXPR$" + i, pos) : null;
        items.add(name == null || replaced == item ? replaced
            : SqlStdOperatorTable.AS.createCall(pos, replaced, name));
      }
      SqlNode having = select.getHaving() == null ? null : replace(select.getHaving(), replacement);
      SqlNodeList order = orderList(select);
      if (order != null) {
        for (int i = 0; i < order.size(); i++) {
          order.set(i, replace(order.get(i), replacement));
        }
      }
      if (unknown[0]) {
        return false;
      }
      if (leftover[0]) {
        SqlIdentifier first = firstLeftover(select, items, having, order);
        throw FloeException.of(ErrorCode.GROUPING_ERROR, "column \"%s\" must appear in the GROUP BY "
            + "clause or be used in an aggregate function", first == null ? "?" : first.toString());
      }
      SqlSelect grouped = new SqlSelect(pos, null, inner, select.getFrom(), select.getWhere(),
          keys.isEmpty() ? null : new SqlNodeList(keys, pos), null, null, null, null, null, null,
          null);
      select.setSelectList(items);
      select.setFrom(as(grouped, alias));
      select.setWhere(having);
      select.setGroupBy(null);
      select.setHaving(null);
      return true;
    }

    /**
     * A copy of an expression whose columns stay known: an outer query split after this one
     * finds its own columns in the copy too.
     */
    private SqlNode copyKnown(SqlNode node) {
      SqlNode copied = copy(node);
      List<SqlNode> from = new ArrayList<>();
      List<SqlNode> to = new ArrayList<>();
      findAll(node, from::add);
      findAll(copied, to::add);
      for (int i = 0; i < from.size() && i < to.size(); i++) {
        SqlNode a = from.get(i);
        SqlNode b = to.get(i);
        if (a instanceof SqlIdentifier && b instanceof SqlIdentifier) {
          if (tree.sites.containsKey(a)) {
            tree.sites.put(b, tree.sites.get(a));
          }
          if (levels.columnOwner.containsKey(a)) {
            levels.columnOwner.put(b, levels.columnOwner.get(a));
            levels.columnKey.put(b, levels.columnKey.get(a));
          }
          if (levels.unresolved.contains(a)) {
            levels.unresolved.add(b);
          }
        }
      }
      return copied;
    }

    private @Nullable SqlIdentifier firstLeftover(SqlSelect select, SqlNode... clauses) {
      SqlIdentifier[] first = {null};
      for (SqlNode clause : clauses) {
        if (clause != null) {
          findAll(clause, node -> {
            if (first[0] == null && node instanceof SqlIdentifier id
                && levels.columnOwner.get(id) == select) {
              first[0] = id;
            }
          });
        }
      }
      return first[0];
    }

    private static boolean inside(SqlNode node, @Nullable SqlNode clauseNode) {
      if (clauseNode == null) {
        return false;
      }
      boolean[] found = {false};
      findAll(clauseNode, n -> found[0] |= n == node);
      return found[0];
    }

    /** Whether another aggregate is inside an aggregate's arguments, FILTER or ORDER BY. */
    private boolean containsAggregate(SqlCall aggregate) {
      boolean[] found = {false};
      findAll(tree.unit(aggregate), n -> found[0] |= n != aggregate && n instanceof SqlCall c
          && levels.aggregates.contains(c));
      return found[0];
    }

    /** A GROUP BY item as an expression over the FROM clause, or null if it cannot be read. */
    private @Nullable SqlNode groupKey(SqlSelect select, SqlNode key) {
      if (key instanceof SqlLiteral literal && literal.getTypeName().getFamily()
          == org.apache.calcite.sql.type.SqlTypeFamily.NUMERIC) {
        int ordinal = literal.intValue(true);
        if (ordinal < 1 || ordinal > select.getSelectList().size()) {
          return null;
        }
        SqlNode item = select.getSelectList().get(ordinal - 1);
        return ownAggregateFree(select, item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0)
            : item);
      }
      // PostgreSQL's rule: a name that is no column of this select's FROM names an output column
      // of that name first, an outer query's column only after.
      if (key instanceof SqlIdentifier id && id.isSimple() && levels.columnOwner.get(id) != select) {
        for (SqlNode item : select.getSelectList()) {
          if (item.getKind() == SqlKind.AS && ((SqlIdentifier) ((SqlCall) item).operand(1))
              .getSimple().equalsIgnoreCase(id.getSimple())) {
            return ownAggregateFree(select, ((SqlCall) item).operand(0));
          }
        }
      }
      if (key instanceof SqlIdentifier id && !levels.columnOwner.containsKey(id)) {
        return null;
      }
      boolean[] bad = {false};
      findAll(key, n -> bad[0] |= n instanceof SqlSelect
          || n instanceof SqlCall c && (c.getKind() == SqlKind.ROLLUP || c.getKind() == SqlKind.CUBE
              || c.getKind() == SqlKind.GROUPING_SETS || levels.aggregateOwner.containsKey(c))
          || n instanceof SqlIdentifier i && tree.isColumn(i) && levels.columnOwner.get(i) == null);
      return bad[0] ? null : key;
    }

    /** A select item a GROUP BY ordinal or alias names, refused if it has this select's aggregate. */
    private SqlNode ownAggregateFree(SqlSelect select, SqlNode item) {
      findAll(item, n -> {
        if (n instanceof SqlCall c && levels.aggregateOwner.get(c) == select) {
          throw FloeException.of(ErrorCode.GROUPING_ERROR,
              "aggregate functions are not allowed in GROUP BY");
        }
      });
      return item;
    }

    /** Two expressions that compute the same value: same calls, same columns, same literals. */
    private boolean sameExpression(SqlNode a, SqlNode b) {
      if (a instanceof SqlIdentifier x && b instanceof SqlIdentifier y) {
        String kx = levels.columnKey.get(x);
        return kx != null && kx.equals(levels.columnKey.get(y));
      }
      if (a instanceof SqlCall x && b instanceof SqlCall y && !(a instanceof SqlSelect)) {
        if (!x.getOperator().getName().equalsIgnoreCase(y.getOperator().getName())
            || x.getKind() != y.getKind()
            || x.getOperandList().size() != y.getOperandList().size()
            || x.getFunctionQuantifier() != null || y.getFunctionQuantifier() != null) {
          return false;
        }
        for (int i = 0; i < x.getOperandList().size(); i++) {
          SqlNode p = x.getOperandList().get(i);
          SqlNode q = y.getOperandList().get(i);
          if (p == null ? q != null : q == null || !sameExpression(p, q)) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof SqlNodeList x && b instanceof SqlNodeList y) { // CASE's WHEN and THEN
        if (x.size() != y.size()) {
          return false;
        }
        for (int i = 0; i < x.size(); i++) {
          SqlNode p = x.get(i);
          SqlNode q = y.get(i);
          if (p == null ? q != null : q == null || !sameExpression(p, q)) {
            return false;
          }
        }
        return true;
      }
      if (a instanceof SqlNodeList || b instanceof SqlNodeList || a instanceof SqlSelect) {
        return false;
      }
      return !(a instanceof SqlIdentifier) && !(b instanceof SqlIdentifier)
          && a.equalsDeep(b, org.apache.calcite.util.Litmus.IGNORE);
    }
  }

  /** Replaces nodes where {@code f} gives a replacement, in place below, returning the root. */
  private static SqlNode replace(SqlNode node,
      java.util.function.Function<SqlNode, @Nullable SqlNode> f) {
    SqlNode direct = f.apply(node);
    if (direct != null) {
      return direct;
    }
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode item = list.get(i);
        if (item != null) {
          SqlNode replaced = replace(item, f);
          if (replaced != item) {
            list.set(i, replaced);
          }
        }
      }
    } else if (node instanceof SqlOrderBy orderBy) {
      replace(orderBy.query, f);
      replace(orderBy.orderList, f);
    } else if (node instanceof SqlCall call) {
      // A sub-query too, FROM included (a derived table there may be correlated); not an alias.
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        if (operand != null && !(call.getKind() == SqlKind.AS && i > 0)) {
          SqlNode replaced = replace(operand, f);
          if (replaced != operand) {
            call.setOperand(i, replaced);
          }
        }
      }
    }
    return node;
  }

  private static void findAll(SqlNode node, java.util.function.Consumer<SqlNode> sink) {
    sink.accept(node);
    if (node instanceof SqlNodeList list) {
      list.forEach(item -> {
        if (item != null) {
          findAll(item, sink);
        }
      });
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          findAll(operand, sink);
        }
      }
    }
  }

  /** A deep copy of an expression (no sub-queries in it). */
  private static SqlNode copy(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.clone(id.getParserPosition());
    }
    if (node instanceof SqlNodeList list) {
      SqlNodeList copied = new SqlNodeList(list.getParserPosition());
      list.forEach(item -> copied.add(item == null ? null : copy(item)));
      return copied;
    }
    if (node instanceof SqlCall call) {
      List<SqlNode> operands = new ArrayList<>();
      call.getOperandList().forEach(o -> operands.add(o == null ? null : copy(o)));
      return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
          operands.toArray(new SqlNode[0]));
    }
    return node; // literals and type names do not change
  }

  private static SqlNode as(SqlNode node, String alias) {
    return SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, node,
        new SqlIdentifier(alias, SqlParserPos.ZERO));
  }
}

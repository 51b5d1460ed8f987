package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A sub-query may give a FROM item an alias that a query around it already uses: in
 * {@code SELECT * FROM (SELECT 42) t(i) WHERE i IN (SELECT k FROM (SELECT 42) t(k) WHERE k = i)}
 * the inner {@code t} hides the outer one for names qualified by {@code t}, and the unqualified
 * {@code i} is still the outer table's column (PostgreSQL and DuckDB agree). Calcite's validator
 * writes {@code i} as {@code t.i} and then looks {@code t} up again, finds the inner table, which
 * has no {@code i}, and fails (42703).
 *
 * <p>{@link #apply} renames each such inner alias, before validation, to a name no query uses,
 * and so every name qualified by it within its query; a table that goes by its own name gets the
 * new name as an alias (unless a column is named by schema and table, {@code b.t.x}, which an
 * alias would hide). {@link #written} gives a renamed alias back in messages. Aliases are compared
 * ignoring case, so a rename may happen where quoting kept two names apart; a rename changes no
 * answer.
 */
final class ShadowedAliases {
  /** What a renamed alias gets after its name. */
  private static final String MARK = "$floe";
  private static final Pattern RENAMED = Pattern.compile(Pattern.quote(MARK) + "\\d+");

  private ShadowedAliases() {}

  /** The names the FROM clause of one SELECT gives its items, as the statement wrote them. */
  private record Scope(@Nullable Scope parent, Map<String, String> aliases) {
    boolean sees(String alias) {
      for (Scope s = this; s != null; s = s.parent) {
        if (s.aliases.containsKey(key(alias))) {
          return true;
        }
      }
      return false;
    }

    /** The name the alias visible here now has. */
    @Nullable String renamed(String alias) {
      for (Scope s = this; s != null; s = s.parent) {
        String name = s.aliases.get(key(alias));
        if (name != null) {
          return name;
        }
      }
      return null;
    }
  }

  /** Renames the shadowing aliases of {@code node} in place; returns it. */
  static SqlNode apply(SqlNode node) {
    new ShadowedAliases.Walk().statement(node);
    return node;
  }

  /** {@code name} as the statement wrote it, without the mark of a renamed alias. */
  static String written(String name) {
    return RENAMED.matcher(name).replaceAll("");
  }

  /** Whether a name of three or more parts is used other than as a table in a FROM clause. */
  private static boolean hasLongNames(SqlNode node) {
    java.util.Set<SqlNode> tables =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    boolean[] found = {false};
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          fromTables(select.getFrom(), tables);
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlIdentifier id) {
        if (id.names.size() > 2 && !tables.contains(id)) {
          found[0] = true;
        }
        return null;
      }
    });
    return found[0];
  }

  private static void fromTables(@Nullable SqlNode from, java.util.Set<SqlNode> tables) {
    if (from instanceof SqlIdentifier) {
      tables.add(from);
    } else if (from instanceof SqlJoin join) {
      fromTables(join.getLeft(), tables);
      fromTables(join.getRight(), tables);
    } else if (from != null && from.getKind() == SqlKind.AS) {
      fromTables(((SqlCall) from).operand(0), tables);
    }
  }

  /** Gives {@code id} another first name, in place, keeping its positions for messages. */
  private static void rename(SqlIdentifier id, String first) {
    List<String> names = new ArrayList<>(id.names);
    names.set(0, first);
    List<SqlParserPos> positions = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      positions.add(id.getComponentParserPosition(i));
    }
    id.setNames(names, positions);
  }

  private static String key(String alias) {
    return alias.toLowerCase(Locale.ROOT);
  }

  private static final class Walk {
    private int renames;
    /**
     * Whether the statement qualifies a column by schema and table ({@code b.t.x}): a table
     * given an alias could no longer be named so, so one without is never renamed.
     */
    private boolean longNames;

    void statement(SqlNode node) {
      longNames = hasLongNames(node);
      if (node instanceof SqlExplain e) {
        statement(e.getExplicandum());
      } else if (node instanceof SqlInsert insert) {
        query(insert.getSource(), null);
      } else if (node.getKind().belongsTo(SqlKind.QUERY)) {
        query(node, null);
      }
    }

    /** Walks a query whose outer queries' aliases are {@code outer}; a SELECT's scope, or null. */
    @Nullable Scope query(@Nullable SqlNode node, @Nullable Scope outer) {
      if (node == null) {
        return null;
      }
      if (node instanceof SqlSelect select) {
        return select(select, outer);
      }
      if (node instanceof SqlOrderBy order) {
        Scope inner = query(order.query, outer);
        expression(order.orderList, inner == null ? outer : inner);
        expression(order.offset, outer);
        expression(order.fetch, outer);
        return null;
      }
      if (node instanceof SqlWith with) {
        for (SqlNode item : with.withList) {
          query(((SqlWithItem) item).query, outer);
        }
        query(with.body, outer);
        return null;
      }
      if (node.getKind().belongsTo(SqlKind.SET_QUERY)) {
        for (SqlNode operand : ((SqlCall) node).getOperandList()) {
          query(operand, outer);
        }
        return null;
      }
      expression(node, outer); // VALUES, or anything else that holds expressions
      return null;
    }

    private Scope select(SqlSelect select, @Nullable Scope outer) {
      Scope here = new Scope(outer, new HashMap<>());
      select.setFrom(name(select.getFrom(), outer, here));
      from(select.getFrom(), outer, here, false);
      expression(select.getSelectList(), here);
      expression(select.getWhere(), here);
      expression(select.getGroup(), here);
      expression(select.getHaving(), here);
      expression(select.getQualify(), here);
      expression(select.getWindowList(), here);
      expression(select.getOrderList(), here);
      expression(select.getOffset(), outer);
      expression(select.getFetch(), outer);
      return here;
    }

    /**
     * Records the aliases of a FROM clause in {@code here}, renaming those {@code outer} sees;
     * returns the clause, where a table named without an alias may have got one.
     */
    private @Nullable SqlNode name(@Nullable SqlNode from, @Nullable Scope outer, Scope here) {
      if (from == null) {
        return null;
      }
      switch (from.getKind()) {
      case JOIN: {
        SqlJoin join = (SqlJoin) from;
        join.setLeft(requireNonNull(name(join.getLeft(), outer, here)));
        join.setRight(requireNonNull(name(join.getRight(), outer, here)));
        return join;
      }
      case AS: {
        SqlCall as = (SqlCall) from;
        SqlIdentifier alias = (SqlIdentifier) as.operand(1);
        String written = alias.getSimple();
        String now = written;
        if (outer != null && outer.sees(written)) {
          now = written + MARK + ++renames;
          rename(alias, now);
        }
        here.aliases.put(key(written), now);
        return from;
      }
      case IDENTIFIER: {
        SqlIdentifier table = (SqlIdentifier) from;
        String written = Util.last(table.names);
        if (outer == null || !outer.sees(written) || longNames) {
          here.aliases.put(key(written), written);
          return from;
        }
        // Named by the table's own name: given that name, renamed, as an alias.
        String now = written + MARK + ++renames;
        here.aliases.put(key(written), now);
        SqlParserPos pos = table.getParserPosition();
        return SqlStdOperatorTable.AS.createCall(pos, table, new SqlIdentifier(now, pos));
      }
      default:
        // Without an alias (a sub-query, a table function): nothing a name can be qualified by.
        return from;
      }
    }

    /**
     * Walks the items and conditions of a FROM clause: a derived table sees only the outer
     * queries' aliases, a LATERAL one and a table function the clause's own as well.
     */
    private void from(@Nullable SqlNode from, @Nullable Scope outer, Scope here, boolean lateral) {
      if (from == null) {
        return;
      }
      switch (from.getKind()) {
      case JOIN: {
        SqlJoin join = (SqlJoin) from;
        from(join.getLeft(), outer, here, false);
        from(join.getRight(), outer, here, false);
        expression(join.getCondition(), here);
        return;
      }
      case AS:
        from(((SqlCall) from).operand(0), outer, here, lateral);
        return;
      case LATERAL:
        from(((SqlCall) from).operand(0), outer, here, true);
        return;
      case IDENTIFIER:
        return;
      case COLLECTION_TABLE:
      case UNNEST:
        expression(from, here);
        return;
      default:
        query(from, lateral ? here : outer);
      }
    }

    /** Renames the qualified names of {@code node}, walking into its sub-queries. */
    private void expression(@Nullable SqlNode node, @Nullable Scope scope) {
      if (node == null) {
        return;
      }
      if (node instanceof SqlIdentifier id) {
        if (scope != null && id.names.size() > 1) {
          String now = scope.renamed(id.names.get(0));
          if (now != null && !now.equals(id.names.get(0))) {
            rename(id, now);
          }
        }
      } else if (node instanceof SqlNodeList list) {
        for (SqlNode item : list) {
          expression(item, scope);
        }
      } else if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith
          || node.getKind().belongsTo(SqlKind.SET_QUERY)) {
        query(node, scope);
      } else if (node instanceof SqlCall call) {
        for (SqlNode operand : call.getOperandList()) {
          expression(operand, scope);
        }
      }
    }
  }
}

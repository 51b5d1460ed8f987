package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWithinGroupOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Optionality;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code ORDER BY} among an aggregate's arguments ({@code string_agg(s, ',' ORDER BY id)},
 * {@code mode(v ORDER BY ord)}, {@code count(x ORDER BY y)}), as PostgreSQL and DuckDB take it
 * for every aggregate. Calcite's parser takes it only for a few aggregates, and its validator
 * only where an aggregate declares that it may be ordered; it takes every aggregate followed by
 * {@code WITHIN GROUP (ORDER BY ...)}. So it takes three steps:
 * <ol>
 *   <li>{@link #rewrite} rewrites the text before Calcite parses it, on {@link SqlLexer} tokens:
 *   {@code agg(args ORDER BY keys)} becomes {@code agg(args) WITHIN GROUP (ORDER BY floe$ord,
 *   keys)}, the first key marking the call as one that had its ORDER BY among its arguments.</li>
 *   <li>{@link #apply} turns the marked calls into {@link #ORDERED_ARGUMENTS} calls, or drops the
 *   ordering where no answer depends on it ({@code count}, {@code min}, {@code max}, ...); it
 *   refuses the marked calls of window functions, as PostgreSQL does, and reads PostgreSQL's
 *   ordered-set {@code mode() WITHIN GROUP (ORDER BY x)} as {@code mode(x)} in that order. Sort
 *   keys without NULLS FIRST or LAST get NULLS LAST, as Floe sorts everywhere.</li>
 *   <li>The validator takes the ordering of {@link #ORDERED_ARGUMENTS} calls for any aggregate
 *   ({@link #orderForValidation}); a {@code WITHIN GROUP} the user wrote stays refused for an
 *   aggregate that is not an ordered-set one ({@code sum(x) WITHIN GROUP (ORDER BY y)}), as in
 *   PostgreSQL.</li>
 * </ol>
 * The DuckDB dialect writes the ordering back among the arguments, where DuckDB reads it.
 */
final class OrderedAggregates {
  /** The marker key: no column's name. */
  static final String MARKER = "floe$ord";

  /** {@code WITHIN GROUP} of an aggregate whose ORDER BY was written among its arguments. */
  static final SqlOperator ORDERED_ARGUMENTS = new SqlWithinGroupOperator();

  /** Aggregates whose answer no order of their input changes: their ORDER BY is dropped. */
  private static final Set<String> ORDER_INSENSITIVE = Set.of("count", "min", "max", "bool_and",
      "bool_or", "every", "bit_and", "bit_or", "bit_xor", "approx_count_distinct");

  /** Words before a parenthesis that make it no function call's argument list. */
  private static final Set<String> NOT_A_FUNCTION = Set.of("over", "as", "group", "in", "exists",
      "any", "all", "some", "array", "lateral", "from", "join", "using", "values", "on", "where",
      "and", "or", "not", "select", "with", "window", "by", "having", "qualify", "then", "else",
      "when", "case", "is", "like", "ilike", "union", "intersect", "except", "table", "into",
      "match_recognize", "limit", "offset", "fetch", "filter", "recursive");

  /** Words that start a query: an ORDER BY in parentheses that start so is the query's. */
  private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values", "table", "from");

  private OrderedAggregates() {}

  /** The text with {@code agg(args ORDER BY keys)} as a marked {@code WITHIN GROUP}. */
  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("order")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    int[] closing = closingParentheses(tokens);
    StringBuilder out = new StringBuilder(sql.length() + 32);
    boolean changed = append(tokens, closing, 0, tokens.size(), out);
    return changed ? out.toString() : sql;
  }

  /** For each opening parenthesis, the index of the one that closes it (-1 if none). */
  private static int[] closingParentheses(List<SqlLexer.Token> tokens) {
    int[] closing = new int[tokens.size()];
    java.util.Arrays.fill(closing, -1);
    Deque<Integer> open = new ArrayDeque<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).isSymbol("(")) {
        open.push(i);
      } else if (tokens.get(i).isSymbol(")") && !open.isEmpty()) {
        closing[open.pop()] = i;
      }
    }
    return closing;
  }

  /** Appends tokens {@code [from, to)}, rewritten; true if anything was. */
  private static boolean append(List<SqlLexer.Token> tokens, int[] closing, int from, int to,
      StringBuilder out) {
    boolean changed = false;
    for (int i = from; i < to; i++) {
      SqlLexer.Token t = tokens.get(i);
      int end = t.isSymbol("(") ? closing[i] : -1;
      if (end < 0 || end >= to) {
        out.append(t.text());
        continue;
      }
      int order = isArgumentList(tokens, i) ? orderByAt(tokens, closing, i + 1, end) : -1;
      out.append('(');
      if (order < 0) {
        changed |= append(tokens, closing, i + 1, end, out);
        out.append(')');
      } else {
        int by = SqlLexer.nextSignificant(tokens, order + 1);
        append(tokens, closing, i + 1, order, out);
        out.append(") WITHIN GROUP (ORDER BY ").append(MARKER).append(',');
        append(tokens, closing, by + 1, end, out);
        out.append(')');
        changed = true;
      }
      i = end;
    }
    return changed;
  }

  /** Whether the parenthesis at {@code open} follows a function's name. */
  private static boolean isArgumentList(List<SqlLexer.Token> tokens, int open) {
    int k = open - 1;
    while (k >= 0 && tokens.get(k).isBlank()) {
      k--;
    }
    if (k < 0 || !tokens.get(k).isIdentifier()) {
      return false;
    }
    SqlLexer.Token name = tokens.get(k);
    return name.type() == SqlLexer.Type.QUOTED
        || !NOT_A_FUNCTION.contains(name.text().toLowerCase(Locale.ROOT));
  }

  /**
   * The index of {@code ORDER} of an {@code ORDER BY} directly inside the parentheses
   * {@code (from - 1, end)}, or -1; none in parentheses that hold a query.
   */
  private static int orderByAt(List<SqlLexer.Token> tokens, int[] closing, int from, int end) {
    int first = SqlLexer.nextSignificant(tokens, from);
    if (first < 0 || first >= end || QUERY_STARTS.contains(tokens.get(first).identifier())
        && tokens.get(first).type() == SqlLexer.Type.WORD) {
      return -1;
    }
    for (int k = first; k < end; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(") && closing[k] > 0) {
        k = closing[k];
      } else if (t.is("order")) {
        int by = SqlLexer.nextSignificant(tokens, k + 1);
        if (by > 0 && by < end && tokens.get(by).is("by")) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * The parse tree with the marked calls as {@link #ORDERED_ARGUMENTS} calls (or without their
   * ordering), and PostgreSQL's {@code mode() WITHIN GROUP (ORDER BY x)} as {@code mode(x)}
   * ordered so (DuckDB breaks ties by that order).
   */
  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new Shuttle());
    return rewritten == null ? node : rewritten;
  }

  private static final class Shuttle extends SqlShuttle {
    @Override public @Nullable SqlNode visit(SqlCall call) {
      if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlCall windowed
          && hasMarkedOrder(windowed)) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "aggregate ORDER BY is not implemented "
            + "for window functions", "Order the window instead: OVER (ORDER BY ...).", null);
      }
      SqlCall visited = (SqlCall) super.visit(call);
      SqlCall current = visited == null ? call : visited;
      if (current.getKind() != SqlKind.WITHIN_GROUP || current.getOperator() == ORDERED_ARGUMENTS
          || !(current.operand(0) instanceof SqlCall aggregate)
          || !(current.operand(1) instanceof SqlNodeList keys) || keys.isEmpty()) {
        return current;
      }
      String name = aggregate.getOperator().getName().toLowerCase(Locale.ROOT);
      if (isMarker(keys.get(0))) {
        if (ORDER_INSENSITIVE.contains(name)) {
          return aggregate;
        }
        return ORDERED_ARGUMENTS.createCall(current.getParserPosition(), aggregate,
            nullsLast(keys.getList().subList(1, keys.size()), keys.getParserPosition()));
      }
      if (name.equals("mode") && aggregate.operandCount() == 0 && keys.size() == 1) {
        SqlNode key = keys.get(0);
        while (key instanceof SqlCall c && (c.getKind() == SqlKind.DESCENDING
            || c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
          key = c.operand(0);
        }
        SqlCall mode = aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(),
            aggregate.getParserPosition(), key);
        return ORDERED_ARGUMENTS.createCall(current.getParserPosition(), mode,
            nullsLast(keys.getList(), keys.getParserPosition()));
      }
      if (!name.equals("percentile_cont") && !name.equals("percentile_disc")) {
        // listagg(x, s) WITHIN GROUP (ORDER BY y DESC): NULLs last here too.
        current.setOperand(1, nullsLast(keys.getList(), keys.getParserPosition()));
      }
      return current;
    }
  }

  /**
   * Sort keys with NULLs last where they do not say otherwise, as Floe sorts (Calcite would sort
   * them first in a descending order among an aggregate's arguments).
   */
  private static SqlNodeList nullsLast(List<SqlNode> keys, SqlParserPos pos) {
    SqlNodeList list = new SqlNodeList(pos);
    for (SqlNode key : keys) {
      boolean explicit = key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST;
      list.add(explicit ? key : SqlStdOperatorTable.NULLS_LAST.createCall(key.getParserPosition(), key));
    }
    return list;
  }

  /** Whether a window's function, under FILTER or a null treatment, is a marked call. */
  private static boolean hasMarkedOrder(SqlCall call) {
    SqlCall c = call;
    while (c.getKind() == SqlKind.FILTER || c.getKind() == SqlKind.RESPECT_NULLS
        || c.getKind() == SqlKind.IGNORE_NULLS || c.getKind() == SqlKind.WITHIN_DISTINCT) {
      if (!(c.operand(0) instanceof SqlCall inner)) {
        return false;
      }
      c = inner;
    }
    return c.getKind() == SqlKind.WITHIN_GROUP && c.operand(1) instanceof SqlNodeList keys
        && !keys.isEmpty() && isMarker(keys.get(0));
  }

  private static boolean isMarker(SqlNode key) {
    return key instanceof SqlIdentifier id && id.isSimple() && id.getSimple().equalsIgnoreCase(MARKER);
  }

  /**
   * The order list of an {@link #ORDERED_ARGUMENTS} call that {@code call} is (or holds under
   * FILTER or WITHIN DISTINCT), or null: the list the validator then checks the aggregate with.
   */
  static @Nullable SqlNodeList orderedArgumentList(SqlCall call) {
    SqlCall c = call;
    while (c.getKind() == SqlKind.FILTER || c.getKind() == SqlKind.WITHIN_DISTINCT) {
      if (!(c.operand(0) instanceof SqlCall inner)) {
        return null;
      }
      c = inner;
    }
    return c.getOperator() == ORDERED_ARGUMENTS && c.operand(1) instanceof SqlNodeList keys ? keys : null;
  }

  /**
   * The order list the validator should check an aggregate's call against: none for an aggregate
   * that forbids ordering when the ORDER BY was among its arguments (every aggregate takes it
   * there); the list itself otherwise. A {@code WITHIN GROUP} written for an aggregate that is no
   * ordered-set one is refused as PostgreSQL refuses it.
   */
  static @Nullable SqlNodeList orderForValidation(SqlCall aggregate, @Nullable SqlNodeList order,
      Set<SqlNodeList> orderedArguments) {
    if (order == null || order.isEmpty()
        || !(aggregate.getOperator() instanceof org.apache.calcite.sql.SqlAggFunction function)
        || function.requiresGroupOrder() != Optionality.FORBIDDEN) {
      return order;
    }
    if (orderedArguments.contains(order)) {
      return null;
    }
    throw new FloeException(ErrorCode.WRONG_OBJECT_TYPE, String.format(Locale.ROOT,
        "%s is not an ordered-set aggregate, so it cannot have WITHIN GROUP",
        function.getName().toLowerCase(Locale.ROOT)),
        "Write the ORDER BY among the arguments: " + function.getName().toLowerCase(Locale.ROOT)
            + "(x ORDER BY y).", null);
  }
}

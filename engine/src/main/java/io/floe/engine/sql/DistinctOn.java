package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.AggregatingScope;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * PostgreSQL's {@code SELECT DISTINCT ON (expr, ...)}: of the rows with equal values of the
 * expressions, only the first in ORDER BY order. Calcite's parser has no such clause, and no
 * relational operator keeps "the first row" of a group, so the clause becomes the standard
 * {@code QUALIFY ROW_NUMBER() OVER (PARTITION BY expr, ... ORDER BY <the ORDER BY keys>) = 1}.
 * QUALIFY filters after the select list is computed and before ORDER BY, LIMIT and OFFSET, as
 * DISTINCT ON does; the select list stays as written, so the result's columns keep their names
 * and nothing computed for the window reaches the result. As in DuckDB, ORDER BY keys need not
 * start with the DISTINCT ON expressions: the first row by the ORDER BY is kept.
 *
 * <p>It takes three steps, because an expression may be an ordinal ({@code DISTINCT ON (1)}),
 * which names a column of the result only once {@code *} has been expanded:
 * <ol>
 *   <li>{@link #mark} rewrites the text before Calcite parses it: {@code DISTINCT ON (a, b)}
 *   becomes a call {@code floe$don(a, b)} in front of the select list. It works on {@link
 *   SqlLexer} tokens (literals, quoted names and comments are left alone) and keeps every other
 *   token where it was, so positions in later syntax errors still point into the statement.</li>
 *   <li>{@link #apply} moves that call out of the select list into the select's QUALIFY clause,
 *   before anything reads the result's column names.</li>
 *   <li>{@link #qualify}, called by the validator when it reaches the QUALIFY clause (the FROM
 *   clause is known then), replaces the call by the row-number condition: an ordinal becomes the
 *   select item it names, written with qualified column names; a name resolves as in ORDER BY, to
 *   a select item's alias first, then to a column of the FROM clause.</li>
 * </ol>
 */
final class DistinctOn {
  /** The marker's name: as long as {@code DISTINCT}, and no function's name. */
  static final String MARKER = "floe$don";
  /** Reserved words a select list cannot start with. */
  private static final Set<String> NOT_AN_ITEM = Set.of("from", "where", "group", "having",
      "window", "order", "limit", "offset", "fetch", "union", "intersect", "except");

  private DistinctOn() {}

  /** {@code sql} with each {@code DISTINCT ON (...)} as a call to {@link #MARKER}. */
  static String mark(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("distinct")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    Map<Integer, String> replaced = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).is("select")) {
        continue;
      }
      int distinct = SqlLexer.nextSignificant(tokens, i + 1);
      int on = distinct < 0 ? -1 : SqlLexer.nextSignificant(tokens, distinct + 1);
      if (on < 0 || !tokens.get(distinct).is("distinct") || !tokens.get(on).is("on")) {
        continue;
      }
      int open = SqlLexer.nextSignificant(tokens, on + 1);
      if (open < 0 || !tokens.get(open).isSymbol("(")) {
        throw SqlErrors.syntax(sql, open < 0 ? null : tokens.get(open));
      }
      replaced.put(distinct, MARKER);
      replaced.put(on, " ".repeat(tokens.get(on).text().length()));
      int close = closing(tokens, open);
      if (close < 0) {
        continue; // the parser reports where the list went wrong
      }
      if (SqlLexer.nextSignificant(tokens, open + 1) == close) {
        throw SqlErrors.syntax(sql, tokens.get(close));
      }
      int item = SqlLexer.nextSignificant(tokens, close + 1);
      if (item < 0 || tokens.get(item).isSymbol(",") || tokens.get(item).isSymbol(")")
          || tokens.get(item).isSymbol(";") || (tokens.get(item).type() == SqlLexer.Type.WORD
          && NOT_AN_ITEM.contains(tokens.get(item).text().toLowerCase(Locale.ROOT)))) {
        throw SqlErrors.syntax(sql, item < 0 ? null : tokens.get(item));
      }
      // A comma ends the marker's call; it takes the place of a blank after it if there is one.
      replaced.put(close, "),");
      SqlLexer.Token after = tokens.get(close + 1);
      if (after.type() == SqlLexer.Type.SPACE
          && (after.text().charAt(0) == ' ' || after.text().charAt(0) == '\t')) {
        replaced.put(close + 1, after.text().substring(1));
      }
    }
    if (replaced.isEmpty()) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 1);
    for (int i = 0; i < tokens.size(); i++) {
      out.append(replaced.getOrDefault(i, tokens.get(i).text()));
    }
    return out.toString();
  }

  /**
   * Moves each marker {@link #mark} left at the head of a select list into that select's QUALIFY
   * clause, in place. Refuses expressions that cannot be DISTINCT ON keys.
   */
  static SqlNode apply(SqlNode parsed) {
    SqlNode node = parsed.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlNode visited = super.visit(call);
        SqlNode wrapped = null;
        if (visited instanceof SqlOrderBy ob && ob.query instanceof SqlSelect select) {
          wrapped = overWindows(select, ob.orderList, ob.offset, ob.fetch);
        } else if (visited instanceof SqlSelect select) {
          wrapped = overWindows(select, select.getOrderList(), select.getOffset(), select.getFetch());
        }
        return wrapped != null ? wrapped : visited;
      }
    });
    node.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          move(select);
        }
        return super.visit(call);
      }
    });
    return node;
  }

  /** The alias of {@link #overWindows}'s inner query. */
  private static final String INNER = "floe$distinct_on";

  /**
   * A DISTINCT ON whose keys or ORDER BY keys are select items that compute a window function
   * (directly, or in a sub-query, whose own DISTINCT ON is one too): PostgreSQL computes window
   * functions before DISTINCT ON, so the select becomes a query over its own result, {@code SELECT
   * DISTINCT ON (n, ...) * FROM (SELECT items FROM ...) ORDER BY m, ...}, keys and sort keys as
   * positions of the inner query's columns, which hold no window function in the outer query.
   * Null where the select needs no such wrapping, or where a key is no select item (then {@link
   * #rejectWindows} explains what is not supported).
   */
  private static @Nullable SqlNode overWindows(SqlSelect select, @Nullable SqlNodeList orderList,
      @Nullable SqlNode offset, @Nullable SqlNode fetch) {
    SqlNodeList items = select.getSelectList();
    if (items.isEmpty() || !isMarker(items.get(0)) || select.getQualify() != null) {
      return null;
    }
    List<SqlNode> outputs = items.subList(1, items.size());
    if (outputs.stream().anyMatch(i -> i instanceof SqlIdentifier id && id.isStar())) {
      return null;
    }
    SqlCall marker = (SqlCall) items.get(0);
    boolean windows = false;
    SqlParserPos pos = select.getParserPosition();
    List<SqlNode> keys = new java.util.ArrayList<>();
    for (SqlNode key : marker.getOperandList()) {
      int position = position(outputs, key);
      if (position < 0) {
        return null;
      }
      windows |= computesWindow(outputs.get(position - 1));
      keys.add(SqlLiteral.createExactNumeric(Integer.toString(position), key.getParserPosition()));
    }
    SqlNodeList order = orderList == null ? null : new SqlNodeList(orderList.getParserPosition());
    for (SqlNode key : orderList == null ? List.<SqlNode>of() : orderList) {
      SqlNode bare = sortExpression(key);
      int position = position(outputs, bare);
      if (position < 0) {
        return null;
      }
      windows |= computesWindow(outputs.get(position - 1));
      order.add(replaceSortExpression(key,
          SqlLiteral.createExactNumeric(Integer.toString(position), bare.getParserPosition())));
    }
    if (!windows) {
      return null;
    }
    SqlSelect inner = new SqlSelect(pos, null, new SqlNodeList(outputs, items.getParserPosition()),
        select.getFrom(), select.getWhere(), select.getGroup(), select.getHaving(),
        select.getWindowList(), null, null, null, null, select.getHints());
    SqlNodeList outerItems = new SqlNodeList(pos);
    outerItems.add(marker.getOperator().createCall(marker.getParserPosition(), keys));
    outerItems.add(SqlIdentifier.star(pos));
    SqlSelect outer = new SqlSelect(pos, null, outerItems,
        SqlStdOperatorTable.AS.createCall(pos, inner, new SqlIdentifier(INNER, pos)),
        null, null, null, null, null, null, null, null, null);
    if ((order == null || order.isEmpty()) && offset == null && fetch == null) {
      return outer;
    }
    return new SqlOrderBy(pos, outer, order == null ? SqlNodeList.EMPTY : order, offset, fetch);
  }

  /** The 1-based position of the select item {@code key} names (a position or an alias), or -1. */
  private static int position(List<SqlNode> outputs, SqlNode key) {
    if (key instanceof SqlNumericLiteral n && n.isInteger()) {
      int position = n.intValue(true);
      return position >= 1 && position <= outputs.size() ? position : -1;
    }
    if (key instanceof SqlIdentifier id && id.isSimple()) {
      for (int i = 0; i < outputs.size(); i++) {
        SqlNode item = outputs.get(i);
        String name = item.getKind() == SqlKind.AS
            ? ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple()
            : item instanceof SqlIdentifier column ? Util.last(column.names) : null;
        if (id.getSimple().equals(name)) {
          return i + 1;
        }
      }
    }
    return -1;
  }

  /** Whether {@code item} computes a window function, also inside a sub-query. */
  private static boolean computesWindow(SqlNode item) {
    boolean[] found = {false};
    item.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.OVER || isMarker(call)) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  /** {@code key} with its sort expression (inside DESC and NULLS FIRST/LAST) replaced. */
  private static SqlNode replaceSortExpression(SqlNode key, SqlNode expression) {
    if (key instanceof SqlCall call && (key.getKind() == SqlKind.DESCENDING
        || key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST)) {
      return call.getOperator().createCall(call.getParserPosition(),
          replaceSortExpression(call.operand(0), expression));
    }
    return expression;
  }

  private static void move(SqlSelect select) {
    SqlNodeList items = select.getSelectList();
    if (items.isEmpty() || !isMarker(items.get(0))) {
      return;
    }
    SqlCall marker = (SqlCall) items.get(0);
    if (select.getQualify() != null) {
      throw FloeException.of(ErrorCode.NOT_SUPPORTED, "DISTINCT ON with QUALIFY is not supported");
    }
    for (SqlNode key : marker.getOperandList()) {
      if (key instanceof SqlLiteral && !(key instanceof SqlNumericLiteral n && n.isInteger())) {
        throw new FloeException(ErrorCode.SYNTAX_ERROR, "non-integer constant in DISTINCT ON"
            + at(key.getParserPosition()), "An integer in DISTINCT ON names a column of the result "
            + "by position; other constants set no rows apart.", null);
      }
      if (key instanceof SqlIdentifier id && id.isStar()) {
        throw new FloeException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \"*\""
            + at(key.getParserPosition()), null, null);
      }
      if (key instanceof SqlDynamicParam) {
        throw new FloeException(ErrorCode.NOT_SUPPORTED, "a parameter is not supported in "
            + "DISTINCT ON" + at(key.getParserPosition()), null, null);
      }
    }
    select.setSelectList(new SqlNodeList(items.subList(1, items.size()), items.getParserPosition()));
    select.setQualify(marker);
  }

  /**
   * When the QUALIFY clause of {@code select} is a marker, replaces it by the row-number condition
   * that keeps the first row of each DISTINCT ON group. The validator calls this before it
   * validates the clause, with the FROM clause validated.
   */
  static void qualify(SqlValidator validator, SqlSelect select) {
    if (!isMarker(select.getQualify())) {
      return;
    }
    SqlCall marker = (SqlCall) select.getQualify();
    SqlParserPos pos = marker.getParserPosition();
    SqlNodeList partition = new SqlNodeList(pos);
    for (SqlNode key : marker.getOperandList()) {
      partition.add(resolve(validator, select, key, "DISTINCT ON"));
    }
    if (select.getFrom() == null) {
      // Without FROM there is at most one row, so nothing to set apart; a window here would keep
      // a correlated sub-query ((SELECT DISTINCT ON (t.i) t.j)) from being planned at all.
      SqlValidatorScope scope = validator.getSelectScope(select);
      partition.forEach(key -> validator.deriveType(scope, key));
      select.setQualify(null);
      return;
    }
    // Ordering rows by a key they all share does nothing.
    SqlNodeList order = new SqlNodeList(pos);
    if (select.getOrderList() != null) {
      for (SqlNode key : select.getOrderList()) {
        SqlNode resolved = resolveSortKey(validator, select, key);
        if (partition.stream().noneMatch(p -> p.equalsDeep(sortExpression(resolved), Litmus.IGNORE))) {
          order.add(resolved);
        }
      }
    }
    for (SqlNode key : partition) {
      rejectWindows(select, key);
    }
    for (SqlNode key : order) {
      rejectWindows(select, sortExpression(key));
    }
    SqlWindow window = SqlWindow.create(null, null, partition, order,
        SqlLiteral.createBoolean(false, pos), null, null, null, pos);
    SqlCall rowNumber = SqlStdOperatorTable.OVER.createCall(pos,
        SqlStdOperatorTable.ROW_NUMBER.createCall(pos), window);
    select.setQualify(SqlStdOperatorTable.EQUALS.createCall(pos, rowNumber,
        SqlLiteral.createExactNumeric("1", pos)));
  }

  /**
   * Checks that the validated QUALIFY clause of an aggregate query reads only what the query
   * groups by, or aggregates, as its select list must. Calcite checks the select list, HAVING and
   * ORDER BY, but not QUALIFY, and fails converting such a statement.
   */
  static void checkGrouped(SqlValidator validator, SqlSelect select) {
    if (select.getQualify() != null
        && validator.getSelectScope(select) instanceof AggregatingScope aggregating) {
      aggregating.checkAggregateExpr(select.getQualify(), true);
    }
  }

  /**
   * Refuses a key that reads a window function's result, directly, through a select item's
   * alias, or in a sub-query (whose own DISTINCT ON is one too). PostgreSQL computes DISTINCT ON
   * after window functions; Calcite's validator does not take a window inside a window's keys.
   */
  private static void rejectWindows(SqlSelect select, SqlNode key) {
    boolean[] found = {false};
    key.accept(new SqlBasicVisitor<Void>() {
      /** Inside an alias's expression, whose names are the FROM clause's. */
      private boolean inItem;

      @Override public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.OVER || isMarker(call)) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }

      @Override public Void visit(SqlIdentifier id) {
        if (id.isSimple() && !inItem) {
          inItem = true;
          for (SqlNode item : select.getSelectList()) {
            if (item.getKind() == SqlKind.AS && id.getSimple().equals(
                ((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple())) {
              ((SqlCall) item).operand(0).accept(this);
            }
          }
          inItem = false;
        }
        return null;
      }
    });
    if (found[0]) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "DISTINCT ON, or ORDER BY with it, by the "
          + "result of a window function or of a sub-query with one is not supported"
          + at(key.getParserPosition()), "Compute the value in a sub-query in FROM, and select "
          + "DISTINCT ON from that.", null);
    }
  }

  /** An ORDER BY key with its direction and null order kept around the resolved expression. */
  private static SqlNode resolveSortKey(SqlValidator validator, SqlSelect select, SqlNode key) {
    if (key instanceof SqlCall call && (key.getKind() == SqlKind.DESCENDING
        || key.getKind() == SqlKind.NULLS_FIRST || key.getKind() == SqlKind.NULLS_LAST)) {
      return call.getOperator().createCall(call.getParserPosition(),
          resolveSortKey(validator, select, call.operand(0)));
    }
    return resolve(validator, select, key, "ORDER BY");
  }

  private static SqlNode sortExpression(SqlNode key) {
    SqlNode k = key;
    while (k.getKind() == SqlKind.DESCENDING || k.getKind() == SqlKind.NULLS_FIRST
        || k.getKind() == SqlKind.NULLS_LAST) {
      k = ((SqlCall) k).operand(0);
    }
    return k;
  }

  /**
   * A key as the window needs it: an ordinal becomes the select item it names, with its columns
   * qualified, so that the validator does not read a column of it as another item's alias. Other
   * keys stay; the validator resolves their names as in ORDER BY.
   */
  private static SqlNode resolve(SqlValidator validator, SqlSelect select, SqlNode key,
      String clause) {
    if (!(key instanceof SqlNumericLiteral literal && literal.isInteger())) {
      return key;
    }
    int ordinal = literal.intValue(false);
    SqlValidatorScope scope = validator.getSelectScope(select);
    int position = 0;
    for (SqlNode item : select.getSelectList()) {
      if (item instanceof SqlIdentifier id && id.isStar()) {
        SqlNodeList columns = validator.expandStar(SqlNodeList.of(item), select, false);
        if (ordinal > position && ordinal <= position + columns.size()) {
          return validator.expand(stripAs(columns.get(ordinal - position - 1)), scope);
        }
        position += columns.size();
      } else if (++position == ordinal) {
        return validator.expand(stripAs(item), scope);
      }
    }
    throw new FloeException(ErrorCode.INVALID_SQL, clause + " position " + ordinal
        + " is not in select list" + at(key.getParserPosition()),
        "The select list has " + position + " columns.", null);
  }

  private static SqlNode stripAs(SqlNode item) {
    return item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(0) : item;
  }

  private static boolean isMarker(@Nullable SqlNode node) {
    return node instanceof SqlCall call && call.getKind() == SqlKind.OTHER_FUNCTION
        && call.getOperator().getName().equalsIgnoreCase(MARKER);
  }

  private static String at(SqlParserPos pos) {
    return pos.getLineNum() > 0
        ? " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")" : "";
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int closing(List<SqlLexer.Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      if (tokens.get(k).isSymbol("(")) {
        depth++;
      } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Window specifications PostgreSQL takes and Calcite does not:
 * <ul>
 *   <li>{@code GROUPS} frames ({@code sum(x) OVER (ORDER BY a GROUPS BETWEEN 1 PRECEDING AND
 *   CURRENT ROW)}), standard SQL and PostgreSQL 11. Calcite knows only ROWS and RANGE, so
 *   {@link #markGroups} writes the frame as ROWS with one more sort key, a call to {@link
 *   #GROUPS}; the key keeps such a window apart from every other one through planning, and
 *   {@link #unparseGroups} writes it back as DuckDB's GROUPS frame without the key. Calcite
 *   cannot compute the marker, so a plan that Calcite would run itself fails instead of
 *   computing a ROWS frame.</li>
 *   <li>A frame given to a function that ignores frames ({@code rank}, {@code row_number},
 *   {@code lag}, {@code lead}, ...): PostgreSQL and DuckDB ignore it, Calcite refuses it;
 *   {@link #apply} drops it.</li>
 *   <li>A ranking function over a window without ORDER BY ({@code rank() OVER ()}): in PostgreSQL
 *   and DuckDB all rows of a partition are peers, so each ranks first; Calcite refuses it, so
 *   {@link #apply} orders such a window by a constant, under which all rows are peers too.</li>
 *   <li>{@code ntile(NULL) OVER (...)}, NULL on every row in PostgreSQL and DuckDB, which Calcite
 *   refuses: {@link #apply} writes it as a NULL integer.</li>
 *   <li>{@code agg(x) FILTER (WHERE c) OVER (...)}: {@link #apply} writes it as {@code agg(CASE
 *   WHEN c THEN x END) OVER (...)}, which is the same for aggregates that skip NULLs (Calcite has
 *   no filtered window aggregate).</li>
 * </ul>
 */
final class WindowFrames {
  /** The sort key that marks a GROUPS frame; DuckDB never sees it. */
  static final SqlFunction GROUPS = new SqlFunction("floe$groups", SqlKind.OTHER_FUNCTION,
      ReturnTypes.INTEGER, null, OperandTypes.NILADIC, SqlFunctionCategory.SYSTEM) {
    @Override public boolean isDeterministic() {
      return false;
    }
  };

  /** Words that may follow GROUPS in a frame. */
  private static final Set<String> FRAME_STARTS = Set.of("between", "unbounded", "current");
  /** Window functions that ignore a frame in PostgreSQL and DuckDB. */
  private static final Set<String> FRAMELESS = Set.of("rank", "dense_rank", "row_number",
      "percent_rank", "cume_dist", "ntile", "lag", "lead");
  /** Ranking functions, which Calcite refuses over a window without ORDER BY. */
  private static final Set<String> RANKING = Set.of("rank", "dense_rank", "percent_rank", "cume_dist");
  /** Aggregates whose answer is the same over a filtered input and over NULL for filtered rows. */
  private static final Set<String> SKIP_NULLS = Set.of("count", "sum", "avg", "min", "max",
      "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "bool_and",
      "bool_or", "every", "bit_and", "bit_or", "bit_xor");

  private WindowFrames() {}

  /** {@code sql} with each {@code GROUPS} frame as a ROWS frame after the marker sort key. */
  static String markGroups(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("groups")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if (t.is("groups") && startsFrame(tokens, i + 1)) {
        if (orderedBefore(tokens, i)) {
          out.append(", ").append(GROUPS.getName()).append("() ROWS");
        } else {
          // The ORDER BY may come from a window this one copies ({@link #flatten}).
          out.append("ORDER BY ").append(GROUPS.getName()).append("() ROWS");
        }
      } else {
        out.append(t.text());
      }
    }
    return out.toString();
  }

  /**
   * DuckDB's {@code lead(x IGNORE NULLS)}, with the null treatment among the arguments, as the
   * standard's {@code lead(x) IGNORE NULLS} (and so for {@code RESPECT NULLS}).
   */
  static String moveNullTreatment(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("nulls") || !lower.contains("ignore") && !lower.contains("respect")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = new java.util.ArrayList<>(SqlLexer.tokenize(sql));
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      int nulls = SqlLexer.nextSignificant(tokens, i + 1);
      int close = nulls < 0 ? -1 : SqlLexer.nextSignificant(tokens, nulls + 1);
      if ((t.is("ignore") || t.is("respect")) && nulls >= 0 && tokens.get(nulls).is("nulls") && close >= 0
          && tokens.get(close).isSymbol(")")) {
        int open = PrimaryExpressions.matching(tokens, close, -1);
        int name = open < 0 ? -1 : PrimaryExpressions.previousSignificant(tokens, open - 1);
        if (name >= 0 && PrimaryExpressions.isName(tokens.get(name))) {
          String treatment = " " + t.text() + " " + tokens.get(nulls).text();
          tokens.add(close + 1, new SqlLexer.Token(SqlLexer.Type.WORD, treatment, -1));
          for (int k = close - 1; k >= i; k--) {
            tokens.remove(k);
          }
          changed = true;
        }
      }
    }
    return changed ? SqlLexer.join(tokens) : sql;
  }

  /** Words a frame offset may hold besides constants. */
  private static final Set<String> OFFSET_WORDS = Set.of("interval", "unbounded", "current", "row",
      "year", "years", "month", "months", "day", "days", "hour", "hours", "minute", "minutes", "second",
      "seconds", "to", "cast", "as", "integer", "int", "bigint", "null");

  /**
   * Refuses a frame offset that reads a column ({@code ROWS BETWEEN x PRECEDING AND CURRENT ROW}),
   * as PostgreSQL does ({@code 42P10 argument of ROWS must not contain variables}); DuckDB takes
   * one per row. A name before a parenthesis is a function's and not refused itself.
   */
  static void checkConstantOffsets(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("preceding") && !lower.contains("following")) {
      return;
    }
    List<SqlLexer.Token> tokens = SqlLexer.significant(sql);
    for (int i = 0; i < tokens.size(); i++) {
      if (!tokens.get(i).is("preceding") && !tokens.get(i).is("following")) {
        continue;
      }
      int depth = 0;
      for (int k = i - 1; k >= 0; k--) {
        SqlLexer.Token t = tokens.get(k);
        if (t.isSymbol(")")) {
          depth++;
        } else if (t.isSymbol("(")) {
          if (depth-- == 0) {
            break;
          }
        } else if (depth == 0 && (t.is("between") || t.is("and") || t.is("rows") || t.is("range")
            || t.is("groups"))) {
          break;
        } else if (t.type() == SqlLexer.Type.QUOTED || t.type() == SqlLexer.Type.WORD
            && !OFFSET_WORDS.contains(t.identifier()) && !(k + 1 < tokens.size() && tokens.get(k + 1).isSymbol("("))) {
          throw new FloeException(ErrorCode.INVALID_COLUMN_REFERENCE, "argument of " + frameMode(tokens, k)
              + " must not contain variables", "A frame offset is a constant.", null);
        }
      }
    }
  }

  /** ROWS, RANGE or GROUPS: the frame mode before token {@code at}. */
  private static String frameMode(List<SqlLexer.Token> tokens, int at) {
    for (int k = at; k >= 0; k--) {
      SqlLexer.Token t = tokens.get(k);
      if (t.is("rows") || t.is("range") || t.is("groups")) {
        return t.identifier().toUpperCase(Locale.ROOT);
      }
    }
    return "ROWS";
  }

  private static boolean startsFrame(List<SqlLexer.Token> tokens, int from) {
    int k = SqlLexer.nextSignificant(tokens, from);
    if (k < 0) {
      return false;
    }
    SqlLexer.Token next = tokens.get(k);
    return next.type() == SqlLexer.Type.NUMBER || next.type() == SqlLexer.Type.PARAM
        || next.type() == SqlLexer.Type.WORD && FRAME_STARTS.contains(next.text().toLowerCase(Locale.ROOT));
  }

  /** Whether the parentheses around token {@code at} hold ORDER BY before it. */
  private static boolean orderedBefore(List<SqlLexer.Token> tokens, int at) {
    int depth = 0;
    boolean by = false;
    for (int k = at - 1; k >= 0; k--) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol(")")) {
        depth++;
      } else if (t.isSymbol("(")) {
        if (depth-- == 0) {
          return false;
        }
      } else if (depth == 0 && t.is("by")) {
        by = true;
      } else if (depth == 0 && t.is("order") && by) {
        return true;
      } else if (!t.isBlank()) {
        by = false;
      }
    }
    return false;
  }

  /** Drops frames of functions that ignore them, and turns FILTER of a window aggregate into CASE. */
  static SqlNode apply(SqlNode parsed) {
    SqlNode rewritten = parsed.accept(new SqlShuttle() {
      private Map<String, SqlWindow> windows = Map.of();
      /** Names of the windows in {@link #windows} declared as copies of another. */
      private Set<String> copies = Set.of();

      @Override public @Nullable SqlNode visit(SqlCall call) {
        if (call instanceof SqlSelect select) {
          Map<String, SqlWindow> outer = windows;
          Set<String> outerCopies = copies;
          windows = new java.util.HashMap<>();
          copies = new java.util.HashSet<>();
          SqlNodeList declarations = select.getWindowList();
          for (int i = 0; i < declarations.size(); i++) {
            SqlWindow declared = (SqlWindow) declarations.get(i);
            SqlWindow window = flatten(declared, windows);
            if (declared.getRefName() != null && declared.getOrderList().size() == 1
                && isMarker(declared.getOrderList().get(0))) {
              // A GROUPS frame over a copied order: Calcite would refuse the marker as a second ORDER BY.
              declarations.set(i, window);
            }
            if (window.getDeclName() != null) {
              windows.put(window.getDeclName().getSimple(), window);
              if (declared.getRefName() != null) {
                copies.add(window.getDeclName().getSimple());
              }
            }
          }
          try {
            return super.visit(call);
          } finally {
            windows = outer;
            copies = outerCopies;
          }
        }
        if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlCall f
            && name(f).equals("ntile") && f.operandCount() == 1 && SqlUtil.isNullLiteral(f.operand(0), true)) {
          // ntile(NULL) is NULL on every row (Calcite takes only a positive literal).
          SqlParserPos pos = call.getParserPosition();
          return SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos),
              new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, pos), pos));
        }
        if (call.getKind() == SqlKind.OVER) {
          SqlCall over = call;
          if (over.operand(1) instanceof SqlWindow spec) {
            over.setOperand(1, flatten(spec, windows));
          } else if (over.operand(1) instanceof SqlIdentifier name && copies.contains(name.getSimple())) {
            // A named window that copies another, spelled out (the WINDOW clause keeps it as written).
            SqlWindow flat = windows.get(name.getSimple());
            over.setOperand(1, SqlWindow.create(null, null, flat.getPartitionList(), flat.getOrderList(),
                SqlLiteral.createBoolean(flat.isRows(), name.getParserPosition()), flat.getLowerBound(),
                flat.getUpperBound(), null, flat.getExclude(), name.getParserPosition()));
          }
          SqlNode function = over.operand(0);
          if (function instanceof SqlCall filter && filter.getKind() == SqlKind.FILTER) {
            over.setOperand(0, filteredInput(filter));
          } else if (function instanceof SqlCall f && FRAMELESS.contains(name(f))) {
            over.setOperand(1, withoutFrame(over.operand(1), windows));
            if (RANKING.contains(name(f)) && !ordered(over.operand(1), windows)) {
              over.setOperand(1, orderedByConstant(over.operand(1), windows));
            }
          }
        }
        return super.visit(call);
      }
    });
    return rewritten == null ? parsed : rewritten;
  }

  private static String name(SqlCall call) {
    return call.getOperator().getName().toLowerCase(Locale.ROOT);
  }

  /** {@code agg(x) FILTER (WHERE c)} as {@code agg(CASE WHEN c THEN x END)}. */
  private static SqlNode filteredInput(SqlCall filter) {
    SqlCall aggregate = filter.operand(0);
    SqlNode condition = filter.operand(1);
    if (!SKIP_NULLS.contains(name(aggregate)) || aggregate.operandCount() > 1) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "FILTER on window function " + name(aggregate)
          + " is not supported", "FILTER works over a window with count, sum, avg, min, max and the "
          + "other aggregates that skip NULLs.", null);
    }
    SqlParserPos pos = aggregate.getParserPosition();
    SqlNode input = aggregate.operandCount() == 0 || aggregate.operand(0) instanceof SqlIdentifier id
        && id.isStar() ? SqlLiteral.createExactNumeric("1", pos) : aggregate.operand(0);
    SqlNode when = SqlStdOperatorTable.CASE.createCall(pos, null,
        new SqlNodeList(List.of(condition), pos), new SqlNodeList(List.of(input), pos),
        SqlLiteral.createNull(pos));
    return aggregate.getOperator().createCall(aggregate.getFunctionQuantifier(), pos, when);
  }

  /** A window specification without its frame; a named window becomes a copy without one. */
  private static SqlNode withoutFrame(SqlNode spec, Map<String, SqlWindow> windows) {
    SqlWindow window;
    if (spec instanceof SqlIdentifier id && windows.containsKey(id.getSimple())) {
      window = windows.get(id.getSimple());
    } else if (spec instanceof SqlWindow w) {
      window = w;
    } else {
      return spec;
    }
    if (window.getLowerBound() == null && window.getUpperBound() == null) {
      return spec;
    }
    return SqlWindow.create(null, window.getRefName(), window.getPartitionList(), window.getOrderList(),
        SqlLiteral.createBoolean(false, SqlParserPos.ZERO), null, null, null, spec.getParserPosition());
  }

  /**
   * A window that copies another ({@code OVER (w ROWS ...)}, {@code WINDOW v AS (w ...)}) as one of
   * its own: the partitioning and order of the window it copies (the order followed by the GROUPS
   * marker, where this one has only the marker) and its own frame, else the copied one's. Calcite
   * loses the frame of such a window, and the partitioning of a copy of a copy.
   */
  private static SqlWindow flatten(SqlWindow window, Map<String, SqlWindow> windows) {
    SqlIdentifier refName = window.getRefName();
    SqlWindow ref = refName == null ? null : windows.get(refName.getSimple());
    List<SqlNode> own = window.getOrderList().getList();
    boolean onlyMarker = own.size() == 1 && isMarker(own.get(0));
    if (onlyMarker && (ref == null || ref.getOrderList().isEmpty())) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "a GROUPS frame needs ORDER BY in the same "
          + "window specification", "Write the window's ORDER BY before GROUPS: OVER (ORDER BY a "
          + "GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW).", null);
    }
    if (refName == null) {
      return window;
    }
    if (ref == null) {
      throw new FloeException(ErrorCode.UNDEFINED_OBJECT, "window \"" + refName.getSimple()
          + "\" does not exist" + at(refName));
    }
    copyable(window, ref, refName, onlyMarker);
    SqlParserPos pos = window.getParserPosition();
    SqlNodeList partition = window.getPartitionList().isEmpty() ? ref.getPartitionList()
        : window.getPartitionList();
    SqlNodeList order = window.getOrderList();
    if (order.isEmpty()) {
      order = ref.getOrderList();
    } else if (onlyMarker) {
      List<SqlNode> keys = new java.util.ArrayList<>(ref.getOrderList().getList());
      keys.add(own.get(0));
      order = new SqlNodeList(keys, pos);
    }
    SqlWindow framed = window.getLowerBound() != null || window.getUpperBound() != null ? window : ref;
    return SqlWindow.create(window.getDeclName(), null, partition, order,
        SqlLiteral.createBoolean(framed.isRows(), pos), framed.getLowerBound(), framed.getUpperBound(),
        null, framed.getExclude(), pos);
  }

  /**
   * Refuses a window that copies {@code ref} as PostgreSQL does: it may add an ORDER BY where the
   * copied window has none and a frame of its own, but not replace the copied window's PARTITION BY
   * or ORDER BY, and a window with a frame cannot be copied at all ({@code OVER w} names it instead).
   */
  private static void copyable(SqlWindow window, SqlWindow ref, SqlIdentifier refName, boolean onlyMarker) {
    String name = refName.getSimple();
    if (!window.getPartitionList().isEmpty()) {
      throw new FloeException(ErrorCode.WINDOWING_ERROR, "cannot override PARTITION BY clause of window \""
          + name + "\"" + at(refName));
    }
    List<SqlNode> refOrder = ref.getOrderList().getList();
    boolean refFramed = ref.getLowerBound() != null || ref.getUpperBound() != null
        || !refOrder.isEmpty() && isMarker(refOrder.get(refOrder.size() - 1));
    if (!window.getOrderList().isEmpty() && !onlyMarker && !refOrder.isEmpty()) {
      throw new FloeException(ErrorCode.WINDOWING_ERROR, "cannot override ORDER BY clause of window \""
          + name + "\"" + at(refName));
    }
    if (refFramed) {
      boolean bare = window.getOrderList().isEmpty() && window.getLowerBound() == null
          && window.getUpperBound() == null;
      throw new FloeException(ErrorCode.WINDOWING_ERROR, "cannot copy window \"" + name
          + "\" because it has a frame clause" + at(refName),
          bare ? "Omit the parentheses in this OVER clause." : null, null);
    }
  }

  /** " (line l, column c)" of a name, as the other errors of a statement say where they are. */
  private static String at(SqlIdentifier name) {
    SqlParserPos pos = name.getParserPosition();
    return pos.getLineNum() > 0 ? " (line " + pos.getLineNum() + ", column " + pos.getColumnNum() + ")" : "";
  }

  /** Whether a window specification, or a window it names or copies, has ORDER BY. */
  private static boolean ordered(SqlNode spec, Map<String, SqlWindow> windows) {
    SqlWindow window = spec instanceof SqlIdentifier id ? windows.get(id.getSimple())
        : spec instanceof SqlWindow w ? w : null;
    if (window == null) {
      // A name that is not there: left for the validator to report.
      return true;
    }
    for (int depth = 0; window != null && depth <= windows.size(); depth++) {
      if (!window.getOrderList().isEmpty()) {
        return true;
      }
      SqlIdentifier ref = window.getRefName();
      window = ref == null ? null : windows.get(ref.getSimple());
    }
    return false;
  }

  /**
   * A window specification without ORDER BY (or the name of one) as one of its own, with the
   * partitioning of the windows it names, ordered by a constant (a ranking function ignores frames).
   */
  private static SqlNode orderedByConstant(SqlNode spec, Map<String, SqlWindow> windows) {
    SqlParserPos pos = spec.getParserPosition();
    SqlNodeList partition = SqlNodeList.EMPTY;
    SqlWindow window = spec instanceof SqlIdentifier id ? windows.get(id.getSimple()) : (SqlWindow) spec;
    for (int depth = 0; window != null && depth <= windows.size(); depth++) {
      if (!window.getPartitionList().isEmpty()) {
        partition = window.getPartitionList();
        break;
      }
      SqlIdentifier ref = window.getRefName();
      window = ref == null ? null : windows.get(ref.getSimple());
    }
    SqlNodeList constant = new SqlNodeList(List.of(SqlLiteral.createCharString("peers", pos)), pos);
    return SqlWindow.create(null, null, partition, constant, SqlLiteral.createBoolean(false, pos),
        null, null, null, pos);
  }

  /** Whether {@code over} is a window function over a GROUPS frame ({@link #markGroups}). */
  static boolean isGroups(SqlCall over) {
    return over.getKind() == SqlKind.OVER && over.operand(1) instanceof SqlWindow window
        && !window.getOrderList().isEmpty() && isMarker(window.getOrderList().get(
            window.getOrderList().size() - 1));
  }

  private static boolean isMarker(SqlNode key) {
    SqlNode k = key;
    while (k instanceof SqlCall c && (c.getKind() == SqlKind.DESCENDING
        || c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
      k = c.operand(0);
    }
    return k instanceof SqlCall c && c.getOperator().getName().equals(GROUPS.getName());
  }

  /** Writes a window function over a GROUPS frame as DuckDB reads it. */
  static void unparseGroups(SqlWriter writer, SqlCall over) {
    SqlWindow window = over.operand(1);
    over.operand(0).unparse(writer, 0, 0);
    writer.keyword("OVER");
    SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.WINDOW, "(", ")");
    if (!window.getPartitionList().isEmpty()) {
      writer.sep("PARTITION BY");
      SqlWriter.Frame partition = writer.startList("", "");
      window.getPartitionList().unparse(writer, 0, 0);
      writer.endList(partition);
    }
    List<SqlNode> keys = window.getOrderList().getList();
    if (keys.size() > 1) {
      writer.sep("ORDER BY");
      SqlWriter.Frame order = writer.startList("", "");
      new SqlNodeList(keys.subList(0, keys.size() - 1), SqlParserPos.ZERO).unparse(writer, 0, 0);
      writer.endList(order);
    }
    SqlNode lower = window.getLowerBound();
    SqlNode upper = window.getUpperBound();
    if (lower != null) {
      writer.sep(upper == null ? "GROUPS" : "GROUPS BETWEEN");
      lower.unparse(writer, 0, 0);
      if (upper != null) {
        writer.keyword("AND");
        upper.unparse(writer, 0, 0);
      }
      SqlLiteral exclude = window.getExclude();
      if (exclude != null && !SqlWindow.isExcludeNoOthers(exclude)) {
        exclude.unparse(writer, 0, 0);
      }
    }
    writer.endList(frame);
  }
}

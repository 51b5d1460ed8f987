package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * A window may be partitioned by a sub-query's value, as in PostgreSQL and DuckDB:
 * {@code max(x) OVER (PARTITION BY (SELECT t.k))}. Calcite's parser takes no sub-query in a
 * PARTITION BY list, where it takes one as a function's argument: {@link #mark} writes each such
 * sub-query as the argument of {@link #KEY}, which DuckDB's SQL does without. A key that is a
 * sub-query alone (not a call holding one) also fails Calcite's planning of windows, which wants
 * each key computed below the window. Works on {@link SqlLexer} tokens.
 */
final class WindowKeyQueries {
  /**
   * Holds a sub-query of a PARTITION BY list: its value, written back for DuckDB as the
   * parenthesised argument alone. Calcite cannot compute it, so a plan Calcite would run itself
   * fails rather than answer.
   */
  static final SqlFunction KEY = new SqlFunction("floe$partition_key", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG0, null, OperandTypes.ANY, SqlFunctionCategory.SYSTEM) {
    @Override public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.endList(frame);
    }
  };
  /** Words that end a PARTITION BY list at its level. */
  private static final Set<String> ENDS = Set.of("order", "rows", "range", "groups");
  private static final Set<String> QUERY_STARTS = Set.of("select", "with", "values");

  private WindowKeyQueries() {}

  static String mark(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("partition")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    List<Integer> opens = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      int by = SqlLexer.nextSignificant(tokens, i + 1);
      if (tokens.get(i).is("partition") && by >= 0 && tokens.get(by).is("by") && inOver(tokens, i)) {
        i = queries(tokens, by + 1, opens);
      }
    }
    if (opens.isEmpty()) {
      return sql;
    }
    List<SqlLexer.Token> out = new ArrayList<>(tokens.size() + 2 * opens.size());
    List<Integer> closes = new ArrayList<>();
    for (int open : opens) {
      closes.add(PrimaryExpressions.matching(tokens, open, 1));
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (opens.contains(i)) {
        out.add(new SqlLexer.Token(SqlLexer.Type.WORD, KEY.getName() + "(", -1));
      }
      out.add(tokens.get(i));
      if (closes.contains(i)) {
        out.add(new SqlLexer.Token(SqlLexer.Type.PUNCT, ")", -1));
      }
    }
    return SqlLexer.join(out);
  }

  /**
   * Whether the window around token {@code at} follows OVER. One named in a WINDOW clause is left
   * as written: Calcite's validator has no scope for a sub-query there.
   */
  private static boolean inOver(List<SqlLexer.Token> tokens, int at) {
    int open = PrimaryExpressions.previousSignificant(tokens, at - 1);
    if (open < 0 || !tokens.get(open).isSymbol("(")) {
      return false;
    }
    int over = PrimaryExpressions.previousSignificant(tokens, open - 1);
    return over >= 0 && tokens.get(over).is("over");
  }

  /**
   * Adds to {@code opens} the parentheses of the sub-queries in the PARTITION BY list that starts
   * at {@code from}; returns the index where the list ends.
   */
  private static int queries(List<SqlLexer.Token> tokens, int from, List<Integer> opens) {
    int depth = 0;
    int k = from;
    for (; k < tokens.size(); k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        int first = SqlLexer.nextSignificant(tokens, k + 1);
        int close = PrimaryExpressions.matching(tokens, k, 1);
        if (first >= 0 && close >= 0 && tokens.get(first).type() == SqlLexer.Type.WORD
            && QUERY_STARTS.contains(tokens.get(first).identifier())) {
          opens.add(k);
          k = close;
        } else {
          depth++;
        }
      } else if (t.isSymbol(")")) {
        if (--depth < 0) {
          return k;
        }
      } else if (depth == 0 && t.type() == SqlLexer.Type.WORD && ENDS.contains(t.identifier())) {
        return k;
      }
    }
    return k;
  }
}

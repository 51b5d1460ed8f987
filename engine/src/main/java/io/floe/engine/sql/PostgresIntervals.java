package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites PostgreSQL's interval literals into Calcite's before Calcite parses a statement.
 * PostgreSQL (and DuckDB) write {@code interval '3 days 2 hours'} and {@code '1 hour'::interval},
 * with the units inside the text; Calcite's parser wants a qualifier after it
 * ({@code INTERVAL '3' DAY}) and fails at the end of the input without one. Each
 * {@code INTERVAL '<text>'} not followed by a qualifier, and each {@code CAST('<text>' AS INTERVAL)}
 * (which {@code ::interval} has become, see {@link InfixCasts}), becomes the same value as Calcite
 * literals ({@link IntervalParts#toCalcite}); bad text fails here with 22007.
 *
 * <p>Only a quoted literal can be read before running; a cast of anything else to INTERVAL is
 * refused with 0A000. The rewrite works on {@link SqlLexer} tokens, so text in literals, quoted
 * names and comments is never touched.
 */
final class PostgresIntervals {
  /** Words that make {@code INTERVAL '...'} a standard literal: its qualifier follows. */
  private static final Set<String> QUALIFIERS = Set.of("year", "years", "quarter", "quarters",
      "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute", "minutes",
      "second", "seconds");

  private PostgresIntervals() {}

  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("interval")) {
      return sql;
    }
    List<SqlLexer.Token> in = SqlLexer.tokenize(sql);
    List<SqlLexer.Token> out = new ArrayList<>(in.size());
    boolean changed = false;
    for (int i = 0; i < in.size(); i++) {
      SqlLexer.Token t = in.get(i);
      if (!t.is("interval")) {
        out.add(t);
        continue;
      }
      int literal = SqlLexer.nextSignificant(in, i + 1);
      if (literal >= 0 && isPlainString(in.get(literal)) && !qualified(in, literal)) {
        out.add(calcite(in.get(literal)));
        i = literal;
        changed = true;
        continue;
      }
      int close = literal;
      int as = previous(out, out.size() - 1);
      if (close >= 0 && in.get(close).isSymbol(")") && as >= 0 && out.get(as).is("as")) {
        castOfLiteral(out, as);
        i = close;
        changed = true;
        continue;
      }
      out.add(t);
    }
    return changed ? SqlLexer.join(out) : sql;
  }

  /**
   * Replaces {@code CAST('<text>' AS} at the end of {@code out} (its {@code AS} at {@code as}) by
   * the interval; the caller drops {@code INTERVAL)}.
   */
  private static void castOfLiteral(List<SqlLexer.Token> out, int as) {
    int literal = previous(out, as - 1);
    int open = literal < 0 ? -1 : previous(out, literal - 1);
    int cast = open < 0 ? -1 : previous(out, open - 1);
    if (cast < 0 || !isPlainString(out.get(literal)) || !out.get(open).isSymbol("(")
        || !out.get(cast).is("cast")) {
      throw new FloeException(ErrorCode.NOT_SUPPORTED, "casting to INTERVAL without a unit is "
          + "supported only for a quoted literal, as in '3 days'::interval",
          "Multiply a number by an interval: n * interval '1 day'.", null);
    }
    SqlLexer.Token value = out.get(literal);
    out.subList(cast, out.size()).clear();
    out.add(calcite(value));
  }

  /** True if a qualifier keyword follows the literal at {@code literal}: a standard literal. */
  private static boolean qualified(List<SqlLexer.Token> in, int literal) {
    int k = SqlLexer.nextSignificant(in, literal + 1);
    return k >= 0 && in.get(k).type() == SqlLexer.Type.WORD
        && QUALIFIERS.contains(in.get(k).text().toLowerCase(Locale.ROOT));
  }

  /** A {@code '...'} literal (not an escape or dollar-quoted string, which are left as written). */
  private static boolean isPlainString(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.STRING && t.text().startsWith("'") && t.text().endsWith("'")
        && t.text().length() >= 2;
  }

  private static SqlLexer.Token calcite(SqlLexer.Token literal) {
    String text = literal.text();
    String value = text.substring(1, text.length() - 1).replace("''", "'");
    return new SqlLexer.Token(SqlLexer.Type.WORD, PostgresIntervalText.parse(value).toCalcite(), -1);
  }

  private static int previous(List<SqlLexer.Token> tokens, int from) {
    for (int k = from; k >= 0; k--) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;

/**
 * Names that PostgreSQL takes unquoted but Calcite's parser reserves ({@code date}, {@code time},
 * {@code timestamp}, {@code rows}, {@code offset}, ...), quoted where they stand for a name, so the
 * parser reads them as PostgreSQL does. A word is quoted in the flavour's folded case (lower case
 * for PostgreSQL), as the unquoted name would have been folded:
 * <ul>
 *   <li>after a dot ({@code t.date}, {@code s1.time}), and before a dot when it qualifies a name
 *       ({@code timestamp.i});</li>
 *   <li>after {@code AS}, as an alias ({@code AS offset}, {@code AS timestamp}), but not in a cast
 *       ({@code CAST(x AS DATE)}) and not before a query ({@code AS SELECT}, {@code AS VALUES});</li>
 *   <li>as the name of a common table expression ({@code WITH next(a) AS (...)});</li>
 *   <li>right after {@code FROM} or {@code JOIN}, as a table name ({@code FROM rows}), and between
 *       the ends of an operand, as a column ({@code WHERE rows > 5}, {@code SELECT range, x});</li>
 *   <li>{@code date}, {@code time}, {@code timestamp}, {@code datetime} and {@code uuid} anywhere
 *       except where they name a type: after {@code ::}, {@code RETURNING} or a cast's {@code AS};
 *       before a string ({@code DATE '2024-01-31'}), a parenthesis ({@code timestamp(3)}),
 *       {@code WITH} or {@code WITHOUT} ({@code timestamp with time zone}); and {@code time} before
 *       {@code zone} ({@code AT TIME ZONE}).</li>
 * </ul>
 * Which words the parser reserves comes from the parser itself. Works on {@link SqlLexer} tokens, so
 * literals, quoted names and comments never change.
 */
final class ReservedNames {
  private static final SqlAbstractParserImpl.Metadata PARSER =
      SqlBabelParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();
  /** Reserved words that PostgreSQL takes as table or qualifier names. */
  private static final Set<String> NAMES = Set.of("date", "time", "timestamp", "datetime", "uuid",
      "rows", "range", "over", "partition", "next", "current", "variant", "snapshot", "stream",
      "try_cast");
  /** Reserved words that are types, and names wherever they are not one. */
  private static final Set<String> TYPES = Set.of("date", "time", "timestamp", "datetime", "uuid");
  /** Words after {@code AS} that start a query, not an alias. */
  private static final Set<String> QUERY_STARTS = Set.of("select", "values", "with", "table");
  /** Words an operand follows. */
  private static final Set<String> OPERAND_STARTS = Set.of("select", "distinct", "by", "where", "and", "or",
      "not", "when", "then", "else", "on", "having", "case");
  /** Words that follow an operand (not BETWEEN: {@code (ROWS BETWEEN ...)} is a window frame). */
  private static final Set<String> OPERAND_ENDS = Set.of("from", "as", "is", "in", "and", "or", "not", "like",
      "ilike", "asc", "desc", "nulls", "then", "else", "end", "when", "where", "group", "order", "having",
      "limit", "union", "except", "intersect");
  /** Functions whose {@code AS} is followed by a type. */
  private static final Set<String> CASTS = Set.of("cast", "try_cast", "safe_cast", "treat");

  private ReservedNames() {}

  static String quote(String sql, Casing fold) {
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 8);
    boolean changed = false;
    Deque<Boolean> castParens = new ArrayDeque<>();
    SqlLexer.Token previous = null;
    SqlLexer.Token beforePrevious = null;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      if (t.isBlank()) {
        out.append(t.text());
        continue;
      }
      int n = SqlLexer.nextSignificant(tokens, i + 1);
      SqlLexer.Token next = n < 0 ? null : tokens.get(n);
      int a = n < 0 ? -1 : SqlLexer.nextSignificant(tokens, n + 1);
      SqlLexer.Token afterNext = a < 0 ? null : tokens.get(a);
      boolean inCast = !castParens.isEmpty() && castParens.peek();
      if (t.type() == SqlLexer.Type.WORD && (isName(t, previous, beforePrevious, next, afterNext, inCast)
          || isQueryName(tokens, t, previous, n))) {
        String name = fold == Casing.TO_UPPER ? t.text().toUpperCase(Locale.ROOT)
            : t.text().toLowerCase(Locale.ROOT);
        out.append('"').append(name).append('"');
        changed = true;
      } else {
        out.append(t.text());
      }
      if (t.isSymbol("(")) {
        castParens.push(previous != null && previous.type() == SqlLexer.Type.WORD
            && CASTS.contains(previous.identifier()));
      } else if (t.isSymbol(")") && !castParens.isEmpty()) {
        castParens.pop();
      }
      beforePrevious = previous;
      previous = t;
    }
    return changed ? out.toString() : sql;
  }

  private static boolean isName(SqlLexer.Token t, SqlLexer.Token previous, SqlLexer.Token beforePrevious,
      SqlLexer.Token next, SqlLexer.Token afterNext, boolean inCast) {
    String word = t.identifier();
    if (!PARSER.isReservedWord(word.toUpperCase(Locale.ROOT))) {
      return false;
    }
    if (previous != null && previous.isSymbol(".") && beforePrevious != null
        && (beforePrevious.isIdentifier() || beforePrevious.isSymbol(")"))) {
      return true;
    }
    if (previous != null && (previous.isSymbol("::") || previous.is("returning")
        || previous.is("as") && inCast)) {
      return false;
    }
    if (previous != null && previous.is("as")) {
      return !QUERY_STARTS.contains(word);
    }
    if (!NAMES.contains(word) || next != null && next.isSymbol("(")) {
      return false;
    }
    if (next != null && next.isSymbol(".") && afterNext != null
        && (afterNext.isIdentifier() || afterNext.isSymbol("*"))) {
      return true;
    }
    boolean type = TYPES.contains(word);
    if (type && next != null && (next.type() == SqlLexer.Type.STRING || next.is("with") || next.is("without")
        || word.equals("time") && next.is("zone"))) {
      return false;
    }
    return type || previous != null && (previous.is("from") || previous.is("join"))
        || previous != null && startsOperand(previous) && (next == null || endsOperand(next));
  }

  /**
   * A reserved name of a common table expression: after WITH, RECURSIVE or a comma, and before
   * {@code AS (} (or {@code AS [NOT] MATERIALIZED}), maybe with a column list between
   * ({@code WITH next(a, b) AS (...)}).
   */
  private static boolean isQueryName(List<SqlLexer.Token> tokens, SqlLexer.Token t,
      SqlLexer.Token previous, int next) {
    String word = t.identifier();
    if (previous == null || next < 0 || !NAMES.contains(word)
        || !PARSER.isReservedWord(word.toUpperCase(Locale.ROOT))
        || !(previous.isSymbol(",") || previous.is("with") || previous.is("recursive"))) {
      return false;
    }
    int k = next;
    if (tokens.get(k).isSymbol("(")) {
      int depth = 0;
      for (; k < tokens.size(); k++) {
        if (tokens.get(k).isSymbol("(")) {
          depth++;
        } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
          break;
        }
      }
      k = SqlLexer.nextSignificant(tokens, k + 1);
    }
    int body = k < 0 || !tokens.get(k).is("as") ? -1 : SqlLexer.nextSignificant(tokens, k + 1);
    return body >= 0 && (tokens.get(body).isSymbol("(") || tokens.get(body).is("materialized")
        || tokens.get(body).is("not"));
  }

  /** A token after which an operand starts: a keyword before an expression, an operator, a comma. */
  private static boolean startsOperand(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.OPERATOR || t.isSymbol(",") || t.isSymbol("(")
        || t.type() == SqlLexer.Type.WORD && OPERAND_STARTS.contains(t.identifier());
  }

  /** A token before which an operand ends. */
  private static boolean endsOperand(SqlLexer.Token t) {
    return t.type() == SqlLexer.Type.OPERATOR || t.isSymbol(",") || t.isSymbol(")") || t.isSymbol(";")
        || t.isSymbol("::") || t.type() == SqlLexer.Type.WORD && OPERAND_ENDS.contains(t.identifier());
  }
}

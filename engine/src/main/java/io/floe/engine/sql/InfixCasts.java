package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Rewrites PostgreSQL's {@code x::type} into {@code CAST(x AS type)} before Calcite parses a
 * statement. Calcite's Babel parser applies {@code ::} to everything to its left
 * ({@code a / b::float} becomes {@code CAST(a / b AS float)}, an integer division), where
 * PostgreSQL binds it tighter than any operator: to the one expression before it (a name, a
 * literal, a parenthesized expression, a function call, a subscript, a CASE ... END, or another
 * cast).
 *
 * <p>The rewrite works on {@link SqlLexer} tokens, so text in literals, quoted names and comments is
 * never touched. Where it cannot tell what the cast applies to, it leaves the statement as written.
 */
final class InfixCasts {
  /** Words that may come before a parenthesis without naming a function. */
  private static final Set<String> NOT_FUNCTIONS = Set.of("in", "exists", "and", "or", "not",
      "select", "from", "where", "on", "as", "then", "else", "when", "by", "values", "any", "all",
      "some", "having", "join", "using", "over", "with", "union", "intersect", "except", "like",
      "ilike", "is", "between", "case", "return", "limit", "offset", "distinct", "filter", "within",
      "lateral", "set", "into");
  /** Words that continue a type's name ({@code double precision}, {@code timestamp with time zone}). */
  private static final Set<String> TYPE_WORDS = Set.of("precision", "varying", "with", "without",
      "time", "zone");
  /** Words that make a typed literal of the string after them ({@code DATE '2024-01-01'}). */
  private static final Set<String> LITERAL_TYPES = Set.of("date", "time", "timestamp", "interval",
      "timestamptz");

  private InfixCasts() {}

  static String rewrite(String sql) {
    if (!sql.contains("::")) {
      return sql;
    }
    List<SqlLexer.Token> in = SqlLexer.tokenize(sql);
    List<SqlLexer.Token> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      SqlLexer.Token t = in.get(i);
      if (!t.isSymbol("::")) {
        out.add(t);
        continue;
      }
      int end = lastSignificant(out, out.size() - 1);
      int start = end < 0 ? -1 : primaryStart(out, end);
      int typeEnd = typeEnd(in, i + 1);
      if (start < 0 || typeEnd < 0) {
        return sql;
      }
      StringBuilder type = new StringBuilder();
      for (int k = i + 1; k <= typeEnd; k++) {
        type.append(in.get(k).text());
      }
      out.add(start, token("CAST"));
      out.add(start + 1, punct("("));
      out.add(token(" AS " + type.toString().strip()));
      out.add(punct(")"));
      i = typeEnd;
    }
    return SqlLexer.join(out);
  }

  private static SqlLexer.Token token(String text) {
    return new SqlLexer.Token(SqlLexer.Type.WORD, text, -1);
  }

  private static SqlLexer.Token punct(String text) {
    return new SqlLexer.Token(SqlLexer.Type.PUNCT, text, -1);
  }

  private static int lastSignificant(List<SqlLexer.Token> tokens, int from) {
    for (int k = from; k >= 0; k--) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
  }

  /** Where the expression ending at {@code end} starts, or -1 if this cannot tell. */
  private static int primaryStart(List<SqlLexer.Token> out, int end) {
    SqlLexer.Token last = out.get(end);
    int start;
    if (last.isSymbol(")") || last.isSymbol("]")) {
      String open = last.isSymbol(")") ? "(" : "[";
      start = matching(out, end, open, last.text());
      if (start < 0) {
        return -1;
      }
      int before = lastSignificant(out, start - 1);
      if (open.equals("[") && before >= 0) {
        return primaryStart(out, before); // a subscript belongs to what it follows
      }
      int call = windowedCall(out, before);
      if (call != -2) {
        return call;
      }
      if (before >= 0 && out.get(before).isIdentifier()
          && !NOT_FUNCTIONS.contains(out.get(before).text().toLowerCase(Locale.ROOT))) {
        return qualifiedStart(out, before); // a function call, maybe schema-qualified
      }
      return start;
    }
    if (last.type() == SqlLexer.Type.STRING) {
      int before = lastSignificant(out, end - 1);
      return before >= 0 && out.get(before).type() == SqlLexer.Type.WORD
          && LITERAL_TYPES.contains(out.get(before).text().toLowerCase(Locale.ROOT)) ? before : end;
    }
    if (last.type() == SqlLexer.Type.NUMBER || last.type() == SqlLexer.Type.PARAM
        || last.isSymbol("?")) {
      return end;
    }
    if (last.type() == SqlLexer.Type.WORD && last.text().equalsIgnoreCase("end")) {
      return caseStart(out, end);
    }
    if (last.isIdentifier()) {
      int call = windowedCall(out, lastSignificant(out, end - 1));
      return call != -2 ? call : qualifiedStart(out, end);
    }
    return -1;
  }

  /** The {@code CASE} that the {@code END} at {@code end} closes, or -1. */
  private static int caseStart(List<SqlLexer.Token> out, int end) {
    int cases = 0;
    int parentheses = 0;
    for (int k = end; k >= 0; k--) {
      SqlLexer.Token t = out.get(k);
      if (t.isSymbol(")")) {
        parentheses++;
      } else if (t.isSymbol("(")) {
        if (--parentheses < 0) {
          return -1;
        }
      } else if (parentheses == 0 && t.type() == SqlLexer.Type.WORD) {
        if (t.text().equalsIgnoreCase("end")) {
          cases++;
        } else if (t.text().equalsIgnoreCase("case") && --cases == 0) {
          return k;
        }
      }
    }
    return -1;
  }

  /**
   * When the word at {@code keyword} is {@code OVER}, {@code FILTER} or {@code WITHIN GROUP}, the
   * start of the aggregate call it qualifies ({@code f(x) OVER (...)} is one expression); -2 when
   * it is none of those words.
   */
  private static int windowedCall(List<SqlLexer.Token> out, int keyword) {
    if (keyword < 0 || out.get(keyword).type() != SqlLexer.Type.WORD) {
      return -2;
    }
    String word = out.get(keyword).text().toLowerCase(Locale.ROOT);
    int before = lastSignificant(out, keyword - 1);
    if (word.equals("group") && before >= 0
        && out.get(before).text().equalsIgnoreCase("within")) {
      before = lastSignificant(out, before - 1);
    } else if (!word.equals("over") && !word.equals("filter")) {
      return -2;
    }
    return before < 0 ? -1 : primaryStart(out, before);
  }

  /** The start of {@code a.b.c} ending with the name at {@code end}. */
  private static int qualifiedStart(List<SqlLexer.Token> out, int end) {
    int start = end;
    while (true) {
      int dot = lastSignificant(out, start - 1);
      if (dot < 0 || !out.get(dot).isSymbol(".")) {
        return start;
      }
      int name = lastSignificant(out, dot - 1);
      if (name < 0 || !out.get(name).isIdentifier()) {
        return start;
      }
      start = name;
    }
  }

  private static int matching(List<SqlLexer.Token> out, int close, String open, String closeText) {
    int depth = 0;
    for (int k = close; k >= 0; k--) {
      SqlLexer.Token t = out.get(k);
      if (t.isSymbol(closeText)) {
        depth++;
      } else if (t.isSymbol(open)) {
        depth--;
        if (depth == 0) {
          return k;
        }
      }
    }
    return -1;
  }

  /** The last token of the type name starting after {@code from}, or -1. */
  private static int typeEnd(List<SqlLexer.Token> in, int from) {
    int k = SqlLexer.nextSignificant(in, from);
    if (k < 0 || !in.get(k).isIdentifier()) {
      return -1;
    }
    int end = k;
    while (true) {
      int next = SqlLexer.nextSignificant(in, end + 1);
      if (next < 0) {
        return end;
      }
      SqlLexer.Token t = in.get(next);
      if (t.type() == SqlLexer.Type.WORD && TYPE_WORDS.contains(t.text().toLowerCase(Locale.ROOT))) {
        end = next;
      } else if (t.isSymbol("(")) {
        int depth = 0;
        int j = next;
        for (; j < in.size(); j++) {
          if (in.get(j).isSymbol("(")) {
            depth++;
          } else if (in.get(j).isSymbol(")") && --depth == 0) {
            break;
          }
        }
        if (j >= in.size()) {
          return -1;
        }
        end = j;
      } else if (t.isSymbol("[")) {
        int close = SqlLexer.nextSignificant(in, next + 1);
        if (close < 0 || !in.get(close).isSymbol("]")) {
          return end;
        }
        end = close;
      } else {
        return end;
      }
    }
  }
}

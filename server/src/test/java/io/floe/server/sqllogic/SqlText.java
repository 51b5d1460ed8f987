package io.floe.server.sqllogic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A forgiving SQL tokenizer: enough to find top-level clauses, function calls and statement kinds
 * without a grammar. Strings, quoted identifiers and comments become single tokens (comments are
 * dropped); every token knows its parenthesis depth.
 */
final class SqlText {
  enum Kind { WORD, QUOTED_IDENT, STRING, NUMBER, SYMBOL }

  /** One token; {@code upper} is the upper-cased text of words and the text of everything else. */
  record Token(Kind kind, String text, String upper, int depth, int start) {
    boolean is(String word) {
      return (kind == Kind.WORD || kind == Kind.SYMBOL) && upper.equals(word);
    }

    boolean isIdentifier() {
      return kind == Kind.WORD || kind == Kind.QUOTED_IDENT;
    }

    /** The identifier's name: quotes removed, words lower-cased. */
    String name() {
      return kind == Kind.QUOTED_IDENT
          ? text.substring(1, text.length() - 1).replace("\"\"", "\"")
          : text.toLowerCase(Locale.ROOT);
    }
  }

  private static final List<String> MULTI_CHAR_SYMBOLS =
      List.of("->>", "::", "||", "<=", ">=", "<>", "!=", "->", "//", "**", "=>", "==", "<<", ">>");

  private SqlText() {}

  static List<Token> tokens(String sql) {
    List<Token> out = new ArrayList<>();
    int depth = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'' || c == '"') {
        int end = closingQuote(sql, i, c);
        String text = sql.substring(i, end);
        out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_IDENT, text, text, depth, i));
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_'
            || sql.charAt(i) == '$')) {
          i++;
        }
        String text = sql.substring(start, i);
        out.add(new Token(Kind.WORD, text, text.toUpperCase(Locale.ROOT), depth, start));
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.'
            || ((sql.charAt(i) == '+' || sql.charAt(i) == '-')
                && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')))) {
          i++;
        }
        String text = sql.substring(start, i);
        out.add(new Token(Kind.NUMBER, text, text, depth, start));
      } else {
        String symbol = String.valueOf(c);
        for (String s : MULTI_CHAR_SYMBOLS) {
          if (sql.startsWith(s, i)) {
            symbol = s;
            break;
          }
        }
        if (c == ')') {
          depth = Math.max(0, depth - 1);
        }
        out.add(new Token(Kind.SYMBOL, symbol, symbol, depth, i));
        if (c == '(') {
          depth++;
        }
        i += symbol.length();
      }
    }
    return out;
  }

  private static int closingQuote(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** The statement's first word, upper case, after any opening parentheses; "" when none. */
  static String firstWord(String sql) {
    for (Token t : tokens(sql)) {
      if (t.kind() == Kind.WORD) {
        return t.upper();
      }
      if (!t.is("(")) {
        return "";
      }
    }
    return "";
  }

  /** Whether the statement reads without writing: SELECT, WITH ... SELECT, VALUES, TABLE. */
  static boolean isQuery(String sql) {
    String first = firstWord(sql);
    if (first.equals("SELECT") || first.equals("VALUES") || first.equals("TABLE")) {
      return true;
    }
    if (!first.equals("WITH")) {
      return false;
    }
    for (Token t : tokens(sql)) {
      if (t.depth() == 0 && (t.is("INSERT") || t.is("UPDATE") || t.is("DELETE") || t.is("MERGE"))) {
        return false;
      }
    }
    return true;
  }

  /** Text of tokens [from, to) joined with single spaces, for comparing expressions. */
  static String join(List<Token> tokens, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      Token t = tokens.get(i);
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(t.kind() == Kind.WORD ? t.upper() : t.text());
    }
    return b.toString();
  }

  /** Removes trailing semicolons, and comments after them. */
  static String withoutTrailingSemicolon(String sql) {
    List<Token> tokens = tokens(sql);
    int end = tokens.size();
    while (end > 0 && tokens.get(end - 1).is(";")) {
      end--;
    }
    if (end == tokens.size()) {
      return sql.strip();
    }
    return end == 0 ? "" : sql.substring(0, tokens.get(end).start()).strip();
  }
}

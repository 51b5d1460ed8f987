package io.floe.engine.api.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits SQL text into tokens the way PostgreSQL reads it: identifiers, quoted identifiers, string
 * literals (including {@code E'...'} escapes), dollar-quoted strings, numbers, {@code $n}
 * parameters, operators, punctuation, whitespace and comments (nested block comments too). Every
 * character belongs to exactly one token, so joining the tokens' texts gives the input back; that
 * lets callers classify, split and rewrite statements without ever touching text inside literals
 * or comments.
 *
 * <p>Where PostgreSQL and DuckDB differ, it reads as DuckDB does, because DuckDB runs what it
 * splits: a {@code --} comment ends at a line feed or a carriage return; whitespace is ASCII space,
 * tab, LF, VT, FF and CR plus the Unicode spaces DuckDB strips outside quotes ({@link
 * #isSpace(char)}); every other character outside ASCII (and ASCII control characters) belongs to an
 * identifier, as does {@code $} after its first character; digits are ASCII digits.
 */
public final class SqlLexer {
  private SqlLexer() {}

  /** What a token is. */
  public enum Type { WORD, QUOTED, STRING, NUMBER, PARAM, OPERATOR, PUNCT, SPACE, COMMENT }

  /**
   * One token.
   *
   * @param type its kind
   * @param text its exact text in the input
   * @param start offset of its first character
   */
  public record Token(Type type, String text, int start) {
    public Token {
      requireNonNull(type, "type");
      requireNonNull(text, "text");
    }

    /** True for whitespace and comments. */
    public boolean isBlank() {
      return type == Type.SPACE || type == Type.COMMENT;
    }

    /** An unquoted word equal to {@code word} ignoring case. */
    public boolean is(String word) {
      return type == Type.WORD && text.equalsIgnoreCase(word);
    }

    /** Punctuation or operator text equal to {@code symbol}. */
    public boolean isSymbol(String symbol) {
      return (type == Type.PUNCT || type == Type.OPERATOR) && text.equals(symbol);
    }

    /** An identifier's name: unquoted folded to lower case, quoted with quotes removed. */
    public String identifier() {
      if (type == Type.QUOTED) {
        return text.substring(1, text.length() - 1).replace("\"\"", "\"");
      }
      return text.toLowerCase(Locale.ROOT);
    }

    /** True for identifiers, quoted or not. */
    public boolean isIdentifier() {
      return type == Type.WORD || type == Type.QUOTED;
    }
  }

  /** Tokens of {@code sql}; an unterminated literal or comment runs to the end of the text. */
  public static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      int start = i;
      Type type;
      if (isSpace(c)) {
        while (i < n && isSpace(sql.charAt(i))) {
          i++;
        }
        type = Type.SPACE;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
          i++;
        }
        type = Type.COMMENT;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockComment(sql, i);
        type = Type.COMMENT;
      } else if ((c == 'E' || c == 'e') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        i = string(sql, i + 1, true);
        type = Type.STRING;
      } else if (c == '\'') {
        i = string(sql, i, false);
        type = Type.STRING;
      } else if (c == '"') {
        i = quoted(sql, i);
        type = Type.QUOTED;
      } else if (c == '$' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
        i++;
        while (i < n && isDigit(sql.charAt(i))) {
          i++;
        }
        type = Type.PARAM;
      } else if (c == '$' && dollarTag(sql, i) > 0) {
        i = dollarString(sql, i, dollarTag(sql, i));
        type = Type.STRING;
      } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(sql.charAt(i + 1)))) {
        i = number(sql, i);
        type = Type.NUMBER;
      } else if (isIdentifierStart(c)) {
        while (i < n && (isIdentifierStart(sql.charAt(i)) || isDigit(sql.charAt(i))
            || sql.charAt(i) == '$')) {
          i++;
        }
        type = Type.WORD;
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        i += 2;
        type = Type.PUNCT;
      } else if ("(),;.[]:{}".indexOf(c) >= 0) {
        i++;
        type = Type.PUNCT;
      } else if ("+-*/<>=~!@#%^&|`?".indexOf(c) >= 0) {
        while (i < n && "+-*/<>=~!@#%^&|`?".indexOf(sql.charAt(i)) >= 0
            && !(sql.startsWith("--", i) || sql.startsWith("/*", i))) {
          i++;
        }
        type = Type.OPERATOR;
      } else {
        i++;
        type = Type.PUNCT;
      }
      tokens.add(new Token(type, sql.substring(start, i), start));
    }
    return tokens;
  }

  /**
   * Whitespace as DuckDB reads it: ASCII space, tab, LF, VT, FF, CR, and the Unicode spaces its
   * parser replaces by blanks outside quotes (no-break space, U+2000 to U+200B, U+202F, U+205F,
   * U+2060, U+3000, U+FEFF). Others that Java calls whitespace (U+1680, U+2028, U+001C ...) are
   * identifier characters to DuckDB.
   */
  public static boolean isSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0' || (c >= '\u2000' && c <= '\u200b')
        || c == '\u202f' || c == '\u205f' || c == '\u2060' || c == '\u3000' || c == '\ufeff';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** A letter, underscore, or any other character that is not ASCII punctuation, digit or space. */
  private static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
        || ((c < 0x20 || c >= 0x7f) && !isSpace(c));
  }

  /** The index of the first token from {@code from} on that is neither whitespace nor comment, or -1. */
  public static int nextSignificant(List<Token> tokens, int from) {
    for (int k = from; k < tokens.size(); k++) {
      if (!tokens.get(k).isBlank()) {
        return k;
      }
    }
    return -1;
  }

  /** The tokens that are neither whitespace nor comments. */
  public static List<Token> significant(String sql) {
    return tokenize(sql).stream().filter(t -> !t.isBlank()).toList();
  }

  /** Text of tokens joined. */
  public static String join(List<Token> tokens) {
    StringBuilder b = new StringBuilder();
    tokens.forEach(t -> b.append(t.text()));
    return b.toString();
  }

  /**
   * Splits a script into statements at top-level semicolons. Statements keep their text (without
   * the semicolon); empty statements (only whitespace and comments) are kept as blank strings so
   * callers can answer them as PostgreSQL does.
   */
  public static List<String> splitStatements(String sql) {
    return LexedStatement.split(sql).stream().map(LexedStatement::text).toList();
  }

  private static int blockComment(String sql, int i) {
    int depth = 0;
    int n = sql.length();
    while (i < n) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int string(String sql, int i, boolean escapes) {
    int n = sql.length();
    i++;
    while (i < n) {
      char c = sql.charAt(i);
      if (escapes && c == '\\' && i + 1 < n) {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int quoted(String sql, int i) {
    int n = sql.length();
    i++;
    while (i < n) {
      if (sql.charAt(i) == '"') {
        if (i + 1 < n && sql.charAt(i + 1) == '"') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  /** Length of a dollar-quote tag ({@code $$} or {@code $tag$}) at {@code i}, or 0. */
  private static int dollarTag(String sql, int i) {
    int j = i + 1;
    int n = sql.length();
    if (j < n && !isIdentifierStart(sql.charAt(j)) && sql.charAt(j) != '$') {
      return 0;
    }
    while (j < n && (isIdentifierStart(sql.charAt(j)) || isDigit(sql.charAt(j)))) {
      j++;
    }
    return j < n && sql.charAt(j) == '$' ? j - i + 1 : 0;
  }

  private static int dollarString(String sql, int i, int tagLength) {
    String tag = sql.substring(i, i + tagLength);
    int end = sql.indexOf(tag, i + tagLength);
    return end < 0 ? sql.length() : end + tagLength;
  }

  private static int number(String sql, int i) {
    int n = sql.length();
    while (i < n && (isDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (sql.charAt(i) == 'e' || sql.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (sql.charAt(j) == '+' || sql.charAt(j) == '-')) {
        j++;
      }
      if (j < n && isDigit(sql.charAt(j))) {
        i = j;
        while (i < n && isDigit(sql.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }
}

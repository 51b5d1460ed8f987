package io.floe.jdbc;

import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * JDBC escape processing, done in the driver as pgjdbc does: {@code {fn ...}} scalar functions
 * ({@link EscapeFunctions}), {@code {d '...'}}, {@code {t '...'}} and {@code {ts '...'}} literals,
 * {@code {oj ...}} outer joins, {@code {escape '...'}} for LIKE, and {@code {limit n [offset m]}}
 * become SQL that Floe's engine accepts; {@code {call ...}} fails, Floe has no procedures. String
 * literals, quoted identifiers and comments pass through untouched, and escapes may nest
 * ({@code {fn ucase({fn concat(a, b)})}}). Braces that do not start an escape are left as written.
 */
final class JdbcEscapes {
  private final String sql;
  private int pos;

  private JdbcEscapes(String sql) {
    this.sql = sql;
  }

  /** {@code sql} with its JDBC escapes translated; the same string if it has none. */
  static String translate(String sql) throws SQLException {
    if (sql == null || sql.indexOf('{') < 0) {
      return sql;
    }
    JdbcEscapes escapes = new JdbcEscapes(sql);
    StringBuilder out = new StringBuilder(sql.length());
    escapes.copy(out, false);
    return out.toString();
  }

  /**
   * Copies SQL to {@code out}, translating escapes, to the end of the text or, {@code inEscape},
   * to the brace that closes the escape (consumed, not copied).
   */
  private void copy(StringBuilder out, boolean inEscape) throws SQLException {
    int n = sql.length();
    while (pos < n) {
      char c = sql.charAt(pos);
      if (c == '\'' || c == '"') {
        copyQuoted(out, c, isEscapeString());
      } else if (c == '-' && next('-')) {
        int end = sql.indexOf('\n', pos);
        end = end < 0 ? n : end + 1;
        out.append(sql, pos, end);
        pos = end;
      } else if (c == '/' && next('*')) {
        copyComment(out);
      } else if (c == '{') {
        pos++;
        out.append(escape());
      } else if (c == '}' && inEscape) {
        pos++;
        return;
      } else {
        out.append(c);
        pos++;
      }
    }
    if (inEscape) {
      throw new SQLException("unterminated JDBC escape: a '{' has no matching '}' in: " + sql,
          "42601");
    }
  }

  private boolean next(char c) {
    return pos + 1 < sql.length() && sql.charAt(pos + 1) == c;
  }

  /** Whether the quote at {@code pos} opens a PostgreSQL escape string ({@code E'...'}). */
  private boolean isEscapeString() {
    if (pos == 0 || sql.charAt(pos) != '\'') {
      return false;
    }
    char before = sql.charAt(pos - 1);
    return (before == 'e' || before == 'E')
        && (pos == 1 || !Character.isLetterOrDigit(sql.charAt(pos - 2)) && sql.charAt(pos - 2) != '_');
  }

  /** Copies a string literal or quoted identifier; a doubled quote stays inside it. */
  private void copyQuoted(StringBuilder out, char quote, boolean backslashEscapes) {
    int n = sql.length();
    out.append(quote);
    pos++;
    while (pos < n) {
      char c = sql.charAt(pos);
      out.append(c);
      pos++;
      if (backslashEscapes && c == '\\' && pos < n) {
        out.append(sql.charAt(pos));
        pos++;
      } else if (c == quote) {
        if (pos < n && sql.charAt(pos) == quote) {
          out.append(quote);
          pos++;
        } else {
          return;
        }
      }
    }
    // Unterminated: the server reports the syntax error.
  }

  /** Copies a block comment; PostgreSQL's nest. */
  private void copyComment(StringBuilder out) {
    int n = sql.length();
    int depth = 0;
    while (pos < n) {
      if (sql.startsWith("/*", pos)) {
        depth++;
        out.append("/*");
        pos += 2;
      } else if (sql.startsWith("*/", pos)) {
        depth--;
        out.append("*/");
        pos += 2;
        if (depth == 0) {
          return;
        }
      } else {
        out.append(sql.charAt(pos++));
      }
    }
  }

  /** Translates the escape after a '{' up to and including its '}'. */
  private String escape() throws SQLException {
    int start = pos;
    skipSpace();
    int wordStart = pos;
    if (pos < sql.length() && sql.charAt(pos) == '?') {
      pos++;
    } else {
      while (pos < sql.length() && Character.isLetter(sql.charAt(pos))) {
        pos++;
      }
    }
    String keyword = sql.substring(wordStart, pos).toLowerCase(Locale.ROOT);
    switch (keyword) {
      case "fn":
        return EscapeFunctions.translate(body().strip());
      case "d":
        return literal("DATE");
      case "t":
        return literal("TIME");
      case "ts":
        return literal("TIMESTAMP");
      case "oj":
        return body().strip();
      case "escape":
        return "ESCAPE " + body().strip();
      case "limit":
        return "LIMIT " + body().strip();
      case "call":
      case "?":
        throw new SQLFeatureNotSupportedException("Floe has no stored procedures: the JDBC escape "
            + "{" + keyword + " ...} (CallableStatement) is not supported", "0A000");
      default:
        // Not an escape (nothing in Floe's SQL uses braces otherwise): keep it as written.
        return "{" + sql.substring(start, pos) + body() + "}";
    }
  }

  /** The rest of an escape, its own escapes translated; consumes the closing brace. */
  private String body() throws SQLException {
    StringBuilder b = new StringBuilder();
    copy(b, true);
    return b.toString();
  }

  private String literal(String type) throws SQLException {
    String value = body().strip();
    if (value.length() < 2 || value.charAt(0) != '\'' || value.charAt(value.length() - 1) != '\'') {
      throw new SQLException("the JDBC escape {" + type.toLowerCase(Locale.ROOT).charAt(0)
          + (type.equals("TIMESTAMP") ? "s" : "") + " ...} needs a quoted value, got: " + value,
          "42601");
    }
    return type + " " + value;
  }

  private void skipSpace() {
    while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
      pos++;
    }
  }

  /**
   * Splits a function's argument text at its top-level commas, outside parentheses, literals,
   * quoted identifiers and comments. Empty text is no arguments.
   */
  static List<String> arguments(String text) {
    List<String> args = new ArrayList<>();
    if (text.isBlank()) {
      return args;
    }
    int depth = 0;
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < n) {
          if (text.charAt(j) == c) {
            if (j + 1 < n && text.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        i = j;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        args.add(text.substring(start, i).strip());
        start = i + 1;
      }
    }
    args.add(text.substring(start).strip());
    return args;
  }
}

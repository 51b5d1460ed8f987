package io.floe.server.sqllogic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIMILAR TO patterns written for the reference DuckDB as the regular expressions the standard and
 * PostgreSQL make of them (docs/sql.md#similar-to-patterns-are-sqls): DuckDB reads a SIMILAR TO
 * pattern as a regular expression, where {@code %} and {@code _} are wildcards and {@code .} is a
 * dot in SQL. A constant pattern {@code 'a.%'} becomes {@code 'a\.(.*)'} (and its ESCAPE clause,
 * which DuckDB would read as regex options, goes); the reference then answers what Floe answers. A
 * pattern in a column ({@code s SIMILAR TO p}) is rewritten for DuckDB to translate each row's
 * pattern: dots made literal, then {@code %} and {@code _} made wildcards (nested {@code replace}
 * calls; unlike Floe's translation this ignores escapes and bracket expressions, which the
 * corpus's column patterns do not hold).
 */
final class SimilarToReference {
  private static final Pattern SIMILAR = Pattern.compile(
      "(?i)\\bSIMILAR\\s+TO\\s+'((?:[^']|'')*)'(?:\\s+ESCAPE\\s+'((?:[^']|'')*)')?");
  private static final Pattern SIMILAR_TO_COLUMN = Pattern.compile(
      "(?i)\\bSIMILAR\\s+TO\\s+([a-z_][a-z0-9_]*(?:\\.[a-z_][a-z0-9_]*)?)\\b(?!\\s*\\()");

  private SimilarToReference() {}

  static String standard(String sql) {
    Matcher m = SIMILAR.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String pattern = m.group(1).replace("''", "'");
      String escape = m.group(2) == null ? "\\" : m.group(2).replace("''", "'");
      String regex = regex(pattern, escape.isEmpty() ? -1 : escape.charAt(0));
      m.appendReplacement(out, Matcher.quoteReplacement("SIMILAR TO '" + regex.replace("'", "''") + "'"));
    }
    String constants = m.appendTail(out).toString();
    Matcher c = SIMILAR_TO_COLUMN.matcher(constants);
    StringBuilder columns = new StringBuilder();
    while (c.find()) {
      c.appendReplacement(columns, Matcher.quoteReplacement("SIMILAR TO ('(?s)' || replace(replace("
          + "replace(" + c.group(1) + ", '.', '\\.'), '%', '.*'), '_', '.'))"));
    }
    return c.appendTail(columns).toString();
  }

  /** The standard's reading: wildcards, literal dots, brackets and groups kept as written. */
  static String regex(String pattern, int escape) {
    StringBuilder regex = new StringBuilder("(?s)");
    boolean inBrackets = false;
    int bracketLength = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == escape && i + 1 < pattern.length()) {
        char next = pattern.charAt(++i);
        regex.append(Character.isLetterOrDigit(next) ? "\\" + next : Pattern.quote(String.valueOf(next)));
      } else if (c == escape) {
        continue;
      } else if (inBrackets) {
        regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
        boolean first = bracketLength == 0 || bracketLength == 1 && pattern.charAt(i - 1) == '^';
        inBrackets = !(c == ']' && !first);
        bracketLength++;
      } else if (c == '[') {
        regex.append(c);
        inBrackets = true;
        bracketLength = 0;
      } else {
        regex.append(switch (c) {
          case '%' -> ".*";
          case '_' -> ".";
          case '.', '^', '$', '\\' -> "\\" + c;
          default -> String.valueOf(c);
        });
      }
    }
    return regex.toString();
  }
}

package io.floe.server.sqllogic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code substring} with a constant start before 1 written for the reference DuckDB as PostgreSQL
 * computes it (docs/sql.md#string-functions-answer-as-postgresqls): the characters from position
 * {@code start} up to {@code start + count}, so {@code substring(s FROM -2 FOR 4)} becomes
 * {@code substring(s, 1, 1)} and {@code substr(s, -2)} becomes {@code substr(s, 1)}. DuckDB counts
 * such a start from the end of the text.
 */
final class SubstringReference {
  private static final String FUNCTION = "(?i)\\b(substring|substr)\\s*\\(\\s*([^(),]+?)";
  private static final Pattern WITH_COUNT = Pattern.compile(FUNCTION
      + "(?:\\s+from\\s+|\\s*,\\s*)(-\\s*\\d+|0)(?:\\s+for\\s+|\\s*,\\s*)(\\d+)\\s*\\)");
  private static final Pattern WITHOUT_COUNT = Pattern.compile(FUNCTION
      + "(?:\\s+from\\s+|\\s*,\\s*)(-\\s*\\d+|0)\\s*\\)");

  private SubstringReference() {}

  static String standard(String sql) {
    Matcher m = WITH_COUNT.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      long start = Long.parseLong(m.group(3).replaceAll("\\s", ""));
      long count = Math.max(start + Long.parseLong(m.group(4)) - 1, 0);
      m.appendReplacement(out, Matcher.quoteReplacement(
          m.group(1) + "(" + m.group(2) + ", 1, " + count + ")"));
    }
    String counted = m.appendTail(out).toString();
    return WITHOUT_COUNT.matcher(counted).replaceAll("$1($2, 1)");
  }
}

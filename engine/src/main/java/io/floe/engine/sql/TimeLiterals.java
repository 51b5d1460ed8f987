package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns a typed date or time literal that Calcite's parser would misread into a cast, which DuckDB
 * reads: {@code TIMESTAMP '294247-01-10 04:00:54'} (Calcite keeps four digits of the year and
 * answers the year 4247), {@code DATE '0044-03-15 (BC)'}, {@code DATE 'infinity'} or
 * {@code TIMESTAMP '2024-01-01 10:00:00+02'} become {@code CAST('...' AS TIMESTAMP)}; so do
 * {@code TIME '10:00'} without seconds and, always, PostgreSQL's instants
 * {@code TIMESTAMPTZ '...'} and {@code TIMESTAMP WITH TIME ZONE '...'} (as {@code timestamptz}).
 * Literals in the standard's form stay literals, so Calcite can still compare and fold them.
 * Works on {@link SqlLexer} tokens, so names, comments and other literals are never touched.
 */
final class TimeLiterals {
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");
  private static final Pattern TIME = Pattern.compile("\\d{1,2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "\\d{4}-\\d{1,2}-\\d{1,2}( \\d{1,2}:\\d{2}:\\d{2}(\\.\\d{1,9})?)?");
  /** Calcite's parser has no literal of an instant: always a cast. */
  private static final Pattern NONE = Pattern.compile("(?!)");

  private TimeLiterals() {}

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("date") && !lower.contains("time")) {
      return sql;
    }
    List<SqlLexer.Token> in = SqlLexer.tokenize(sql);
    List<SqlLexer.Token> out = new ArrayList<>(in.size());
    boolean changed = false;
    for (int i = 0; i < in.size(); i++) {
      SqlLexer.Token t = in.get(i);
      Pattern standard = t.type() != SqlLexer.Type.WORD ? null : switch (t.text().toLowerCase(Locale.ROOT)) {
        case "date" -> DATE;
        case "time" -> TIME;
        case "timestamp" -> TIMESTAMP;
        case "timestamptz" -> NONE;
        default -> null;
      };
      String type = t.text();
      int k = standard == null ? -1 : SqlLexer.nextSignificant(in, i + 1);
      int zone = t.is("timestamp") ? withTimeZone(in, k) : -1;
      if (zone >= 0) {
        standard = NONE;
        type = "timestamptz";
        k = SqlLexer.nextSignificant(in, zone + 1);
      }
      if (k < 0 || in.get(k).type() != SqlLexer.Type.STRING || !in.get(k).text().startsWith("'")
          || standard.matcher(unquote(in.get(k).text()).trim()).matches()) {
        out.add(t);
        continue;
      }
      out.add(new SqlLexer.Token(SqlLexer.Type.WORD,
          "CAST(" + in.get(k).text() + " AS " + type + ")", t.start()));
      i = k;
      changed = true;
    }
    return changed ? SqlLexer.join(out) : sql;
  }

  /** The index of {@code zone} if {@code WITH TIME ZONE} starts at {@code k}, else -1. */
  private static int withTimeZone(List<SqlLexer.Token> tokens, int k) {
    int at = k;
    for (String word : List.of("with", "time", "zone")) {
      if (at < 0 || !tokens.get(at).is(word)) {
        return -1;
      }
      if (!word.equals("zone")) {
        at = SqlLexer.nextSignificant(tokens, at + 1);
      }
    }
    return at;
  }

  private static String unquote(String literal) {
    return literal.substring(1, Math.max(1, literal.length() - 1)).replace("''", "'");
  }
}

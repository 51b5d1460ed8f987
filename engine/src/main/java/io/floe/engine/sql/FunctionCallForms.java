package io.floe.engine.sql;

import io.floe.engine.api.sql.SqlLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's plain function-call forms of functions that Calcite's parser knows only in the SQL
 * standard's own syntax, rewritten into that syntax (the meaning is the same; DuckDB reads both):
 * <ul>
 *   <li>{@code trim(s, chars)} as {@code trim(both chars from s)} (PostgreSQL's {@code btrim});
 *       {@code ltrim} and {@code rtrim} with two arguments are functions of their own
 *       ({@link ScalarFunctions});</li>
 *   <li>{@code overlay(s, new, start[, count])} as
 *       {@code overlay(s placing new from start [for count])};</li>
 *   <li>{@code substring(s for count)}, which Calcite's parser lacks, as
 *       {@code substring(s from 1 for count)}.</li>
 * </ul>
 * Each argument is kept in parentheses. Calls with another number of arguments, or already written
 * with the keywords, stay as they are; so does a method-style call after a dot. Works on
 * {@link SqlLexer} tokens, so literals, quoted names and comments never change.
 */
final class FunctionCallForms {
  private FunctionCallForms() {}

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("trim") && !lower.contains("overlay") && !lower.contains("substring")) {
      return sql;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    boolean changed = false;
    SqlLexer.Token previous = null;
    int i = 0;
    while (i < tokens.size()) {
      SqlLexer.Token t = tokens.get(i);
      int open = SqlLexer.nextSignificant(tokens, i + 1);
      String call = null;
      int close = -1;
      if (t.type() == SqlLexer.Type.WORD && open >= 0 && tokens.get(open).isSymbol("(")
          && (previous == null || !previous.isSymbol("."))) {
        close = matching(tokens, open);
        if (t.is("substring")) {
          call = close < 0 ? null : substringFrom(tokens, open, close);
        } else {
          List<String> args = close < 0 ? null : arguments(tokens, open, close);
          call = args == null ? null : standardForm(t.identifier(), args);
        }
      }
      if (call != null) {
        out.append(rewrite(call));
        changed = true;
        previous = tokens.get(close);
        i = close + 1;
      } else {
        out.append(t.text());
        if (!t.isBlank()) {
          previous = t;
        }
        i++;
      }
    }
    return changed ? out.toString() : sql;
  }

  /**
   * {@code substring(s for count)} as {@code substring(s from 1 for count)}; null for any other
   * form of the call (with FROM, or with commas).
   */
  private static String substringFrom(List<SqlLexer.Token> tokens, int open, int close) {
    int forAt = -1;
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol(")") || t.isSymbol("]")) {
        depth--;
      } else if (depth == 0 && (t.is("from") || t.isSymbol(","))) {
        return null;
      } else if (depth == 0 && t.is("for") && forAt < 0) {
        forAt = k;
      }
    }
    if (forAt < 0) {
      return null;
    }
    return "substring" + SqlLexer.join(tokens.subList(open, forAt)) + "from 1 "
        + SqlLexer.join(tokens.subList(forAt, close + 1));
  }

  /** The call in the standard's syntax, or null if {@code name} with these arguments has none. */
  private static String standardForm(String name, List<String> args) {
    return switch (name) {
      case "trim" -> args.size() == 2 ? "trim(both (" + args.get(1) + ") from (" + args.get(0) + "))" : null;
      case "overlay" -> args.size() == 3 || args.size() == 4
          ? "overlay((" + args.get(0) + ") placing (" + args.get(1) + ") from (" + args.get(2) + ")"
              + (args.size() == 4 ? " for (" + args.get(3) + ")" : "") + ")"
          : null;
      default -> null;
    };
  }

  /**
   * The texts of the comma-separated arguments between two parentheses, or null when an argument
   * is empty or the call uses a keyword form ({@code FROM}, {@code PLACING}) at its top level.
   */
  private static List<String> arguments(List<SqlLexer.Token> tokens, int open, int close) {
    List<String> args = new ArrayList<>();
    StringBuilder arg = new StringBuilder();
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(") || t.isSymbol("[")) {
        depth++;
      } else if (t.isSymbol(")") || t.isSymbol("]")) {
        depth--;
      } else if (depth == 0 && (t.is("from") || t.is("placing") || t.is("both") || t.is("leading")
          || t.is("trailing"))) {
        return null;
      }
      if (depth == 0 && t.isSymbol(",")) {
        args.add(arg.toString().strip());
        arg.setLength(0);
      } else {
        arg.append(t.text());
      }
    }
    args.add(arg.toString().strip());
    return args.stream().anyMatch(String::isEmpty) ? null : args;
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  private static int matching(List<SqlLexer.Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      if (tokens.get(k).isSymbol("(")) {
        depth++;
      } else if (tokens.get(k).isSymbol(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}

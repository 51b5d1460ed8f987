package io.floe.engine.api.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One statement's text with its tokens, lexed once ({@link SqlLexer}) and shared by everything that
 * reads it: a front-end's routing, session commands and placeholders, and the planner (nesting
 * depth, DDL, EXPLAIN and DESCRIBE, plan cache shapes). Token offsets are offsets in {@link
 * #text()}.
 */
public final class LexedStatement {
  private final String text;
  private final List<SqlLexer.Token> tokens;
  private List<SqlLexer.Token> significant;

  private LexedStatement(String text, List<SqlLexer.Token> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /** Lexes one statement. */
  public static LexedStatement of(String sql) {
    requireNonNull(sql, "sql");
    return new LexedStatement(sql, List.copyOf(SqlLexer.tokenize(sql)));
  }

  /**
   * A statement of these tokens (made by rewriting another's): its text is theirs joined, and
   * their offsets are recomputed to point into it.
   */
  public static LexedStatement ofTokens(List<SqlLexer.Token> tokens) {
    List<SqlLexer.Token> placed = new ArrayList<>(tokens.size());
    StringBuilder text = new StringBuilder();
    for (SqlLexer.Token t : tokens) {
      placed.add(t.start() == text.length() ? t
          : new SqlLexer.Token(t.type(), t.text(), text.length()));
      text.append(t.text());
    }
    return new LexedStatement(text.toString(), List.copyOf(placed));
  }

  /**
   * Splits a script into statements at top-level semicolons, lexing it once. Statements keep their
   * text without the semicolon; empty ones (only whitespace and comments) are kept, so callers can
   * answer them as PostgreSQL does, except a last one after a final semicolon.
   */
  public static List<LexedStatement> split(String sql) {
    List<LexedStatement> statements = new ArrayList<>();
    List<SqlLexer.Token> current = new ArrayList<>();
    boolean blank = true;
    int depth = 0;
    for (SqlLexer.Token t : SqlLexer.tokenize(sql)) {
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        depth = Math.max(0, depth - 1);
      }
      if (t.isSymbol(";") && depth == 0) {
        statements.add(ofTokens(current));
        current.clear();
        blank = true;
      } else {
        current.add(t);
        blank &= t.isBlank();
      }
    }
    if (statements.isEmpty() || !blank) {
      statements.add(ofTokens(current));
    }
    return statements;
  }

  public String text() {
    return text;
  }

  /** Every token, whitespace and comments included; joined they give {@link #text()}. */
  public List<SqlLexer.Token> tokens() {
    return tokens;
  }

  /** The tokens that are neither whitespace nor comments. */
  public List<SqlLexer.Token> significant() {
    List<SqlLexer.Token> s = significant;
    if (s == null) {
      s = tokens.stream().filter(t -> !t.isBlank()).toList();
      significant = s;
    }
    return s;
  }

  /** True if the statement has only whitespace, comments and semicolons. */
  public boolean isEmpty() {
    return significant().stream().allMatch(t -> t.isSymbol(";"));
  }

  /** The first significant token, or null for an empty statement. */
  public SqlLexer.Token first() {
    List<SqlLexer.Token> s = significant();
    return s.isEmpty() ? null : s.get(0);
  }

  /** The deepest nesting of parentheses, brackets and braces. */
  public int depth() {
    int depth = 0;
    int max = 0;
    for (SqlLexer.Token t : tokens) {
      if (t.type() != SqlLexer.Type.PUNCT) {
        continue;
      }
      if (t.text().equals("(") || t.text().equals("[") || t.text().equals("{")) {
        max = Math.max(max, ++depth);
      } else if (t.text().equals(")") || t.text().equals("]") || t.text().equals("}")) {
        depth = Math.max(0, depth - 1);
      }
    }
    return max;
  }

  /**
   * This statement with each token replaced by what {@code replacement} gives (null: the token
   * itself), without lexing the text again.
   */
  public LexedStatement replace(Function<SqlLexer.Token, List<SqlLexer.Token>> replacement) {
    List<SqlLexer.Token> out = new ArrayList<>(tokens.size());
    boolean changed = false;
    for (SqlLexer.Token t : tokens) {
      List<SqlLexer.Token> r = replacement.apply(t);
      if (r == null) {
        out.add(t);
      } else {
        out.addAll(r);
        changed = true;
      }
    }
    return changed ? ofTokens(out) : this;
  }

  /** This statement without leading and trailing whitespace, comments and semicolons. */
  public LexedStatement trimmed() {
    int from = 0;
    int to = tokens.size();
    while (from < to && tokens.get(from).isBlank()) {
      from++;
    }
    while (to > from && (tokens.get(to - 1).isBlank() || tokens.get(to - 1).isSymbol(";"))) {
      to--;
    }
    return from == 0 && to == tokens.size() ? this : ofTokens(tokens.subList(from, to));
  }

  @Override public String toString() {
    return text;
  }
}

package io.floe.engine.sql;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A plain SELECT with the literals of its simplest conditions lifted into {@code ?} parameters, so
 * statements that differ only in those literals share one plan. A literal is lifted only where a
 * parameter means exactly the same: the right operand of {@code =, <>, !=, <, <=, >, >=} whose left
 * operand is a plain (possibly qualified) column name, or an element of {@code column IN (...)}, in
 * a WHERE, ON or HAVING condition of a query not inside a select list, ORDER BY, GROUP BY and so on,
 * with nothing but AND, OR, a parenthesis or a clause keyword on either side. Whether a lifted
 * value converts to its parameter's type exactly as the literal would have is decided by
 * {@link Literal#bind} once the shape is planned.
 *
 * @param text the statement with {@code ?} in place of each lifted literal
 * @param literals the lifted literals, in the order of their parameters
 */
record LiteralShape(String text, List<Literal> literals) {
  /**
   * A longer IN list stays as written: its literals become one SEARCH that DuckDB receives as
   * {@code IN (...)} ({@link InLists}), and a shape per list length would seldom be shared.
   */
  private static final int MAX_IN_LIST = 19;

  private static final Set<String> COMPARISONS = Set.of("=", "<>", "!=", "<", "<=", ">", ">=");
  /** Words that may come right before a lifted condition. */
  private static final Set<String> BEFORE = Set.of("where", "on", "having", "and", "or", "not", "when");
  /** Words that may come right after a lifted condition. */
  private static final Set<String> AFTER = Set.of("and", "or", "then", "group", "order", "limit",
      "offset", "having", "window", "qualify", "union", "intersect", "except", "fetch", "join",
      "inner", "left", "right", "full", "cross", "natural", "where");
  /** Words that start a clause (which decides whether a literal in it may be lifted). */
  private static final Set<String> CLAUSES = Set.of("select", "from", "where", "group", "having",
      "order", "limit", "offset", "fetch", "qualify", "window", "on", "join", "using", "union",
      "intersect", "except", "values", "with", "partition", "range", "rows", "returning", "set",
      "into", "filter", "over", "within");
  /** Clauses whose conditions lift their literals. */
  private static final Set<String> CONDITIONS = Set.of("where", "on", "having");
  /** Clauses a parenthesis in which may hold liftable conditions (sub-queries, nested ones). */
  private static final Set<String> NESTING = Set.of("", "with", "from", "join", "where", "on",
      "having", "union", "intersect", "except");
  /** Words that are not column names on the left of a comparison. */
  private static final Set<String> NOT_COLUMNS = Set.of("null", "true", "false", "unknown", "not",
      "and", "or", "case", "when", "then", "else", "end", "exists", "select", "from", "where", "on",
      "having", "interval", "date", "time", "timestamp", "current_date", "current_time",
      "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user", "user",
      "current_role", "current_schema", "current_catalog", "any", "all", "some", "array", "row",
      "cast", "distinct", "between", "in", "like", "ilike", "similar", "is", "escape", "collate");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}( \\d{2}:\\d{2}:\\d{2})?");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(\\d+\\.?\\d*|\\.\\d+)");

  LiteralShape {
    requireNonNull(text, "text");
    literals = List.copyOf(literals);
  }

  /**
   * One lifted literal as written.
   *
   * @param type {@link SqlLexer.Type#NUMBER} or {@link SqlLexer.Type#STRING}
   * @param text a number (with its minus sign) or a single-quoted string, quotes included
   */
  record Literal(SqlLexer.Type type, String text) {
    Literal {
      requireNonNull(type, "type");
      requireNonNull(text, "text");
    }

    /**
     * The literal as a value of a parameter of {@code type}, in the Java class
     * {@code ParameterValues} gives that type, or empty if the parameter would not mean exactly
     * what the literal meant (a fraction for an integer, a number for a string, a string that is
     * not plainly a valid date, a type where the two could compare differently).
     */
    Optional<Object> bind(RelDataType type) {
      SqlTypeName name = type.getSqlTypeName();
      if (this.type == SqlLexer.Type.NUMBER) {
        if (!PLAIN_NUMBER.matcher(text).matches()) {
          return Optional.empty();
        }
        BigDecimal value = new BigDecimal(text);
        return switch (name) {
          case SMALLINT -> exact(value, Short.MIN_VALUE, Short.MAX_VALUE).map(Long::shortValue);
          case INTEGER -> exact(value, Integer.MIN_VALUE, Integer.MAX_VALUE).map(Long::intValue);
          case BIGINT -> exact(value, Long.MIN_VALUE, Long.MAX_VALUE).map(v -> v);
          case DECIMAL -> decimal(value, type.getPrecision(), type.getScale());
          case DOUBLE, FLOAT -> Optional.of(value.doubleValue());
          default -> Optional.empty();
        };
      }
      String value = text.substring(1, text.length() - 1).replace("''", "'");
      try {
        return switch (name) {
          case VARCHAR -> type.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED
              || type.getPrecision() == FloeTypeSystem.INSTANCE.getDefaultPrecision(SqlTypeName.VARCHAR)
              && !value.endsWith(" ") ? Optional.of(value) : Optional.empty();
          case DATE -> DATE.matcher(value).matches() && !value.startsWith("0000")
              ? Optional.of(LocalDate.parse(value)) : Optional.empty();
          case TIMESTAMP -> TIMESTAMP.matcher(value).matches() && !value.startsWith("0000")
              ? Optional.of(value.length() == 10 ? LocalDate.parse(value).atStartOfDay()
                  : LocalDateTime.parse(value.replace(' ', 'T'))) : Optional.empty();
          default -> Optional.empty();
        };
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }

    private static Optional<Long> exact(BigDecimal value, long min, long max) {
      try {
        long v = value.longValueExact();
        return v < min || v > max ? Optional.empty() : Optional.of(v);
      } catch (ArithmeticException e) {
        return Optional.empty();
      }
    }

    private static Optional<Object> decimal(BigDecimal value, int precision, int scale) {
      BigDecimal v = value.scale() > scale ? value.stripTrailingZeros() : value;
      if (v.scale() > scale) {
        return Optional.empty();
      }
      v = v.setScale(scale, RoundingMode.UNNECESSARY);
      return v.precision() - v.scale() > precision - scale ? Optional.empty() : Optional.of(v);
    }
  }

  /** What a parenthesis (or the statement) is in: its current clause and whether it may lift. */
  private static final class Frame {
    String clause;
    final boolean lifts;
    int betweens;

    Frame(String clause, boolean lifts) {
      this.clause = clause;
      this.lifts = lifts;
    }
  }

  /**
   * The shape of {@code sql}, or empty when it is not a plain SELECT or has nothing to lift. A
   * statement with parameters of its own is never shaped.
   */
  static Optional<LiteralShape> of(String sql) {
    return of(LexedStatement.of(sql));
  }

  /** {@link #of(String)} of a statement already lexed. */
  static Optional<LiteralShape> of(LexedStatement statement) {
    List<SqlLexer.Token> all = statement.tokens();
    List<Integer> sig = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      SqlLexer.Token t = all.get(i);
      if (t.type() == SqlLexer.Type.PARAM || (t.type() == SqlLexer.Type.OPERATOR && t.text().contains("?"))) {
        return Optional.empty();
      }
      if (!t.isBlank()) {
        sig.add(i);
      }
    }
    if (sig.isEmpty() || !(all.get(sig.get(0)).is("select") || all.get(sig.get(0)).is("with"))) {
      return Optional.empty();
    }
    List<SqlLexer.Token> s = sig.stream().map(all::get).toList();
    if (s.stream().anyMatch(t -> t.isSymbol(";"))) {
      return Optional.empty();
    }
    Scan scan = new Scan(s);
    if (!scan.run() || scan.lifted.isEmpty()) {
      return Optional.empty();
    }
    // Replace the lifted tokens (by their index among all tokens) with one ? per literal.
    StringBuilder text = new StringBuilder();
    List<Literal> literals = new ArrayList<>();
    int next = 0;
    for (int[] span : scan.lifted) {
      int from = sig.get(span[0]);
      int to = sig.get(span[1]);
      for (int i = next; i < from; i++) {
        text.append(all.get(i).text());
      }
      StringBuilder literal = new StringBuilder();
      for (int i = span[0]; i <= span[1]; i++) {
        literal.append(s.get(i).text());
      }
      literals.add(new Literal(s.get(span[1]).type(), literal.toString()));
      text.append('?');
      next = to + 1;
    }
    for (int i = next; i < all.size(); i++) {
      text.append(all.get(i).text());
    }
    return Optional.of(new LiteralShape(text.toString(), literals));
  }

  /** One pass over the significant tokens, collecting the spans of liftable literals. */
  private static final class Scan {
    final List<SqlLexer.Token> s;
    final List<int[]> lifted = new ArrayList<>();
    final Deque<Frame> frames = new ArrayDeque<>();
    final Set<Integer> betweenAnds = new HashSet<>();

    Scan(List<SqlLexer.Token> s) {
      this.s = s;
    }

    boolean run() {
      frames.push(new Frame("", true));
      for (int i = 0; i < s.size(); i++) {
        SqlLexer.Token t = s.get(i);
        Frame frame = frames.peek();
        if (t.isSymbol("(")) {
          boolean opensCall = i > 0 && (s.get(i - 1).is("filter") || s.get(i - 1).is("over")
              || s.get(i - 1).is("within"));
          frames.push(new Frame(frame.clause, frame.lifts && !opensCall && NESTING.contains(frame.clause)));
        } else if (t.isSymbol(")")) {
          if (frames.size() == 1) {
            return false;
          }
          frames.pop();
        } else if (t.type() == SqlLexer.Type.WORD) {
          String w = t.identifier();
          if (w.equals("between")) {
            frame.betweens++;
          } else if (w.equals("and") && frame.betweens > 0) {
            frame.betweens--;
            betweenAnds.add(i);
          } else if (w.equals("on") && i > 0 && s.get(i - 1).is("distinct")) {
            frame.clause = "select";
          } else if (w.equals("where") && i > 0 && s.get(i - 1).isSymbol("(")) {
            frame.clause = "filter";
          } else if (CLAUSES.contains(w)) {
            frame.clause = w;
          } else if (w.equals("in") && CONDITIONS.contains(frame.clause) && frame.lifts) {
            inList(i);
          }
        } else if (t.type() == SqlLexer.Type.OPERATOR && COMPARISONS.contains(t.text())
            && CONDITIONS.contains(frame.clause) && frame.lifts) {
          comparison(i);
        }
      }
      return frames.size() == 1;
    }

    /** {@code column op literal}, with a condition boundary on both sides. */
    private void comparison(int op) {
      int[] literal = literalAt(op + 1);
      if (literal != null && columnBefore(op - 1) && endsCondition(literal[1] + 1)) {
        lifted.add(literal);
      }
    }

    /** {@code column [NOT] IN (literal, ...)}, with a condition boundary on both sides. */
    private void inList(int in) {
      int left = in - 1;
      if (left >= 0 && s.get(left).is("not")) {
        left--;
      }
      if (left < 0 || !columnBefore(left) || in + 1 >= s.size() || !s.get(in + 1).isSymbol("(")) {
        return;
      }
      List<int[]> items = new ArrayList<>();
      int i = in + 2;
      while (true) {
        int[] literal = literalAt(i);
        if (literal == null) {
          return;
        }
        items.add(literal);
        i = literal[1] + 1;
        if (i < s.size() && s.get(i).isSymbol(",")) {
          i++;
        } else if (i < s.size() && s.get(i).isSymbol(")")) {
          break;
        } else {
          return;
        }
      }
      if (items.size() <= MAX_IN_LIST && endsCondition(i + 1)) {
        lifted.addAll(items);
      }
    }

    /** The span of a literal starting at {@code i}: a number, a minus and a number, a string. */
    private int[] literalAt(int i) {
      if (i >= s.size()) {
        return null;
      }
      SqlLexer.Token t = s.get(i);
      if (t.type() == SqlLexer.Type.NUMBER) {
        return new int[] {i, i};
      }
      if (t.type() == SqlLexer.Type.STRING && t.text().startsWith("'") && t.text().length() >= 2
          && t.text().endsWith("'")) {
        return new int[] {i, i};
      }
      if (t.type() == SqlLexer.Type.OPERATOR && t.text().equals("-") && i + 1 < s.size()
          && s.get(i + 1).type() == SqlLexer.Type.NUMBER) {
        return new int[] {i, i + 1};
      }
      return null;
    }

    /** A plain column name ending at {@code end}, with a condition boundary before it. */
    private boolean columnBefore(int end) {
      int i = end;
      if (i < 0 || !isName(s.get(i))) {
        return false;
      }
      while (i >= 2 && s.get(i - 1).isSymbol(".") && isName(s.get(i - 2))) {
        i -= 2;
      }
      if (i == 0) {
        return false;
      }
      SqlLexer.Token before = s.get(i - 1);
      return before.isSymbol("(") || (before.type() == SqlLexer.Type.WORD
          && BEFORE.contains(before.identifier()) && !betweenAnds.contains(i - 1));
    }

    private static boolean isName(SqlLexer.Token t) {
      return t.type() == SqlLexer.Type.QUOTED
          || (t.type() == SqlLexer.Type.WORD && !NOT_COLUMNS.contains(t.identifier()));
    }

    /** Whether the condition ends before token {@code i}. */
    private boolean endsCondition(int i) {
      if (i >= s.size()) {
        return true;
      }
      SqlLexer.Token t = s.get(i);
      return t.isSymbol(")") || (t.type() == SqlLexer.Type.WORD && AFTER.contains(t.identifier()));
    }
  }
}

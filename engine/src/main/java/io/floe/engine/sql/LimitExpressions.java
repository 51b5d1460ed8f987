package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.SqlLexer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * LIMIT and OFFSET given as constant expressions ({@code LIMIT 2 - 1}, {@code OFFSET (SELECT 5)},
 * {@code LIMIT (SELECT NULL)}), as PostgreSQL and DuckDB take them. Calcite's parser takes only a
 * number or a parameter there, so the expression is evaluated while the text is prepared for the
 * parser and replaced by its value: a NULL LIMIT is no limit ({@code LIMIT ALL}) and a NULL OFFSET
 * is none; a negative one is refused as PostgreSQL refuses it (2201W, 2201X). An expression that
 * is no constant (a sub-query that reads a table) is refused with 0A000.
 */
final class LimitExpressions {
  /** Words that end a LIMIT or OFFSET expression at its parenthesis depth. */
  private static final Set<String> ENDS = Set.of("limit", "offset", "fetch", "row", "rows", "union",
      "intersect", "except", "for", "order", "percent");

  private LimitExpressions() {}

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("limit") && !lower.contains("offset")) {
      return sql;
    }
    // Each pass moves one query's LIMIT and OFFSET with sub-queries into a filter.
    for (int pass = 0; pass < 64; pass++) {
      String filtered = SubQueryLimits.rewrite(sql);
      if (filtered == null) {
        break;
      }
      sql = filtered;
    }
    List<SqlLexer.Token> tokens = SqlLexer.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    boolean changed = false;
    for (int i = 0; i < tokens.size(); i++) {
      SqlLexer.Token t = tokens.get(i);
      out.append(t.text());
      if (!(t.is("limit") || t.is("offset")) || isQualified(tokens, i)) {
        continue;
      }
      int first = SqlLexer.nextSignificant(tokens, i + 1);
      int end = expressionEnd(tokens, first);
      if (first < 0 || end <= first || isPlain(tokens, first, end)) {
        continue;
      }
      boolean limit = t.is("limit");
      String text = SqlLexer.join(tokens.subList(first, end));
      BigDecimal value = evaluate(text, limit);
      out.append(SqlLexer.join(tokens.subList(i + 1, first)));
      if (value == null) {
        out.append(limit ? "ALL" : "0");
      } else if (value.signum() < 0) {
        throw new FloeException(limit ? ErrorCode.INVALID_ROW_COUNT_IN_LIMIT
            : ErrorCode.INVALID_ROW_COUNT_IN_OFFSET, (limit ? "LIMIT" : "OFFSET")
            + " must not be negative");
      } else {
        out.append(value.toPlainString());
      }
      // Keep blanks after the expression where they were.
      int last = end - 1;
      while (tokens.get(last).isBlank()) {
        last--;
      }
      out.append(SqlLexer.join(tokens.subList(last + 1, end)));
      i = end - 1;
      changed = true;
    }
    return changed ? out.toString() : sql;
  }

  /** Whether the word at {@code at} is a name ({@code t.limit}, {@code AS limit}), not a clause. */
  static boolean isQualified(List<SqlLexer.Token> tokens, int at) {
    int k = at - 1;
    while (k >= 0 && tokens.get(k).isBlank()) {
      k--;
    }
    return k >= 0 && (tokens.get(k).isSymbol(".") || tokens.get(k).is("as"));
  }

  /** The index after a clause's expression starting at {@code first} (its blanks included). */
  static int expressionEnd(List<SqlLexer.Token> tokens, int first) {
    if (first < 0) {
      return -1;
    }
    int depth = 0;
    int k = first;
    for (; k < tokens.size(); k++) {
      SqlLexer.Token t = tokens.get(k);
      if (t.isSymbol("(")) {
        depth++;
      } else if (t.isSymbol(")")) {
        if (depth-- == 0) {
          break;
        }
      } else if (depth == 0 && (t.isSymbol(";") || t.isSymbol(",") || t.type() == SqlLexer.Type.WORD
          && ENDS.contains(t.identifier()))) {
        break;
      }
    }
    return k;
  }

  /** A number, a parameter or ALL: what Calcite's parser takes as it is. */
  static boolean isPlain(List<SqlLexer.Token> tokens, int first, int end) {
    int next = SqlLexer.nextSignificant(tokens, first + 1);
    SqlLexer.Token t = tokens.get(first);
    return (next < 0 || next >= end) && (t.type() == SqlLexer.Type.NUMBER
        || t.type() == SqlLexer.Type.PARAM || t.isSymbol("?") || t.is("all"));
  }

  /** The expression's value as a whole number of rows (rounded, as PostgreSQL casts), or null. */
  static BigDecimal evaluate(String text, boolean limit) {
    SqlNode expression;
    try {
      SqlSelect select = (SqlSelect) SqlParser.create("SELECT " + text,
          SqlFlavor.POSTGRES.parserConfig()).parseQuery();
      expression = select.getSelectList().get(0);
    } catch (SqlParseException | ClassCastException e) {
      throw new FloeException(ErrorCode.SYNTAX_ERROR, String.format(Locale.ROOT,
          "syntax error in %s %s", limit ? "LIMIT" : "OFFSET", text.strip()), null, e);
    }
    BigDecimal value = constant(expression);
    return value == null ? null : value.setScale(0, RoundingMode.HALF_UP);
  }

  /** A constant's value (null for NULL); refuses what is not a constant. */
  private static BigDecimal constant(SqlNode node) {
    if (node instanceof SqlNumericLiteral n) {
      return n.getValueAs(BigDecimal.class);
    }
    if (node instanceof SqlLiteral l && l.getTypeName() == SqlTypeName.NULL) {
      return null;
    }
    if (node instanceof SqlSelect s && s.getFrom() == null && s.getWhere() == null
        && s.getGroup() == null && s.getHaving() == null && s.getSelectList().size() == 1) {
      return constant(s.getSelectList().get(0));
    }
    if (node instanceof SqlCall call) {
      switch (call.getKind()) {
      case AS:
        return constant(call.operand(0));
      case CAST:
        BigDecimal v = constant(call.operand(0));
        if (v != null && call.operand(1) instanceof SqlDataTypeSpec spec
            && spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic
            && SqlTypeName.INT_TYPES.contains(SqlTypeName.get(basic.getTypeName().getSimple()))) {
          return v.setScale(0, RoundingMode.HALF_UP);
        }
        return v;
      case MINUS_PREFIX:
        return negate(constant(call.operand(0)));
      case PLUS_PREFIX:
        return constant(call.operand(0));
      case PLUS:
      case MINUS:
      case TIMES:
      case DIVIDE:
        return arithmetic(call.getKind(), constant(call.operand(0)), constant(call.operand(1)));
      default:
        break;
      }
    }
    throw new FloeException(ErrorCode.NOT_SUPPORTED, "LIMIT and OFFSET take a constant here",
        "Write a number, arithmetic on numbers, or a sub-query without FROM: LIMIT (SELECT 2) "
            + "or LIMIT 1 + 1.", null);
  }

  private static BigDecimal negate(BigDecimal v) {
    return v == null ? null : v.negate();
  }

  private static BigDecimal arithmetic(SqlKind kind, BigDecimal a, BigDecimal b) {
    if (a == null || b == null) {
      return null;
    }
    return switch (kind) {
      case PLUS -> a.add(b);
      case MINUS -> a.subtract(b);
      case TIMES -> a.multiply(b);
      default -> {
        if (b.signum() == 0) {
          throw new FloeException(ErrorCode.DIVISION_BY_ZERO, "division by zero");
        }
        // An integer quotient truncates, as in PostgreSQL.
        yield a.scale() <= 0 && b.scale() <= 0 ? a.divide(b, 0, RoundingMode.DOWN)
            : a.divide(b, java.math.MathContext.DECIMAL64);
      }
    };
  }
}

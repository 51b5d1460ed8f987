package io.floe.engine.session;

import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.api.sql.SqlLexer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parameters typed from the values a client binds, where the type planning inferred for them
 * cannot hold those values. A {@code ?} takes its type from the statement ({@code i / ?} makes it
 * an integer, as the other operand is); PostgreSQL instead types a parameter from what the client
 * sends, so {@code i / $1} bound to a {@code float8} 2.0 divides as {@code float8} and answers 3.5
 * for 7. Floe converting that value to the inferred integer would silently answer 3, so a query
 * whose value does not fit its parameter's type is planned again with that parameter cast to the
 * value's own type; the plan cache keeps one plan per such typing, as it is keyed by the text.
 *
 * <p>A value does not fit when it is fractional by its class (a {@link Double}, {@link Float} or
 * {@link BigDecimal}) and its parameter is an integer, when it is a {@link Double} and its parameter
 * a {@code REAL}, or when it is an integer outside its integer parameter's range. Text values
 * stay as they are (they convert to the parameter's type, or fail with 22P02 as in PostgreSQL,
 * where text from a client is of unknown type).
 */
final class ValueTypedParameters {
  private ValueTypedParameters() {}

  /**
   * The statement with each {@code ?} whose value its type cannot hold cast to its value's type;
   * empty when every value fits (or the counts differ, which binding reports).
   */
  static Optional<LexedStatement> retype(String sql, List<ColumnType> types, List<Object> values) {
    if (types.size() != values.size()) {
      return Optional.empty();
    }
    List<String> casts = new ArrayList<>(types.size());
    boolean any = false;
    for (int i = 0; i < types.size(); i++) {
      String cast = valueType(types.get(i), values.get(i));
      casts.add(cast);
      any |= cast != null;
    }
    if (!any) {
      return Optional.empty();
    }
    return castMarkers(LexedStatement.of(sql), casts);
  }

  /** How many {@code ?} markers {@code statement} has. */
  static int markers(LexedStatement statement) {
    int n = 0;
    for (SqlLexer.Token t : statement.tokens()) {
      if (t.type() == SqlLexer.Type.OPERATOR) {
        n += (int) t.text().chars().filter(c -> c == '?').count();
      }
    }
    return n;
  }

  /**
   * {@code statement} with its {@code i}-th {@code ?} marker written {@code CAST(? AS casts[i])}
   * where {@code casts[i]} is not null; empty when the statement has another number of markers.
   */
  static Optional<LexedStatement> castMarkers(LexedStatement statement, List<String> casts) {
    int[] next = {0};
    LexedStatement retyped = statement.replace(t -> {
      if (t.type() != SqlLexer.Type.OPERATOR || t.text().indexOf('?') < 0) {
        return null;
      }
      // The lexer joins a marker to the operator before it ("/?"): split it out.
      List<SqlLexer.Token> out = new ArrayList<>();
      StringBuilder operator = new StringBuilder();
      for (char c : t.text().toCharArray()) {
        if (c != '?') {
          operator.append(c);
          continue;
        }
        if (operator.length() > 0) {
          out.add(new SqlLexer.Token(SqlLexer.Type.OPERATOR, operator.toString(), 0));
          operator.setLength(0);
        }
        int n = next[0]++;
        String cast = n < casts.size() ? casts.get(n) : null;
        out.addAll(SqlLexer.tokenize(cast == null ? " ? " : " CAST(? AS " + cast + ") "));
      }
      if (operator.length() > 0) {
        out.add(new SqlLexer.Token(SqlLexer.Type.OPERATOR, operator.toString(), 0));
      }
      return out;
    });
    return next[0] == casts.size() ? Optional.of(retyped) : Optional.empty();
  }

  /** The SQL type to plan a parameter of {@code type} as, bound to {@code v}; null if it fits. */
  private static String valueType(ColumnType type, Object v) {
    TypeName name = type.name();
    boolean integer = name == TypeName.SMALLINT || name == TypeName.INTEGER
        || name == TypeName.BIGINT;
    if (v instanceof Double) {
      return integer || name == TypeName.REAL ? "DOUBLE" : null;
    }
    if (v instanceof Float) {
      return integer ? "REAL" : null;
    }
    if (v instanceof BigDecimal d) {
      if (!integer) {
        return null;
      }
      BigDecimal plain = d.scale() < 0 ? d.setScale(0) : d;
      int scale = plain.scale();
      int precision = Math.max(plain.precision(), scale + 1);
      return precision > ColumnType.MAX_DECIMAL_PRECISION ? "DOUBLE"
          : "DECIMAL(" + precision + "," + scale + ")";
    }
    if (integer && (v instanceof Long || v instanceof Integer || v instanceof Short)) {
      long value = ((Number) v).longValue();
      boolean fits = name == TypeName.SMALLINT
          ? value >= Short.MIN_VALUE && value <= Short.MAX_VALUE
          : name != TypeName.INTEGER || (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE);
      return fits ? null : "BIGINT";
    }
    return null;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Intervals that mix months with days or times ({@code interval '1 month 2 days'}, which
 * {@link PostgresIntervals} writes as {@code (INTERVAL '1' MONTH + INTERVAL '2' DAY)}). Calcite
 * has no type for such a value: it cannot add a year-month interval to a day-time one. Added to or
 * subtracted from something else (a date or timestamp), the sum is applied one part at a time,
 * months first, as PostgreSQL and DuckDB apply an interval's fields:
 * {@code ts + (INTERVAL '1' MONTH + INTERVAL '2' DAY)} becomes
 * {@code ts + INTERVAL '1' MONTH + INTERVAL '2' DAY}, and {@code ts - (...)} subtracts each part.
 * Anywhere else (alone, multiplied, compared) such a sum is refused with 0A000 and a hint.
 */
final class MixedIntervals {
  private MixedIntervals() {}

  /** One interval literal of a sum, and whether the sum subtracts it. */
  private record Term(SqlIntervalLiteral literal, boolean negated) {
    boolean yearMonth() {
      return SqlTypeName.YEAR_INTERVAL_TYPES.contains(literal.getTypeName());
    }
  }

  static SqlNode apply(SqlNode node) {
    SqlNode rewritten = node.accept(new SqlShuttle() {
      @Override public @Nullable SqlNode visit(SqlCall call) {
        SqlCall visited = (SqlCall) super.visit(call);
        SqlCall current = visited == null ? call : visited;
        return spread(current);
      }
    });
    SqlNode result = rewritten == null ? node : rewritten;
    result.accept(new SqlBasicVisitor<Void>() {
      @Override public Void visit(SqlCall call) {
        if (mixed(terms(call))) {
          throw new FloeException(ErrorCode.NOT_SUPPORTED, "an interval that mixes months with "
              + "days or times can only be added to or subtracted from a date or timestamp",
              "Write ts + interval '1 month' + interval '2 days', or give the interval in one "
                  + "kind of unit (interval '32 days').", null);
        }
        return super.visit(call);
      }
    });
    return result;
  }

  /** {@code x ± mixed} as {@code x} plus or minus each part of it; other calls as they are. */
  private static SqlNode spread(SqlCall call) {
    SqlKind kind = call.getKind();
    if (kind != SqlKind.PLUS && kind != SqlKind.MINUS || call.operandCount() != 2) {
      return call;
    }
    SqlNode base;
    List<Term> terms = terms(call.operand(1));
    boolean subtract = kind == SqlKind.MINUS;
    if (mixed(terms) && terms(call.operand(0)) == null) {
      base = call.operand(0);
    } else if (kind == SqlKind.PLUS && mixed(terms(call.operand(0)))
        && terms(call.operand(1)) == null) {
      base = call.operand(1);
      terms = terms(call.operand(0));
    } else {
      return call;
    }
    List<Term> ordered = new ArrayList<>(terms);
    ordered.sort(Comparator.comparing(t -> !t.yearMonth())); // months first, as they apply
    SqlNode result = base;
    for (Term t : ordered) {
      boolean minus = subtract != t.negated();
      result = (minus ? SqlStdOperatorTable.MINUS : SqlStdOperatorTable.PLUS)
          .createCall(call.getParserPosition(), result, t.literal());
    }
    return result;
  }

  /** The literals a sum of interval literals adds up, or null if the node is not such a sum. */
  private static @Nullable List<Term> terms(SqlNode node) {
    if (node instanceof SqlIntervalLiteral literal) {
      return List.of(new Term(literal, false));
    }
    if (!(node instanceof SqlCall call) || call.operandCount() != 2
        || call.getKind() != SqlKind.PLUS && call.getKind() != SqlKind.MINUS) {
      return null;
    }
    List<Term> left = terms(call.operand(0));
    List<Term> right = terms(call.operand(1));
    if (left == null || right == null) {
      return null;
    }
    List<Term> all = new ArrayList<>(left);
    for (Term t : right) {
      all.add(new Term(t.literal(), t.negated() != (call.getKind() == SqlKind.MINUS)));
    }
    return all;
  }

  private static boolean mixed(@Nullable List<Term> terms) {
    return terms != null && terms.stream().anyMatch(Term::yearMonth)
        && terms.stream().anyMatch(t -> !t.yearMonth());
  }
}

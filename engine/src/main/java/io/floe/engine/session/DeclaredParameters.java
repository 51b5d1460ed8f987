package io.floe.engine.session;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.sql.LexedStatement;
import io.floe.engine.sql.PlannedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Parameters whose types the client declared, as PostgreSQL's extended protocol lets it (a Parse
 * message's parameter types), or left unknown (a JDBC prepare, before any value is bound):
 * PostgreSQL types a parameter as declared, where Floe's planner infers a type from the
 * statement. Two cases differ, and are planned again with the parameter cast to its declared
 * type: a parameter the statement leaves untyped ({@code SELECT ?}, {@code coalesce(?, ?)}: 42P18
 * otherwise), which takes its declared type or else text, as PostgreSQL's {@code unknown}
 * (parameters the statement types keep their type); and a query parameter declared as a wider
 * number than the planner inferred (a {@code float8} where the statement made an integer:
 * {@code i / $1} divides as {@code float8}). Where such a cast cannot stand (a LIMIT), the first
 * plan stays and values convert to its types.
 */
final class DeclaredParameters {
  private DeclaredParameters() {}

  /**
   * Plans {@code statement} with {@code prepare}, its {@code ?} markers typed by {@code declared}
   * (in marker order; null where the client declared none).
   */
  static PlannedStatement plan(LexedStatement statement, List<ColumnType> declared,
      Function<LexedStatement, PlannedStatement> prepare) {
    PlannedStatement plan = null;
    try {
      plan = prepare.apply(statement);
    } catch (FloeException e) {
      if (e.code() != ErrorCode.INDETERMINATE_DATATYPE) {
        throw e;
      }
      // Which parameters are untyped is not told; each is cast in turn and keeps its cast unless
      // the cast breaks the statement (a parameter the statement did type, compared with a column).
      java.util.Set<Integer> cast = new java.util.TreeSet<>();
      int markers = ValueTypedParameters.markers(statement);
      for (int i = 0; i < markers && plan == null; i++) {
        cast.add(i);
        Optional<LexedStatement> typed = cast(statement, declared, cast::contains);
        if (typed.isEmpty()) {
          break;
        }
        try {
          plan = prepare.apply(typed.get());
        } catch (FloeException next) {
          if (next.code() != ErrorCode.INDETERMINATE_DATATYPE) {
            cast.remove(i);
          }
        }
      }
      if (plan == null) {
        throw e;
      }
    }
    List<Integer> wider = wider(plan, declared);
    if (!wider.isEmpty()) {
      Optional<LexedStatement> typed = cast(statement, declared, wider::contains);
      if (typed.isPresent()) {
        try {
          plan = prepare.apply(typed.get());
        } catch (FloeException e) {
          // Where a cast cannot stand (a LIMIT), the value converts to the planned type as before.
        }
      }
    }
    return plan;
  }

  /**
   * The statement with the markers {@code which} accepts cast to their declared type, or to text
   * where none was declared (also past the end of {@code declared}).
   */
  private static Optional<LexedStatement> cast(LexedStatement statement, List<ColumnType> declared,
      IntPredicate which) {
    int markers = ValueTypedParameters.markers(statement);
    List<String> casts = new ArrayList<>(markers);
    for (int i = 0; i < markers; i++) {
      ColumnType type = i < declared.size() ? declared.get(i) : null;
      casts.add(!which.test(i) ? null : type == null ? "VARCHAR" : sqlType(type));
    }
    return ValueTypedParameters.castMarkers(statement, casts);
  }

  /**
   * The markers (from 0) of a query whose declared type holds numbers its planned type cannot: a
   * fractional number where the query made an integer, a {@code float8} where it made a
   * {@code real}. Only queries: a value written to a column converts to it.
   */
  private static List<Integer> wider(PlannedStatement plan, List<ColumnType> declared) {
    List<Integer> wider = new ArrayList<>();
    if (!plan.returnsRows() || plan.isWrite()) {
      return wider;
    }
    List<ColumnType> planned = plan.parameterTypes();
    for (int i = 0; i < declared.size() && i < planned.size(); i++) {
      ColumnType type = declared.get(i);
      if (type != null && rank(type) > rank(planned.get(i)) && rank(planned.get(i)) > 0) {
        wider.add(i);
      }
    }
    return wider;
  }

  /** How much of a number a type holds: 0 for types that are not numbers. */
  private static int rank(ColumnType type) {
    return switch (type.name()) {
      case SMALLINT, INTEGER, BIGINT -> 1;
      case REAL -> 2;
      case DECIMAL, DOUBLE -> 3;
      default -> 0;
    };
  }

  /** A type as the planner's CAST takes it. */
  private static String sqlType(ColumnType type) {
    return switch (type.name()) {
      case TIMESTAMPTZ -> "TIMESTAMP WITH LOCAL TIME ZONE";
      case BLOB -> "VARBINARY";
      case UUID, JSON -> "VARCHAR";
      default -> type.toString();
    };
  }
}

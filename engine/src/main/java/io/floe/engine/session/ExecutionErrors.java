package io.floe.engine.session;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;

/**
 * What any failure of planning or running a statement means to the client. Nothing a statement
 * throws reaches a front-end as anything but a {@link FloeException} with a SQLSTATE: DuckDB's
 * errors as {@link DuckDbErrors} reads them, the JVM's arithmetic errors of Calcite-run plans as
 * PostgreSQL names them, and anything else (a bug, an error of generated code) as an internal
 * error, so the session goes on.
 */
final class ExecutionErrors {
  private ExecutionErrors() {}

  static FloeException of(Throwable failure, String context) {
    Throwable t = unwrap(failure);
    if (t instanceof FloeException e) {
      return e;
    }
    if (t instanceof SQLException e) {
      return DuckDbErrors.translate(e);
    }
    if (t instanceof ArithmeticException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      return message.contains("by zero") || message.contains("division undefined")
          ? new FloeException(ErrorCode.DIVISION_BY_ZERO, "division by zero", failure)
          : new FloeException(ErrorCode.NUMERIC_OUT_OF_RANGE, "numeric value out of range: "
              + e.getMessage(), failure);
    }
    if (t instanceof NumberFormatException e) {
      return new FloeException(ErrorCode.INVALID_DATA, "invalid number: " + e.getMessage(), failure);
    }
    if (t instanceof StackOverflowError) {
      return new FloeException(ErrorCode.STATEMENT_TOO_COMPLEX, "stack depth limit exceeded: "
          + context + " needs more stack than the server has (is the statement nested very "
          + "deeply?)", failure);
    }
    if (t instanceof OutOfMemoryError) {
      return new FloeException(ErrorCode.RESOURCE_EXHAUSTED, context + ": the statement needs more "
          + "memory than the server has", failure);
    }
    if (isPlannerLimit(t)) {
      // Calcite's planner found no way to run the statement (a shape it has no rule for): a
      // limit of Floe, not a failure of the server.
      return new FloeException(ErrorCode.NOT_SUPPORTED, "cannot plan statement: "
          + firstLine(String.valueOf(t.getMessage())).replaceFirst(": rowcount = .*$", ""), failure);
    }
    return FloeException.internal(context + ": " + t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + firstLine(t.getMessage())), failure);
  }

  private static boolean isPlannerLimit(Throwable t) {
    return t.getClass().getName().equals("org.apache.calcite.plan.RelOptPlanner$CannotPlanException")
        || t instanceof IllegalStateException
        && String.valueOf(t.getMessage()).startsWith("Unable to implement ");
  }

  /** The failure a wrapper (a class initializer, reflection, a Calcite runtime wrapper) carries. */
  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; depth < 16; depth++) {
      if (t instanceof FloeException || t instanceof SQLException) {
        return t;
      }
      Throwable cause = t instanceof InvocationTargetException ite ? ite.getTargetException()
          : t.getCause();
      boolean wrapper = t instanceof ExceptionInInitializerError
          || t instanceof InvocationTargetException
          || t.getClass() == RuntimeException.class
          || t.getClass().getName().startsWith("org.apache.calcite.")
          || t instanceof java.util.concurrent.ExecutionException;
      if (cause == null || cause == t || !wrapper) {
        return t;
      }
      t = cause;
    }
    return t;
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

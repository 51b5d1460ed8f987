package io.floe.engine.sql;

import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/** Translates Calcite parse and validation failures into Floe error codes. */
final class SqlErrors {
  private SqlErrors() {}

  static FloeException parse(SqlParseException e) {
    String message = e.getMessage() == null ? "syntax error" : firstLine(e.getMessage());
    return new FloeException(ErrorCode.SYNTAX_ERROR, message, e);
  }

  static FloeException validation(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String detail = e instanceof CalciteContextException c && c.getCause() != null
        ? String.valueOf(c.getCause().getMessage()) : message;
    ErrorCode code;
    if (detail.matches("(?s).*(Object|Table|Schema) '.*' not found.*")) {
      code = ErrorCode.NOT_FOUND;
    } else if (detail.matches("(?s).*Column '.*' not found.*")) {
      code = ErrorCode.COLUMN_NOT_FOUND;
    } else if (detail.contains("No match found for function signature")) {
      code = ErrorCode.FUNCTION_NOT_FOUND;
    } else if (detail.contains("Cannot apply") || detail.contains("cannot be converted")
        || detail.contains("Cannot assign")) {
      code = ErrorCode.TYPE_MISMATCH;
    } else {
      code = ErrorCode.INVALID_SQL;
    }
    return new FloeException(code, firstLine(message), e);
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

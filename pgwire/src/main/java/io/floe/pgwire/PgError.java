package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorKind;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.InternalErrors;

/**
 * The fields of an ErrorResponse or NoticeResponse. Every engine error keeps its SQLSTATE on the
 * wire ({@code C} field), so clients see 42501, 42P01, 57014, ... exactly as the engine decided.
 *
 * @param severity ERROR, FATAL, WARNING, NOTICE
 * @param sqlState five-character SQLSTATE
 * @param message primary message
 * @param detail optional detail, or null
 * @param hint optional hint, or null
 */
record PgError(String severity, String sqlState, String message, String detail, String hint) {
  PgError {
    requireNonNull(severity, "severity");
    requireNonNull(sqlState, "sqlState");
    requireNonNull(message, "message");
  }

  static PgError error(String sqlState, String message) {
    return new PgError("ERROR", sqlState, message, null, null);
  }

  static PgError fatal(String sqlState, String message) {
    return new PgError("FATAL", sqlState, message, null, null);
  }

  static PgError warning(String message) {
    return new PgError("WARNING", "01000", message, null, null);
  }

  static PgError notice(String message) {
    return new PgError("NOTICE", "00000", message, null, null);
  }

  /** A bug: logged with a reference, which is all the client reads (XX000). */
  static PgError internal(Throwable cause) {
    return error("XX000", InternalErrors.message(InternalErrors.log(cause)));
  }

  /** An engine error as the client sees it; internal errors do not leak their details. */
  static PgError of(FloeException e) {
    if (e.code().kind() == ErrorKind.INTERNAL) {
      return error(e.sqlState(), InternalErrors.message(InternalErrors.log(e)));
    }
    return new PgError("ERROR", e.sqlState(), e.getMessage(), null, e.hint());
  }
}

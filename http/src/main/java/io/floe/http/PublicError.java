package io.floe.http;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.ErrorKind;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.InternalErrors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as a client may see it, the same on every front-end: the engine's {@link ErrorCode}
 * (code, SQLSTATE, HTTP status), a message and an optional hint. An internal error (Floe's own
 * fault, or any exception that is not a {@link FloeException}) never shows its message or stack
 * trace: the client reads "internal error" and a reference, and the log has the reference beside
 * the exception.
 *
 * <p>As JSON: {@code {"error": code, "sqlstate": ..., "message": ..., "hint": ..., "reference": ...}},
 * the last two only when there are any.
 *
 * @param status HTTP status
 * @param code stable lower-case code, e.g. {@code not_found}
 * @param sqlState five-character SQLSTATE
 * @param message what went wrong, safe to show
 * @param hint what the caller might do about it, or null
 * @param reference the id of an internal error's log line, or null
 */
public record PublicError(int status, String code, String sqlState, String message, String hint,
    String reference) {
  /** SQLSTATE of an error of HTTP itself (a malformed request): PostgreSQL's protocol violation. */
  static final String PROTOCOL_VIOLATION = "08P01";

  public PublicError {
    requireNonNull(code, "code");
    requireNonNull(sqlState, "sqlState");
    requireNonNull(message, "message");
  }

  /** What the client is told about {@code e}; internal errors are logged here, with their reference. */
  public static PublicError of(Throwable e) {
    if (e instanceof FloeException f && f.code().kind() != ErrorKind.INTERNAL) {
      return of(f.code(), f.getMessage(), f.hint());
    }
    return internal(e);
  }

  public static PublicError of(ErrorCode code, String message, String hint) {
    return new PublicError(code.httpStatus(), code.code(), code.sqlState(), message, hint, null);
  }

  /** An internal error: logged with a new reference, which is all the client learns. */
  public static PublicError internal(Throwable cause) {
    String reference = InternalErrors.log(cause);
    ErrorCode code = ErrorCode.INTERNAL_ERROR;
    return new PublicError(code.httpStatus(), code.code(), code.sqlState(),
        InternalErrors.message(reference), null, reference);
  }

  /** An error that HTTP itself reports (Jetty's own: bad URI, headers too large, wrong method). */
  public static PublicError http(int status, String message) {
    ErrorCode code = switch (status) {
      case 400 -> ErrorCode.INVALID_ARGUMENT;
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.ACCESS_DENIED;
      case 404 -> ErrorCode.NOT_FOUND;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      default -> null;
    };
    String text = message == null || message.isBlank() ? "HTTP " + status : message;
    if (code != null) {
      return new PublicError(status, code.code(), code.sqlState(), text, null, null);
    }
    if (status >= 500) {
      return internal(null);
    }
    return new PublicError(status, switch (status) {
      case 405 -> "method_not_allowed";
      case 408 -> "timeout";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      default -> "http_" + status;
    }, PROTOCOL_VIOLATION, text, null, null);
  }

  /** The engine's error code this error is, if it is one (HTTP's own errors are not). */
  public java.util.Optional<ErrorCode> errorCode() {
    return java.util.Optional.ofNullable(BY_CODE.get(code));
  }

  private static final Map<String, ErrorCode> BY_CODE = java.util.Arrays.stream(ErrorCode.values())
      .collect(java.util.stream.Collectors.toUnmodifiableMap(ErrorCode::code, c -> c));

  /** The JSON body's fields, in order. */
  public Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", code);
    body.put("sqlstate", sqlState);
    body.put("message", message);
    if (hint != null) {
      body.put("hint", hint);
    }
    if (reference != null) {
      body.put("reference", reference);
    }
    return body;
  }

  /** The body as one line of JSON with its newline. */
  public byte[] json() {
    return Json.writeLine(body());
  }

  /** The message followed by the hint, for protocols with a message only. */
  public String messageWithHint() {
    return hint == null ? message : message + "\nHint: " + hint;
  }
}

package io.floe.engine.error;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Every error Floe reports, with the SQLSTATE and HTTP status each front-end maps it to.
 *
 * <p>Front-ends never invent their own codes: the Avatica endpoint sends {@link #sqlState()} and
 * {@link #ordinal()}-independent {@link #code()} to the JDBC driver, the PostgreSQL endpoint puts
 * {@link #sqlState()} into the error's {@code C} field, and REST answers with {@link #httpStatus()} and
 * {@code {"error": code(), "message": ...}}.
 */
public enum ErrorCode {
  // Authentication and authorization
  UNAUTHENTICATED(ErrorKind.USER, "28000", 401),
  INVALID_PASSWORD(ErrorKind.USER, "28P01", 401),
  ACCESS_DENIED(ErrorKind.USER, "42501", 403),
  READ_ONLY(ErrorKind.USER, "25006", 403),

  // Objects
  NOT_FOUND(ErrorKind.USER, "42P01", 404),
  SCHEMA_NOT_FOUND(ErrorKind.USER, "3F000", 404),
  COLUMN_NOT_FOUND(ErrorKind.USER, "42703", 400),
  FUNCTION_NOT_FOUND(ErrorKind.USER, "42883", 400),
  ALREADY_EXISTS(ErrorKind.USER, "42P07", 409),
  OBJECT_IN_USE(ErrorKind.USER, "55006", 409),

  // Statements and input
  SYNTAX_ERROR(ErrorKind.USER, "42601", 400),
  INVALID_SQL(ErrorKind.USER, "42000", 400),
  TYPE_MISMATCH(ErrorKind.USER, "42804", 400),
  INVALID_NAME(ErrorKind.USER, "42602", 400),
  INVALID_ARGUMENT(ErrorKind.USER, "22023", 400),
  INVALID_PARAMETER(ErrorKind.USER, "22023", 400),
  INVALID_DATA(ErrorKind.USER, "22P02", 400),
  NUMERIC_OUT_OF_RANGE(ErrorKind.USER, "22003", 400),
  DIVISION_BY_ZERO(ErrorKind.USER, "22012", 400),
  DATA_ERROR(ErrorKind.USER, "22000", 400),
  UNIQUE_VIOLATION(ErrorKind.USER, "23505", 409),
  NOT_NULL_VIOLATION(ErrorKind.USER, "23502", 400),
  CONSTRAINT_VIOLATION(ErrorKind.USER, "23000", 409),
  NOT_SUPPORTED(ErrorKind.USER, "0A000", 400),
  INVALID_STATE(ErrorKind.USER, "55000", 409),
  TRANSACTION_CONFLICT(ErrorKind.USER, "40001", 409),

  // Limits and lifecycle
  QUERY_CANCELLED(ErrorKind.USER, "57014", 409),
  STATEMENT_TIMEOUT(ErrorKind.INSUFFICIENT_RESOURCES, "57014", 408),
  TOO_MANY_CONNECTIONS(ErrorKind.INSUFFICIENT_RESOURCES, "53300", 429),
  PAYLOAD_TOO_LARGE(ErrorKind.INSUFFICIENT_RESOURCES, "54000", 413),
  RESOURCE_EXHAUSTED(ErrorKind.INSUFFICIENT_RESOURCES, "53000", 503),
  SESSION_CLOSED(ErrorKind.USER, "08003", 410),

  // Floe's own fault, or the environment's
  INTERNAL_ERROR(ErrorKind.INTERNAL, "XX000", 500),
  IO_ERROR(ErrorKind.EXTERNAL, "58030", 500),
  EXTERNAL_ERROR(ErrorKind.EXTERNAL, "58000", 502),

  // Workspaces (appended: vendor codes follow the declaration order)
  SIZE_LIMIT_EXCEEDED(ErrorKind.INSUFFICIENT_RESOURCES, "53100", 507),
  WRONG_OBJECT_TYPE(ErrorKind.USER, "42809", 400),
  IN_FAILED_TRANSACTION(ErrorKind.USER, "25P02", 409),

  /** Work that a stop or crash of Floe interrupted (a job running when the process ended). */
  ADMIN_SHUTDOWN(ErrorKind.EXTERNAL, "57P01", 503),

  /** A statement that cannot be part of a transaction block (workspace DDL) ran inside one. */
  ACTIVE_SQL_TRANSACTION(ErrorKind.USER, "25001", 409),
  /** ROLLBACK TO or RELEASE of a savepoint the transaction does not have. */
  INVALID_SAVEPOINT(ErrorKind.USER, "3B001", 400),

  /** An HTTP request that names two different tokens (say, in Authorization and X-StorageApi-Token). */
  CONFLICTING_CREDENTIALS(ErrorKind.USER, "28000", 400);

  private final ErrorKind kind;
  private final String sqlState;
  private final int httpStatus;

  ErrorCode(ErrorKind kind, String sqlState, int httpStatus) {
    this.kind = requireNonNull(kind, "kind");
    this.sqlState = requireNonNull(sqlState, "sqlState");
    this.httpStatus = httpStatus;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** Five-character SQLSTATE, as PostgreSQL uses it. */
  public String sqlState() {
    return sqlState;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** Stable lower-case code used in REST bodies and audit lines, e.g. {@code not_found}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A stable number for protocols that want an integer vendor code (Avatica). */
  public int vendorCode() {
    return 1000 + ordinal();
  }
}

package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * Every error Floe reports, with the SQLSTATE and HTTP status each front-end maps it to.
 *
 * <p>Front-ends never invent their own codes: the Avatica endpoint sends {@link #sqlState()} and
 * {@link #vendorCode()} to the JDBC driver, the PostgreSQL endpoint puts {@link #sqlState()} into
 * the error's {@code C} field, and REST answers with {@link #httpStatus()} and
 * {@code {"error": code(), "message": ...}}.
 *
 * <p>Vendor codes are written out, one per constant, and never reused: clients may have stored
 * them, so a constant keeps its number wherever it moves in this list, and a new constant takes
 * the next unused number ({@code ErrorCodeTest} holds the numbers given so far).
 */
public enum ErrorCode {
  // Authentication and authorization
  UNAUTHENTICATED(1000, ErrorKind.USER, "28000", 401),
  INVALID_PASSWORD(1001, ErrorKind.USER, "28P01", 401),
  ACCESS_DENIED(1002, ErrorKind.USER, "42501", 403),
  READ_ONLY(1003, ErrorKind.USER, "25006", 403),

  // Objects
  NOT_FOUND(1004, ErrorKind.USER, "42P01", 404),
  SCHEMA_NOT_FOUND(1005, ErrorKind.USER, "3F000", 404),
  COLUMN_NOT_FOUND(1006, ErrorKind.USER, "42703", 400),
  FUNCTION_NOT_FOUND(1007, ErrorKind.USER, "42883", 400),
  ALREADY_EXISTS(1008, ErrorKind.USER, "42P07", 409),
  OBJECT_IN_USE(1009, ErrorKind.USER, "55006", 409),

  // Statements and input
  SYNTAX_ERROR(1010, ErrorKind.USER, "42601", 400),
  INVALID_SQL(1011, ErrorKind.USER, "42000", 400),
  TYPE_MISMATCH(1012, ErrorKind.USER, "42804", 400),
  INVALID_NAME(1013, ErrorKind.USER, "42602", 400),
  INVALID_ARGUMENT(1014, ErrorKind.USER, "22023", 400),
  INVALID_PARAMETER(1015, ErrorKind.USER, "22023", 400),
  INVALID_DATA(1016, ErrorKind.USER, "22P02", 400),
  NUMERIC_OUT_OF_RANGE(1017, ErrorKind.USER, "22003", 400),
  DIVISION_BY_ZERO(1018, ErrorKind.USER, "22012", 400),
  DATA_ERROR(1019, ErrorKind.USER, "22000", 400),
  UNIQUE_VIOLATION(1020, ErrorKind.USER, "23505", 409),
  NOT_NULL_VIOLATION(1021, ErrorKind.USER, "23502", 400),
  CONSTRAINT_VIOLATION(1022, ErrorKind.USER, "23000", 409),
  NOT_SUPPORTED(1023, ErrorKind.USER, "0A000", 400),
  INVALID_STATE(1024, ErrorKind.USER, "55000", 409),
  TRANSACTION_CONFLICT(1025, ErrorKind.USER, "40001", 409),

  // Limits and lifecycle
  QUERY_CANCELLED(1026, ErrorKind.USER, "57014", 409),
  STATEMENT_TIMEOUT(1027, ErrorKind.INSUFFICIENT_RESOURCES, "57014", 408),
  TOO_MANY_CONNECTIONS(1028, ErrorKind.INSUFFICIENT_RESOURCES, "53300", 429),
  PAYLOAD_TOO_LARGE(1029, ErrorKind.INSUFFICIENT_RESOURCES, "54000", 413),
  RESOURCE_EXHAUSTED(1030, ErrorKind.INSUFFICIENT_RESOURCES, "53000", 503),
  SESSION_CLOSED(1031, ErrorKind.USER, "08003", 410),

  // Floe's own fault, or the environment's
  INTERNAL_ERROR(1032, ErrorKind.INTERNAL, "XX000", 500),
  IO_ERROR(1033, ErrorKind.EXTERNAL, "58030", 500),
  EXTERNAL_ERROR(1034, ErrorKind.EXTERNAL, "58000", 502),

  // Workspaces
  SIZE_LIMIT_EXCEEDED(1035, ErrorKind.INSUFFICIENT_RESOURCES, "53100", 507),
  WRONG_OBJECT_TYPE(1036, ErrorKind.USER, "42809", 400),
  IN_FAILED_TRANSACTION(1037, ErrorKind.USER, "25P02", 409),

  /** Work that a stop or crash of Floe interrupted (a job running when the process ended). */
  ADMIN_SHUTDOWN(1038, ErrorKind.EXTERNAL, "57P01", 503),

  /** A statement that cannot be part of a transaction block (workspace DDL) ran inside one. */
  ACTIVE_SQL_TRANSACTION(1039, ErrorKind.USER, "25001", 409),
  /** ROLLBACK TO or RELEASE of a savepoint the transaction does not have. */
  INVALID_SAVEPOINT(1040, ErrorKind.USER, "3B001", 400),

  /** A binary parameter whose bytes do not match its type (length, sign, digits). */
  INVALID_BINARY_REPRESENTATION(1041, ErrorKind.USER, "22P03", 400),
  /** A statement nested more deeply than Floe plans (PostgreSQL's stack depth limit). */
  STATEMENT_TOO_COMPLEX(1042, ErrorKind.USER, "54001", 400),
  /** A date, time or timestamp outside the range Floe can represent. */
  DATETIME_OUT_OF_RANGE(1043, ErrorKind.USER, "22008", 400),

  /** An HTTP request that names two different tokens (say, in Authorization and X-StorageApi-Token). */
  CONFLICTING_CREDENTIALS(1044, ErrorKind.USER, "28000", 400),

  /** Text that is not a date, time or interval where one is expected ({@code interval '3 dais'}). */
  INVALID_DATETIME_FORMAT(1045, ErrorKind.USER, "22007", 400),
  /** An interval with a field beyond what it can hold (more than 2^31 months or days). */
  INTERVAL_FIELD_OVERFLOW(1046, ErrorKind.USER, "22015", 400),

  /**
   * A protocol message whose parts do not agree (a Bind with more format codes than parameters); the
   * message is refused and the session goes on.
   */
  PROTOCOL_VIOLATION(1047, ErrorKind.USER, "08P01", 400),
  /** A parameter marker whose type neither the statement nor the client determines. */
  INDETERMINATE_DATATYPE(1048, ErrorKind.USER, "42P18", 400),
  /**
   * A column outside GROUP BY and outside an aggregate, or an aggregate where none may stand (in
   * WHERE, in GROUP BY, nested in another aggregate).
   */
  GROUPING_ERROR(1049, ErrorKind.USER, "42803", 400),
  /** The same table name, or alias, twice in one FROM clause. */
  DUPLICATE_ALIAS(1050, ErrorKind.USER, "42712", 400),
  /** An ORDER BY key a SELECT DISTINCT does not select, or another misplaced column reference. */
  INVALID_COLUMN_REFERENCE(1051, ErrorKind.USER, "42P10", 400),
  /** What a recursive query's recursive part may not hold: an aggregate, a sub-query over itself. */
  INVALID_RECURSION(1052, ErrorKind.USER, "42P19", 400),
  /** An unqualified name that more than one table of the FROM clause (or result column) has. */
  AMBIGUOUS_COLUMN(1053, ErrorKind.USER, "42702", 400),
  /** A negative LIMIT. */
  INVALID_ROW_COUNT_IN_LIMIT(1060, ErrorKind.USER, "2201W", 400),
  /** A negative OFFSET. */
  INVALID_ROW_COUNT_IN_OFFSET(1061, ErrorKind.USER, "2201X", 400),
  /** A type name PostgreSQL does not know ({@code CAST(x AS signed)}). */
  UNDEFINED_TYPE(1070, ErrorKind.USER, "42704", 400),
  /** A call that more than one function of its name could take ({@code to_hex('ab')}). */
  AMBIGUOUS_FUNCTION(1080, ErrorKind.USER, "42725", 400),
  /** A value beyond what a type holds by design, such as text holding a null character. */
  PROGRAM_LIMIT_EXCEEDED(1081, ErrorKind.USER, "54000", 400),
  /** A window definition that PostgreSQL refuses: one that overrides or copies a framed window. */
  WINDOWING_ERROR(1090, ErrorKind.USER, "42P20", 400),
  /**
   * A named object other than a relation, column, function or type that does not exist: a window,
   * a configuration parameter (SHOW, SET, RESET).
   */
  UNDEFINED_OBJECT(1091, ErrorKind.USER, "42704", 400),
  /** A prepared statement name that does not exist (DEALLOCATE, Bind, Describe). */
  UNDEFINED_PREPARED_STATEMENT(1111, ErrorKind.USER, "26000", 404),
  /** A portal name that does not exist (Describe, Execute). */
  UNDEFINED_CURSOR(1112, ErrorKind.USER, "34000", 404),
  /** A negative length given to {@code substring}. */
  SUBSTRING_ERROR(1116, ErrorKind.USER, "22011", 400),
  /** An ESCAPE clause of more than one character. */
  INVALID_ESCAPE_SEQUENCE(1117, ErrorKind.USER, "22025", 400),
  /**
   * A remote source (a Snowflake account) refused the login or could not be reached: the message
   * names the connection and gives the source's own reason.
   */
  SOURCE_LOGIN_FAILED(1120, ErrorKind.USER, "08001", 400),
  /**
   * A remote source's object a registered bucket names is gone (dropped, renamed, or no longer
   * granted to the connection's role): refresh the bucket. SQL/MED's fdw_table_not_found.
   */
  SOURCE_OBJECT_NOT_FOUND(1123, ErrorKind.USER, "HV00R", 409),
  /**
   * A remote source cannot run the query now: unreachable, timed out on the network, or without a
   * running warehouse. SQL/MED's fdw_unable_to_establish_connection.
   */
  SOURCE_UNAVAILABLE(1124, ErrorKind.EXTERNAL, "HV00N", 503),
  /** A remote source refused or failed a query for another reason (SQL/MED's fdw_error). */
  SOURCE_ERROR(1125, ErrorKind.EXTERNAL, "HV000", 502),
  /** The square root of a negative number, zero to a negative power, and the like. */
  INVALID_ARGUMENT_FOR_POWER(1121, ErrorKind.USER, "2201F", 400),
  /** The logarithm of zero or of a negative number. */
  INVALID_ARGUMENT_FOR_LOGARITHM(1122, ErrorKind.USER, "2201E", 400),
  /** A SIMILAR TO pattern with more than two escape-double-quote separators. */
  INVALID_USE_OF_ESCAPE_CHARACTER(1118, ErrorKind.USER, "2200C", 400),
  /** A list longer than PostgreSQL allows in its place, such as a CUBE of more than 12 elements. */
  TOO_MANY_COLUMNS(1119, ErrorKind.USER, "54011", 400);

  private final ErrorKind kind;
  private final String sqlState;
  private final int httpStatus;

  private final int vendorCode;

  ErrorCode(int vendorCode, ErrorKind kind, String sqlState, int httpStatus) {
    this.vendorCode = vendorCode;
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

  /** The stable number for protocols that want an integer vendor code (Avatica, JDBC). */
  public int vendorCode() {
    return vendorCode;
  }
}

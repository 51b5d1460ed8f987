package io.floe.engine.api;

import java.io.IOException;
import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns DuckDB failures into {@link FloeException}s. DuckDB's JDBC driver sets no SQLSTATE, so the
 * code comes from the message's error class ({@code Conversion Error: ...}), as research §1 found.
 */
public final class DuckDbErrors {
  /** DuckDB's CSV reader on a row with more or fewer fields than the columns it reads. */
  private static final Pattern CSV_FIELD_COUNT =
      Pattern.compile("Expected Number of Columns: (\\d+) Found: (\\d+)");
  private static final Pattern CSV_LINE = Pattern.compile("CSV Error on Line: (\\d+)");

  /**
   * The error Floe raises where a LIMIT (OFFSET) given by a sub-query is negative: PostgreSQL's
   * words, raised by DuckDB while it runs the statement.
   */
  private static final String NEGATIVE_LIMIT = "LIMIT must not be negative";
  private static final String NEGATIVE_OFFSET = "OFFSET must not be negative";

  /** Floe's check of substring's count, raised by DuckDB while it runs the statement. */
  private static final String NEGATIVE_SUBSTRING_LENGTH = "negative substring length not allowed";
  /** DuckDB's LIKE on a pattern ending in its escape character (PostgreSQL's 22025). */
  private static final String LIKE_ENDS_WITH_ESCAPE = "Like pattern must not end with escape character";

  /** Floe's checks of square roots, logarithms and powers (PostgreSQL's 2201F and 2201E). */
  private static final java.util.List<String> POWER_DOMAIN = java.util.List.of(
      "cannot take square root of a negative number", "zero raised to a negative power is undefined",
      "a negative number raised to a non-integer power yields a complex result");
  private static final java.util.List<String> LOG_DOMAIN = java.util.List.of(
      "cannot take logarithm of zero", "cannot take logarithm of a negative number");

  private DuckDbErrors() {}

  public static FloeException translate(Exception e, String context) {
    if (e instanceof FloeException fe) {
      return fe;
    }
    if (e instanceof IOException) {
      return new FloeException(ErrorCode.IO_ERROR, context + ": " + e.getMessage(), e);
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new FloeException(code(message), context + ": " + clean(message), e);
  }

  /** Translation without a context prefix, for errors of statements the user wrote. */
  public static FloeException translate(SQLException e) {
    String message = e.getMessage() == null ? "DuckDB error" : e.getMessage();
    return new FloeException(code(message), clean(message), e);
  }

  /** DuckDB's integer division by zero, and Floe's check of other divisors. */
  private static boolean isDivisionByZero(String message) {
    return message.startsWith("Invalid Input Error: Division by zero")
        || message.startsWith("Invalid Input Error: division by zero")
        || message.startsWith("Out of Range Error") && message.contains("by zero");
  }

  public static boolean isInterrupt(SQLException e) {
    return e.getMessage() != null && e.getMessage().contains("INTERRUPT Error");
  }

  static ErrorCode code(String message) {
    if (isDivisionByZero(message)) {
      return ErrorCode.DIVISION_BY_ZERO;
    }
    if (POWER_DOMAIN.stream().anyMatch(message::contains)) {
      return ErrorCode.INVALID_ARGUMENT_FOR_POWER;
    }
    if (LOG_DOMAIN.stream().anyMatch(message::contains)) {
      return ErrorCode.INVALID_ARGUMENT_FOR_LOGARITHM;
    }
    if (message.contains(NEGATIVE_SUBSTRING_LENGTH)) {
      return ErrorCode.SUBSTRING_ERROR;
    }
    if (message.contains(LIKE_ENDS_WITH_ESCAPE)) {
      return ErrorCode.INVALID_ESCAPE_SEQUENCE;
    }
    if (message.contains(NEGATIVE_LIMIT)) {
      return ErrorCode.INVALID_ROW_COUNT_IN_LIMIT;
    }
    if (message.contains(NEGATIVE_OFFSET)) {
      return ErrorCode.INVALID_ROW_COUNT_IN_OFFSET;
    }
    if (message.startsWith("Parser Error")) {
      return ErrorCode.SYNTAX_ERROR;
    }
    if (message.startsWith("Catalog Error")) {
      if (message.contains("Function with name") || message.contains("function")) {
        return ErrorCode.FUNCTION_NOT_FOUND;
      }
      if (message.contains("already exists")) {
        return ErrorCode.ALREADY_EXISTS;
      }
      return ErrorCode.NOT_FOUND;
    }
    if (message.startsWith("Binder Error")) {
      return message.contains("Referenced column") || message.contains("not found in FROM clause")
          ? ErrorCode.COLUMN_NOT_FOUND : ErrorCode.INVALID_SQL;
    }
    if (message.startsWith("Constraint Error")) {
      if (message.contains("NOT NULL")) {
        return ErrorCode.NOT_NULL_VIOLATION;
      }
      // "Duplicate key" in autocommit mode, "duplicate key" / "UNIQUE constraint" inside a transaction.
      String lower = message.toLowerCase(java.util.Locale.ROOT);
      if (lower.contains("duplicate key") || lower.contains("unique")) {
        return ErrorCode.UNIQUE_VIOLATION;
      }
      return ErrorCode.CONSTRAINT_VIOLATION;
    }
    if (message.startsWith("Conversion Error") && message.contains("not in timestamp range")) {
      // Date arithmetic that leaves the range: PostgreSQL's "date out of range".
      return ErrorCode.DATETIME_OUT_OF_RANGE;
    }
    if (message.startsWith("Conversion Error") && message.contains("out of range for the destination type")) {
      // A number cast to a type it does not fit (1e308 to REAL): PostgreSQL's 22003.
      return ErrorCode.NUMERIC_OUT_OF_RANGE;
    }
    if (message.startsWith("Conversion Error") || message.startsWith("Invalid Input Error")) {
      return ErrorCode.INVALID_DATA;
    }
    if (message.startsWith("Out of Range Error")) {
      return message.contains("by zero") ? ErrorCode.DIVISION_BY_ZERO : ErrorCode.NUMERIC_OUT_OF_RANGE;
    }
    if (message.contains("INTERRUPT Error")) {
      return ErrorCode.QUERY_CANCELLED;
    }
    if (message.startsWith("TransactionContext Error")) {
      return ErrorCode.TRANSACTION_CONFLICT;
    }
    if (message.startsWith("Out of Memory Error")) {
      return ErrorCode.RESOURCE_EXHAUSTED;
    }
    if (message.startsWith("Permission Error")) {
      return ErrorCode.ACCESS_DENIED;
    }
    if (message.startsWith("IO Error")) {
      return ErrorCode.IO_ERROR;
    }
    if (message.startsWith("Not implemented Error")) {
      return ErrorCode.NOT_SUPPORTED;
    }
    return ErrorCode.INTERNAL_ERROR;
  }

  /**
   * The informative head of a DuckDB message, without its hints and sniffer dumps: its advice names
   * DuckDB options (strict_mode, null_padding, ignore_errors) that Floe does not expose.
   */
  static String clean(String message) {
    for (String domain : java.util.stream.Stream.concat(POWER_DOMAIN.stream(), LOG_DOMAIN.stream())
        .toList()) {
      if (message.contains(domain)) {
        return domain;
      }
    }
    if (message.contains(NEGATIVE_SUBSTRING_LENGTH)) {
      return NEGATIVE_SUBSTRING_LENGTH;
    }
    if (message.contains(LIKE_ENDS_WITH_ESCAPE)) {
      return "LIKE pattern must not end with escape character";
    }
    if (isDivisionByZero(message)) {
      // DuckDB's own advice (TRY, a setting) does not apply through Floe.
      return "division by zero";
    }
    if (message.contains(NEGATIVE_LIMIT)) {
      return "LIMIT must not be negative";
    }
    if (message.contains(NEGATIVE_OFFSET)) {
      return "OFFSET must not be negative";
    }
    Matcher fields = CSV_FIELD_COUNT.matcher(message);
    if (fields.find()) {
      Matcher line = CSV_LINE.matcher(message);
      return (line.find() ? "line " + line.group(1) + " of the CSV file" : "a line of the CSV file")
          + " has " + fields.group(2) + " fields where " + fields.group(1) + " are expected";
    }
    int blank = message.indexOf("\n\n");
    String head = blank < 0 ? message : message.substring(0, blank);
    int fixes = head.indexOf("\nPossible fixes:");
    return (fixes < 0 ? head : head.substring(0, fixes)).strip();
  }
}

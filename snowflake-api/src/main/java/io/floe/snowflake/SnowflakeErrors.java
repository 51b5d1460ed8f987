package io.floe.snowflake;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;

/**
 * Floe's error codes as Snowflake's: the six-digit code and the SQLSTATE Snowflake's clients see
 * for the same failure, and the message prefix Snowflake puts before its text. Codes Snowflake has
 * no equivalent for are Floe's own vendor code prefixed with 1 ({@code 101118}); the SQLSTATE is
 * always Floe's.
 */
final class SnowflakeErrors {
  /** Snowflake's code for a login refused (bad credentials). */
  static final String LOGIN_REFUSED = "390100";
  /** Snowflake's code for a session that no longer exists. */
  static final String SESSION_GONE = "390111";
  /** Snowflake's code for an expired session token: the driver renews it and retries. */
  static final String SESSION_EXPIRED = "390112";
  /** Snowflake's code for a request without an Authorization header. */
  static final String NO_AUTHORIZATION = "390101";

  /** A failure as Snowflake reports it. */
  record Mapped(String code, String sqlState, String message) {
    int number() {
      return Integer.parseInt(code);
    }
  }

  private SnowflakeErrors() {}

  static Mapped of(FloeException e) {
    ErrorCode c = e.code();
    String text = e.getMessage();
    return switch (c) {
      case SYNTAX_ERROR -> new Mapped("001003", "42000", "SQL compilation error:\n" + text);
      case NOT_FOUND -> new Mapped("002003", "42S02", "SQL compilation error:\n" + text);
      case COLUMN_NOT_FOUND -> new Mapped("000904", "42000", "SQL compilation error: " + text);
      case FUNCTION_NOT_FOUND -> new Mapped("002140", "42601", "SQL compilation error:\n" + text);
      case ACCESS_DENIED, READ_ONLY -> new Mapped("003001", "42501", "SQL access control error:\n" + text);
      case DIVISION_BY_ZERO -> new Mapped("100051", c.sqlState(), "Division by zero");
      case QUERY_CANCELLED -> new Mapped("000604", "57014", "SQL execution canceled");
      case STATEMENT_TIMEOUT -> new Mapped("000630", "57014",
          "Statement reached its statement or warehouse timeout and was canceled. " + text);
      case UNAUTHENTICATED, INVALID_PASSWORD -> new Mapped(LOGIN_REFUSED, "08001",
          "Incorrect username or password was specified. " + text);
      default -> new Mapped(String.format("1%05d", c.vendorCode()), c.sqlState(), text);
    };
  }
}

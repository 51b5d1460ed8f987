package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Floe throws across module boundaries. Its {@link ErrorCode} carries the
 * SQLSTATE and HTTP status that every front-end maps in the same way.
 */
public class FloeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * The longest message a client receives; longer ones (a huge literal quoted back) are cut here,
   * the one place every front-end's message comes from.
   */
  public static final int MAX_MESSAGE_LENGTH = 2000;

  private final ErrorCode code;
  private final String hint;

  public FloeException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public FloeException(ErrorCode code, String message, Throwable cause) {
    this(code, message, null, cause);
  }

  /**
   * @param hint what the user might do about it (PostgreSQL's HINT), or null
   */
  public FloeException(ErrorCode code, String message, String hint, Throwable cause) {
    super(capped(requireNonNull(message, "message")), cause);
    this.code = requireNonNull(code, "code");
    this.hint = hint == null ? null : capped(hint);
  }

  /** {@code text}, cut to {@link #MAX_MESSAGE_LENGTH} characters (never inside a surrogate pair). */
  static String capped(String text) {
    if (text.length() <= MAX_MESSAGE_LENGTH) {
      return text;
    }
    String marker = "... (truncated)";
    int end = MAX_MESSAGE_LENGTH - marker.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + marker;
  }

  public ErrorCode code() {
    return code;
  }

  /** A suggestion for the user, or null: front-ends send it where their protocol has a place. */
  public String hint() {
    return hint;
  }

  /** The message followed by the hint, for protocols with a message only. */
  public String messageWithHint() {
    return hint == null ? getMessage() : getMessage() + "\nHint: " + hint;
  }

  public String sqlState() {
    return code.sqlState();
  }

  public static FloeException of(ErrorCode code, String format, Object... args) {
    return new FloeException(code, String.format(java.util.Locale.ROOT, format, args));
  }

  public static FloeException notFound(String what) {
    return new FloeException(ErrorCode.NOT_FOUND, what + " not found");
  }

  public static FloeException denied(String message) {
    return new FloeException(ErrorCode.ACCESS_DENIED, message);
  }

  public static FloeException invalid(String message) {
    return new FloeException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static FloeException internal(String message, Throwable cause) {
    return new FloeException(ErrorCode.INTERNAL_ERROR, message, cause);
  }
}

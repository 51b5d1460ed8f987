package io.floe.pgwire;

/** A client broke the protocol: the connection ends with a FATAL 08P01 error. */
final class PgProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  PgProtocolException(String message) {
    super(message);
  }
}

package io.floe.http;

import java.io.IOException;

/**
 * A request body read past its limit; an IOException so that parsers pass it through unchanged.
 * Readers of a body turn it into {@code payload_too_large} (413).
 */
public final class BodyTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
  }
}

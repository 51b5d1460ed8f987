package io.floe.server;

import java.util.Optional;

/** Judges an admin token given on the command line; generated ones are always strong. */
final class AdminTokens {
  /** Fewer characters than this cannot carry the 128 bits a guessed token must not give away. */
  static final int MIN_LENGTH = 24;
  private static final int MIN_DISTINCT = 10;

  private AdminTokens() {}

  /** What makes the token weak ("is only 8 characters long"), or empty when it looks strong. */
  static Optional<String> weakness(String token) {
    if (token == null) {
      return Optional.empty();
    }
    if (token.length() < MIN_LENGTH) {
      return Optional.of("is only " + token.length() + " characters long");
    }
    if (token.chars().distinct().count() < MIN_DISTINCT) {
      return Optional.of("repeats a few characters only");
    }
    return Optional.empty();
  }
}

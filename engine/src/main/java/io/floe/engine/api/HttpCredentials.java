package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

/**
 * What an HTTP request presents to authenticate. The HTTP edge ({@code io.floe.http}) reads it
 * from the request's headers and checks only their shape; {@link Authentication} checks the token.
 */
public sealed interface HttpCredentials {
  /** The request attribute HTTP front-ends set to the authenticated principal's name (access log). */
  String PRINCIPAL_ATTRIBUTE = "floe.principal";

  /** No credentials at all: an anonymous request. */
  record None() implements HttpCredentials {}

  /** A token to check. Its {@code toString} never shows the secret. */
  record Token(String secret) implements HttpCredentials {
    public Token {
      requireNonNull(secret, "secret");
    }

    @Override public String toString() {
      return "Token[<redacted>]";
    }
  }

  /**
   * Credentials that cannot be a token, with what is wrong, said to the client as it is.
   *
   * @param problem e.g. {@code empty token}
   */
  record Malformed(String problem) implements HttpCredentials {
    public Malformed {
      requireNonNull(problem, "problem");
    }
  }

  /** Several credentials that name different tokens: none of them is checked. */
  record Conflicting() implements HttpCredentials {}
}

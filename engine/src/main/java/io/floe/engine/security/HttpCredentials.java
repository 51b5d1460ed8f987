package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * What an HTTP request presents to authenticate, as read from its headers:
 * {@code Authorization: Bearer <token>}, {@code Authorization: Basic base64(<user>:<token>)} (the
 * password is the token), or Keboola's {@code X-StorageApi-Token: <token>}. Reading the headers
 * checks only their shape; {@link Authenticator} checks the token.
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

  /** The message for an {@code Authorization} header without a scheme Floe reads. */
  String NOT_BEARER = "Authorization header must be 'Bearer <token>'";
  String EMPTY = "empty token";

  /** Reads the two headers (either may be null). {@code X-StorageApi-Token} wins when both are set. */
  static HttpCredentials of(String authorization, String storageApiToken) {
    if (storageApiToken != null && !storageApiToken.isBlank()) {
      return new Token(storageApiToken.strip());
    }
    if (authorization == null) {
      return storageApiToken == null ? new None() : new Malformed(EMPTY);
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
    String credentials = space < 0 ? "" : value.substring(space + 1).strip();
    if (scheme.equals("bearer")) {
      return credentials.isEmpty() ? new Malformed(EMPTY) : new Token(credentials);
    }
    if (scheme.equals("basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? decoded : decoded.substring(colon + 1);
        return password.isEmpty() ? new Malformed(EMPTY) : new Token(password);
      } catch (IllegalArgumentException e) {
        return new Malformed("Authorization: Basic must carry base64 of <user>:<token>");
      }
    }
    return new Malformed(NOT_BEARER);
  }
}

package io.floe.engine.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The token an HTTP request presents: {@code Authorization: Bearer <token>},
 * {@code Authorization: Basic base64(<user>:<token>)} (the password is the token), or Keboola's
 * {@code X-StorageApi-Token: <token>}.
 */
public final class HttpCredentials {
  private HttpCredentials() {}

  public static Optional<String> token(String authorization, String storageApiToken) {
    if (storageApiToken != null && !storageApiToken.isBlank()) {
      return Optional.of(storageApiToken.strip());
    }
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String scheme = value.substring(0, space).toLowerCase(Locale.ROOT);
    String credentials = value.substring(space + 1).strip();
    if (scheme.equals("bearer")) {
      return credentials.isEmpty() ? Optional.empty() : Optional.of(credentials);
    }
    if (scheme.equals("basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? decoded : decoded.substring(colon + 1);
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}

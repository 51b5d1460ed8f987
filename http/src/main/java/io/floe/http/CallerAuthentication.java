package io.floe.http;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Authentication;
import io.floe.engine.api.HttpCredentials;
import io.floe.engine.api.Origin;
import io.floe.engine.api.Principal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who calls: the one rule by which every HTTP front-end reads a caller's token.
 *
 * <p>A token may come as {@code Authorization: Bearer <token>}, as the password of
 * {@code Authorization: Basic base64(<user>:<token>)} (the user name is ignored), or as Keboola's
 * {@code X-StorageApi-Token: <token>}. A request may send several; they must then all name the same
 * token, and no header wins over another: different tokens are refused as
 * {@code conflicting_credentials} (400), and one credential Floe cannot read (an empty token, a
 * scheme other than Bearer or Basic) makes the whole request's credentials malformed (401), even
 * beside a good one. Without any credential the request is anonymous; whether that is enough is
 * the route's business. The engine's {@link Authentication} checks the token and audits every
 * refusal.
 */
public final class CallerAuthentication {
  /** The challenge sent with every 401: the two {@code Authorization} schemes Floe reads. */
  public static final String CHALLENGE = "Bearer realm=\"floe\", Basic realm=\"floe\"";
  public static final String STORAGE_API_TOKEN = "X-StorageApi-Token";
  static final String NOT_BEARER = "Authorization header must be 'Bearer <token>'";
  static final String EMPTY = "empty token";

  private final Authentication authenticator;
  private final String frontEnd;

  /**
   * @param frontEnd the front-end's name in audit lines ({@code rest}, {@code jdbc})
   */
  public CallerAuthentication(Authentication authenticator, String frontEnd) {
    this.authenticator = requireNonNull(authenticator, "authenticator");
    this.frontEnd = requireNonNull(frontEnd, "frontEnd");
  }

  /**
   * The request's principal, or empty for a request without credentials. Sets
   * {@link HttpCredentials#PRINCIPAL_ATTRIBUTE} for the access log.
   *
   * @throws io.floe.engine.api.FloeException {@code unauthenticated} or
   *     {@code conflicting_credentials}
   */
  public java.util.Optional<Principal> authenticate(Request request) {
    java.util.Optional<Principal> principal = authenticator.authenticate(credentials(request),
        new Origin(frontEnd, Request.getRemoteAddr(request)));
    principal.ifPresent(p -> request.setAttribute(HttpCredentials.PRINCIPAL_ATTRIBUTE, p.name()));
    return principal;
  }

  /** What the request's headers present. */
  public static HttpCredentials credentials(Request request) {
    HttpFields headers = request.getHeaders();
    return read(headers.getValuesList(HttpHeader.AUTHORIZATION),
        headers.getValuesList(STORAGE_API_TOKEN));
  }

  /** Reads every {@code Authorization} and {@code X-StorageApi-Token} value by the rule above. */
  static HttpCredentials read(List<String> authorizations, List<String> storageApiTokens) {
    List<HttpCredentials> all = new ArrayList<>();
    for (String token : storageApiTokens) {
      all.add(token.isBlank() ? new HttpCredentials.Malformed(EMPTY) : new HttpCredentials.Token(token.strip()));
    }
    for (String authorization : authorizations) {
      all.add(authorization(authorization));
    }
    Set<String> secrets = new LinkedHashSet<>();
    for (HttpCredentials c : all) {
      if (c instanceof HttpCredentials.Malformed) {
        return c;
      }
      secrets.add(((HttpCredentials.Token) c).secret());
    }
    if (secrets.isEmpty()) {
      return new HttpCredentials.None();
    }
    return secrets.size() == 1 ? new HttpCredentials.Token(secrets.iterator().next())
        : new HttpCredentials.Conflicting();
  }

  private static HttpCredentials authorization(String header) {
    String value = header.strip();
    int space = value.indexOf(' ');
    String scheme = (space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT);
    String credentials = space < 0 ? "" : value.substring(space + 1).strip();
    if (scheme.equals("bearer")) {
      return credentials.isEmpty() ? new HttpCredentials.Malformed(EMPTY) : new HttpCredentials.Token(credentials);
    }
    if (scheme.equals("basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String password = colon < 0 ? decoded : decoded.substring(colon + 1);
        return password.isEmpty() ? new HttpCredentials.Malformed(EMPTY) : new HttpCredentials.Token(password);
      } catch (IllegalArgumentException e) {
        return new HttpCredentials.Malformed("Authorization: Basic must carry base64 of <user>:<token>");
      }
    }
    return new HttpCredentials.Malformed(NOT_BEARER);
  }
}

package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.KeyPairLogin;
import io.floe.engine.api.Principal;
import io.floe.engine.api.TokenRecord;
import io.floe.engine.catalog.Catalog;
import io.floe.engine.catalog.SnowflakeUserRows;
import io.floe.engine.catalog.TokenRows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a Snowflake key-pair JWT (RS256; {@code iss} = {@code ACCOUNT.USER.SHA256:<fingerprint>},
 * {@code sub} = {@code ACCOUNT.USER}, {@code iat}, {@code exp}) against the users registered in
 * the catalog now. Only the JDK's RSA and Jackson are used. A refusal carries the reason for the
 * audit log and what the caller may hear: problems with the JWT's form and times are told, but
 * whether a user exists or which key it has is not.
 */
public final class KeyPairJwtCheck {
  /** Longest lifetime ({@code exp - iat}) accepted, as Snowflake's. */
  static final Duration MAX_LIFETIME = Duration.ofHours(1);
  /** How far in the future {@code iat} may be: the client's clock may run ahead. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
  static final int MAX_LENGTH = 8192;
  static final String NOT_SIGNED_BY_USER = "JWT token is invalid: no such user, or not signed with "
      + "the user's registered key";
  private static final String SHA256 = ".SHA256:";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private final Catalog catalog;
  private final Clock clock;

  public KeyPairJwtCheck(Catalog catalog, Clock clock) {
    this.catalog = requireNonNull(catalog, "catalog");
    this.clock = requireNonNull(clock, "clock");
  }

  /** What a check found. */
  public sealed interface Result {
    record Valid(KeyPairLogin login) implements Result {
      public Valid {
        requireNonNull(login, "login");
      }
    }

    /**
     * @param reason for the audit log
     * @param message for the caller
     * @param principal the user's principal name when the user exists, else null
     * @param project the user's project when the user exists, else null
     * @param credential what may be said of the JWT: {@code jwt:<sub>}, or {@code jwt}
     */
    record Refused(String reason, String message, String principal, String project,
        String credential) implements Result {
      public Refused {
        requireNonNull(reason, "reason");
        requireNonNull(message, "message");
      }
    }
  }

  /** The JWT's parts, read but not yet verified. */
  private record Parsed(String account, String user, String subject, String fingerprint,
      Instant issuedAt, Instant expiresAt, byte[] signingInput, byte[] signature) {}

  /** A refusal while parsing: the JWT's form, which the caller may hear about. */
  private static final class Malformed extends Exception {
    private final String credential;

    Malformed(String reason, String credential) {
      super(reason, null, false, false);
      this.credential = credential;
    }

    Result.Refused refused() {
      return new Result.Refused(getMessage(), "invalid key-pair JWT: " + getMessage(), null, null,
          credential);
    }
  }

  /**
   * Checks {@code jwt}; {@code account}, when not null, is the account the client names beside it
   * (a region suffix after its first '.' is ignored), which must be the JWT's.
   */
  public Result check(String jwt, String account) {
    Parsed t;
    try {
      t = parse(jwt);
    } catch (Malformed m) {
      return m.refused();
    }
    String credential = "jwt:" + t.subject();
    if (account != null && !account.isBlank()) {
      String named = account.strip();
      named = named.contains(".") ? named.substring(0, named.indexOf('.')) : named;
      if (!named.equalsIgnoreCase(t.account())) {
        return new Result.Refused("the JWT is for account " + t.account() + ", the client names "
            + "account " + account.strip(), "invalid key-pair JWT: it is for account "
            + t.account() + ", not " + account.strip(), null, null, credential);
      }
    }
    Optional<SnowflakeUserRows.Row> found = catalog.read(tx ->
        SnowflakeUserRows.byName(tx, t.account(), t.user()));
    if (found.isEmpty()) {
      return new Result.Refused("unknown Snowflake user " + t.user() + " of account "
          + t.account(), NOT_SIGNED_BY_USER, null, null, credential);
    }
    SnowflakeUserRows.Row user = found.get();
    String principal = Principal.snowflakeUserName(user.projectId(), user.name());
    if (!user.fingerprint().equals(t.fingerprint())) {
      return new Result.Refused("the JWT names key " + t.fingerprint() + ", user " + user.name()
          + " has key " + user.fingerprint(), NOT_SIGNED_BY_USER, principal, user.projectId(),
          credential);
    }
    if (!verifies(user.publicKey(), t)) {
      return new Result.Refused("bad signature: the JWT is not signed with user " + user.name()
          + "'s registered key", NOT_SIGNED_BY_USER, principal, user.projectId(), credential);
    }
    Instant now = clock.instant();
    String refusal = !now.isBefore(t.expiresAt()) ? "the JWT expired at " + t.expiresAt()
        : Duration.between(t.issuedAt(), t.expiresAt()).compareTo(MAX_LIFETIME) > 0
            ? "the JWT's lifetime (exp - iat) is longer than " + MAX_LIFETIME.toSeconds() + " s"
        : t.issuedAt().isAfter(now.plus(CLOCK_SKEW)) ? "the JWT is issued in the future (iat "
            + t.issuedAt() + ", more than " + CLOCK_SKEW.toSeconds() + " s ahead of the server)"
        : null;
    if (refusal != null) {
      return new Result.Refused(refusal, "invalid key-pair JWT: " + refusal, principal,
          user.projectId(), credential);
    }
    Optional<TokenRecord> token = catalog.read(tx -> TokenRows.byId(tx, user.tokenId()))
        .filter(r -> r.isActive(now));
    if (token.isEmpty()) {
      return new Result.Refused("user " + user.name() + " has no active token", NOT_SIGNED_BY_USER,
          principal, user.projectId(), credential);
    }
    return new Result.Valid(new KeyPairLogin(Principal.snowflakeUser(token.get(), user.name()),
        user.projectId(), user.name()));
  }

  private static Parsed parse(String jwt) throws Malformed {
    if (jwt == null || jwt.isBlank()) {
      throw new Malformed("the JWT is empty", "jwt");
    }
    String text = jwt.strip();
    if (text.length() > MAX_LENGTH) {
      throw new Malformed("the JWT is longer than " + MAX_LENGTH + " characters", "jwt");
    }
    String[] parts = text.split("\\.", -1);
    if (parts.length != 3) {
      throw new Malformed("a JWT is three base64url parts separated by '.', this has "
          + parts.length, "jwt");
    }
    JsonNode header = json(parts[0], "header");
    JsonNode alg = header.get("alg");
    if (alg == null || !alg.isTextual()) {
      throw new Malformed("the JWT header has no 'alg'", "jwt");
    }
    if (!alg.asText().equals("RS256")) {
      throw new Malformed("the JWT is signed with '" + alg.asText() + "'; only RS256 is accepted",
          "jwt");
    }
    JsonNode claims = json(parts[1], "payload");
    String iss = text(claims, "iss");
    String sub = text(claims, "sub");
    int mark = iss.toUpperCase(Locale.ROOT).lastIndexOf(SHA256);
    if (mark <= 0) {
      throw new Malformed("'iss' must be ACCOUNT.USER.SHA256:<public key fingerprint>", "jwt");
    }
    String qualified = iss.substring(0, mark);
    String credential = "jwt:" + sub;
    if (!qualified.equalsIgnoreCase(sub)) {
      throw new Malformed("'sub' must be ACCOUNT.USER, the start of 'iss'", credential);
    }
    int dot = qualified.indexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1) {
      throw new Malformed("'sub' must be ACCOUNT.USER", credential);
    }
    Instant iat = seconds(claims, "iat", credential);
    Instant exp = seconds(claims, "exp", credential);
    byte[] signature = base64url(parts[2], "signature");
    return new Parsed(qualified.substring(0, dot), qualified.substring(dot + 1), sub,
        "SHA256:" + iss.substring(mark + SHA256.length()), iat, exp,
        (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), signature);
  }

  private static boolean verifies(String publicKey, Parsed t) {
    try {
      PublicKey key = KeyFactory.getInstance("RSA")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update(t.signingInput());
      return rsa.verify(t.signature());
    } catch (GeneralSecurityException e) {
      return false; // a signature of the wrong length, say: not the user's
    }
  }

  private static JsonNode json(String part, String what) throws Malformed {
    JsonNode node;
    try {
      node = JSON.readTree(base64url(part, what));
    } catch (IOException e) {
      throw new Malformed("the JWT " + what + " is not JSON", "jwt");
    }
    if (node == null || !node.isObject()) {
      throw new Malformed("the JWT " + what + " is not a JSON object", "jwt");
    }
    return node;
  }

  private static byte[] base64url(String part, String what) throws Malformed {
    try {
      return Base64.getUrlDecoder().decode(part);
    } catch (IllegalArgumentException e) {
      throw new Malformed("the JWT " + what + " is not base64url", "jwt");
    }
  }

  private static String text(JsonNode claims, String name) throws Malformed {
    JsonNode v = claims.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new Malformed("the JWT has no '" + name + "' claim", "jwt");
    }
    return v.asText();
  }

  private static Instant seconds(JsonNode claims, String name, String credential) throws Malformed {
    JsonNode v = claims.get(name);
    if (v == null || !v.isNumber() || !v.canConvertToLong()) {
      throw new Malformed("the JWT's '" + name + "' is not a time in seconds", credential);
    }
    try {
      return Instant.ofEpochSecond(v.asLong());
    } catch (java.time.DateTimeException e) {
      throw new Malformed("the JWT's '" + name + "' is out of range", credential);
    }
  }
}

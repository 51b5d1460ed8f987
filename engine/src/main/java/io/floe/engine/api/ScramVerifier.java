package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import com.ongres.scram.common.ScramFunctions;
import com.ongres.scram.common.ScramMechanism;
import com.ongres.scram.common.StringPreparation;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SCRAM-SHA-256 verifier, the only form in which Floe stores a workspace password. It is the
 * RFC 5803 string PostgreSQL keeps in {@code pg_authid.rolpassword}:
 * {@code SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>}. StoredKey cannot be replayed as
 * a login secret; a SCRAM exchange proves knowledge of the password against it, and a cleartext
 * password (over TLS only) is checked against the same verifier.
 *
 * <p>Treat verifiers as secrets anyway: a stolen one allows offline guessing, and its ServerKey
 * lets a thief impersonate the server.
 *
 * @param iterations PBKDF2 iterations (4096, PostgreSQL's default; node-postgres refuses more than
 *     100,000)
 * @param salt random salt
 * @param storedKey H(ClientKey)
 * @param serverKey HMAC(SaltedPassword, "Server Key")
 */
public record ScramVerifier(int iterations, byte[] salt, byte[] storedKey, byte[] serverKey) {
  public static final int DEFAULT_ITERATIONS = 4096;
  public static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_256;
  private static final int SALT_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern FORMAT = Pattern.compile(
      "SCRAM-SHA-256\\$(\\d+):([A-Za-z0-9+/=]+)\\$([A-Za-z0-9+/=]+):([A-Za-z0-9+/=]+)");

  public ScramVerifier {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    salt = requireNonNull(salt, "salt").clone();
    storedKey = requireNonNull(storedKey, "storedKey").clone();
    serverKey = requireNonNull(serverKey, "serverKey").clone();
  }

  /** A verifier for {@code password} with a fresh random salt. */
  public static ScramVerifier create(String password) {
    return derive(password, ScramFunctions.salt(SALT_BYTES, RANDOM), DEFAULT_ITERATIONS);
  }

  /** The verifier {@code password} gives with this salt and iteration count. */
  public static ScramVerifier derive(String password, byte[] salt, int iterations) {
    byte[] salted = ScramFunctions.saltedPassword(MECHANISM, StringPreparation.POSTGRESQL_PREPARATION,
        password.toCharArray(), salt, iterations);
    byte[] clientKey = ScramFunctions.clientKey(MECHANISM, salted);
    return new ScramVerifier(iterations, salt, ScramFunctions.storedKey(MECHANISM, clientKey),
        ScramFunctions.serverKey(MECHANISM, salted));
  }

  /** Parses the stored form; fails on anything else. */
  public static ScramVerifier parse(String text) {
    Matcher m = FORMAT.matcher(requireNonNull(text, "text"));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a SCRAM-SHA-256 verifier");
    }
    Base64.Decoder b64 = Base64.getDecoder();
    return new ScramVerifier(Integer.parseInt(m.group(1)), b64.decode(m.group(2)),
        b64.decode(m.group(3)), b64.decode(m.group(4)));
  }

  /** The stored form. */
  public String format() {
    Base64.Encoder b64 = Base64.getEncoder();
    return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$"
        + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
  }

  /** True when {@code password} is the one this verifier was made from (constant time). */
  public boolean matches(String password) {
    ScramVerifier candidate = derive(password, salt, iterations);
    return MessageDigest.isEqual(candidate.storedKey, storedKey);
  }

  /**
   * A verifier for a user that does not exist, derived from the name and a server secret, so that
   * a failed login looks the same (same salt on every attempt) whether or not the user exists.
   */
  public static ScramVerifier decoy(String username, byte[] serverSecret) {
    byte[] salt = ScramFunctions.hmac(MECHANISM, serverSecret,
        ("decoy-salt:" + username).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] key = ScramFunctions.hmac(MECHANISM, serverSecret,
        ("decoy-key:" + username).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return new ScramVerifier(DEFAULT_ITERATIONS, java.util.Arrays.copyOf(salt, SALT_BYTES), key, key);
  }

  @Override public byte[] salt() {
    return salt.clone();
  }

  @Override public byte[] storedKey() {
    return storedKey.clone();
  }

  @Override public byte[] serverKey() {
    return serverKey.clone();
  }

  @Override public boolean equals(Object o) {
    return o instanceof ScramVerifier v && v.format().equals(format());
  }

  @Override public int hashCode() {
    return format().hashCode();
  }

  /** Never prints key material. */
  @Override public String toString() {
    return "ScramVerifier[SCRAM-SHA-256, " + iterations + " iterations]";
  }
}

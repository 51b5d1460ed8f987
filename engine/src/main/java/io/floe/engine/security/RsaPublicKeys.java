package io.floe.engine.security;

import io.floe.engine.api.FloeException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Locale;

/**
 * RSA public keys as Snowflake takes them ({@code ALTER USER ... SET RSA_PUBLIC_KEY}): the base64
 * of a DER SubjectPublicKeyInfo, with or without the PEM {@code BEGIN PUBLIC KEY}/{@code END}
 * lines, and their fingerprint {@code SHA256:<base64 of the SHA-256 of that DER>}.
 */
public final class RsaPublicKeys {
  /** Shortest key accepted, as Snowflake requires. */
  public static final int MIN_BITS = 2048;
  private static final int MAX_TEXT = 16_384;

  private RsaPublicKeys() {}

  /**
   * Reads a public key.
   *
   * @throws FloeException {@code invalid_input} saying what is wrong: not base64, a private key,
   *     a PKCS#1 key, not RSA, shorter than {@link #MIN_BITS}
   */
  public static RSAPublicKey parse(String text) {
    if (text == null || text.isBlank()) {
      throw FloeException.invalid("rsa_public_key is missing");
    }
    if (text.length() > MAX_TEXT) {
      throw FloeException.invalid("rsa_public_key is longer than " + MAX_TEXT + " characters");
    }
    String body = text.strip();
    if (body.startsWith("-----")) {
      String first = body.lines().findFirst().orElse("").toUpperCase(Locale.ROOT);
      if (first.contains("PRIVATE KEY")) {
        throw FloeException.invalid("rsa_public_key holds a private key; give the public key "
            + "(openssl rsa -in key.pem -pubout)");
      }
      if (first.contains("RSA PUBLIC KEY")) {
        throw FloeException.invalid("rsa_public_key is a PKCS#1 'RSA PUBLIC KEY'; give the "
            + "SubjectPublicKeyInfo form, '-----BEGIN PUBLIC KEY-----' (openssl rsa -pubout)");
      }
      if (!first.contains("BEGIN PUBLIC KEY")) {
        throw FloeException.invalid("rsa_public_key must be a PEM public key "
            + "('-----BEGIN PUBLIC KEY-----') or its base64 body");
      }
      body = body.lines().filter(l -> !l.strip().startsWith("-----")).reduce("", String::concat);
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw FloeException.invalid("rsa_public_key is not base64: " + e.getMessage());
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException | RuntimeException e) {
      throw FloeException.invalid("rsa_public_key is not an RSA public key "
          + "(a DER SubjectPublicKeyInfo, as 'openssl rsa -pubout' writes it)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (!(key instanceof RSAPublicKey rsa)) {
      throw FloeException.invalid("rsa_public_key is not an RSA key");
    }
    int bits = rsa.getModulus().bitLength();
    if (bits < MIN_BITS) {
      throw FloeException.invalid("rsa_public_key has " + bits + " bits; at least " + MIN_BITS
          + " are needed");
    }
    return rsa;
  }

  /** The key's DER SubjectPublicKeyInfo in base64, one line. */
  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Snowflake's {@code RSA_PUBLIC_KEY_FP}: {@code SHA256:<base64(sha256(DER))>}. */
  public static String fingerprint(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "SHA256:" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

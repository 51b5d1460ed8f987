package io.floe.engine.security;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets Floe must keep to log in elsewhere (a Snowflake password, private key or OAuth token),
 * encrypted at rest with AES-256-GCM. A sealed secret is {@code nonce (12 bytes) || ciphertext ||
 * tag (16 bytes)}; the associated data binds it to its owner (a project and connection name), so
 * a sealed value copied to another row does not open. The key is 32 random bytes, base64 in a key
 * file: the one configuration names, or {@code <data-dir>/secrets.key}, created on first use with
 * owner-only permissions. Without the key nothing sealed can be opened: back it up with the data
 * directory, but apart from it.
 */
public final class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  private SecretBox(byte[] key) {
    if (key.length != 32) {
      throw new IllegalArgumentException("a secrets key is 32 bytes (AES-256), base64-encoded");
    }
    this.key = new SecretKeySpec(key, "AES");
  }

  /** A box with {@code key} (32 bytes). */
  public static SecretBox of(byte[] key) {
    return new SecretBox(key.clone());
  }

  /** The key in {@code file}, creating the file with a new random key if it does not exist. */
  public static SecretBox fromKeyFile(Path file) {
    requireNonNull(file, "file");
    try {
      if (!Files.exists(file)) {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, ".secrets", ".key");
        try {
          try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
          } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions protect it.
          }
          Files.writeString(temp, Base64.getEncoder().encodeToString(fresh) + "\n",
              StandardOpenOption.TRUNCATE_EXISTING);
          Files.move(temp, file); // fails if another process created it meanwhile
        } catch (FileAlreadyExistsException raced) {
          Files.deleteIfExists(temp);
        }
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return new SecretBox(Base64.getDecoder().decode(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the secrets key file " + file + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code secret} encrypted, bound to {@code owner}. */
  public byte[] seal(String secret, String owner) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw FloeException.internal("cannot encrypt a secret", e);
    }
  }

  /** The secret {@link #seal} made of it for {@code owner}; fails if it was changed or moved. */
  public String open(byte[] sealed, String owner) {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw FloeException.internal("a stored secret is damaged", null);
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw FloeException.internal("a stored secret cannot be decrypted: the secrets key is not the "
          + "one it was stored with, or the secret was changed", e);
    }
  }
}

package io.floe.engine.snowflake;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Properties;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Opens JDBC connections to a Snowflake account with Snowflake's own driver, as any Snowflake
 * client does. The driver never probes cloud metadata addresses ({@code
 * disablePlatformDetection}); plain HTTP ({@code ssl=off}) is used only where the connection says
 * {@code http}, which only a loopback host may.
 */
public final class SnowflakeClient {
  /** Seconds a login may take before it fails. */
  static final int LOGIN_TIMEOUT_SECONDS = 30;

  private SnowflakeClient() {}

  /** A connection's details with its secret in the clear, for one login; never logged. */
  record Login(String name, String account, String host, int port, String protocol, String user,
      Secret secret, String warehouse, String role, String database) {
    @Override public String toString() {
      return "Login[" + name + " " + user + "@" + account + "]";
    }
  }

  /** What a connection logs in with. */
  record Secret(String password, String privateKey, String privateKeyPassphrase, String oauthToken) {
    @Override public String toString() {
      return "Secret[…]";
    }
  }

  static String url(Login l) {
    StringBuilder url = new StringBuilder("jdbc:snowflake://").append(l.host()).append(':')
        .append(l.port()).append("/?account=").append(encode(l.account()))
        .append("&disablePlatformDetection=true");
    if ("http".equals(l.protocol())) {
      url.append("&ssl=off");
    }
    return url.toString();
  }

  /** Logs in; the caller closes the connection. Failures name the connection and Snowflake's reason. */
  static Connection connect(Login l) {
    Properties props = new Properties();
    props.put("user", l.user());
    props.put("disablePlatformDetection", "true");
    props.put("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
    props.put("maxHttpRetries", "2");
    props.put("application", "Floe");
    // Session parameters the pushed SQL relies on, whatever the account sets: nulls sort last
    // ascending and first descending (Calcite's Snowflake dialect leaves that order implicit).
    props.put("DEFAULT_NULL_ORDERING", "LAST");
    Secret s = l.secret();
    if (s.password() != null) {
      props.put("password", s.password());
    } else if (s.privateKey() != null) {
      props.put("privateKey", privateKey(s.privateKey(), s.privateKeyPassphrase()));
      props.put("authenticator", "snowflake_jwt");
    } else {
      props.put("authenticator", "oauth");
      props.put("token", s.oauthToken());
    }
    if (l.warehouse() != null) {
      props.put("warehouse", l.warehouse());
    }
    if (l.role() != null) {
      props.put("role", l.role());
    }
    if (l.database() != null) {
      props.put("db", l.database());
    }
    try {
      return DriverManager.getConnection(url(l), props);
    } catch (SQLException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
      throw new FloeException(ErrorCode.SOURCE_LOGIN_FAILED, "Snowflake connection '" + l.name()
          + "' cannot log in to account '" + l.account() + "' as '" + l.user() + "': " + reason,
          "Check the account, host, user and secret; the reason above is Snowflake's.", null);
    }
  }

  /**
   * A PEM private key: PKCS#8, plain ({@code BEGIN PRIVATE KEY}) or encrypted with {@code
   * passphrase} ({@code BEGIN ENCRYPTED PRIVATE KEY}), as Snowflake's key-pair guide makes them.
   */
  static PrivateKey privateKey(String pem, String passphrase) {
    String text = pem.strip();
    boolean encrypted = text.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    if (!encrypted && !text.startsWith("-----BEGIN PRIVATE KEY-----")) {
      throw FloeException.invalid("private_key must be a PEM PKCS#8 key (BEGIN PRIVATE KEY or BEGIN "
          + "ENCRYPTED PRIVATE KEY); convert a PKCS#1 key with: openssl pkcs8 -topk8 -in key.pem");
    }
    if (encrypted && (passphrase == null || passphrase.isEmpty())) {
      throw FloeException.invalid("private_key is encrypted: give private_key_passphrase");
    }
    try {
      byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
      PKCS8EncodedKeySpec spec;
      if (encrypted) {
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
        Cipher cipher = Cipher.getInstance(info.getAlgName());
        cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())),
            info.getAlgParameters());
        spec = info.getKeySpec(cipher);
      } else {
        spec = new PKCS8EncodedKeySpec(der);
      }
      return KeyFactory.getInstance("RSA").generatePrivate(spec);
    } catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException e) {
      throw FloeException.invalid("private_key cannot be read as an RSA key"
          + (encrypted ? " with the passphrase given" : "") + ": " + e.getClass().getSimpleName());
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * PostgreSQL listener settings, declared once.
 *
 * @param host interface to bind
 * @param port port; 0 picks a free one
 * @param maxConnections connections served at once (one thread each); more wait in the backlog
 * @param tlsDir where the generated self-signed certificate lives (used when no key store is set)
 * @param keyStore a PKCS#12 key store to serve TLS with, or null to generate a certificate
 * @param keyStorePassword its password (a secret: never logged), or null
 * @param requireTls refuse connections that do not negotiate TLS; when false, only non-loopback
 *     clients must use TLS
 * @param allowCleartextOverTls ask TLS clients for a cleartext password (checked against the SCRAM
 *     verifier) instead of SCRAM, for tools that only speak cleartext; never on plain connections
 */
public record PgConfig(String host, int port, int maxConnections, Path tlsDir, Path keyStore,
    String keyStorePassword, boolean requireTls, boolean allowCleartextOverTls) {
  public static final int DEFAULT_PORT = 5433;

  public PgConfig {
    requireNonNull(host, "host");
    requireNonNull(tlsDir, "tlsDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PostgreSQL port must be 0..65535, got " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive");
    }
  }

  public static PgConfig defaults(Path dataDir) {
    return new PgConfig("127.0.0.1", DEFAULT_PORT, 256, dataDir.resolve("tls"), null, null, false,
        false);
  }

  public PgConfig withAddress(String host, int port) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allowCleartextOverTls);
  }

  public PgConfig withCleartextOverTls(boolean allow) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allow);
  }

  public PgConfig withRequireTls(boolean require) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, require,
        allowCleartextOverTls);
  }

  @Override public String toString() {
    return "PgConfig[" + host + ":" + port + ", keyStore=" + (keyStore == null ? "generated" : keyStore)
        + "]";
  }
}

package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL listener settings, declared once.
 *
 * @param host interface to bind
 * @param port port; 0 picks a free one
 * @param maxConnections client sessions served at once (one thread each); a client beyond them is
 *     refused with FATAL 53300 once it has sent its start-up packet. {@link #STARTUP_RESERVE} more
 *     threads serve connections that are still starting up (authenticating, or carrying a
 *     CancelRequest), so a cancel gets through while every session is busy
 * @param tlsDir where the generated self-signed certificate lives (used when no key store is set)
 * @param keyStore a PKCS#12 key store to serve TLS with, or null to generate a certificate
 * @param keyStorePassword its password (a secret: never logged), or null
 * @param requireTls refuse connections that do not negotiate TLS; when false, only non-loopback
 *     clients must use TLS
 * @param allowCleartextOverTls ask TLS clients for a cleartext password (checked against the SCRAM
 *     verifier) instead of SCRAM, for tools that only speak cleartext; never on plain connections
 * @param idleSessionTimeout a session that sends nothing for this long is closed with FATAL 57P05
 *     (PostgreSQL's {@code idle_session_timeout}); zero for never
 * @param advertisedHost the host name clients are told to connect to (workspace connection
 *     blocks), or null for the bind host (the machine's name when binding every interface)
 */
public record PgConfig(String host, int port, int maxConnections, Path tlsDir, Path keyStore,
    String keyStorePassword, boolean requireTls, boolean allowCleartextOverTls,
    Duration idleSessionTimeout, String advertisedHost) {
  public static final int DEFAULT_PORT = 5433;
  public static final int DEFAULT_MAX_CONNECTIONS = 256;
  /** The seed's {@code session_idle_timeout}: one hour. */
  public static final Duration DEFAULT_IDLE_SESSION_TIMEOUT = Duration.ofHours(1);
  /** Threads kept for connections in start-up, beyond {@link #maxConnections}. */
  public static final int STARTUP_RESERVE = 16;
  /** Start-up (TLS, start-up packet, authentication) must finish within this, as in PostgreSQL. */
  public static final Duration AUTHENTICATION_TIMEOUT = Duration.ofSeconds(60);

  public PgConfig {
    requireNonNull(host, "host");
    requireNonNull(tlsDir, "tlsDir");
    requireNonNull(idleSessionTimeout, "idleSessionTimeout");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("PostgreSQL port must be 0..65535, got " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive");
    }
    if (idleSessionTimeout.isNegative()) {
      throw new IllegalArgumentException("the idle session timeout must not be negative");
    }
    if (advertisedHost != null && (advertisedHost.isBlank() || advertisedHost.strip().contains(" ")
        || advertisedHost.contains("/") || advertisedHost.contains("@"))) {
      throw new IllegalArgumentException("not a host name: '" + advertisedHost + "'");
    }
    advertisedHost = advertisedHost == null ? null : advertisedHost.strip();
  }

  public static PgConfig defaults(Path dataDir) {
    return new PgConfig("127.0.0.1", DEFAULT_PORT, DEFAULT_MAX_CONNECTIONS, dataDir.resolve("tls"),
        null, null, false, false, DEFAULT_IDLE_SESSION_TIMEOUT, null);
  }

  public PgConfig withAddress(String host, int port) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allowCleartextOverTls, idleSessionTimeout, advertisedHost);
  }

  public PgConfig withCleartextOverTls(boolean allow) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allow, idleSessionTimeout, advertisedHost);
  }

  public PgConfig withRequireTls(boolean require) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, require,
        allowCleartextOverTls, idleSessionTimeout, advertisedHost);
  }

  public PgConfig withMaxConnections(int max) {
    return new PgConfig(host, port, max, tlsDir, keyStore, keyStorePassword, requireTls,
        allowCleartextOverTls, idleSessionTimeout, advertisedHost);
  }

  public PgConfig withIdleSessionTimeout(Duration timeout) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allowCleartextOverTls, timeout, advertisedHost);
  }

  public PgConfig withAdvertisedHost(String advertised) {
    return new PgConfig(host, port, maxConnections, tlsDir, keyStore, keyStorePassword, requireTls,
        allowCleartextOverTls, idleSessionTimeout, advertised);
  }

  /**
   * The host clients should connect to: {@link #advertisedHost} when set, else the bind host, or
   * for a wildcard bind ({@code 0.0.0.0}, {@code ::}) this machine's name.
   */
  public String clientHost() {
    if (advertisedHost != null) {
      return advertisedHost;
    }
    if (!isWildcard(host)) {
      return host;
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  static boolean isWildcard(String host) {
    String h = host.strip();
    return h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.equals("*")
        || h.equals("0:0:0:0:0:0:0:0");
  }

  @Override public String toString() {
    return "PgConfig[" + host + ":" + port + ", keyStore=" + (keyStore == null ? "generated" : keyStore)
        + (advertisedHost == null ? "" : ", advertised=" + advertisedHost) + "]";
  }
}

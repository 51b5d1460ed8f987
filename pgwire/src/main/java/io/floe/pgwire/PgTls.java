package io.floe.pgwire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS for the PostgreSQL listener: a PKCS#12 key store from configuration, or, when none is
 * configured, a self-signed certificate generated at first start (with the JDK's keytool) into the
 * data directory and reused after. The store's password sits next to it in a file only the owner
 * may read; neither is ever logged.
 */
final class PgTls {
  private static final Logger LOG = LoggerFactory.getLogger(PgTls.class);

  /** How long an SSLRequest waits for the key store still loading at start-up. */
  static final Duration LOAD_WAIT = Duration.ofSeconds(90);

  private PgTls() {}

  /** How long after start-up the key store loads when no client has asked for TLS before. */
  static final Duration LOAD_DELAY = Duration.ofSeconds(3);

  /**
   * The SSL context, loaded on a thread of its own once the first client asks for TLS or a few
   * seconds after start-up, whichever comes first: loading a key store is a few hundred
   * milliseconds of CPU that start-up need not wait for. An SSLRequest waits (bounded) for it.
   */
  static final class Pending {
    private final CompletableFuture<SSLContext> context = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final Supplier<SSLContext> loader;

    Pending(Supplier<SSLContext> loader) {
      this.loader = loader;
    }

    /** Starts loading unless it has started already or the server has closed. */
    void start() {
      if (!started.compareAndSet(false, true)) {
        return;
      }
      Thread thread = new Thread(() -> {
        try {
          context.complete(loader.get());
        } catch (Throwable e) {
          LOG.error("TLS for the PostgreSQL endpoint is unavailable: {}", e.getMessage());
          context.completeExceptionally(e);
        }
      }, "floe-pg-tls-loader");
      thread.setDaemon(true);
      thread.start();
    }

    /** The server closed: the key store is not loaded any more (a load under way finishes). */
    void cancel() {
      if (started.compareAndSet(false, true)) {
        context.completeExceptionally(new IllegalStateException("the PostgreSQL endpoint is closed"));
      }
    }

    /**
     * The context, waiting up to {@link #LOAD_WAIT} for it; null when it could not be loaded
     * (logged once) or is still not ready, and the client is answered that TLS is unavailable.
     */
    SSLContext await() {
      start();
      try {
        return context.get(LOAD_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      } catch (ExecutionException | TimeoutException e) {
        return null;
      }
    }
  }

  /** The configured key store, or the generated self-signed one, loaded soon after start-up. */
  static Pending loadInBackground(PgConfig config) {
    Pending pending = new Pending(() -> config.keyStore() != null
        ? context(config.keyStore(), config.keyStorePassword() == null ? new char[0]
            : config.keyStorePassword().toCharArray())
        : selfSigned(config.tlsDir(), config.host()));
    CompletableFuture.delayedExecutor(LOAD_DELAY.toMillis(), TimeUnit.MILLISECONDS)
        .execute(pending::start);
    return pending;
  }

  /** An SSL context from {@code keyStore} (password in {@code password}). */
  static SSLContext context(Path keyStore, char[] password) {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the TLS key store " + keyStore + ": "
          + e.getMessage(), e);
    }
  }

  /** {@code n} bytes from a strong random source. */
  static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** The self-signed certificate in {@code dir}, generated on first use. */
  static SSLContext selfSigned(Path dir, String hostName) {
    Path store = dir.resolve("pg-tls.p12");
    Path secret = dir.resolve("pg-tls.password");
    try {
      Files.createDirectories(dir);
      if (!Files.exists(store) || !Files.exists(secret)) {
        String password = HexFormat.of().formatHex(randomBytes(16));
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "floe",
            "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
            "-dname", "CN=" + hostName + ", O=Floe", "-ext", "san=dns:localhost,ip:127.0.0.1",
            "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(),
            "-storepass:env", "FLOE_PG_TLS_PASSWORD")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        p.environment().put("FLOE_PG_TLS_PASSWORD", password);
        Process started = p.start();
        if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
          started.destroyForcibly();
          throw new IllegalStateException("keytool could not generate a certificate");
        }
        Files.writeString(secret, password, StandardCharsets.UTF_8);
        try {
          Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
          Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // Not a POSIX file system: the data directory's own permissions protect them.
        }
        LOG.info("Generated a self-signed TLS certificate for the PostgreSQL endpoint in {}", store);
      }
      return context(store, Files.readString(secret, StandardCharsets.UTF_8).strip().toCharArray());
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare TLS for the PostgreSQL endpoint: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating a certificate", e);
    }
  }
}

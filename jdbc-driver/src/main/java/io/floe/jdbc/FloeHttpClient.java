package io.floe.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.ConnectionConfig;
import org.apache.calcite.avatica.remote.AvaticaHttpClient;
import org.apache.calcite.avatica.remote.AvaticaHttpClientFactory;
import org.apache.calcite.avatica.remote.KerberosConnection;

/**
 * Avatica's transport for Floe: its calls go over {@link Http11} (persistent connections, one write
 * per request), with the token sent on every request (Avatica's own client waits for a 401
 * challenge first, costing a round trip), the server's authentication errors as SQLSTATE 28000,
 * and the truststore from {@code truststore}/{@code truststore_password}. The JDK's HTTP client
 * carries the frame stream and cancel requests.
 */
public final class FloeHttpClient implements AvaticaHttpClient {
  private static final HttpClient DEFAULT = newClient(null);

  /** Connections to each server, shared by the driver's connections to it. */
  private static final java.util.Map<String, Http11> RPC = new java.util.concurrent.ConcurrentHashMap<>();

  private final URI uri;
  private final String token;
  private final Duration responseTimeout;
  private final HttpClient client;
  private final Http11 rpc;

  FloeHttpClient(URI uri, String token, Duration responseTimeout, HttpClient client,
      SSLContext ssl) {
    this.uri = uri;
    this.token = token;
    this.responseTimeout = responseTimeout;
    this.client = client;
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    javax.net.SocketFactory sockets = !https ? javax.net.SocketFactory.getDefault()
        : (ssl != null ? ssl : defaultSsl()).getSocketFactory();
    this.rpc = RPC.computeIfAbsent(uri + "|" + System.identityHashCode(ssl),
        k -> new Http11(uri, sockets, 30_000));
  }

  private static SSLContext defaultSsl() {
    try {
      return SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS available: " + e.getMessage(), e);
    }
  }

  static HttpClient newClient(SSLContext ssl) {
    HttpClient.Builder b = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30));
    if (ssl != null) {
      b.sslContext(ssl);
    }
    return b.build();
  }

  static HttpClient defaultClient() {
    return DEFAULT;
  }

  /** Avatica instantiates this by name ({@code httpclient_factory}). */
  public static final class Factory implements AvaticaHttpClientFactory {
    @Override public AvaticaHttpClient getClient(URL url, ConnectionConfig config,
        KerberosConnection kerberosUtil) {
      try {
        SSLContext ssl = sslContext(config);
        return new FloeHttpClient(url.toURI(), config.getBearerToken(),
            Duration.ofMillis(config.getHttpResponseTimeout()), clientFor(config), ssl);
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("bad URL " + url, e);
      }
    }
  }

  static HttpClient clientFor(ConnectionConfig config) {
    SSLContext ssl = sslContext(config);
    return ssl == null ? DEFAULT : CLIENTS.computeIfAbsent(ssl, FloeHttpClient::newClient);
  }

  /** JDK clients per trust store (for the frame stream and cancel), made once. */
  private static final java.util.Map<SSLContext, HttpClient> CLIENTS =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Map<String, SSLContext> CONTEXTS =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** The TLS context for {@code truststore}, or null to use the JVM's trust store. */
  static SSLContext sslContext(ConnectionConfig config) {
    if (config.truststore() == null) {
      return null;
    }
    String password = config.truststorePassword();
    String key = config.truststore().getAbsolutePath() + "|" + (password == null ? "" : password);
    return CONTEXTS.computeIfAbsent(key, k -> loadTrustStore(config.truststore().toPath(), password));
  }

  private static SSLContext loadTrustStore(java.nio.file.Path file, String password) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read truststore " + file + ": " + e.getMessage(), e);
    }
  }

  @Override public byte[] send(byte[] request) {
    Http11.Answer response;
    try {
      response = rpc.post(request, "application/octet-stream", token,
          (int) Math.min(Integer.MAX_VALUE, responseTimeout.toMillis()));
    } catch (java.net.SocketTimeoutException e) {
      throw new AvaticaClientRuntimeException("no answer from Floe at " + uri + " within "
          + responseTimeout.toSeconds() + " s", -1, "08006", AvaticaSeverity.ERROR, List.of(), null);
    } catch (IOException e) {
      throw new AvaticaClientRuntimeException("cannot reach Floe at " + uri + ": " + e.getMessage(),
          -1, "08006", AvaticaSeverity.ERROR, List.of(), null);
    }
    int status = response.status();
    // Errors carry an Avatica error response: 500, or 401 and 400 for refused credentials.
    if (status == 200 || ((status == 500 || status == 401 || status == 400) && avaticaError(response))) {
      return response.body();
    }
    if (status == 500) {
      // Not an Avatica error (a proxy's or servlet container's page): Avatica's client would fail
      // to parse it, so report the status and the start of the text instead.
      throw new AvaticaClientRuntimeException("Floe at " + uri + " failed with HTTP status 500: "
          + excerpt(response.body()), -1, "XX000", AvaticaSeverity.ERROR, List.of(), null);
    }
    if (status == 401) {
      throw new AvaticaClientRuntimeException(
          "authentication required: pass the API token in the 'token' property", -1, "28000",
          AvaticaSeverity.ERROR, List.of(), null);
    }
    throw new AvaticaClientRuntimeException("unexpected HTTP status " + status + " from " + uri, -1,
        "08006", AvaticaSeverity.ERROR, List.of(), null);
  }

  /** Whether an error status carries an Avatica error response (JSON or protobuf), as Floe's do. */
  private static boolean avaticaError(Http11.Answer response) {
    String type = response.contentType();
    return type.startsWith("application/json") || type.startsWith("application/octet-stream")
        || type.startsWith("application/x-protobuf");
  }

  /** The start of a body as text, for an error message. */
  static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), java.nio.charset.StandardCharsets.UTF_8)
        .replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return text.isEmpty() ? "(no text)" : text;
  }

  /** For the cancel request, which is not part of Avatica's protocol. */
  HttpClient client() {
    return client;
  }
}

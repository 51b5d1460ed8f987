package io.floe.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Avatica's transport for Floe: JDK HTTP/1.1 with the token sent on every request (Avatica's own
 * client waits for a 401 challenge first, costing a round trip), the server's authentication errors
 * as SQLSTATE 28000, and the truststore from {@code truststore}/{@code truststore_password}.
 */
public final class FloeHttpClient implements AvaticaHttpClient {
  private static final HttpClient DEFAULT = newClient(null);

  private final URI uri;
  private final String token;
  private final Duration responseTimeout;
  private final HttpClient client;

  FloeHttpClient(URI uri, String token, Duration responseTimeout, HttpClient client) {
    this.uri = uri;
    this.token = token;
    this.responseTimeout = responseTimeout;
    this.client = client;
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
        return new FloeHttpClient(url.toURI(), config.getBearerToken(),
            Duration.ofMillis(config.getHttpResponseTimeout()), clientFor(config));
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException("bad URL " + url, e);
      }
    }
  }

  static HttpClient clientFor(ConnectionConfig config) {
    if (config.truststore() == null) {
      return DEFAULT;
    }
    try (InputStream in = Files.newInputStream(config.truststore().toPath())) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      String password = config.truststorePassword();
      store.load(in, password == null ? null : password.toCharArray());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return newClient(ssl);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read truststore " + config.truststore() + ": " + e.getMessage(), e);
    }
  }

  @Override public byte[] send(byte[] request) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri)
        .timeout(responseTimeout)
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AvaticaClientRuntimeException("cannot reach Floe at " + uri + ": " + e.getMessage(),
          -1, "08006", AvaticaSeverity.ERROR, List.of(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AvaticaClientRuntimeException("interrupted while waiting for Floe", -1, "57014",
          AvaticaSeverity.ERROR, List.of(), null);
    }
    int status = response.statusCode();
    if (status == 200 || status == 500) {
      return response.body();
    }
    if (status == 401) {
      throw new AvaticaClientRuntimeException(
          "authentication required: pass the API token in the 'token' property", -1, "28000",
          AvaticaSeverity.ERROR, List.of(), null);
    }
    throw new AvaticaClientRuntimeException("unexpected HTTP status " + status + " from " + uri, -1,
        "08006", AvaticaSeverity.ERROR, List.of(), null);
  }

  /** For the cancel request, which is not part of Avatica's protocol. */
  HttpClient client() {
    return client;
  }
}

package io.floe.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's HTTP/1.1 client against the JDK's own HTTP server (a stand-in for Floe here, to
 * reach what Floe never answers: chunked bodies, {@code Connection: close}, TLS names).
 */
class Http11Test {
  private HttpServer server;
  private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();

  @AfterEach void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** Echoes the body with the Authorization header in front; options in the query. */
  private void handle(HttpExchange e) throws IOException {
    clientPorts.add(e.getRemoteAddress().getPort());
    byte[] body;
    try (InputStream in = e.getRequestBody()) {
      body = in.readAllBytes();
    }
    String query = e.getRequestURI().getQuery() == null ? "" : e.getRequestURI().getQuery();
    byte[] answer = (e.getRequestHeaders().getFirst("Authorization") + "|"
        + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    if (query.contains("close")) {
      e.getResponseHeaders().add("Connection", "close");
    }
    e.sendResponseHeaders(query.contains("status") ? 500 : 200, query.contains("chunked") ? 0 : answer.length);
    try (OutputStream out = e.getResponseBody()) {
      out.write(answer);
    }
  }

  private URI start(String path) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static String text(Http11.Answer a) {
    return new String(a.body(), StandardCharsets.UTF_8);
  }

  @Test void keepsConnectionsAliveAcrossRequests() throws Exception {
    try (Http11 http = new Http11(start("/avatica"), SocketFactory.getDefault(), 5_000)) {
      for (int i = 0; i < 5; i++) {
        Http11.Answer a = http.post(("call " + i).getBytes(StandardCharsets.UTF_8), "application/json", "tok", 5_000);
        assertThat(a.status()).isEqualTo(200);
        assertThat(text(a)).isEqualTo("Bearer tok|call " + i);
      }
    }
    assertThat(clientPorts).hasSize(5);
    assertThat(new ArrayList<>(new java.util.HashSet<>(clientPorts))).hasSize(1);
  }

  @Test void readsChunkedBodiesAndErrorStatuses() throws Exception {
    try (Http11 http = new Http11(start("/x?chunked&status"), SocketFactory.getDefault(), 5_000)) {
      byte[] big = "y".repeat(200_000).getBytes(StandardCharsets.UTF_8);
      Http11.Answer a = http.post(big, "application/octet-stream", null, 5_000);
      assertThat(a.status()).isEqualTo(500);
      assertThat(text(a)).isEqualTo("null|" + "y".repeat(200_000));
    }
  }

  @Test void opensANewConnectionWhenTheServerClosedOne() throws Exception {
    try (Http11 http = new Http11(start("/x?close"), SocketFactory.getDefault(), 5_000)) {
      assertThat(text(http.post(new byte[] {'a'}, "text/plain", "t", 5_000))).endsWith("|a");
      assertThat(text(http.post(new byte[] {'b'}, "text/plain", "t", 5_000))).endsWith("|b");
    }
    assertThat(clientPorts).hasSize(2).doesNotHaveDuplicates();
  }

  @Test void aConnectionTheServerDroppedWhileIdleIsNotReused() throws Exception {
    try (Http11 http = new Http11(start("/x"), SocketFactory.getDefault(), 5_000)) {
      assertThat(text(http.post(new byte[] {'a'}, "text/plain", "t", 5_000))).endsWith("|a");
      // The JDK server closes idle connections when it stops; a new one takes the next request.
      int port = server.getAddress().getPort();
      server.stop(0);
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
      server.createContext("/", this::handle);
      server.start();
      Thread.sleep(2_100);
      assertThat(text(http.post(new byte[] {'b'}, "text/plain", "t", 5_000))).endsWith("|b");
    }
    assertThat(clientPorts).hasSize(2).doesNotHaveDuplicates();
  }

  @Test void aServerThatIsGoneIsAnIOException() throws Exception {
    URI uri = start("/x");
    server.stop(0);
    server = null;
    try (Http11 http = new Http11(uri, SocketFactory.getDefault(), 2_000)) {
      assertThatThrownBy(() -> http.post(new byte[] {'a'}, "text/plain", null, 2_000))
          .isInstanceOf(IOException.class);
    }
  }

  @Test void speaksTlsAndChecksTheServersName(@TempDir Path dir) throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "floe", "-keyalg", "EC", "-dname", "CN=localhost",
        "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "secret", "-keypass", "secret")
        .redirectErrorStream(true).start();
    assertThat(keytool.waitFor()).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, "secret".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "secret".toCharArray());
    SSLContext serverSsl = SSLContext.getInstance("TLS");
    serverSsl.init(kmf.getKeyManagers(), null, null);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext clientSsl = SSLContext.getInstance("TLS");
    clientSsl.init(null, tmf.getTrustManagers(), null);

    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(serverSsl));
    https.createContext("/", this::handle);
    https.start();
    server = https;
    int port = https.getAddress().getPort();
    try (Http11 http = new Http11(URI.create("https://localhost:" + port + "/avatica"),
        clientSsl.getSocketFactory(), 5_000)) {
      assertThat(text(http.post(new byte[] {'s'}, "text/plain", "t", 5_000))).isEqualTo("Bearer t|s");
    }
    // The certificate names localhost, not the address: the name check refuses it.
    try (Http11 http = new Http11(URI.create("https://127.0.0.1:" + port + "/avatica"),
        clientSsl.getSocketFactory(), 5_000)) {
      assertThatThrownBy(() -> http.post(new byte[] {'s'}, "text/plain", "t", 5_000))
          .isInstanceOf(IOException.class);
    }
  }
}

package io.floe.jdbc;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import javax.net.SocketFactory;

/**
 * A minimal HTTP/1.1 client for Avatica's request/response calls: persistent connections with
 * TCP_NODELAY, and each request's headers and body written in one call. A small query's round trip
 * is then the server's time plus one loopback or network hop; the JDK's client writes headers and
 * body separately and hands each exchange through several threads, which costs a query about a
 * millisecond or more.
 *
 * <p>Thread-safe: each call takes an idle connection or opens one. Responses must have a
 * {@code Content-Length} or chunked body; Floe's answers always do.
 */
final class Http11 implements AutoCloseable {
  private static final int MAX_IDLE = 8;

  private final String host;
  private final int port;
  private final String path;
  private final SocketFactory sockets;
  private final int connectTimeoutMillis;
  private final Deque<Conn> idle = new ArrayDeque<>();
  private volatile boolean closed;

  /** An HTTP answer; {@code contentType} is empty when the server sent none. */
  record Answer(int status, String contentType, byte[] body) {}

  private static final class Conn {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    long idleSince = System.nanoTime();

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      this.out = socket.getOutputStream();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // Nothing to report for a connection being dropped.
      }
    }
  }

  Http11(URI uri, SocketFactory sockets, int connectTimeoutMillis) {
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort()
        : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    this.path = uri.getRawQuery() == null ? p : p + "?" + uri.getRawQuery();
    this.sockets = sockets;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /** POSTs {@code body}; waits at most {@code timeoutMillis} for the answer. */
  Answer post(byte[] body, String contentType, String bearerToken, int timeoutMillis)
      throws IOException {
    StringBuilder head = new StringBuilder(256)
        .append("POST ").append(path).append(" HTTP/1.1\r\n")
        .append("Host: ").append(host).append(':').append(port).append("\r\n")
        .append("Content-Type: ").append(contentType).append("\r\n")
        .append("Content-Length: ").append(body.length).append("\r\n");
    if (bearerToken != null) {
      head.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);

    Conn conn = take();
    if (conn == null) {
      conn = open();
    }
    try {
      return exchange(conn, request, timeoutMillis);
    } catch (IOException | RuntimeException e) {
      // A request is never sent twice: the server may have run it.
      conn.close();
      throw e;
    }
  }

  private Answer exchange(Conn conn, byte[] request, int timeoutMillis) throws IOException {
    conn.socket.setSoTimeout(Math.max(0, timeoutMillis));
    conn.out.write(request);
    conn.out.flush();
    String status = line(conn.in);
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean keepAlive = status.startsWith("HTTP/1.1");
    String contentType = "";
    for (String header = line(conn.in); !header.isEmpty(); header = line(conn.in)) {
      int colon = header.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> keepAlive = !value.equalsIgnoreCase("close");
        case "content-type" -> contentType = value.toLowerCase(Locale.ROOT);
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      body = chunked(conn.in);
    } else if (length >= 0) {
      body = conn.in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("the answer ended early");
      }
    } else {
      body = conn.in.readAllBytes();
      keepAlive = false;
    }
    if (keepAlive) {
      give(conn);
    } else {
      conn.close();
    }
    return new Answer(code, contentType, body);
  }

  private static byte[] chunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String size = line(in);
      int semi = size.indexOf(';');
      int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
      if (n == 0) {
        while (!line(in).isEmpty()) {
          // trailers
        }
        return out.toByteArray();
      }
      byte[] chunk = in.readNBytes(n);
      if (chunk.length != n) {
        throw new EOFException("the answer ended early");
      }
      out.write(chunk);
      line(in);
    }
  }

  /** One header line without its CRLF. */
  private static String line(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder(64);
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new EOFException("the connection closed");
      }
      if (c == '\n') {
        int len = b.length();
        if (len > 0 && b.charAt(len - 1) == '\r') {
          b.setLength(len - 1);
        }
        return b.toString();
      }
      b.append((char) c);
    }
  }

  private Conn open() throws IOException {
    Socket s = sockets.createSocket();
    try {
      s.setTcpNoDelay(true);
      s.setKeepAlive(true);
      s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      if (s instanceof javax.net.ssl.SSLSocket ssl) {
        javax.net.ssl.SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
          params.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
      }
      return new Conn(s);
    } catch (IOException e) {
      s.close();
      throw e;
    }
  }

  /** Idle longer than this, a connection is checked before use: the server may have closed it. */
  private static final long VALIDATE_AFTER_NANOS = 2_000_000_000L;

  /** An idle connection that is still open, or null. */
  private Conn take() {
    while (true) {
      Conn conn;
      synchronized (this) {
        conn = idle.pollFirst();
      }
      if (conn == null) {
        return null;
      }
      if (System.nanoTime() - conn.idleSince < VALIDATE_AFTER_NANOS || alive(conn)) {
        return conn;
      }
      conn.close();
    }
  }

  /** Whether the server still holds the connection open (it has sent neither data nor FIN). */
  private static boolean alive(Conn conn) {
    try {
      if (conn.in.available() > 0) {
        return false;
      }
      conn.socket.setSoTimeout(1);
      conn.in.read();
      // End of stream (closed) or bytes nobody asked for: either way not reusable.
      return false;
    } catch (java.net.SocketTimeoutException quiet) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void give(Conn conn) {
    conn.idleSince = System.nanoTime();
    synchronized (this) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.addFirst(conn);
        return;
      }
    }
    conn.close();
  }

  @Override public void close() {
    synchronized (this) {
      closed = true;
      idle.forEach(Conn::close);
      idle.clear();
    }
  }
}

package io.floe.pgwire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.SocketFactory;

/**
 * A socket factory for pgjdbc ({@code socketFactory} property) that remembers the sockets it made,
 * so a test can cut a client's connection abruptly, as a crashed client would.
 */
public final class GrabbingSocketFactory extends SocketFactory {
  static final Queue<Socket> SOCKETS = new ConcurrentLinkedQueue<>();

  @Override public Socket createSocket() {
    Socket s = new Socket();
    SOCKETS.add(s);
    return s;
  }

  @Override public Socket createSocket(String host, int port) throws IOException {
    Socket s = new Socket(host, port);
    SOCKETS.add(s);
    return s;
  }

  @Override public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    Socket s = new Socket(host, port, local, localPort);
    SOCKETS.add(s);
    return s;
  }

  @Override public Socket createSocket(InetAddress host, int port) throws IOException {
    Socket s = new Socket(host, port);
    SOCKETS.add(s);
    return s;
  }

  @Override public Socket createSocket(InetAddress address, int port, InetAddress local,
      int localPort) throws IOException {
    Socket s = new Socket(address, port, local, localPort);
    SOCKETS.add(s);
    return s;
  }
}

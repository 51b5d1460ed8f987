package io.floe.pgwire;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's byte stream, with a way to notice that the client went away while the connection
 * thread is busy running a statement (and so not reading). {@link #probeClosed()} peeks at the
 * socket with a 1 ms timeout: end of stream or an error means the client is gone; bytes that do
 * arrive (a pipelined next message) are kept and read later in order.
 */
final class PgInput extends InputStream {
  private final Socket socket;
  private final InputStream raw;
  private final ReentrantLock lock = new ReentrantLock();
  private byte[] pending = new byte[0];
  private int pendingPos;

  PgInput(Socket socket, InputStream raw) {
    this.socket = socket;
    this.raw = raw;
  }

  @Override public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override public int read(byte[] b, int off, int len) throws IOException {
    lock.lock();
    try {
      if (pendingPos < pending.length) {
        int n = Math.min(len, pending.length - pendingPos);
        System.arraycopy(pending, pendingPos, b, off, n);
        pendingPos += n;
        return n;
      }
      return raw.read(b, off, len);
    } finally {
      lock.unlock();
    }
  }

  /** True when the client has closed the connection; never blocks for long. */
  boolean probeClosed() {
    if (!lock.tryLock()) {
      return false;
    }
    try {
      int timeout = socket.getSoTimeout();
      socket.setSoTimeout(1);
      try {
        byte[] buffer = new byte[8192];
        int n = raw.read(buffer);
        if (n < 0) {
          return true;
        }
        byte[] rest = Arrays.copyOfRange(pending, pendingPos, pending.length);
        pending = Arrays.copyOf(rest, rest.length + n);
        System.arraycopy(buffer, 0, pending, rest.length, n);
        pendingPos = 0;
        return false;
      } catch (SocketTimeoutException e) {
        return false;
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (IOException e) {
      return true;
    } finally {
      lock.unlock();
    }
  }
}

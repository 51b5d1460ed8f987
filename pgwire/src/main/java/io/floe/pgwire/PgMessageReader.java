package io.floe.pgwire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads frontend messages: the untyped startup packets (length, then body) and typed messages
 * (one type byte, length, body). Message bodies are bounded, and a body is read as it arrives
 * rather than allocated from its declared length, so a client cannot make the server allocate
 * memory it does not send.
 */
final class PgMessageReader {
  /** Largest message of an authenticated session; PostgreSQL allows 1 GB, Floe less. */
  static final int MAX_MESSAGE = 64 << 20;
  /**
   * Largest message before authentication (start-up packets, passwords, SASL), as PostgreSQL's
   * {@code MAX_STARTUP_PACKET_LENGTH}: an unauthenticated client cannot make Floe read more.
   */
  static final int MAX_STARTUP_MESSAGE = 10_000;

  private final DataInputStream in;
  private final int maxMessage;

  /** A reader for an authenticated session. */
  PgMessageReader(InputStream in) {
    this(in, MAX_MESSAGE);
  }

  PgMessageReader(InputStream in, int maxMessage) {
    this.in = new DataInputStream(in);
    this.maxMessage = maxMessage;
  }

  /** A startup-phase packet body (after its length); null at a clean end of stream. */
  byte[] readStartup() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
        | in.readUnsignedByte();
    if (length < 8 || length > MAX_STARTUP_MESSAGE) {
      throw new PgProtocolException("invalid startup packet length " + length);
    }
    return body(length - 4);
  }

  /** The next typed message; null at a clean end of stream. */
  Message read() throws IOException {
    int type = in.read();
    if (type < 0) {
      return null;
    }
    int length;
    try {
      length = in.readInt();
    } catch (EOFException e) {
      return null;
    }
    if (length < 4 || length > maxMessage) {
      throw new PgProtocolException("invalid message length " + length + " (at most " + maxMessage
          + " bytes)");
    }
    return new Message((char) type, body(length - 4));
  }

  /** {@code n} bytes; a large body is allocated as it arrives (readNBytes reads in chunks). */
  private byte[] body(int n) throws IOException {
    if (n <= 64 * 1024) {
      byte[] body = new byte[n];
      in.readFully(body);
      return body;
    }
    byte[] body = in.readNBytes(n);
    if (body.length < n) {
      throw new EOFException("connection closed inside a message");
    }
    return body;
  }

  /** One typed message. */
  record Message(char type, byte[] body) {
    Body reader() {
      return new Body(body);
    }
  }

  /** Reads fields of a message body. */
  static final class Body {
    private final byte[] data;
    private int pos;

    Body(byte[] data) {
      this.data = data;
    }

    int int32() {
      check(4);
      int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16)
          | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
      pos += 4;
      return v;
    }

    short int16() {
      check(2);
      short v = (short) (((data[pos] & 0xff) << 8) | (data[pos + 1] & 0xff));
      pos += 2;
      return v;
    }

    byte int8() {
      check(1);
      return data[pos++];
    }

    byte[] bytes(int n) {
      check(n);
      byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + n);
      pos += n;
      return out;
    }

    /** A NUL-terminated UTF-8 string. */
    String cstring() {
      int end = pos;
      while (end < data.length && data[end] != 0) {
        end++;
      }
      if (end >= data.length) {
        throw new PgProtocolException("unterminated string in message");
      }
      String s = new String(data, pos, end - pos, StandardCharsets.UTF_8);
      pos = end + 1;
      return s;
    }

    boolean hasMore() {
      return pos < data.length;
    }

    int remaining() {
      return data.length - pos;
    }

    private void check(int n) {
      if (n < 0 || pos + n > data.length) {
        throw new PgProtocolException("message too short");
      }
    }
  }
}

package io.floe.pgwire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads frontend messages: the untyped startup packets (length, then body) and typed messages
 * (one type byte, length, body). Message bodies are bounded, so a client cannot make the server
 * allocate without limit.
 */
final class PgMessageReader {
  /** Largest message accepted; PostgreSQL's own limit for most messages is 1 GB, ours is lower. */
  static final int MAX_MESSAGE = 64 << 20;

  private final DataInputStream in;

  PgMessageReader(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** A startup-phase packet body (after its length); null at a clean end of stream. */
  byte[] readStartup() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int length = (first << 24) | (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8)
        | in.readUnsignedByte();
    if (length < 8 || length > 10_000) {
      throw new PgProtocolException("invalid startup packet length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return body;
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
    if (length < 4 || length > MAX_MESSAGE) {
      throw new PgProtocolException("invalid message length " + length);
    }
    byte[] body = new byte[length - 4];
    in.readFully(body);
    return new Message((char) type, body);
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

package io.floe.pgwire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes backend messages into a buffer and sends it on {@link #flush()}, so a reply made of many
 * messages leaves in few TCP segments.
 */
final class PgMessageWriter {
  /** Sent when the buffer grows past this, so a long result streams while it is produced. */
  private static final int FLUSH_AT = 64 * 1024;

  private final OutputStream out;
  /** Messages not yet sent; the current message is the tail from {@link #start}. */
  private byte[] buf = new byte[FLUSH_AT + 8192];
  private int pos;
  private int start = -1;

  PgMessageWriter(OutputStream out) {
    this.out = out;
  }

  /** Starts a message of {@code type}; fields follow, {@link #end()} closes it. */
  PgMessageWriter begin(char type) {
    discardPartial();
    ensure(5);
    buf[pos++] = (byte) type;
    start = pos;
    pos += 4;
    return this;
  }

  PgMessageWriter int32(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  PgMessageWriter int16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
    return this;
  }

  PgMessageWriter int8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
    return this;
  }

  PgMessageWriter bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
    return this;
  }

  PgMessageWriter cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    return int8(0);
  }

  /** Starts a length-prefixed field of a data row; {@link #endField} fills in its length. */
  int beginField() {
    ensure(4);
    int at = pos;
    pos += 4;
    return at;
  }

  void endField(int at) {
    int length = pos - at - 4;
    buf[at] = (byte) (length >>> 24);
    buf[at + 1] = (byte) (length >>> 16);
    buf[at + 2] = (byte) (length >>> 8);
    buf[at + 3] = (byte) length;
  }

  /** {@code v} in decimal digits, as {@link Long#toString(long)} writes it. */
  PgMessageWriter decimal(long v) {
    if (v == Long.MIN_VALUE) {
      return utf8(Long.toString(v));
    }
    if (v < 0) {
      int8('-');
      v = -v;
    }
    int width = 1;
    for (long rest = v / 10; rest != 0; rest /= 10) {
      width++;
    }
    return digits(v, width);
  }

  /** The low {@code width} decimal digits of {@code v >= 0}, zero-padded on the left. */
  PgMessageWriter digits(long v, int width) {
    ensure(width);
    for (int i = pos + width - 1; i >= pos; i--) {
      buf[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    pos += width;
    return this;
  }

  /** {@code s} in UTF-8, without a terminator; ASCII is copied without an intermediate array. */
  PgMessageWriter utf8(String s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        return bytes(s.substring(i).getBytes(StandardCharsets.UTF_8));
      }
      buf[pos++] = (byte) c;
    }
    return this;
  }

  /** Closes the current message (its length is filled in) and sends the buffer once it is full. */
  void end() throws IOException {
    int length = pos - start;
    buf[start] = (byte) (length >>> 24);
    buf[start + 1] = (byte) (length >>> 16);
    buf[start + 2] = (byte) (length >>> 8);
    buf[start + 3] = (byte) length;
    start = -1;
    if (pos > FLUSH_AT) {
      flush();
    }
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  /** A single raw byte (the answer to SSLRequest / GSSENCRequest), sent at once. */
  void raw(int b) throws IOException {
    flush();
    out.write(b);
    out.flush();
  }

  /** Drops a message that failed while it was being written (an error follows instead). */
  private void discardPartial() {
    if (start >= 0) {
      pos = start - 1;
      start = -1;
    }
  }

  void flush() throws IOException {
    discardPartial();
    if (pos > 0) {
      out.write(buf, 0, pos);
      pos = 0;
    }
    out.flush();
  }

  // ---- common messages ----------------------------------------------------------------------

  void authentication(int code, byte[] data) throws IOException {
    begin('R').int32(code);
    if (data != null) {
      bytes(data);
    }
    end();
  }

  void parameterStatus(String name, String value) throws IOException {
    begin('S').cstring(name).cstring(value).end();
  }

  void readyForQuery(char status) throws IOException {
    begin('Z').int8(status).end();
  }

  void commandComplete(String tag) throws IOException {
    begin('C').cstring(tag).end();
  }

  void emptyQuery() throws IOException {
    begin('I').end();
  }

  void noData() throws IOException {
    begin('n').end();
  }

  void parseComplete() throws IOException {
    begin('1').end();
  }

  void bindComplete() throws IOException {
    begin('2').end();
  }

  void closeComplete() throws IOException {
    begin('3').end();
  }

  void portalSuspended() throws IOException {
    begin('s').end();
  }

  void parameterDescription(List<Integer> oids) throws IOException {
    begin('t').int16(oids.size());
    for (int oid : oids) {
      int32(oid);
    }
    end();
  }

  /** ErrorResponse ('E') or NoticeResponse ('N') with the given fields. */
  void notice(char type, PgError error) throws IOException {
    begin(type);
    int8('S').cstring(error.severity());
    int8('V').cstring(error.severity());
    int8('C').cstring(error.sqlState());
    int8('M').cstring(error.message());
    if (error.detail() != null) {
      int8('D').cstring(error.detail());
    }
    if (error.hint() != null) {
      int8('H').cstring(error.hint());
    }
    int8(0);
    end();
  }
}

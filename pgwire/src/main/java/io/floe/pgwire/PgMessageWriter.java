package io.floe.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes backend messages into a buffer and sends it on {@link #flush()}, so a reply made of many
 * messages leaves in few TCP segments.
 */
final class PgMessageWriter {
  private final OutputStream out;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
  private final ByteArrayOutputStream message = new ByteArrayOutputStream(256);
  private char type;

  PgMessageWriter(OutputStream out) {
    this.out = out;
  }

  /** Starts a message of {@code type}; fields follow, {@link #end()} closes it. */
  PgMessageWriter begin(char type) {
    this.type = type;
    message.reset();
    return this;
  }

  PgMessageWriter int32(int v) {
    message.write(v >>> 24);
    message.write(v >>> 16);
    message.write(v >>> 8);
    message.write(v);
    return this;
  }

  PgMessageWriter int16(int v) {
    message.write(v >>> 8);
    message.write(v);
    return this;
  }

  PgMessageWriter int8(int v) {
    message.write(v);
    return this;
  }

  PgMessageWriter bytes(byte[] b) {
    message.write(b, 0, b.length);
    return this;
  }

  PgMessageWriter cstring(String s) {
    bytes(s.getBytes(StandardCharsets.UTF_8));
    message.write(0);
    return this;
  }

  /** Appends the finished message to the send buffer. */
  void end() throws IOException {
    buffer.write(type);
    int length = message.size() + 4;
    buffer.write(length >>> 24);
    buffer.write(length >>> 16);
    buffer.write(length >>> 8);
    buffer.write(length);
    message.writeTo(buffer);
    if (buffer.size() > 64 * 1024) {
      flush();
    }
  }

  /** A single raw byte (the answer to SSLRequest / GSSENCRequest), sent at once. */
  void raw(int b) throws IOException {
    flush();
    out.write(b);
    out.flush();
  }

  void flush() throws IOException {
    if (buffer.size() > 0) {
      buffer.writeTo(out);
      buffer.reset();
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

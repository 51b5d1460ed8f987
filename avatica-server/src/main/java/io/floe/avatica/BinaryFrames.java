package io.floe.avatica;

import io.floe.engine.api.catalog.TypeName;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * Floe's binary frame: what the Floe driver fetches instead of Avatica's JSON frames once a result
 * is larger than its first frame. Row-major, per row a null bitmap then the non-null values:
 *
 * <pre>
 *   "FLF1"  int rowCount  byte done
 *   row:    ceil(columns / 8) bytes of null bits (1 = NULL), then each non-null value
 *   BOOLEAN byte | SMALLINT short | INTEGER, DATE (epoch days) int | BIGINT long
 *   REAL float | DOUBLE double | TIME (micros of day), TIMESTAMP(TZ) (epoch micros, UTC) long
 *   DECIMAL byte scale, then byte 0 + long unscaled | byte 1 + int length + two's-complement bytes
 *   VARCHAR, UUID, JSON int length + UTF-8 | BLOB int length + bytes
 * </pre>
 * Big-endian throughout. Column types are those of the statement's signature, which the driver
 * already has. A frame is encoded whole into one array, written to the socket in one call. In a
 * stream ({@code "stream": true}) each frame is preceded by its length, and a failure is sent as
 * an error frame ({@code "FLE1"} and a JSON error) that ends the stream.
 */
final class BinaryFrames {
  static final byte[] MAGIC = {'F', 'L', 'F', '1'};
  static final String CONTENT_TYPE = "application/x-floe-frame";

  private byte[] buf;
  private int pos;

  private BinaryFrames(int capacity) {
    buf = new byte[capacity];
  }

  static final byte[] ERROR_MAGIC = {'F', 'L', 'E', '1'};

  /**
   * Encodes one frame of rows (values as the engine's row cursors give them). The buffer starts
   * with the frame's length (an int, not counted), which a stream of frames needs and a single
   * frame skips ({@link #withoutLength}).
   */
  static ByteBuffer encode(TypeName[] types, List<Object[]> rows, boolean done) {
    BinaryFrames out = new BinaryFrames(64 + rows.size() * (types.length * 12 + 1));
    out.int32(0);
    out.bytes(MAGIC);
    out.int32(rows.size());
    out.int8(done ? 1 : 0);
    int bitmapBytes = (types.length + 7) / 8;
    for (Object[] row : rows) {
      out.ensure(bitmapBytes);
      int bitmap = out.pos;
      Arrays.fill(out.buf, bitmap, bitmap + bitmapBytes, (byte) 0);
      out.pos += bitmapBytes;
      for (int i = 0; i < types.length; i++) {
        Object v = row[i];
        if (v == null) {
          out.buf[bitmap + (i >> 3)] |= (byte) (1 << (i & 7));
        } else {
          out.value(types[i], v);
        }
      }
    }
    out.setLength();
    return ByteBuffer.wrap(out.buf, 0, out.pos);
  }

  /** An error in a stream of frames: length, {@code "FLE1"}, then the error as JSON. */
  static ByteBuffer error(byte[] json) {
    BinaryFrames out = new BinaryFrames(8 + json.length);
    out.int32(0);
    out.bytes(ERROR_MAGIC);
    out.bytes(json);
    out.setLength();
    return ByteBuffer.wrap(out.buf, 0, out.pos);
  }

  /** The frame without its length prefix (the answer to a single fetch). */
  static ByteBuffer withoutLength(ByteBuffer frame) {
    ByteBuffer b = frame.duplicate();
    b.position(b.position() + 4);
    return b;
  }

  private void setLength() {
    int length = pos - 4;
    buf[0] = (byte) (length >>> 24);
    buf[1] = (byte) (length >>> 16);
    buf[2] = (byte) (length >>> 8);
    buf[3] = (byte) length;
  }

  private void value(TypeName type, Object v) {
    switch (type) {
      case BOOLEAN -> int8((Boolean) v ? 1 : 0);
      case SMALLINT -> int16(((Number) v).shortValue());
      case INTEGER -> int32(((Number) v).intValue());
      case BIGINT -> int64(((Number) v).longValue());
      case REAL -> int32(Float.floatToRawIntBits(((Number) v).floatValue()));
      case DOUBLE -> int64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
      case DECIMAL -> decimal((BigDecimal) v);
      case DATE -> int32((int) ((LocalDate) v).toEpochDay());
      case TIME -> int64(((LocalTime) v).toNanoOfDay() / 1_000L);
      case TIMESTAMP -> int64(micros((LocalDateTime) v));
      case TIMESTAMPTZ -> int64(micros(((OffsetDateTime) v)
          .withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
      case BLOB -> lengthAndBytes((byte[]) v);
      default -> lengthAndBytes(v.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private void decimal(BigDecimal d) {
    int8(d.scale());
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.bitLength() < 64) {
      int8(0);
      int64(unscaled.longValue());
    } else {
      int8(1);
      lengthAndBytes(unscaled.toByteArray());
    }
  }

  private static long micros(LocalDateTime t) {
    return AvaticaTypes.epoch(t, true);
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length + (buf.length >> 1), pos + n));
    }
  }

  private void int8(int v) {
    ensure(1);
    buf[pos++] = (byte) v;
  }

  private void int16(int v) {
    ensure(2);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void int32(int v) {
    ensure(4);
    buf[pos++] = (byte) (v >>> 24);
    buf[pos++] = (byte) (v >>> 16);
    buf[pos++] = (byte) (v >>> 8);
    buf[pos++] = (byte) v;
  }

  private void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  private void bytes(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, pos, b.length);
    pos += b.length;
  }

  private void lengthAndBytes(byte[] b) {
    int32(b.length);
    bytes(b);
  }
}

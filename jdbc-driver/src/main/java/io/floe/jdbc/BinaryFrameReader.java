package io.floe.jdbc;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Decodes the server's binary frames ({@code application/x-floe-frame}) into rows of the values
 * Avatica's accessors read: the same values the JSON frames carry, without the JSON.
 *
 * <p>Layout (big-endian): {@code "FLF1"}, int row count, byte done; then per row a null bitmap of
 * {@code ceil(columns / 8)} bytes (bit set = NULL) and each non-null value by its column's JDBC
 * type: BOOLEAN byte, SMALLINT short, INTEGER int, DATE int (epoch days), BIGINT long, REAL float,
 * DOUBLE double, TIME long (microseconds of the day), TIMESTAMP long (epoch microseconds), DECIMAL
 * byte scale then byte 0 + long unscaled or byte 1 + int length + two's-complement bytes, VARBINARY
 * int length + bytes, anything else int length + UTF-8. Values come out as the JSON frames'
 * (BLOBs as base64 text), because Avatica's accessors are chosen by the column, not the frame.
 */
final class BinaryFrameReader {
  private static final byte[] MAGIC = {'F', 'L', 'F', '1'};

  /** A decoded frame: rows as lists, and whether it was the result's last. */
  record Decoded(List<Object> rows, boolean done) {}

  private final int[] types;

  BinaryFrameReader(List<ColumnMetaData> columns) {
    types = new int[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type.id;
    }
  }

  Decoded decode(byte[] frame) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(frame);
    try {
      byte[] magic = new byte[4];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new IOException("not a Floe frame");
      }
      int count = in.getInt();
      boolean done = in.get() != 0;
      int bitmapBytes = (types.length + 7) / 8;
      List<Object> rows = new ArrayList<>(count);
      for (int r = 0; r < count; r++) {
        int bitmap = in.position();
        in.position(bitmap + bitmapBytes);
        Object[] row = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
          if ((frame[bitmap + (i >> 3)] & (1 << (i & 7))) == 0) {
            row[i] = value(in, types[i]);
          }
        }
        rows.add(Arrays.asList(row));
      }
      return new Decoded(rows, done);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException("truncated Floe frame", e);
    }
  }

  private static Object value(ByteBuffer in, int type) {
    switch (type) {
      case Types.BOOLEAN:
        return in.get() != 0;
      case Types.SMALLINT:
        return in.getShort();
      case Types.INTEGER:
      case Types.DATE:
        return in.getInt();
      case Types.BIGINT:
      case Types.TIME:
      case Types.TIMESTAMP:
        return in.getLong();
      case Types.REAL:
        return in.getFloat();
      case Types.DOUBLE:
        return in.getDouble();
      case Types.DECIMAL:
        return decimal(in);
      case Types.VARBINARY:
        // Avatica's accessor for BYTE_STRING columns reads base64 text, as the JSON frames carry.
        return new ByteString(bytes(in)).toBase64String();
      default: {
        int length = in.getInt();
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
      }
    }
  }

  private static BigDecimal decimal(ByteBuffer in) {
    int scale = in.get();
    if (in.get() == 0) {
      return BigDecimal.valueOf(in.getLong(), scale);
    }
    return new BigDecimal(new BigInteger(bytes(in)), scale);
  }

  private static byte[] bytes(ByteBuffer in) {
    byte[] b = new byte[in.getInt()];
    in.get(b);
    return b;
  }
}

package io.floe.snowflake;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A large result's rows after the first ones, in chunks the driver downloads itself, as it does
 * from Snowflake's storage: each chunk a gzipped file of JSON rows without the outer brackets
 * ({@code ["1","a"],["2","b"]}), in a directory of the query's own under Floe's data directory,
 * served at an address with a key only the query's answer carries, and deleted with the query.
 */
final class ResultChunks {
  /** A chunk closes at this many rows, or at {@link #CHUNK_BYTES} of JSON, whichever comes first. */
  static final int CHUNK_ROWS = 100_000;
  static final long CHUNK_BYTES = 16L << 20;

  /** One written chunk. */
  record Chunk(Path file, long rows, long uncompressedSize, long compressedSize) {}

  private final Path dir;
  private final List<Chunk> chunks = new ArrayList<>();
  private OutputStream out;
  private JsonGenerator json;
  private Path current;
  private long rows;
  private CountingStream counter;

  ResultChunks(Path dir) {
    this.dir = dir;
  }

  /** Adds a row (strings or nulls) to the open chunk, opening one first if none is. */
  void add(ArrayNode row) {
    try {
      if (json == null) {
        Files.createDirectories(dir);
        current = dir.resolve("chunk-" + chunks.size() + ".json.gz");
        out = new GZIPOutputStream(Files.newOutputStream(current), 1 << 16);
        counter = new CountingStream(out);
        json = SnowflakeDriverApi.json().getFactory().createGenerator(counter);
        rows = 0;
      } else {
        counter.write(',');
      }
      json.writeTree(row);
      json.flush();
      rows++;
      if (rows >= CHUNK_ROWS || counter.count >= CHUNK_BYTES) {
        close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the open chunk. */
  void close() {
    if (json == null) {
      return;
    }
    try {
      json.close();
      out.close();
      chunks.add(new Chunk(current, rows, counter.count, Files.size(current)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      json = null;
      out = null;
    }
  }

  List<Chunk> chunks() {
    return chunks;
  }

  /** The answer's {@code chunks} entries, each with its address under {@code base}. */
  void describe(ObjectNode data, String base) {
    ArrayNode list = data.putArray("chunks");
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      ObjectNode n = list.addObject();
      n.put("url", base + i);
      n.put("rowCount", c.rows());
      n.put("uncompressedSize", c.uncompressedSize());
      n.put("compressedSize", c.compressedSize());
    }
    data.putObject("chunkHeaders");
  }

  /** Deletes every chunk file and the directory. */
  void delete() {
    close();
    for (Chunk c : chunks) {
      try {
        Files.deleteIfExists(c.file());
      } catch (IOException e) {
        // A file left behind is removed with the directory at the next start.
      }
    }
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // As above.
    }
  }

  /** Counts the bytes written through it (the uncompressed size). */
  private static final class CountingStream extends OutputStream {
    private final OutputStream out;
    long count;

    CountingStream(OutputStream out) {
      this.out = out;
    }

    @Override public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override public void flush() {
      // The gzip stream flushes when it closes; flushing it per row would cost its compression.
    }

    @Override public void close() {
      // Closed by the owner, after the generator.
    }
  }
}

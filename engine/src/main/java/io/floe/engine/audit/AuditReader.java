package io.floe.engine.audit;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the audit log back, newest line first, across the current file and the rotated ones.
 *
 * <p>Each line has an id, {@code <file key>-<byte offset>}: the file key is taken from the hash of
 * the file's first line, which rotation (a rename) does not change, so an id stays valid when the
 * current file becomes a rotated one, until that file is deleted. Files are read backwards in
 * blocks, one line at a time; memory is bounded by the longest line and what the caller keeps. A
 * last line without its newline (a write cut short) is ignored, as are lines that are not JSON.
 *
 * <p>Lines still queued in the writer are waited for (at most {@link #FLUSH_WAIT}) before reading.
 */
public final class AuditReader {
  /** How long a read waits for queued lines to reach the disk. */
  static final Duration FLUSH_WAIT = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ID = Pattern.compile("([0-9a-f]{12})-([0-9]{1,18})");
  private static final int BLOCK = 64 * 1024;

  private final AuditLog log;

  public AuditReader(AuditLog log) {
    this.log = requireNonNull(log, "log");
  }

  /** One line of the log and its id. */
  public record Line(String id, JsonNode json) {
    public Line {
      requireNonNull(id, "id");
      requireNonNull(json, "json");
    }
  }

  /** Whether {@code id} is shaped like a line's id. */
  public static boolean isId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /**
   * Maps lines newest first and keeps what {@code map} answers (null: skipped) until {@code max}
   * are kept.
   *
   * @param before an id: only lines older than that line; null to start at the newest. An id of a
   *     file that is gone (rotated out) has nothing older left: the answer is empty.
   * @throws FloeException {@code invalid_argument} for a malformed {@code before}
   */
  public <T> List<T> read(String before, Function<Line, T> map, int max) {
    Position start = before == null ? null : parse(before, "before");
    log.flush(FLUSH_WAIT);
    List<T> kept = new ArrayList<>();
    List<AuditLog.OpenFile> files = open();
    try {
      boolean started = start == null;
      for (AuditLog.OpenFile f : files) {
        if (kept.size() >= max) {
          break;
        }
        String key = key(f);
        if (key == null) {
          continue;
        }
        long end = f.size();
        if (!started) {
          if (!key.equals(start.key())) {
            continue;
          }
          started = true;
          end = Math.min(start.offset(), f.size());
        }
        readBackwards(f, key, end, map, kept, max);
      }
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the audit log: " + e.getMessage(), e);
    } finally {
      close(files);
    }
    return kept;
  }

  /** The line with this id; empty when there is none (malformed id, file rotated out). */
  public Optional<Line> get(String id) {
    if (!isId(id)) {
      return Optional.empty();
    }
    Position at = parse(id, "id");
    log.flush(FLUSH_WAIT);
    List<AuditLog.OpenFile> files = open();
    try {
      for (AuditLog.OpenFile f : files) {
        if (!at.key().equals(key(f))) {
          continue;
        }
        if (at.offset() >= f.size() || (at.offset() > 0 && byteAt(f.channel(), at.offset() - 1) != '\n')) {
          return Optional.empty();
        }
        long nl = nextNewline(f, at.offset());
        if (nl < 0) {
          return Optional.empty();
        }
        return parseLine(id, readBytes(f.channel(), at.offset(), nl));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot read the audit log: " + e.getMessage(), e);
    } finally {
      close(files);
    }
  }

  private record Position(String key, long offset) {}

  private static Position parse(String id, String what) {
    Matcher m = ID.matcher(id);
    if (!m.matches()) {
      throw FloeException.invalid(what + " must be an audit entry id such as 0123456789ab-1042");
    }
    return new Position(m.group(1), Long.parseLong(m.group(2)));
  }

  private List<AuditLog.OpenFile> open() {
    try {
      return log.openFiles();
    } catch (IOException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot open the audit log: " + e.getMessage(), e);
    }
  }

  private static void close(List<AuditLog.OpenFile> files) {
    for (AuditLog.OpenFile f : files) {
      try {
        f.channel().close();
      } catch (IOException ignored) {
        // read-only channel: nothing to lose
      }
    }
  }

  /** The file's key: its first line's hash; null while it holds no whole line. */
  static String key(AuditLog.OpenFile f) throws IOException {
    MessageDigest digest = sha256();
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    long pos = 0;
    while (pos < f.size()) {
      buf.clear();
      buf.limit((int) Math.min(BLOCK, f.size() - pos));
      int n = f.channel().read(buf, pos);
      if (n <= 0) {
        return null;
      }
      byte[] bytes = buf.array();
      for (int i = 0; i < n; i++) {
        if (bytes[i] == '\n') {
          digest.update(bytes, 0, i);
          return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        }
      }
      digest.update(bytes, 0, n);
      pos += n;
    }
    return null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Lines that end before {@code end}, newest first; a partial line at {@code end} is skipped. */
  private static <T> void readBackwards(AuditLog.OpenFile f, String key, long end,
      Function<Line, T> map, List<T> kept, int max) throws IOException {
    Backwards scan = new Backwards(f.channel());
    long nl = scan.lastNewlineBefore(end);
    while (nl >= 0 && kept.size() < max) {
      long previous = scan.lastNewlineBefore(nl);
      long start = previous + 1;
      if (nl > start) {
        String id = key + "-" + start;
        Optional<Line> line = parseLine(id, readBytes(f.channel(), start, nl));
        if (line.isPresent()) {
          T value = map.apply(line.get());
          if (value != null) {
            kept.add(value);
          }
        }
      }
      nl = previous;
    }
  }

  private static Optional<Line> parseLine(String id, byte[] bytes) {
    try {
      JsonNode json = JSON.readTree(bytes);
      return json != null && json.isObject() ? Optional.of(new Line(id, json)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static long nextNewline(AuditLog.OpenFile f, long from) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    long pos = from;
    while (pos < f.size()) {
      buf.clear();
      buf.limit((int) Math.min(BLOCK, f.size() - pos));
      int n = f.channel().read(buf, pos);
      if (n <= 0) {
        return -1;
      }
      for (int i = 0; i < n; i++) {
        if (buf.array()[i] == '\n') {
          return pos + i;
        }
      }
      pos += n;
    }
    return -1;
  }

  private static byte byteAt(FileChannel channel, long pos) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one, pos) == 1 ? one.get(0) : 0;
  }

  private static byte[] readBytes(FileChannel channel, long from, long to) throws IOException {
    long length = to - from;
    if (length > Integer.MAX_VALUE - 16) {
      throw new IOException("audit line of " + length + " bytes");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) length);
    long pos = from;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n <= 0) {
        throw new IOException("audit file ended early");
      }
      pos += n;
    }
    return buf.array();
  }

  /** Finds newlines from the end of a file towards its start, a block at a time. */
  private static final class Backwards {
    private final FileChannel channel;
    private final byte[] block = new byte[BLOCK];
    private long blockStart = -1;
    private int blockLength;

    Backwards(FileChannel channel) {
      this.channel = channel;
    }

    /** The offset of the last {@code '\n'} before {@code end}, or -1. */
    long lastNewlineBefore(long end) throws IOException {
      long pos = end - 1;
      while (pos >= 0) {
        if (blockStart < 0 || pos < blockStart || pos >= blockStart + blockLength) {
          load(pos);
        }
        for (int i = (int) (pos - blockStart); i >= 0; i--) {
          if (block[i] == '\n') {
            return blockStart + i;
          }
        }
        pos = blockStart - 1;
      }
      return -1;
    }

    /** Loads the block that ends at {@code pos} (inclusive). */
    private void load(long pos) throws IOException {
      long start = Math.max(0, pos + 1 - BLOCK);
      ByteBuffer buf = ByteBuffer.wrap(block, 0, (int) (pos + 1 - start));
      long at = start;
      while (buf.hasRemaining()) {
        int n = channel.read(buf, at);
        if (n <= 0) {
          throw new IOException("audit file ended early");
        }
        at += n;
      }
      blockStart = start;
      blockLength = (int) (pos + 1 - start);
    }
  }
}

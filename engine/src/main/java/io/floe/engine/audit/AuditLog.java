package io.floe.engine.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: one JSON line per statement in {@code <data-dir>/audit/audit.jsonl}. A background
 * thread writes lines so statements never wait on the disk. The file rotates when it exceeds
 * {@code maxFileBytes} (to {@code audit-<timestamp>.jsonl}); the newest {@code keepFiles} rotated
 * files are kept.
 *
 * <p>Refused authentications are audited too ({@link RefusedLogin}), on every front-end.
 *
 * <p>A line names the principal's project ({@code project}) when it has one, so that a project's
 * master token can read its own project's lines back ({@link AuditReader}).
 *
 * <p>Secrets never reach the log: principals are logged by name, and anything in SQL text that looks
 * like a Floe token is replaced by {@code <redacted>}.
 */
public final class AuditLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SECRET =
      Pattern.compile("(floe_admin_|proj_[A-Za-z0-9_]+?_)[A-Za-z0-9]{40,}");
  private static final DateTimeFormatter ROTATED =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final int MAX_SQL_CHARS = 1 << 20;

  private final Path dir;
  private final Path current;
  private final long maxFileBytes;
  private final int keepFiles;
  private final BlockingQueue<String> queue = new LinkedBlockingQueue<>(100_000);
  private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
  private final Thread writer;
  private volatile boolean running = true;

  public AuditLog(Path dir, long maxFileBytes, int keepFiles) {
    this.dir = dir;
    this.current = dir.resolve("audit.jsonl");
    this.maxFileBytes = maxFileBytes;
    this.keepFiles = keepFiles;
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.writer = new Thread(this::drain, "floe-audit");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  public Path file() {
    return current;
  }

  public void record(AuditEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", e.time().toString());
    n.put("principal", e.principal());
    if (e.project() != null) {
      n.put("project", e.project());
    }
    n.put("front_end", e.frontEnd());
    n.put("session", e.session());
    n.put("sql", redact(e.sql()));
    n.putPOJO("tables", e.tables());
    n.put("rows", e.rows());
    n.put("duration_ms", e.durationMillis());
    n.put("outcome", e.outcome());
    if (!e.sourceQueries().isEmpty()) {
      n.putPOJO("source_queries", e.sourceQueries());
      n.put("source_rows", e.sourceRows());
    }
    if (e.errorCode() != null) {
      n.put("error_code", e.errorCode());
      n.put("sqlstate", e.sqlState());
    }
    enqueue(n);
  }

  /**
   * Records a refused authentication as a line shaped like a failed statement's (operation
   * {@code AUTHENTICATE}, outcome {@code error}, code {@code unauthenticated}) with three more
   * fields: {@code remote}, {@code reason} and {@code credential}.
   */
  public void record(RefusedLogin e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("time", e.time().toString());
    n.put("principal", e.principal());
    if (e.project() != null) {
      n.put("project", e.project());
    }
    n.put("front_end", e.frontEnd());
    n.put("session", "-");
    n.put("sql", "AUTHENTICATE");
    n.putArray("tables");
    n.put("rows", 0);
    n.put("duration_ms", 0);
    n.put("outcome", "error");
    n.put("error_code", "unauthenticated");
    n.put("sqlstate", e.sqlState());
    n.put("remote", e.remote());
    n.put("reason", e.reason());
    if (e.credential() != null) {
      n.put("credential", redact(e.credential()));
    }
    enqueue(n);
  }

  private void enqueue(ObjectNode n) {
    String line;
    try {
      line = JSON.writeValueAsString(n);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    pending.incrementAndGet();
    if (!queue.offer(line)) {
      LOG.error("Audit queue full; writing synchronously");
      write(List.of(line));
    }
  }

  /** Replaces anything shaped like a Floe token. */
  public static String redact(String sql) {
    String text = sql.length() > MAX_SQL_CHARS ? sql.substring(0, MAX_SQL_CHARS) + "...<truncated>" : sql;
    return SECRET.matcher(text).replaceAll("<redacted>");
  }

  private void drain() {
    List<String> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        String first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 10_000);
        write(batch);
        batch.clear();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } catch (RuntimeException e) {
        LOG.error("Audit write failed", e);
        batch.clear();
      }
    }
  }

  private synchronized void write(List<String> lines) {
    try {
      writeLines(lines);
    } finally {
      pending.addAndGet(-lines.size());
    }
  }

  /** Open while lines keep coming; closed on rotation and at shutdown. */
  private BufferedWriter out;

  private void writeLines(List<String> lines) {
    try {
      rotateIfNeeded();
      if (out == null) {
        out = Files.newBufferedWriter(current, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
      for (String line : lines) {
        out.write(line);
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      LOG.error("Cannot write audit log {}: {}", current, e.getMessage());
      closeWriter();
    }
  }

  private void closeWriter() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the next write reopens the file
      }
      out = null;
    }
  }

  private void rotateIfNeeded() throws IOException {
    if (!Files.exists(current) || Files.size(current) < maxFileBytes) {
      return;
    }
    closeWriter();
    // Two rotations within one millisecond would name the same file (and the move would fail, the
    // lines with it): the later one takes the next free millisecond, so names still sort by age.
    java.time.Instant at = java.time.Instant.now();
    Path rotated = dir.resolve("audit-" + ROTATED.format(at) + ".jsonl");
    while (Files.exists(rotated)) {
      at = at.plusMillis(1);
      rotated = dir.resolve("audit-" + ROTATED.format(at) + ".jsonl");
    }
    Files.move(current, rotated);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> old = files
          .filter(p -> p.getFileName().toString().matches("audit-.*\\.jsonl"))
          .sorted()
          .toList();
      for (int i = 0; i < old.size() - keepFiles; i++) {
        Files.deleteIfExists(old.get(i));
      }
    }
  }

  /** Waits until everything recorded so far is on disk (tests, shutdown), at most 10 seconds. */
  public void flush() {
    flush(Duration.ofSeconds(10));
  }

  /**
   * Waits until everything recorded so far is on disk, at most {@code max}.
   *
   * @return whether nothing is pending any more
   */
  public boolean flush(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (pending.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return pending.get() <= 0;
  }

  /** One audit file opened for reading, with its size when it was opened. */
  record OpenFile(String name, FileChannel channel, long size) {}

  /**
   * Opens the audit files for reading, newest first: the current file, then the rotated ones.
   * Holds the writer's lock meanwhile, so no rotation moves a file between listing and opening and
   * each size ends after a whole batch of lines. The caller closes the channels.
   */
  synchronized List<OpenFile> openFiles() throws IOException {
    List<Path> paths = new ArrayList<>();
    if (Files.exists(current)) {
      paths.add(current);
    }
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(p -> p.getFileName().toString().matches("audit-.*\\.jsonl"))
          .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
          .forEach(paths::add);
    }
    List<OpenFile> open = new ArrayList<>();
    try {
      for (Path p : paths) {
        FileChannel channel;
        try {
          channel = FileChannel.open(p, StandardOpenOption.READ);
        } catch (java.nio.file.NoSuchFileException gone) {
          continue; // removed by hand meanwhile
        }
        open.add(new OpenFile(p.getFileName().toString(), channel, channel.size()));
      }
    } catch (IOException | RuntimeException e) {
      for (OpenFile f : open) {
        f.channel().close();
      }
      throw e;
    }
    return open;
  }

  @Override public void close() {
    flush();
    running = false;
    writer.interrupt();
    try {
      writer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      closeWriter();
    }
  }
}

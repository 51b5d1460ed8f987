package io.floe.jdbc;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * The rows of a result: its first frame (which came with the execute response), then the rest as
 * one stream of binary frames that a background reader decodes into a small queue while the
 * application reads. The server writes as fast as the reader takes frames, so reading DuckDB,
 * the network and decoding all overlap the application's work, as with PostgreSQL's protocol.
 *
 * <p>{@link #close()} ends the stream and waits for the reader, so nothing of this result is read
 * after the statement runs again.
 */
final class FrameRows implements Iterable<Object>, Iterator<Object>, AutoCloseable {
  private static final byte[] ERROR_MAGIC = {'F', 'L', 'E', '1'};
  /** Frames decoded ahead of the application. */
  private static final int QUEUE_FRAMES = 3;
  private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "floe-jdbc-frames");
    t.setDaemon(true);
    return t;
  });
  /** Marks the point where the server had no binary fetch. */
  private static final Object FALLBACK = new Object();

  private final BinaryFrameReader reader;
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_FRAMES);
  private final Fallback fallbackFactory;
  private final CompletableFuture<InputStream> stream;
  private final Future<?> readerTask;
  private volatile boolean closed;
  private Iterator<Object> current;
  private long offset;
  private boolean done;
  /** Avatica's own fetch, once the server said it has no binary fetch. */
  private Iterator<Object> fallback;

  /** Avatica's fetch iterator from a given frame, for servers without binary fetch. */
  interface Fallback {
    Iterator<Object> from(Meta.Frame frame);
  }

  /** {@code end}: the row (JDBC's max rows) at which the application stops reading; 0 for none. */
  FrameRows(FloeConnection connection, int statementId, List<ColumnMetaData> columns,
      Meta.Frame firstFrame, int frameRows, long end, Fallback fallback) {
    this.reader = new BinaryFrameReader(columns);
    this.fallbackFactory = fallback;
    this.current = firstFrame.rows.iterator();
    int first = 0;
    for (Object ignored : firstFrame.rows) {
      first++;
    }
    this.offset = firstFrame.offset + first;
    this.done = firstFrame.done;
    if (done) {
      stream = null;
      readerTask = null;
    } else {
      stream = connection.openFrameStream(statementId, offset, frameRows, end);
      readerTask = READERS.submit(this::read);
    }
  }

  /** The background reader: frames from the stream into the queue, then an end or a failure. */
  private void read() {
    InputStream in = null;
    try {
      in = stream.join();
      if (in == null) {
        put(FALLBACK);
        return;
      }
      DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
      while (!closed) {
        int length = data.readInt();
        byte[] frame = new byte[length];
        data.readFully(frame);
        if (length >= 4 && Arrays.equals(frame, 0, 4, ERROR_MAGIC, 0, 4)) {
          byte[] json = Arrays.copyOfRange(frame, 4, length);
          put(new FloeConnection.FetchFailure(FloeConnection.serverError(500, json)));
          return;
        }
        BinaryFrameReader.Decoded decoded = reader.decode(frame);
        put(decoded);
        if (decoded.done()) {
          return;
        }
      }
    } catch (java.util.concurrent.CompletionException e) {
      put(e.getCause() instanceof FloeConnection.FetchFailure f ? f
          : new FloeConnection.FetchFailure(new SQLException("fetch failed: " + e.getMessage(), "08006", e)));
    } catch (EOFException e) {
      put(new FloeConnection.FetchFailure(
          new SQLException("the server ended the result early", "08006", e)));
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        put(new FloeConnection.FetchFailure(
            new SQLException("fetch failed: " + e.getMessage(), "08006", e)));
      }
    } finally {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // The stream is being abandoned.
        }
      }
    }
  }

  /** Queues an item unless the result was closed meanwhile. */
  private void put(Object item) {
    try {
      while (!closed) {
        if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override public Iterator<Object> iterator() {
    return this;
  }

  @Override public boolean hasNext() {
    if (fallback != null) {
      return fallback.hasNext();
    }
    while (!current.hasNext()) {
      if (done) {
        return false;
      }
      Object item;
      try {
        item = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FloeConnection.FetchFailure(
            new SQLException("interrupted while fetching", "57014", e));
      }
      if (item instanceof FloeConnection.FetchFailure f) {
        done = true;
        throw f;
      }
      if (item == FALLBACK) {
        // The server has no binary fetch: continue with Avatica's fetch from here.
        fallback = fallbackFactory.from(Meta.Frame.create(offset, false, List.of()));
        return fallback.hasNext();
      }
      BinaryFrameReader.Decoded frame = (BinaryFrameReader.Decoded) item;
      current = frame.rows().iterator();
      offset += frame.rows().size();
      done = frame.done();
    }
    return true;
  }

  @Override public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return fallback != null ? fallback.next() : current.next();
  }

  /** Ends the stream and waits for the reader, so that it cannot outlive this result. */
  @Override public void close() {
    if (closed) {
      return;
    }
    closed = true;
    done = true;
    if (stream == null) {
      return;
    }
    stream.thenAccept(in -> {
      if (in != null) {
        try {
          in.close();
        } catch (IOException ignored) {
          // Closing aborts the exchange; nothing to report.
        }
      }
    });
    queue.clear();
    try {
      readerTask.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // The result is being discarded.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

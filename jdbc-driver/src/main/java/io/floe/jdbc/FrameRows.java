package io.floe.jdbc;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;

/**
 * The rows of a result: its first frame (which came with the execute response), then the following
 * frames fetched in Floe's binary format. While the application reads one frame the next is already
 * on its way, so the network and the server's reading overlap the application's work.
 *
 * <p>At most one fetch is outstanding, and {@link #close()} waits for it: the server reads a result
 * forward only, and a late fetch must not land on the statement's next execution.
 */
final class FrameRows implements Iterable<Object>, Iterator<Object>, AutoCloseable {
  private final FloeConnection connection;
  private final int statementId;
  private final int frameRows;
  private final BinaryFrameReader reader;
  private Iterator<Object> current;
  private long offset;
  private boolean done;
  private CompletableFuture<BinaryFrameReader.Decoded> pending;
  /** Avatica's own fetch, once the server said it has no binary fetch. */
  private Iterator<Object> fallback;
  private final Fallback fallbackFactory;

  /** Avatica's fetch iterator from a given frame, for servers without binary fetch. */
  interface Fallback {
    Iterator<Object> from(Meta.Frame frame);
  }

  FrameRows(FloeConnection connection, int statementId, List<ColumnMetaData> columns,
      Meta.Frame firstFrame, int frameRows, Fallback fallback) {
    this.connection = connection;
    this.statementId = statementId;
    this.frameRows = frameRows;
    this.reader = new BinaryFrameReader(columns);
    this.fallbackFactory = fallback;
    this.current = firstFrame.rows.iterator();
    int first = 0;
    for (Object ignored : firstFrame.rows) {
      first++;
    }
    this.offset = firstFrame.offset + first;
    this.done = firstFrame.done;
    if (!done) {
      pending = request(offset);
    }
  }

  private CompletableFuture<BinaryFrameReader.Decoded> request(long from) {
    return connection.fetchFrame(statementId, from, frameRows).thenApply(bytes -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.decode(bytes);
      } catch (IOException e) {
        throw new FloeConnection.FetchFailure(new SQLException(e.getMessage(), "08006", e));
      }
    });
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
      BinaryFrameReader.Decoded frame = await(pending);
      pending = null;
      if (frame == null) {
        // The server has no binary fetch: continue with Avatica's fetch from here.
        fallback = fallbackFactory.from(Meta.Frame.create(offset, false, List.of()));
        return fallback.hasNext();
      }
      current = frame.rows().iterator();
      offset += frame.rows().size();
      done = frame.done();
      if (!done) {
        pending = request(offset);
      }
    }
    return true;
  }

  @Override public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return fallback != null ? fallback.next() : current.next();
  }

  /** Waits for the outstanding fetch, if any, so that it cannot outlive this result. */
  @Override public void close() {
    CompletableFuture<BinaryFrameReader.Decoded> p = pending;
    pending = null;
    done = true;
    if (p != null) {
      try {
        p.get();
      } catch (ExecutionException | CancellationException e) {
        // The result is being discarded.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
      if (cause instanceof FloeConnection.FetchFailure f) {
        throw f;
      }
      throw new FloeConnection.FetchFailure(
          new SQLException("fetch failed: " + cause.getMessage(), "08006", cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FloeConnection.FetchFailure(
          new SQLException("interrupted while fetching", "57014", e));
    }
  }
}

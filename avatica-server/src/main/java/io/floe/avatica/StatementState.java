package io.floe.avatica;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.catalog.TypeName;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.RowCursor;
import io.floe.engine.api.sql.RunningStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.calcite.avatica.Meta;

/**
 * One Avatica statement and its open result: the engine's row cursor, how far it was read, and
 * the frames it is read in (Avatica's for any client, Floe's binary ones for Floe's driver, one
 * of which may be read ahead in the background). {@link FloeMeta} speaks the protocol; this class
 * holds and reads the result. Reads are forward only.
 */
final class StatementState {
  final int id;
  volatile String sql;
  volatile List<ResultColumn> preparedColumns;
  volatile RowCursor cursor;
  volatile List<ResultColumn> cursorColumns;
  volatile long rowsSent;
  /** Where the current result ends; 0 or less for nowhere. */
  volatile long maxRows;
  /** The max rows the statement was prepared with, for each of its executions. */
  volatile long preparedMaxRows;
  volatile RunningStatement execution;
  /** The next binary frame, being read in the background; guarded by this state's monitor. */
  CompletableFuture<FloeMeta.BinaryFrame> readAhead;
  /** Counts executions, so a fetch for an earlier one cannot read the current one's rows. */
  volatile long generation;

  StatementState(int id) {
    this.id = id;
  }

  void closeCursor() {
    RowCursor c = cursor;
    cursor = null;
    if (c != null) {
      c.close();
    }
  }

  /** Rows in the next frame: what the client asked for within the server's limits and max rows. */
  int frameSize(int requested, AvaticaConfig config) {
    int rows = requested > 0 ? Math.min(requested, config.maxRowsPerFrame())
        : config.defaultRowsPerFrame();
    if (maxRows > 0) {
      rows = (int) Math.max(0, Math.min(rows, maxRows - rowsSent));
    }
    return rows;
  }

  /** A frame asked for an execution that is no longer the statement's. */
  static final class StaleFrame extends FloeException {
    StaleFrame() {
      super(ErrorCode.INVALID_STATE, "the statement was executed again; its earlier result is gone");
    }
  }

  /** Reads and encodes the binary frame at {@code offset} of execution {@code generation}. */
  FloeMeta.BinaryFrame readBinary(long offset, int requestedRows, long generation,
      AvaticaConfig config) {
    synchronized (this) {
      if (this.generation != generation) {
        throw new StaleFrame();
      }
      List<ResultColumn> columns = cursorColumns;
      if (cursor == null) {
        return new FloeMeta.BinaryFrame(this.generation, rowsSent, 0, true,
            BinaryFrames.encode(new TypeName[0], List.of(), true));
      }
      if (offset != rowsSent) {
        throw FloeException.invalid("results can only be read forward: asked for offset " + offset
            + ", next is " + rowsSent);
      }
      long start = rowsSent;
      int rows = frameSize(requestedRows, config);
      List<Object[]> out = new ArrayList<>(Math.min(rows, 100_000));
      boolean done = readRows(rows, out);
      TypeName[] types = columns.stream().map(col -> col.type().name()).toArray(TypeName[]::new);
      return new FloeMeta.BinaryFrame(this.generation, start, out.size(), done,
          BinaryFrames.encode(types, out, done));
    }
  }

  /** Reads up to {@code rows} rows into an Avatica frame; closes the cursor when the result is done. */
  Meta.Frame nextFrame(int rows, boolean micros) {
    long offset = rowsSent;
    if (cursor == null) {
      return new Meta.Frame(offset, true, List.of());
    }
    List<ResultColumn> columns = cursorColumns;
    TypeName[] types = new TypeName[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type().name();
    }
    List<Object[]> raw = new ArrayList<>(Math.min(rows, 10_000));
    boolean done = readRows(rows, raw);
    List<Object> out = new ArrayList<>(raw.size());
    for (Object[] row : raw) {
      for (int i = 0; i < row.length; i++) {
        row[i] = AvaticaTypes.encode(row[i], types[i], micros);
      }
      out.add(Arrays.asList(row));
    }
    return new Meta.Frame(offset, done, out);
  }

  /** Reads up to {@code rows} rows from the cursor; true when the result is done. */
  private boolean readRows(int rows, List<Object[]> out) {
    RowCursor c = cursor;
    int width = cursorColumns.size();
    boolean done = false;
    try {
      while (out.size() < rows) {
        if (!c.next()) {
          done = true;
          break;
        }
        Object[] row = new Object[width];
        for (int i = 0; i < width; i++) {
          row[i] = c.get(i);
        }
        out.add(row);
      }
    } catch (RuntimeException e) {
      closeCursor();
      execution = null;
      throw e;
    }
    rowsSent += out.size();
    if (maxRows > 0 && rowsSent >= maxRows) {
      done = true;
    }
    if (done) {
      closeCursor();
      execution = null;
    }
    return done;
  }

  /**
   * Ends the current result: stops its execution if it is still running (a fetch or read-ahead
   * reading the cursor then ends soon), waits for the read-ahead and closes the cursor.
   */
  void abandon() {
    RunningStatement e = execution;
    if (e != null) {
      e.stop(false);
    }
    dropReadAhead();
    synchronized (this) {
      closeCursor();
      execution = null;
    }
  }

  /** Waits for the read-ahead to finish and drops it. */
  private void dropReadAhead() {
    CompletableFuture<FloeMeta.BinaryFrame> ahead;
    synchronized (this) {
      ahead = readAhead;
      readAhead = null;
    }
    if (ahead != null) {
      try {
        ahead.join();
      } catch (RuntimeException e) {
        // The result is being discarded.
      }
    }
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}

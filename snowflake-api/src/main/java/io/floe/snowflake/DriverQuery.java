package io.floe.snowflake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.sql.RunningStatement;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A query of a driver session: the request that started it (its {@code requestId}, which an abort
 * request names), the statement running in the engine (to stop it), and the answer the driver
 * fetches when it is done: the whole {@code /queries/v1/query-request} response body.
 */
final class DriverQuery {
  final String id;
  final String requestId;
  final String sql;
  final Instant startedAt;
  final CompletableFuture<ObjectNode> answer = new CompletableFuture<>();
  final AtomicReference<RunningStatement> running = new AtomicReference<>();
  volatile boolean cancelled;
  /** The key in the addresses of the result's chunks, which only the query's answer carries. */
  final String chunkKey;
  /** Where the answer's chunk addresses point: {@code http://host:port/queries/<id>/chunks/<key>/}. */
  final String chunkBase;
  /** The result's rows after the first ones, once written; null for a small result. */
  volatile ResultChunks chunks;
  /** Set once the query's result is dropped (its chunk addresses answer 404 from then on). */
  volatile boolean discarded;

  DriverQuery(String id, String requestId, String sql, Instant startedAt, String chunkKey,
      String serverUri) {
    this.id = id;
    this.requestId = requestId;
    this.sql = sql;
    this.startedAt = startedAt;
    this.chunkKey = chunkKey;
    this.chunkBase = serverUri + "/queries/" + id + "/chunks/" + chunkKey + "/";
  }

  boolean isDone() {
    return answer.isDone();
  }

  /** The answer, waiting up to {@code millis}; null while the query still runs. */
  ObjectNode await(long millis) {
    try {
      return answer.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillRunning) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a driver query's answer is never exceptional", e.getCause());
    }
  }

  /** Stops the statement if it runs; true if there was one to stop. */
  boolean cancel() {
    cancelled = true;
    RunningStatement r = running.get();
    if (r != null && !r.isStopped()) {
      r.stop(false);
      return true;
    }
    return !answer.isDone();
  }

  /** Drops what the query holds: a running statement is stopped, its chunk files deleted. */
  void discard() {
    discarded = true;
    if (!answer.isDone()) {
      cancel();
    }
    ResultChunks c = chunks;
    if (c != null) {
      c.delete();
    }
  }
}

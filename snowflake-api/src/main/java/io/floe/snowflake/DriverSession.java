package io.floe.snowflake;

import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.Session;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Snowflake driver connection: its engine session (Snowflake dialect), the tokens the driver
 * presents (the session token on every request; the master token only to renew it), the database
 * and schema it works in, the session parameters it set, and its queries whose results a driver
 * may still fetch.
 */
final class DriverSession {
  final long id;
  final Principal principal;
  final Session session;
  final String masterToken;
  /** The session token now; renewing replaces it. */
  volatile String token;
  volatile Instant tokenExpires;
  volatile Instant lastUsed;
  /** Snowflake's names for the project and bucket in use (the catalog's names, upper-cased). */
  volatile String database;
  volatile String schema;
  volatile String warehouse;
  volatile String role;
  final Map<String, String> parameters = new ConcurrentHashMap<>();
  /** Statements run one at a time on a connection, as on Snowflake's. */
  final ReentrantLock lock = new ReentrantLock();
  /** Statements waiting for the connection, run in order by one thread at a time. */
  private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
  private boolean draining;
  /** Queries by id: running, or finished and not yet fetched (a few of the newest kept after). */
  final Map<String, DriverQuery> queries = java.util.Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, DriverQuery> eldest) {
          if (size() > 64 && eldest.getValue().isDone()) {
            eldest.getValue().discard();
            return true;
          }
          return false;
        }
      });

  DriverSession(long id, Principal principal, Session session, String token, String masterToken,
      Instant tokenExpires, Instant now) {
    this.id = id;
    this.principal = principal;
    this.session = session;
    this.token = token;
    this.masterToken = masterToken;
    this.tokenExpires = tokenExpires;
    this.lastUsed = now;
  }

  /**
   * Runs {@code task} after the connection's earlier statements, on a thread of {@code pool}: a
   * session never holds more than one thread, however many statements a client sends at once.
   */
  void submit(Runnable task, java.util.concurrent.Executor pool) {
    synchronized (waiting) {
      waiting.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    pool.execute(this::drain);
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (waiting) {
        next = waiting.poll();
        if (next == null) {
          draining = false;
          return;
        }
      }
      next.run();
    }
  }

  void close() {
    synchronized (queries) {
      queries.values().forEach(DriverQuery::discard);
      queries.clear();
    }
    session.close();
  }
}

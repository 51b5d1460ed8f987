package io.floe.avatica;

import io.floe.engine.api.sql.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One Avatica connection: its engine session, its statements and its connection properties. */
final class ConnectionState {
  final String id;
  final Session session;
  final boolean micros;
  final Map<Integer, StatementState> statements = new ConcurrentHashMap<>();
  final AtomicInteger statementIds = new AtomicInteger();
  volatile long lastUsedNanos = System.nanoTime();
  volatile String catalog;
  volatile String schema;
  /** Rows in a result's first frame when the request leaves it open; 0 for the server default. */
  volatile int fetchSize;
  volatile boolean readOnly;

  ConnectionState(String id, Session session, boolean micros) {
    this.id = id;
    this.session = session;
    this.micros = micros;
  }
}

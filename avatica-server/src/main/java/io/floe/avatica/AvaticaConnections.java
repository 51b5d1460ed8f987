package io.floe.avatica;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.RunningStatement;
import io.floe.engine.api.sql.Session;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open Avatica connections: who owns each (recorded by the HTTP handler before Avatica opens
 * it, checked on every later request), their limits and properties at open, idle expiry, and
 * cancel of a connection's statement. Each connection is one engine {@link Session} bound to the
 * principal that opened it.
 */
final class AvaticaConnections {
  private final Floe engine;
  private final AvaticaConfig config;
  private final Map<String, Principal> pendingOwners = new ConcurrentHashMap<>();
  private final Map<String, ConnectionState> connections = new ConcurrentHashMap<>();

  AvaticaConnections(Floe engine, AvaticaConfig config) {
    this.engine = engine;
    this.config = config;
  }

  /** Records who is opening connection {@code connectionId}; {@link #open} picks it up. */
  void expectOwner(String connectionId, Principal principal) {
    pendingOwners.put(connectionId, principal);
  }

  /** The principal name owning a connection, if it exists. */
  Optional<String> owner(String connectionId) {
    ConnectionState c = connections.get(connectionId);
    return c == null ? Optional.empty() : Optional.of(c.session.principal().name());
  }

  /**
   * Marks a connection used by an authenticated request (its session reads the principal's rights
   * again by itself when the catalog changes).
   */
  void touch(String connectionId) {
    ConnectionState c = connections.get(connectionId);
    if (c != null) {
      c.lastUsedNanos = System.nanoTime();
    }
  }

  int openConnections() {
    return connections.size();
  }

  int openStatements() {
    return connections.values().stream().mapToInt(c -> c.statements.size()).sum();
  }

  /**
   * Opens connection {@code id} for the principal the handler recorded, with the connection
   * properties Floe reads ({@link FloeConnectionProperty}).
   */
  Void open(String id, Map<String, String> info) {
    Principal principal = pendingOwners.remove(id);
    if (principal == null) {
      throw FloeException.denied("the connection was not authenticated");
    }
    if (connections.containsKey(id)) {
      throw FloeException.invalid("connection " + id + " already exists");
    }
    if (connections.size() >= config.maxConnections()) {
      throw new FloeException(ErrorCode.TOO_MANY_CONNECTIONS, "too many open JDBC connections");
    }
    Map<FloeConnectionProperty, String> props = FloeConnectionProperty.filter(info);
    Session session = engine.openSession(principal, "jdbc", Flavor.POSTGRES);
    try {
      ConnectionState c = new ConnectionState(id, session,
          Boolean.parseBoolean(props.getOrDefault(FloeConnectionProperty.TIMESTAMP_MICROS, "false")));
      c.catalog = props.get(FloeConnectionProperty.CATALOG);
      c.schema = props.get(FloeConnectionProperty.SCHEMA);
      String fetchSize = props.get(FloeConnectionProperty.FETCH_SIZE);
      if (fetchSize != null) {
        try {
          c.fetchSize = Integer.parseInt(fetchSize.trim());
        } catch (NumberFormatException e) {
          throw FloeException.invalid("fetch_size must be a number of rows");
        }
      }
      String timeout = props.get(FloeConnectionProperty.STATEMENT_TIMEOUT_MS);
      if (timeout != null) {
        try {
          session.setStatementTimeout(Duration.ofMillis(Long.parseLong(timeout.trim())));
        } catch (NumberFormatException e) {
          throw FloeException.invalid("statement_timeout_ms must be a number of milliseconds");
        }
      }
      connections.put(id, c);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    return null;
  }

  /** An open connection, marked used; a closed or expired one is an error. */
  ConnectionState get(String id) {
    ConnectionState c = connections.get(id);
    if (c == null) {
      throw new FloeException(ErrorCode.SESSION_CLOSED, "connection " + id + " not found: closed or expired");
    }
    c.lastUsedNanos = System.nanoTime();
    return c;
  }

  /** An open connection, or null. */
  ConnectionState find(String id) {
    return connections.get(id);
  }

  /** Stops the running statement {@code statementId} of a connection; false if none runs. */
  boolean cancel(String connectionId, int statementId, boolean timeout) {
    ConnectionState c = connections.get(connectionId);
    StatementState s = c == null ? null : c.statements.get(statementId);
    RunningStatement e = s == null ? null : s.execution;
    if (e == null && c != null) {
      // Not running yet: the statement may still be planning.
      return c.session.cancelPlanning(timeout);
    }
    if (e == null || e.isStopped()) {
      return false;
    }
    e.stop(timeout);
    return true;
  }

  /** Closes connections idle longer than the configured timeout. */
  void closeIdle() {
    long limit = config.connectionIdleTimeout().toNanos();
    long now = System.nanoTime();
    for (ConnectionState c : connections.values()) {
      if (now - c.lastUsedNanos > limit) {
        close(c);
      }
    }
  }

  void close(String id) {
    ConnectionState c = connections.get(id);
    if (c != null) {
      close(c);
    }
  }

  void closeAll() {
    connections.values().forEach(this::close);
  }

  private void close(ConnectionState c) {
    if (connections.remove(c.id) != null) {
      for (StatementState s : c.statements.values()) {
        s.abandon();
      }
      c.session.close();
    }
  }
}

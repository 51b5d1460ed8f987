package io.floe.engine.snowflake;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.admin.SnowflakeConnections.Info;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's connections to Snowflake, one small pool per stored connection. A login costs a
 * round trip or more; a federated query that reads a registered bucket borrows a logged-in session
 * instead. A pool is keyed by the connection's last change, so a changed secret or warehouse takes
 * effect at the next query, and a session that failed is closed, not returned.
 */
public final class SnowflakeSources implements AutoCloseable {
  private static final int MAX_IDLE = 4;
  /** How long a session may sit idle before it is closed rather than reused (Snowflake's expire). */
  private static final long MAX_IDLE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(15);

  private final SnowflakeConnectionService connections;
  private final Map<String, Deque<Idle>> idle = new HashMap<>();

  /** A session given back, and when. */
  private record Idle(Connection connection, long since) {}
  private boolean closed;

  public SnowflakeSources(SnowflakeConnectionService connections) {
    this.connections = requireNonNull(connections, "connections");
  }

  /** A borrowed Snowflake session; closing it gives it back (or closes it after a failure). */
  public final class Lease implements AutoCloseable {
    private final String key;
    private final Connection connection;
    private boolean broken;

    private Lease(String key, Connection connection) {
      this.key = key;
      this.connection = connection;
    }

    public Connection connection() {
      return connection;
    }

    /** Marks the session as not to be reused (after an error or a cancel). */
    public void broken() {
      broken = true;
    }

    @Override public void close() {
      giveBack(key, connection, broken);
    }
  }

  /** A logged-in session of the project's connection {@code name}. */
  public Lease lease(String projectId, String name) {
    Info info = connections.describe(projectId, name).orElseThrow(() -> new FloeException(
        ErrorCode.SOURCE_OBJECT_NOT_FOUND, "Snowflake connection '" + name + "' of project '"
            + projectId + "' no longer exists"));
    String key = projectId + "/" + info.name() + "@" + info.updatedAt();
    synchronized (this) {
      Deque<Idle> free = idle.get(key);
      while (free != null && !free.isEmpty()) {
        Idle i = free.pop();
        if (System.nanoTime() - i.since() < MAX_IDLE_NANOS && isOpen(i.connection())) {
          return new Lease(key, i.connection());
        }
        closeQuietly(i.connection());
      }
    }
    return new Lease(key, connections.open(projectId, info.name()));
  }

  private void giveBack(String key, Connection c, boolean broken) {
    if (!broken && isOpen(c)) {
      synchronized (this) {
        if (!closed) {
          // Sessions of an older version of the connection are not reused.
          String prefix = key.substring(0, key.indexOf('@') + 1);
          idle.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(prefix) && !e.getKey().equals(key)) {
              e.getValue().forEach(i -> closeQuietly(i.connection()));
              return true;
            }
            return false;
          });
          Deque<Idle> free = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
          if (free.size() < MAX_IDLE) {
            free.push(new Idle(c, System.nanoTime()));
            return;
          }
        }
      }
    }
    closeQuietly(c);
  }

  private static boolean isOpen(Connection c) {
    try {
      return !c.isClosed();
    } catch (SQLException e) {
      return false;
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // Snowflake ends an idle session by itself.
    }
  }

  /**
   * A Snowflake failure as a Floe error that names the connection: an object gone ({@code 42S02},
   * an invalid identifier) asks for a refresh, no network or no warehouse is unavailability, a
   * refused login is a login failure, anything else Snowflake's own error.
   */
  public static FloeException translate(String projectId, String connection, SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
    String message = "Snowflake connection '" + connection + "' (project '" + projectId + "'): "
        + reason;
    ErrorCode code;
    String hint = null;
    if (state.startsWith("42S") || state.equals("42000") && reason.contains("does not exist")
        || state.equals("42000") && reason.contains("invalid identifier")) {
      code = ErrorCode.SOURCE_OBJECT_NOT_FOUND;
      hint = "The table or a column changed in Snowflake: refresh the bucket "
          + "(POST .../buckets/{bucket}/refresh).";
    } else if (state.startsWith("08") || state.equals("57P03")
        || reason.contains("No active warehouse") || reason.contains("suspended")) {
      code = ErrorCode.SOURCE_UNAVAILABLE;
    } else if (state.startsWith("28")) {
      code = ErrorCode.SOURCE_LOGIN_FAILED;
    } else {
      code = ErrorCode.SOURCE_ERROR;
    }
    return new FloeException(code, message, hint, e);
  }

  @Override public synchronized void close() {
    closed = true;
    idle.values().forEach(d -> d.forEach(i -> closeQuietly(i.connection())));
    idle.clear();
  }
}

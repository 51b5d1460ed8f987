package io.floe.engine.session;

import io.floe.engine.storage.DuckDbStorage;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBConnection;

/**
 * One session's DuckDB connections, reused from statement to statement, each with a small cache of
 * prepared statements. A fresh {@code duplicate()} and a fresh prepare cost DuckDB more than a
 * small query itself; a session that runs the same statements again pays neither.
 *
 * <p>A statement takes a connection for as long as its result is open, so concurrent statements of
 * one session get separate connections. Caches are dropped when the catalog changes.
 */
final class DuckDbConnections implements AutoCloseable {
  private static final int MAX_IDLE = 4;
  private static final int MAX_STATEMENTS = 32;

  private final DuckDbStorage storage;
  private final Deque<Pooled> idle = new ArrayDeque<>();
  private boolean closed;

  DuckDbConnections(DuckDbStorage storage) {
    this.storage = storage;
  }

  /** A connection and its cached statements, valid for one catalog version. */
  static final class Pooled {
    final DuckDBConnection connection;
    final long catalogVersion;
    private final Map<String, PreparedStatement> statements =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > MAX_STATEMENTS) {
              JdbcRowCursor.closeQuietly(eldest.getValue());
              return true;
            }
            return false;
          }
        };

    /** Temporary tables of a federated statement, dropped when the connection is given back. */
    private final java.util.List<String> temporaries = new java.util.ArrayList<>();

    /** Drops temporary table {@code name} when the connection is given back. */
    void dropOnRelease(String name) {
      if (!temporaries.contains(name)) {
        temporaries.add(name);
      }
    }

    /** Drops the temporary tables of the statement that used the connection; false if it failed. */
    boolean dropTemporaries() {
      if (temporaries.isEmpty()) {
        return true;
      }
      try (java.sql.Statement s = connection.createStatement()) {
        for (String t : temporaries) {
          s.execute("DROP TABLE IF EXISTS temp.main." + io.floe.engine.storage.DuckDbSql.ident(t));
        }
        temporaries.clear();
        // Statements prepared over the dropped tables are of no further use.
        statements.values().forEach(JdbcRowCursor::closeQuietly);
        statements.clear();
        return true;
      } catch (SQLException e) {
        return false;
      }
    }

    Pooled(DuckDBConnection connection, long catalogVersion) {
      this.connection = connection;
      this.catalogVersion = catalogVersion;
    }

    /** The prepared statement for {@code sql}, from the cache when possible. */
    PreparedStatement prepare(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null || ps.isClosed()) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    /** Forgets a statement whose state is unknown (after an error or a cancel). */
    void discard(String sql) {
      JdbcRowCursor.closeQuietly(statements.remove(sql));
    }

    void close() {
      statements.values().forEach(JdbcRowCursor::closeQuietly);
      statements.clear();
      JdbcRowCursor.closeQuietly(connection);
    }
  }

  /** A connection for one statement, valid for {@code catalogVersion}. */
  Pooled acquire(long catalogVersion) {
    synchronized (this) {
      while (!idle.isEmpty()) {
        Pooled p = idle.pop();
        if (p.catalogVersion == catalogVersion) {
          return p;
        }
        p.close();
      }
    }
    return new Pooled(storage.connect(), catalogVersion);
  }

  /**
   * Gives a connection back when its statement's result is closed. A transaction's connection
   * (catalog version -1, see {@link SessionTransaction}) stays with its transaction.
   */
  void release(Pooled pooled) {
    if (!pooled.dropTemporaries()) {
      if (pooled.catalogVersion >= 0) {
        pooled.close(); // a connection whose tables cannot be dropped is not reused
      }
      return;
    }
    if (pooled.catalogVersion < 0) {
      return;
    }
    synchronized (this) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.push(pooled);
        return;
      }
    }
    pooled.close();
  }

  @Override public void close() {
    synchronized (this) {
      closed = true;
      idle.forEach(Pooled::close);
      idle.clear();
    }
  }
}

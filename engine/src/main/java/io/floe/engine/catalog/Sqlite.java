package io.floe.engine.catalog;

import io.floe.engine.error.ErrorCode;
import io.floe.engine.error.FloeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog's SQLite database: one connection in WAL mode, used under a lock. Catalog writes are
 * rare and small, and reads are served from {@link CatalogSnapshot}, so one connection is enough.
 */
public final class Sqlite implements AutoCloseable {
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();

  private Sqlite(Connection connection) {
    this.connection = connection;
  }

  public static Sqlite open(Path file) {
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
      }
      return new Sqlite(c);
    } catch (SQLException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot open catalog " + file + ": " + e.getMessage(), e);
    }
  }

  /** Work inside one transaction; the transaction commits when {@code work} returns normally. */
  public <T> T inTransaction(TransactionWork<T> work) {
    lock.lock();
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(new Tx(connection));
        connection.commit();
        return result;
      } catch (RuntimeException | SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      lock.unlock();
    }
  }

  /** Read without a transaction (one statement is atomic on its own). */
  public <T> T read(TransactionWork<T> work) {
    lock.lock();
    try {
      return work.run(new Tx(connection));
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      lock.unlock();
    }
  }

  static FloeException translate(SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("UNIQUE constraint failed")) {
      return new FloeException(ErrorCode.ALREADY_EXISTS, "already exists", e);
    }
    if (message.contains("FOREIGN KEY constraint failed")) {
      return new FloeException(ErrorCode.NOT_FOUND, "referenced object not found", e);
    }
    return new FloeException(ErrorCode.IO_ERROR, "catalog error: " + message, e);
  }

  @Override public void close() {
    lock.lock();
    try {
      connection.close();
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      lock.unlock();
    }
  }

  /** A unit of catalog work. */
  @FunctionalInterface
  public interface TransactionWork<T> {
    T run(Tx tx) throws SQLException;
  }

  /** Maps one result row. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Statement helpers bound to the connection of the current unit of work. */
  public static final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
      this.connection = connection;
    }

    public int update(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args)) {
        return ps.executeUpdate();
      }
    }

    public long insert(String sql, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args)) {
        ps.executeUpdate();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) throws SQLException {
      try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(mapper.map(rs));
        }
        return rows;
      }
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args)
        throws SQLException {
      List<T> rows = query(sql, mapper, args);
      return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void execute(String sql) throws SQLException {
      try (Statement s = connection.createStatement()) {
        s.execute(sql);
      }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
      PreparedStatement ps = connection.prepareStatement(sql);
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      return ps;
    }
  }
}

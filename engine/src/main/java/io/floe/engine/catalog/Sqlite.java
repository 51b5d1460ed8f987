package io.floe.engine.catalog;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The catalog's SQLite database in WAL mode: one writer connection, used under a lock, and a few
 * reader connections. WAL lets readers run beside the writer, so token checks, job polling and
 * snapshot loads never wait for a write in progress; each read is one read transaction, a
 * consistent view of the last commit, so it sees every write committed before it began. A read on
 * the thread that holds the write lock (a read inside a write) uses the writer's connection, so it
 * sees its own transaction's changes; a read inside a read uses the same reader (the same view,
 * and no second reader to wait for). A write inside a write is refused: it would commit the outer
 * transaction half done.
 */
public final class Sqlite implements AutoCloseable {
  /** Reader connections: more than the cores that run catalog reads is no use. */
  static final int READERS = 4;

  private final String url;
  private final Connection connection;
  private final ReentrantLock lock = new ReentrantLock();
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
  private final List<Connection> readers = new ArrayList<>();
  private final Semaphore readerSlots = new Semaphore(READERS);
  /** The reader a read on this thread is using, for reads nested in it. */
  private final ThreadLocal<Connection> currentReader = new ThreadLocal<>();
  private volatile boolean closed;

  private Sqlite(String url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  /**
   * A connection from SQLite's driver itself. Not through DriverManager, whose first use loads and
   * initialises every driver on the class path (snowflake-jdbc's alone takes about 0.4 s of start-up).
   */
  private static Connection connect(String url) throws SQLException {
    return new org.sqlite.JDBC().connect(url, new Properties());
  }

  public static Sqlite open(Path file) {
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    try {
      Connection c = connect(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
      }
      return new Sqlite(url, c);
    } catch (SQLException e) {
      throw new FloeException(ErrorCode.IO_ERROR, "cannot open catalog " + file + ": " + e.getMessage(), e);
    }
  }

  /** Work inside one transaction; the transaction commits when {@code work} returns normally. */
  public <T> T inTransaction(TransactionWork<T> work) {
    if (lock.isHeldByCurrentThread()) {
      throw FloeException.internal("a catalog write cannot run inside another catalog write",
          null);
    }
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

  /**
   * Reads in one read transaction on a reader connection, without waiting for writes (inside a
   * write on this thread: on the writer's connection, seeing that write).
   */
  public <T> T read(TransactionWork<T> work) {
    if (lock.isHeldByCurrentThread()) {
      try {
        return work.run(new Tx(connection));
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    Connection outer = currentReader.get();
    if (outer != null) {
      try {
        return work.run(new Tx(outer));
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    Connection reader = borrowReader();
    boolean reusable = false;
    currentReader.set(reader);
    try {
      reader.setAutoCommit(false);
      try {
        return work.run(new Tx(reader));
      } finally {
        // A read transaction only has to end; ending it also after a failure keeps the reader usable.
        reader.rollback();
        reader.setAutoCommit(true);
        reusable = true;
      }
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      currentReader.remove();
      returnReader(reader, reusable);
    }
  }

  private Connection borrowReader() {
    readerSlots.acquireUninterruptibly();
    Connection idle = idleReaders.poll();
    if (idle != null) {
      return idle;
    }
    try {
      Connection c = connect(url);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA query_only=ON");
      }
      synchronized (readers) {
        readers.add(c);
      }
      return c;
    } catch (SQLException e) {
      readerSlots.release();
      throw translate(e);
    }
  }

  /** Gives a reader back; one left in an unknown state is closed and replaced on demand. */
  private void returnReader(Connection reader, boolean healthy) {
    if (healthy && !closed) {
      idleReaders.add(reader);
    } else {
      synchronized (readers) {
        readers.remove(reader);
      }
      closeQuietly(reader);
    }
    readerSlots.release();
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // closing anyway
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
    closed = true;
    synchronized (readers) {
      readers.forEach(Sqlite::closeQuietly);
      readers.clear();
    }
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

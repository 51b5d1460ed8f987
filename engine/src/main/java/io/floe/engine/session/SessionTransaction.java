package io.floe.engine.session;

import io.floe.engine.api.DuckDbErrors;
import io.floe.engine.storage.DuckDbStorage;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * A session's explicit transaction block (BEGIN ... COMMIT or ROLLBACK). Its first write opens one
 * DuckDB connection in manual-commit mode; every write of the block, and every pushed-down read
 * after the first write (so the block reads its own writes), runs on it. Only the principal's
 * workspace is ever written, so the DuckDB transaction spans one attached database and COMMIT and
 * ROLLBACK are DuckDB's own. Statements that change the catalog (workspace DDL) cannot take part
 * and are refused inside a block.
 *
 * <p>Before the first write a block reads like autocommit mode: each statement sees what is
 * committed when it starts (PostgreSQL's default READ COMMITTED gives no more).
 */
final class SessionTransaction {
  private final DuckDbStorage storage;
  private DuckDbConnections.Pooled connection;
  private long writes;
  private boolean aborted;

  SessionTransaction(DuckDbStorage storage) {
    this.storage = storage;
  }

  /** The block's DuckDB connection, opened (manual commit) at the first write. */
  synchronized DuckDbConnections.Pooled writeConnection() {
    if (connection == null) {
      DuckDBConnection c = storage.connect();
      try {
        c.setAutoCommit(false);
      } catch (SQLException e) {
        JdbcRowCursor.closeQuietly(c);
        throw DuckDbErrors.translate(e);
      }
      connection = new DuckDbConnections.Pooled(c, -1);
    }
    return connection;
  }

  /** The connection reads run on once the block has written; null before. */
  synchronized DuckDbConnections.Pooled readConnection() {
    return connection;
  }

  /** Counts a write statement of the block, whether it succeeded or not. */
  synchronized void wrote() {
    writes++;
  }

  /** Write statements the block has run (failed ones included). */
  synchronized long writes() {
    return writes;
  }

  /** DuckDB rolled the block's work back already (a write failed or went over a size limit). */
  synchronized void abort() {
    aborted = true;
    end(false);
  }

  synchronized boolean isAborted() {
    return aborted;
  }

  /** Commits the block's writes (nothing to do if it wrote nothing). */
  synchronized void commit() {
    if (connection == null) {
      return;
    }
    try {
      connection.connection.commit();
    } catch (SQLException e) {
      end(false);
      throw DuckDbErrors.translate(e);
    }
    end(true);
  }

  /** Undoes the block's writes. */
  synchronized void rollback() {
    end(false);
  }

  private void end(boolean committed) {
    if (connection == null) {
      return;
    }
    if (!committed) {
      try {
        connection.connection.rollback();
      } catch (SQLException ignored) {
        // A transaction DuckDB already aborted has nothing left to roll back.
      }
    }
    connection.close();
    connection = null;
  }
}

package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.Session;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One connection's transaction block as the protocol shows it: the ReadyForQuery status ({@code I}
 * idle, {@code T} in a block, {@code E} in a failed block), the savepoints, and the block commands
 * (BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK TO) that drive the engine session's block.
 *
 * <p>Savepoints are names only: ROLLBACK TO works while no write ran since the savepoint, and
 * otherwise fails, as the writes cannot be undone without undoing the whole block.
 */
final class PgTransactionBlock {
  /** Where block commands send PostgreSQL's warnings (there is no transaction in progress...). */
  interface Warnings {
    void warning(String message) throws IOException;
  }

  private final Session session;
  private final Warnings warnings;
  private final Runnable onEnd;
  private char status = 'I';
  /** Savepoints of the open block, each with the block's write count when it was set. */
  private final Map<String, Long> savepoints = new LinkedHashMap<>();

  /** {@code onEnd} runs whenever a block ends (the connection closes its portals). */
  PgTransactionBlock(Session session, Warnings warnings, Runnable onEnd) {
    this.session = session;
    this.warnings = warnings;
    this.onEnd = onEnd;
  }

  /** The ReadyForQuery status. */
  char status() {
    return status;
  }

  boolean isIdle() {
    return status == 'I';
  }

  /** An error in a block fails the block. */
  void failed() {
    if (status == 'T') {
      status = 'E';
    }
  }

  static boolean handles(PgSettings.Kind kind) {
    return switch (kind) {
      case BEGIN, COMMIT, ROLLBACK, ROLLBACK_TO, SAVEPOINT, RELEASE -> true;
      default -> false;
    };
  }

  /** Whether {@code kind} may run in a failed block (it ends the block or goes back in it). */
  static boolean endsFailure(PgSettings.Kind kind) {
    return kind == PgSettings.Kind.COMMIT || kind == PgSettings.Kind.ROLLBACK
        || kind == PgSettings.Kind.ROLLBACK_TO;
  }

  /** Runs a block command ({@link #handles}). */
  PgResult run(PgSettings.Command c) throws IOException {
    switch (c.kind()) {
      case BEGIN -> {
        if (status != 'I') {
          warnings.warning("there is already a transaction in progress");
        }
        session.begin();
        status = 'T';
        return PgResult.command(c.tag());
      }
      case COMMIT -> {
        boolean failed = status == 'E';
        if (status == 'I') {
          warnings.warning("there is no transaction in progress");
        }
        end();
        if (failed) {
          session.rollback();
          return PgResult.command("ROLLBACK");
        }
        session.commit();
        return PgResult.command("COMMIT");
      }
      case ROLLBACK -> {
        if (status == 'I') {
          warnings.warning("there is no transaction in progress");
        }
        end();
        session.rollback();
        return PgResult.command("ROLLBACK");
      }
      case ROLLBACK_TO -> {
        long mark = savepoint(c.name());
        // Keep the savepoint (as PostgreSQL does) and drop the ones set after it.
        boolean after = false;
        for (Iterator<String> it = savepoints.keySet().iterator(); it.hasNext(); ) {
          String name = it.next();
          if (after) {
            it.remove();
          }
          after |= name.equalsIgnoreCase(c.name());
        }
        if (session.transactionWrites() != mark) {
          throw FloeException.of(ErrorCode.NOT_SUPPORTED, "cannot roll back to savepoint \"%s\": "
              + "%d write statement(s) ran since it and workspace transactions cannot undo part of "
              + "a block; ROLLBACK the whole transaction", c.name(),
              session.transactionWrites() - mark);
        }
        status = 'T';
        return PgResult.command("ROLLBACK");
      }
      case SAVEPOINT -> {
        if (status == 'I') {
          throw new FloeException(ErrorCode.INVALID_STATE,
              c.kind().name() + " can only be used in transaction blocks");
        }
        String name = c.name().toLowerCase(Locale.ROOT);
        savepoints.remove(name);
        savepoints.put(name, session.transactionWrites());
        return PgResult.command(c.tag());
      }
      case RELEASE -> {
        savepoint(c.name());
        boolean from = false;
        for (Iterator<String> it = savepoints.keySet().iterator(); it.hasNext(); ) {
          String name = it.next();
          from |= name.equalsIgnoreCase(c.name());
          if (from) {
            it.remove();
          }
        }
        return PgResult.command(c.tag());
      }
      default -> throw new IllegalArgumentException("not a transaction block command: " + c.kind());
    }
  }

  /** Leaves the block in the protocol's state; the caller ends the engine's block. */
  private void end() {
    status = 'I';
    savepoints.clear();
    onEnd.run();
  }

  /** The write count a savepoint was set at; 3B001 if the block has no such savepoint. */
  private long savepoint(String name) {
    if (status == 'I') {
      throw new FloeException(ErrorCode.INVALID_STATE,
          "savepoints can only be used in transaction blocks");
    }
    Long mark = name == null ? null : savepoints.get(name.toLowerCase(Locale.ROOT));
    if (mark == null) {
      throw FloeException.of(ErrorCode.INVALID_SAVEPOINT, "savepoint \"%s\" does not exist", name);
    }
    return mark;
  }
}

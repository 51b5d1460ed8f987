package io.floe.pgwire;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.FloeException;
import java.util.HashMap;
import java.util.Map;

/**
 * The extended query protocol's state of one connection: named prepared statements and portals
 * (the unnamed ones under the empty name), and the commands that forget them (DISCARD,
 * DEALLOCATE).
 */
final class PgExtendedState {
  private final Map<String, PgStatement> statements = new HashMap<>();
  private final Map<String, PgPortal> portals = new HashMap<>();

  /** Keeps a parsed statement; a named one must not exist yet (the unnamed one is replaced). */
  void putStatement(String name, PgStatement statement) {
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw FloeException.of(ErrorCode.ALREADY_EXISTS, "prepared statement \"%s\" already exists", name);
    }
    statements.put(name, statement);
  }

  PgStatement statement(String name) {
    PgStatement statement = statements.get(name);
    if (statement == null) {
      throw FloeException.of(ErrorCode.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"%s\" does not exist", name);
    }
    return statement;
  }

  /** Keeps a bound portal, closing the one it replaces. */
  void putPortal(String name, PgPortal portal) {
    PgPortal old = portals.put(name, portal);
    if (old != null) {
      old.close();
    }
  }

  PgPortal portal(String name) {
    PgPortal portal = portals.get(name);
    if (portal == null) {
      throw FloeException.of(ErrorCode.UNDEFINED_CURSOR, "portal \"%s\" does not exist", name);
    }
    return portal;
  }

  /** Close ('C') of a statement (kind 'S') or a portal; closing what does not exist is no error. */
  void close(char kind, String name) {
    if (kind == 'S') {
      statements.remove(name);
    } else {
      PgPortal portal = portals.remove(name);
      if (portal != null) {
        portal.close();
      }
    }
  }

  void closePortals() {
    portals.values().forEach(PgPortal::close);
    portals.clear();
  }

  /** DEALLOCATE name, or DEALLOCATE ALL (name null): forgets named prepared statements. */
  void deallocate(String name) {
    if (name == null) {
      forgetNamedStatements();
    } else if (statements.remove(name) == null) {
      throw FloeException.of(ErrorCode.UNDEFINED_PREPARED_STATEMENT, "prepared statement \"%s\" does not exist", name);
    }
  }

  /** What DISCARD PLANS forgets: the named prepared statements. */
  void forgetNamedStatements() {
    statements.keySet().removeIf(k -> !k.isEmpty());
  }
}

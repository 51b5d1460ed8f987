package io.floe.pgwire;

import io.floe.engine.sql.FloeRoot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Catalog mirrors, one per principal view (its access key), kept current with the catalog: a
 * mirror is refreshed in place when the catalog version it shows is older than the session's. The
 * least recently used mirror is closed when more than {@link #MAX} are open.
 */
final class PgCatalogMirrors implements AutoCloseable {
  static final int MAX = 32;

  private final Map<String, PgCatalogMirror> mirrors = new LinkedHashMap<>(16, 0.75f, true);

  /** The mirror of {@code root}'s view, current with {@code root}'s snapshot. */
  PgCatalogMirror get(FloeRoot root, String database, String user) {
    String key = root.principal().accessKey() + "|" + database + "|" + user;
    PgCatalogMirror mirror;
    synchronized (mirrors) {
      mirror = mirrors.get(key);
      if (mirror == null) {
        mirror = PgCatalogMirror.create(database);
        mirrors.put(key, mirror);
        if (mirrors.size() > MAX) {
          var eldest = mirrors.entrySet().iterator().next();
          mirrors.remove(eldest.getKey());
          eldest.getValue().close();
        }
      }
    }
    if (mirror.version() < root.snapshot().version()) {
      mirror.refresh(root, database, user);
    }
    return mirror;
  }

  @Override public void close() {
    synchronized (mirrors) {
      mirrors.values().forEach(PgCatalogMirror::close);
      mirrors.clear();
    }
  }
}

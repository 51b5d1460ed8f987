package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.catalog.CatalogListing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Catalog mirrors, one per principal view (its access key, database and user), kept current with
 * the catalog: a mirror is refreshed in place when the catalog version it shows is older than the
 * session's.
 *
 * <p>A caller holds a {@link Lease} for as long as it uses a mirror (a statement's rows included);
 * a mirror is closed only when nobody holds it, the least recently used first once more than
 * {@link #MAX} are open. Building a mirror takes a while (a DuckDB instance and its catalog
 * tables), so it happens outside the lock: callers for the same view wait for that one build,
 * callers for other views do not wait at all.
 */
final class PgCatalogMirrors implements AutoCloseable {
  static final int MAX = 32;

  private final Function<String, PgCatalogMirror> factory;
  private final Object lock = new Object();
  private final Map<String, Entry> entries = new HashMap<>();
  private long ticks;
  private boolean closed;

  PgCatalogMirrors() {
    this(PgCatalogMirror::create);
  }

  /** With {@code factory} building a mirror for a database name (tests slow it down). */
  PgCatalogMirrors(Function<String, PgCatalogMirror> factory) {
    this.factory = requireNonNull(factory, "factory");
  }

  /** One view's mirror: built once, shared by its users. Fields other than the future under lock. */
  private static final class Entry {
    final CompletableFuture<PgCatalogMirror> mirror = new CompletableFuture<>();
    int users;
    long lastUsed;
  }

  /** A mirror in use; closing the lease lets it be closed when it is no longer needed. */
  final class Lease implements AutoCloseable {
    private final Entry entry;
    private final PgCatalogMirror mirror;
    private boolean released;

    private Lease(Entry entry, PgCatalogMirror mirror) {
      this.entry = entry;
      this.mirror = mirror;
    }

    PgCatalogMirror mirror() {
      return mirror;
    }

    @Override public void close() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      release(entry);
    }
  }

  /** The mirror of {@code listing}, current with its catalog version, until released. */
  Lease acquire(CatalogListing listing, String database, String user) {
    Lease lease = acquire(listing.accessKey() + "|" + database + "|" + user, database);
    try {
      if (lease.mirror().version() < listing.version()) {
        lease.mirror().refresh(listing, database, user);
      }
      return lease;
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** The mirror for {@code key}, built for {@code database} if there is none. */
  Lease acquire(String key, String database) {
    Entry entry;
    boolean build;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("the PostgreSQL listener is closed");
      }
      entry = entries.get(key);
      build = entry == null;
      if (build) {
        entry = new Entry();
        entries.put(key, entry);
      }
      entry.users++;
      entry.lastUsed = ++ticks;
    }
    if (build) {
      try {
        entry.mirror.complete(factory.apply(database));
      } catch (RuntimeException e) {
        entry.mirror.completeExceptionally(e);
        synchronized (lock) {
          entries.remove(key, entry);
        }
      }
    }
    try {
      return new Lease(entry, entry.mirror.join());
    } catch (CompletionException e) {
      release(entry);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private void release(Entry entry) {
    List<PgCatalogMirror> idle;
    synchronized (lock) {
      entry.users--;
      idle = evictIdle();
    }
    idle.forEach(PgCatalogMirror::close);
  }

  /** Removes the least recently used unused mirrors beyond {@link #MAX}; the caller closes them. */
  private List<PgCatalogMirror> evictIdle() {
    List<PgCatalogMirror> evicted = new ArrayList<>();
    if (entries.size() <= MAX && !closed) {
      return evicted;
    }
    List<Map.Entry<String, Entry>> unused = entries.entrySet().stream()
        .filter(e -> e.getValue().users == 0 && e.getValue().mirror.isDone())
        .sorted(Comparator.comparingLong(e -> e.getValue().lastUsed))
        .toList();
    for (Map.Entry<String, Entry> e : unused) {
      if (entries.size() <= MAX && !closed) {
        break;
      }
      entries.remove(e.getKey());
      CompletableFuture<PgCatalogMirror> built = e.getValue().mirror;
      if (!built.isCompletedExceptionally()) {
        evicted.add(built.join());
      }
    }
    return evicted;
  }

  /** Mirrors open now (for tests). */
  int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /** Closes every mirror no one uses now; the others close as their last lease is released. */
  @Override public void close() {
    List<PgCatalogMirror> idle;
    synchronized (lock) {
      closed = true;
      idle = evictIdle();
    }
    idle.forEach(PgCatalogMirror::close);
  }
}

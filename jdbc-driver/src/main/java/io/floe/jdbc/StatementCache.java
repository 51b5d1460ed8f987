package io.floe.jdbc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.avatica.Meta;

/**
 * Prepared statements kept open on the server after the application closes them, by SQL text, so
 * that the usual "prepare, execute, close" of an application costs one round trip instead of three
 * once a statement has been seen (what pgjdbc does with {@code preparedStatementCacheQueries}).
 * Least recently used statements are given back for closing once more than {@code capacity} are
 * idle. Not thread-safe; the connection synchronizes.
 */
final class StatementCache {
  /**
   * What identifies interchangeable server statements; {@code sql} is null for the server side of
   * a plain {@code Statement}, which runs whatever SQL it is given.
   */
  record Key(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) {}

  private final int capacity;
  private final LinkedHashMap<Key, Deque<Meta.StatementHandle>> idle = new LinkedHashMap<>(16, 0.75f, true);
  private int size;

  StatementCache(int capacity) {
    this.capacity = capacity;
  }

  boolean enabled() {
    return capacity > 0;
  }

  /** An idle server statement for {@code key}, or null. */
  Meta.StatementHandle take(Key key) {
    Deque<Meta.StatementHandle> handles = idle.get(key);
    if (handles == null || handles.isEmpty()) {
      return null;
    }
    Meta.StatementHandle h = handles.pop();
    if (handles.isEmpty()) {
      idle.remove(key);
    }
    size--;
    return h;
  }

  /** Keeps {@code handle} for reuse; returns the handles that no longer fit, to be closed. */
  List<Meta.StatementHandle> put(Key key, Meta.StatementHandle handle) {
    idle.computeIfAbsent(key, k -> new ArrayDeque<>()).push(handle);
    size++;
    List<Meta.StatementHandle> evicted = new ArrayList<>();
    Iterator<Map.Entry<Key, Deque<Meta.StatementHandle>>> eldest = idle.entrySet().iterator();
    while (size > capacity && eldest.hasNext()) {
      Deque<Meta.StatementHandle> handles = eldest.next().getValue();
      while (size > capacity && !handles.isEmpty()) {
        evicted.add(handles.removeLast());
        size--;
      }
      if (handles.isEmpty()) {
        eldest.remove();
      }
    }
    return evicted;
  }

  /** Removes every idle statement for {@code sql}; returns them, to be closed. */
  List<Meta.StatementHandle> evict(String sql) {
    List<Meta.StatementHandle> evicted = new ArrayList<>();
    Iterator<Map.Entry<Key, Deque<Meta.StatementHandle>>> it = idle.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Key, Deque<Meta.StatementHandle>> e = it.next();
      if (java.util.Objects.equals(e.getKey().sql(), sql)) {
        evicted.addAll(e.getValue());
        size -= e.getValue().size();
        it.remove();
      }
    }
    return evicted;
  }

  /** Forgets everything (the connection is closing; the server drops its statements with it). */
  void clear() {
    idle.clear();
    size = 0;
  }
}

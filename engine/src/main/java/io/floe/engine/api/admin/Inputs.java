package io.floe.engine.api.admin;

import io.floe.engine.api.FloeException;
import java.util.List;
import java.util.Map;

/**
 * Copies of the lists and maps clients send, refusing null elements with {@code invalid_argument}
 * (a JSON {@code [null]} or {@code {"k": null}}), where {@link List#copyOf} would throw a
 * NullPointerException, which is no answer for a client.
 */
public final class Inputs {
  private Inputs() {}

  /** An immutable copy; empty for null. */
  public static <T> List<T> list(String field, List<T> values) {
    if (values == null) {
      return List.of();
    }
    for (T v : values) {
      if (v == null) {
        throw FloeException.invalid("'" + field + "' must not hold null");
      }
    }
    return List.copyOf(values);
  }

  /** An immutable copy; empty for null. */
  public static <K, V> Map<K, V> map(String field, Map<K, V> values) {
    if (values == null) {
      return Map.of();
    }
    for (Map.Entry<K, V> e : values.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw FloeException.invalid("'" + field + "' must not hold null");
      }
    }
    return Map.copyOf(values);
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.sql.IdentifierRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A {@link Lookup} over a fixed map of objects that applies {@link IdentifierRules}. */
final class LenientLookup<T> implements Lookup<T> {
  private final Map<String, T> byName;
  private final Casing fold;

  LenientLookup(Map<String, T> byName, Casing fold) {
    this.byName = new LinkedHashMap<>(byName);
    this.fold = fold;
  }

  @Override public @Nullable T get(String name) {
    T exact = byName.get(name);
    if (exact != null || !IdentifierRules.isFolded(name, fold)) {
      return exact;
    }
    Named<T> named = getIgnoreCase(name);
    return named == null ? null : named.entity();
  }

  @Override public @Nullable Named<T> getIgnoreCase(String name) {
    for (Map.Entry<String, T> e : byName.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return new Named<>(e.getKey(), e.getValue());
      }
    }
    return null;
  }

  @Override public Set<String> getNames(LikePattern pattern) {
    Predicate1<String> matcher = pattern.matcher();
    Predicate<String> test = matcher::apply;
    Set<String> names = new TreeSet<>();
    byName.keySet().stream().filter(test).forEach(names::add);
    return names;
  }
}

package io.floe.engine.sql;

import io.floe.engine.api.sql.IdentifierRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The validator's name matcher for columns, aliases and tables, applying {@link IdentifierRules}.
 * It reports itself case-sensitive so Calcite compares names through it rather than upper-casing.
 */
final class LenientNameMatcher implements SqlNameMatcher {
  private static final LenientNameMatcher LOWER = new LenientNameMatcher(Casing.TO_LOWER);
  private static final LenientNameMatcher UPPER = new LenientNameMatcher(Casing.TO_UPPER);

  private final Casing fold;

  private LenientNameMatcher(Casing fold) {
    this.fold = fold;
  }

  static LenientNameMatcher folding(Casing fold) {
    return fold == Casing.TO_UPPER ? UPPER : LOWER;
  }

  @Override public boolean isCaseSensitive() {
    return true;
  }

  @Override public boolean matches(String string, String name) {
    return IdentifierRules.matches(string, name, fold) || IdentifierRules.matches(name, string, fold);
  }

  @Override public <K extends List<String>, V> @Nullable V get(Map<K, V> map,
      List<String> prefixNames, List<String> names) {
    for (Map.Entry<K, V> entry : map.entrySet()) {
      K key = entry.getKey();
      int expected = prefixNames.size() + names.size();
      if (key.size() == expected && listMatches(key, prefixNames, names)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private boolean listMatches(List<String> key, List<String> prefix, List<String> names) {
    for (int i = 0; i < key.size(); i++) {
      String part = i < prefix.size() ? prefix.get(i) : names.get(i - prefix.size());
      if (!matches(part, key.get(i))) {
        return false;
      }
    }
    return true;
  }

  @Override public String bestString() {
    throw new UnsupportedOperationException();
  }

  @Override public @Nullable RelDataTypeField field(RelDataType rowType, String fieldName) {
    RelDataTypeField exact = rowType.getField(fieldName, true, false);
    if (exact != null || !IdentifierRules.isFolded(fieldName, fold)) {
      return exact;
    }
    return rowType.getField(fieldName, false, false);
  }

  @Override public int frequency(Iterable<String> names, String name) {
    int n = 0;
    for (String s : names) {
      if (matches(s, name)) {
        n++;
      }
    }
    return n;
  }

  @Override public Set<String> createSet() {
    return new LinkedHashSet<>();
  }
}

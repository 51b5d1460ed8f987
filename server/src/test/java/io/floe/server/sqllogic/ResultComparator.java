package io.floe.server.sqllogic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares Floe's rows with the reference's: same column count, then the rows as the sort mode and
 * the query's ORDER BY allow. Without a determining ORDER BY rows compare as multisets; with one,
 * the sequence of the sort-key columns must match too. A LIMIT that cuts through ties (or a LIMIT
 * without ORDER BY) may legitimately pick other rows, so then only what is determined is compared.
 */
final class ResultComparator {
  private static final int SHOWN_ROWS = 5;

  private ResultComparator() {}

  /** A description of the difference, or empty when the answers agree. */
  static Optional<String> compare(Outcome.Rows floe, Outcome.Rows duck, SortMode mode, OrderBy order) {
    int floeColumns = floe.rows().isEmpty() ? floe.labels().size() : floe.rows().get(0).size();
    int duckColumns = duck.rows().isEmpty() ? duck.labels().size() : duck.rows().get(0).size();
    if (floeColumns != duckColumns) {
      return Optional.of("column count: Floe " + floeColumns + ", DuckDB " + duckColumns);
    }
    List<List<Object>> f = floe.rows();
    List<List<Object>> d = duck.rows();
    switch (mode) {
      case ORDERED:
        return sequence(f, d, "rows");
      case VALUESORT:
        return multiset(flatten(f), flatten(d));
      default:
        break;
    }
    if (!order.present()) {
      if (!order.limited()) {
        return multiset(f, d);
      }
      return f.size() == d.size() ? Optional.empty()
          : Optional.of("row count (LIMIT without ORDER BY): Floe " + f.size() + ", DuckDB " + d.size());
    }
    if (f.size() != d.size()) {
      return Optional.of("row count: Floe " + f.size() + ", DuckDB " + d.size() + rowsDiff(f, d));
    }
    Optional<String> keys = sequence(project(f, order.keyColumns()), project(d, order.keyColumns()),
        "order of the ORDER BY keys " + order.keyColumns());
    if (keys.isPresent()) {
      return keys;
    }
    if (!order.limited()) {
      return multiset(f, d);
    }
    if (!order.allKeysMapped() || f.isEmpty()) {
      return Optional.empty();
    }
    // LIMIT through ties: rows whose keys equal the first or last row's may differ
    Set<String> boundary = new HashSet<>();
    boundary.add(keyOf(project(f, order.keyColumns()).get(0)));
    boundary.add(keyOf(project(f, order.keyColumns()).get(f.size() - 1)));
    return multiset(inner(f, order.keyColumns(), boundary), inner(d, order.keyColumns(), boundary));
  }

  private static List<List<Object>> inner(List<List<Object>> rows, List<Integer> keys,
      Set<String> boundary) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      if (!boundary.contains(keyOf(project(List.of(row), keys).get(0)))) {
        out.add(row);
      }
    }
    return out;
  }

  private static List<List<Object>> project(List<List<Object>> rows, List<Integer> columns) {
    List<List<Object>> out = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      List<Object> p = new ArrayList<>(columns.size());
      for (int c : columns) {
        p.add(row.get(c));
      }
      out.add(p);
    }
    return out;
  }

  private static List<List<Object>> flatten(List<List<Object>> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      for (Object v : row) {
        List<Object> single = new ArrayList<>(1);
        single.add(v);
        out.add(single);
      }
    }
    return out;
  }

  private static Optional<String> sequence(List<List<Object>> f, List<List<Object>> d, String what) {
    if (f.size() != d.size()) {
      return Optional.of("row count: Floe " + f.size() + ", DuckDB " + d.size() + rowsDiff(f, d));
    }
    for (int i = 0; i < f.size(); i++) {
      if (!rowEqual(f.get(i), d.get(i))) {
        return Optional.of(what + " differ at row " + (i + 1) + ": Floe " + Cells.render(f.get(i))
            + ", DuckDB " + Cells.render(d.get(i)));
      }
    }
    return Optional.empty();
  }

  static Optional<String> multiset(List<List<Object>> f, List<List<Object>> d) {
    if (f.size() != d.size()) {
      return Optional.of("row count: Floe " + f.size() + ", DuckDB " + d.size() + rowsDiff(f, d));
    }
    List<List<Object>> fs = sorted(f);
    List<List<Object>> ds = sorted(d);
    boolean same = true;
    for (int i = 0; i < fs.size() && same; i++) {
      same = rowEqual(fs.get(i), ds.get(i));
    }
    if (same) {
      return Optional.empty();
    }
    String diff = rowsDiff(f, d);
    return diff.isEmpty() ? Optional.empty() : Optional.of("rows differ" + diff);
  }

  /** Rows of each side that the other lacks (greedy matching with tolerance); "" when none. */
  private static String rowsDiff(List<List<Object>> f, List<List<Object>> d) {
    if ((long) f.size() * d.size() > 25_000_000L) {
      return " (too many rows to list the difference)";
    }
    List<List<Object>> onlyDuck = new ArrayList<>(sorted(d));
    List<List<Object>> onlyFloe = new ArrayList<>();
    for (List<Object> row : sorted(f)) {
      boolean matched = false;
      for (int i = 0; i < onlyDuck.size(); i++) {
        if (rowEqual(row, onlyDuck.get(i))) {
          onlyDuck.remove(i);
          matched = true;
          break;
        }
      }
      if (!matched) {
        onlyFloe.add(row);
      }
    }
    if (onlyFloe.isEmpty() && onlyDuck.isEmpty()) {
      return "";
    }
    return "; only Floe: " + show(onlyFloe) + "; only DuckDB: " + show(onlyDuck);
  }

  private static String show(List<List<Object>> rows) {
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < Math.min(SHOWN_ROWS, rows.size()); i++) {
      shown.add(Cells.render(rows.get(i)));
    }
    return rows.size() + " row(s) " + String.join(" ", shown) + (rows.size() > SHOWN_ROWS ? " ..." : "");
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(ResultComparator::keyOf));
    return copy;
  }

  private static String keyOf(List<Object> row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      b.append(Cells.sortKey(v)).append('\u0001');
    }
    return b.toString();
  }

  static boolean rowEqual(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Cells.equal(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}

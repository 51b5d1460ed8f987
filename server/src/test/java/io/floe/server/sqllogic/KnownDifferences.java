package io.floe.server.sqllogic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checked-in list of queries where Floe differs from DuckDB today: one line per query id
 * ({@code script:line}), its category and a short reason. A run fails on a difference the list
 * lacks (or lists with another category), and on a listed query that now agrees, so the list only
 * shrinks as bugs get fixed. {@link #record} rewrites it from a run, keeping the entries of queries
 * the run did not cover.
 */
final class KnownDifferences {
  /** One listed query. */
  record Entry(String id, Category category, String reason) {}

  /** What a run found against the list. */
  record Check(List<QueryResult> unexpected, List<Entry> resolved) {
    boolean passed() {
      return unexpected.isEmpty() && resolved.isEmpty();
    }
  }

  private static final String HEADER = """
      # Queries where Floe's answer differs from DuckDB's today (see docs/sql.md, "Differential SQL tests").
      # One line per query: id (script:line), category (wrong, floe_error, duck_error_only), reason.
      # SqlLogicTest fails on a difference missing here and on a query listed here that now agrees.
      # Regenerate after fixes: bench/sqllogic.sh --record (or -Dsqllogic.record=true).
      """;

  private final Map<String, Entry> entries;

  private KnownDifferences(Map<String, Entry> entries) {
    this.entries = entries;
  }

  static KnownDifferences load(Path file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return new KnownDifferences(entries);
    }
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t", 3);
        if (parts.length < 2) {
          throw new IllegalStateException("malformed line in " + file + ": " + line);
        }
        entries.put(parts[0], new Entry(parts[0], Category.parse(parts[1]),
            parts.length > 2 ? parts[2] : ""));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnownDifferences(entries);
  }

  int size() {
    return entries.size();
  }

  Check check(List<QueryResult> results) {
    List<QueryResult> unexpected = new ArrayList<>();
    List<Entry> resolved = new ArrayList<>();
    for (QueryResult r : results) {
      Entry listed = entries.get(r.id());
      if (r.category().isDifference()) {
        if (listed == null || listed.category() != r.category()) {
          unexpected.add(r);
        }
      } else if (listed != null) {
        resolved.add(new Entry(r.id(), r.category(), "listed as " + listed.category().label()
            + ", now " + r.category().label()));
      }
    }
    return new Check(unexpected, resolved);
  }

  /** Writes the list anew: this run's differences, plus entries for queries it did not run. */
  void record(Path file, List<QueryResult> results) {
    Set<String> ran = results.stream().map(QueryResult::id).collect(Collectors.toSet());
    Map<String, Entry> next = new TreeMap<>(KnownDifferences::compareIds);
    entries.values().stream().filter(e -> !ran.contains(e.id())).forEach(e -> next.put(e.id(), e));
    for (QueryResult r : results) {
      if (r.category().isDifference()) {
        next.put(r.id(), new Entry(r.id(), r.category(), reason(r)));
      }
    }
    StringBuilder out = new StringBuilder(HEADER);
    for (Entry e : next.values()) {
      out.append(e.id()).append('\t').append(e.category().label()).append('\t').append(e.reason())
          .append('\n');
    }
    try {
      Files.writeString(file, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String reason(QueryResult r) {
    String text = r.detail().replaceAll("\\s+", " ").strip();
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }

  /** Orders ids by script, then line number, then execution. */
  static int compareIds(String a, String b) {
    return ID_ORDER.compare(a, b);
  }

  private static final Comparator<String> ID_ORDER = Comparator
      .comparing((String id) -> id.substring(0, Math.max(0, id.lastIndexOf(':'))))
      .thenComparing(id -> number(id, ':'))
      .thenComparing(id -> id);

  private static long number(String id, char after) {
    String tail = id.substring(id.lastIndexOf(after) + 1);
    StringBuilder digits = new StringBuilder();
    for (char c : tail.toCharArray()) {
      if (!Character.isDigit(c)) {
        break;
      }
      digits.append(c);
    }
    return digits.length() == 0 ? 0 : Long.parseLong(digits.toString());
  }
}

package io.floe.engine.service;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.AuditTrail;
import io.floe.engine.audit.AuditReader;
import io.floe.engine.security.AccessPolicy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** {@link AuditTrail} over the audit files: filters, pages and what each principal may read. */
public final class AuditTrailService implements AuditTrail {
  private final AuditReader reader;

  public AuditTrailService(AuditReader reader) {
    this.reader = requireNonNull(reader, "reader");
  }

  @Override public Page query(Principal p, Filter filter) {
    requireNonNull(filter, "filter");
    Predicate<Entry> visible = visibleTo(p);
    Predicate<Entry> matches = visible.and(e -> matches(e, filter));
    // One more than asked for tells whether an older page exists.
    List<Entry> found = reader.read(filter.before(), line -> {
      Entry e = entry(line.id(), line.json());
      return e != null && matches.test(e) ? shortened(e) : null;
    }, filter.limit() + 1);
    List<Entry> page = found.size() > filter.limit() ? found.subList(0, filter.limit()) : found;
    String next = found.size() > filter.limit() ? page.get(page.size() - 1).id() : null;
    return new Page(new ArrayList<>(page), next);
  }

  @Override public Entry get(Principal p, String id) {
    Predicate<Entry> visible = visibleTo(p);
    return reader.get(id)
        .map(line -> entry(line.id(), line.json()))
        .filter(visible)
        .orElseThrow(() -> FloeException.notFound("audit entry '" + id + "'"));
  }

  /** Throws for principals that may not read the log at all. */
  private static Predicate<Entry> visibleTo(Principal p) {
    String project = AccessPolicy.requireAuditReader(requireNonNull(p, "principal"));
    return project == null ? e -> true : e -> project.equals(e.project());
  }

  static boolean matches(Entry e, Filter f) {
    if (f.principal() != null && !f.principal().equals(e.principal())) {
      return false;
    }
    if (f.frontEnd() != null && !f.frontEnd().equals(e.frontEnd())) {
      return false;
    }
    if (f.outcome() != null && !f.outcome().equals(e.outcome())) {
      return false;
    }
    if (f.from() != null && e.time().isBefore(f.from())) {
      return false;
    }
    if (f.to() != null && !e.time().isBefore(f.to())) {
      return false;
    }
    if (f.table() != null && e.tables().stream().noneMatch(t -> names(t, f.table()))) {
      return false;
    }
    return f.text() == null || contains(e.sql(), f.text());
  }

  /** {@code orders} and {@code in_c.orders} both name {@code p.in_c.orders}. */
  private static boolean names(String table, String wanted) {
    String t = table.toLowerCase(Locale.ROOT);
    String w = wanted.toLowerCase(Locale.ROOT);
    return t.equals(w) || t.endsWith("." + w);
  }

  private static boolean contains(String text, String part) {
    return text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
  }

  /** The entry a line holds; null for a line that lacks what every line has. */
  static Entry entry(String id, JsonNode n) {
    String timeText = text(n, "time");
    String principal = text(n, "principal");
    String sql = text(n, "sql");
    if (timeText == null || principal == null || sql == null) {
      return null;
    }
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      return null;
    }
    return new Entry(id, time, principal, text(n, "project"), text(n, "front_end"),
        text(n, "session"), sql, false, strings(n.get("tables")), n.path("rows").asLong(),
        n.path("duration_ms").asLong(), text(n, "outcome"), text(n, "error_code"),
        text(n, "sqlstate"), strings(n.get("source_queries")), n.path("source_rows").asLong(),
        text(n, "remote"), text(n, "reason"), text(n, "credential"));
  }

  /**
   * The entry as a page lists it, with the start of its text. Filters read the whole text first:
   * matching the shortened one would hide entries whose match lies past the cut.
   */
  private static Entry shortened(Entry e) {
    if (e.sql().length() <= LISTED_SQL_CHARS) {
      return e;
    }
    return new Entry(e.id(), e.time(), e.principal(), e.project(), e.frontEnd(), e.session(),
        e.sql().substring(0, LISTED_SQL_CHARS), true, e.tables(), e.rows(), e.durationMs(),
        e.outcome(), e.errorCode(), e.sqlstate(), e.sourceQueries(), e.sourceRows(), e.remote(),
        e.reason(), e.credential());
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> result.add(v.asText()));
    }
    return result;
  }
}

package io.floe.engine.api.admin;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.FloeException;
import io.floe.engine.api.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The audit log read back: statements, audited storage API operations and refused logins, newest
 * first, filtered, a page at a time.
 *
 * <p>Who reads what is decided here, not by a front-end: the admin reads every line; a project's
 * master token reads its own project's lines (the same right as administering the project's
 * tokens and settings); anyone else (a limited token, even one with {@code can_manage_buckets}, a
 * workspace user) is refused with {@code access_denied} (42501). A line without a project (the
 * admin's, an anonymous refused login, lines written before lines named their project) is the
 * admin's alone.
 */
public interface AuditTrail {
  int DEFAULT_LIMIT = 100;
  int MAX_LIMIT = 1000;
  /** How much of a statement's text a listed entry carries; {@link #get} has all of it. */
  int LISTED_SQL_CHARS = 2000;
  Set<String> OUTCOMES = Set.of("ok", "error", "cancelled", "timeout");

  /**
   * Which lines to read. Every criterion is optional (null: any).
   *
   * @param principal exactly this principal ({@code admin}, {@code token:<id>}, ...)
   * @param frontEnd exactly this front-end ({@code rest}, {@code jdbc}, {@code pgwire}, ...)
   * @param table a table the line touched: a name in its tables that equals this or ends with
   *     {@code .} and this, ignoring case ({@code orders}, {@code in_c.orders})
   * @param outcome one of {@link #OUTCOMES}
   * @param from lines at or after this time
   * @param to lines before this time
   * @param text a substring of the statement's text, ignoring case
   * @param limit how many lines, 1..{@link #MAX_LIMIT}
   * @param before an entry id: only lines older than that entry (the previous page's
   *     {@link Page#nextBefore()})
   */
  record Filter(String principal, String frontEnd, String table, String outcome, Instant from,
      Instant to, String text, int limit, String before) {
    public Filter {
      principal = blankToNull(principal);
      frontEnd = blankToNull(frontEnd);
      table = blankToNull(table);
      outcome = blankToNull(outcome);
      text = blankToNull(text);
      before = blankToNull(before);
      if (outcome != null) {
        outcome = outcome.toLowerCase(Locale.ROOT);
        if (!OUTCOMES.contains(outcome)) {
          throw FloeException.invalid("outcome must be one of ok, error, cancelled, timeout");
        }
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw FloeException.invalid("limit must be between 1 and " + MAX_LIMIT);
      }
    }

    /** The newest {@link #DEFAULT_LIMIT} lines. */
    public static Filter newest() {
      return new Filter(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /**
     * A time as clients write it: an instant ({@code 2026-12-07T12:00:00Z}), a date-time with an
     * offset ({@code 2026-12-07T13:00:00+01:00}) or a date (its midnight, UTC).
     *
     * @throws FloeException {@code invalid_argument} naming {@code param}
     */
    public static Instant time(String param, String text) {
      String t = requireNonNull(text, param).strip();
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException notDateTime) {
        try {
          return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
          throw FloeException.invalid(param + " must be an ISO-8601 time such as "
              + "2026-12-07T12:00:00Z or a date such as 2026-12-07");
        }
      }
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }

  /**
   * One audit line.
   *
   * @param id stable while its file is kept; for {@link #get} and {@link Filter#before()}
   * @param time when the statement started (or the login was refused)
   * @param principal who ({@code admin}, {@code token:<id>}, {@code workspace:<id>},
   *     {@code anonymous})
   * @param project the principal's project; null for the admin and unknown callers
   * @param frontEnd {@code rest}, {@code jdbc}, {@code pgwire}, ...
   * @param session session id ({@code -} outside sessions)
   * @param sql the statement's text, or the operation ({@code CREATE TOKEN IN PROJECT p},
   *     {@code AUTHENTICATE}); in lists at most {@link #LISTED_SQL_CHARS} characters
   * @param sqlTruncated whether {@code sql} was shortened for the list
   * @param tables what it touched
   * @param rows rows returned or changed
   * @param durationMs wall time
   * @param outcome {@code ok}, {@code error}, {@code cancelled} or {@code timeout}
   * @param errorCode Floe's error code when it failed, else null
   * @param sqlstate SQLSTATE when it failed, else null
   * @param sourceQueries queries it ran in remote sources ({@code <connection>:<query id>})
   * @param sourceRows rows fetched from remote sources
   * @param remote a refused login's client address, else null
   * @param reason why a login was refused, else null
   * @param credential a hint of what a refused login presented (never a secret), else null
   */
  record Entry(String id, Instant time, String principal, String project, String frontEnd,
      String session, String sql, boolean sqlTruncated, List<String> tables, long rows,
      long durationMs, String outcome, String errorCode, String sqlstate,
      List<String> sourceQueries, long sourceRows, String remote, String reason,
      String credential) {
    public Entry {
      requireNonNull(id, "id");
      requireNonNull(time, "time");
      requireNonNull(principal, "principal");
      tables = List.copyOf(tables);
      sourceQueries = List.copyOf(sourceQueries);
    }
  }

  /**
   * A page of entries, newest first.
   *
   * @param nextBefore the cursor for the next (older) page, or null when there is none
   */
  record Page(List<Entry> entries, String nextBefore) {
    public Page {
      entries = List.copyOf(entries);
    }
  }

  /**
   * Lines the principal may read that match, newest first (in the order they were written: a
   * statement's line is written when it ends).
   *
   * @throws FloeException {@code access_denied} for principals that may not read the audit log
   */
  Page query(Principal p, Filter filter);

  /**
   * One entry in full (the whole statement text).
   *
   * @throws FloeException {@code not_found} when there is no such entry or the principal may not
   *     read it; {@code access_denied} as for {@link #query}
   */
  Entry get(Principal p, String id);
}

package io.floe.web;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.AuditTrail;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.time.Instant;
import java.util.List;

/**
 * The audit log, read back: {@code GET /audit} (filtered, newest first, paged with {@code before})
 * and {@code GET /audit/{entryId}}. The engine decides who reads which lines.
 */
final class AuditResource {
  private final Floe engine;

  AuditResource(Floe engine) {
    this.engine = engine;
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.GET, "/audit", "Audit log entries, newest first: every entry for the "
            + "admin, its own project's for a project's master token", true, this::list)
            .query("principal", "string", "exactly this principal: admin, token:<id>, workspace:<id>")
            .query("front_end", "string", "exactly this front-end: rest, jdbc, pgwire, ...")
            .query("table", "string", "entries that touched a table of this name, ignoring case "
                + "(orders or in_c.orders)")
            .query("outcome", "string", "ok, error, cancelled or timeout")
            .query("from", "string", "entries at or after this time (ISO-8601, or a date)")
            .query("to", "string", "entries before this time (ISO-8601, or a date)")
            .query("text", "string", "entries whose SQL contains this, ignoring case")
            .query("limit", "integer", "how many, 1..1000 (default 100)")
            .query("before", "string", "an entry id: only older entries (the previous page's "
                + "next_before)"),
        new Route(HttpMethod.GET, "/audit/{entryId}", "One audit entry, with its whole SQL", true,
            this::get));
  }

  private ApiResponse list(ApiRequest request) {
    AuditTrail.Filter filter = new AuditTrail.Filter(text(request, "principal"),
        text(request, "front_end"), text(request, "table"), text(request, "outcome"),
        time(request, "from"), time(request, "to"), text(request, "text"),
        request.queryInt("limit").orElse(AuditTrail.DEFAULT_LIMIT), text(request, "before"));
    AuditTrail.Page page = engine.auditTrail().query(request.principal(), filter);
    return ApiResponse.ok(new Views.AuditPageView(
        page.entries().stream().map(Views.AuditEntryView::of).toList(), page.nextBefore()));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(Views.AuditEntryView.of(
        engine.auditTrail().get(request.principal(), request.param("entryId"))));
  }

  private static String text(ApiRequest request, String name) {
    return request.query(name).orElse(null);
  }

  private static Instant time(ApiRequest request, String name) {
    return request.query(name).filter(s -> !s.isBlank())
        .map(s -> AuditTrail.Filter.time(name, s)).orElse(null);
  }
}

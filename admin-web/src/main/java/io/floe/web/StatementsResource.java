package io.floe.web;

import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.ResultColumn;
import io.floe.engine.api.sql.Statements;
import io.floe.engine.api.sql.Statements.Status;
import io.floe.http.ApiRequest;
import io.floe.http.ApiResponse;
import io.floe.http.HttpMethod;
import io.floe.http.Route;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQL over REST: {@code /projects/{id}/statements}. A statement runs detached as the caller's
 * principal (the engine's statement handles: access control, audit, timeouts and cancellation as
 * for any SQL); the caller waits for it up to {@code wait_seconds}, then polls its status, reads its
 * rows a page at a time, cancels it or drops its result. The web console's SQL editor uses these
 * routes, as any script may.
 */
final class StatementsResource {
  private static final String STATEMENTS = "/projects/{id}/statements";
  private static final String STATEMENT = STATEMENTS + "/{statement}";
  /** Rows held for one statement when the request does not say (the console's default). */
  static final long DEFAULT_MAX_ROWS = 10_000;
  static final long MAX_ROWS = 1_000_000;
  private static final int MAX_WAIT_SECONDS = 60;
  private static final int MAX_PAGE_ROWS = 10_000;

  private final Floe engine;

  StatementsResource(Floe engine) {
    this.engine = engine;
  }

  /** A statement to run. */
  record StatementRequest(String sql, String dialect, List<Object> parameters, Long maxRows,
      Integer timeoutSeconds, Integer waitSeconds) {}

  /** A result's column. */
  record ColumnView(String name, String type) {}

  /** Why a statement failed or stopped, as REST errors say it. */
  record ErrorView(String error, String sqlstate, String message) {}

  /** A statement's status. */
  record StatementView(String id, String projectId, String state, String sql, String command,
      List<ColumnView> columns, long rows, boolean truncated, ErrorView error, Instant createdAt,
      Instant startedAt, Instant finishedAt, Instant expiresAt, Long elapsedMs) {
    static StatementView of(Status s, Instant now) {
      ErrorView error = s.error() == null ? null
          : new ErrorView(s.error().code(), s.error().sqlState(), s.message());
      Instant from = s.startedAt() != null ? s.startedAt() : s.createdAt();
      Instant to = s.finishedAt() != null ? s.finishedAt() : now;
      Long elapsed = from == null ? null : Math.max(0, Duration.between(from, to).toMillis());
      return new StatementView(s.id(), s.projectId(), s.state().name().toLowerCase(Locale.ROOT),
          s.sql(), s.command(), s.columns().stream()
              .map(c -> new ColumnView(c.label(), c.type().toString())).toList(),
          s.rows(), s.truncated(), error, s.createdAt(), s.startedAt(), s.finishedAt(),
          s.expiresAt(), elapsed);
    }
  }

  List<Route> routes() {
    return List.of(
        new Route(HttpMethod.POST, STATEMENTS, "Run a SQL statement as the caller; waits up to "
            + "wait_seconds for it, then answers its status (poll it while it runs)", true,
            this::submit).body(StatementRequest.class).status(201).orStatus(202),
        new Route(HttpMethod.GET, STATEMENTS, "The caller's statements whose results are held now",
            true, this::list),
        new Route(HttpMethod.GET, STATEMENT, "A statement's status", true, this::get)
            .query("wait", "integer", "seconds to wait for it to finish (at most 60)"),
        new Route(HttpMethod.GET, STATEMENT + "/rows", "A page of a finished statement's rows",
            true, this::rows)
            .query("offset", "integer", "first row, from 0 (default 0)")
            .query("limit", "integer", "rows to return, 1..10000 (default 100)")
            .query("format", "string", "json (default) or csv (a header row, then the rows)")
            .produces("text/csv"),
        new Route(HttpMethod.POST, STATEMENT + "/cancel", "Cancel a queued or running statement",
            true, this::cancel),
        new Route(HttpMethod.DELETE, STATEMENT, "Drop a statement's result (cancels it if running)",
            true, this::close).status(204));
  }

  private Statements statements() {
    return engine.statements();
  }

  private ApiResponse submit(ApiRequest request) {
    StatementRequest body = request.json(StatementRequest.class);
    if (body.sql() == null || body.sql().isBlank()) {
      throw FloeException.invalid("sql is required");
    }
    Flavor flavor = flavor(body.dialect());
    long maxRows = body.maxRows() == null ? DEFAULT_MAX_ROWS : body.maxRows();
    if (maxRows < 1 || maxRows > MAX_ROWS) {
      throw FloeException.invalid("max_rows must be between 1 and " + MAX_ROWS);
    }
    Duration timeout = null;
    if (body.timeoutSeconds() != null) {
      if (body.timeoutSeconds() < 1) {
        throw FloeException.invalid("timeout_seconds must be at least 1");
      }
      timeout = Duration.ofSeconds(body.timeoutSeconds());
    }
    int wait = seconds(body.waitSeconds() == null ? 10 : body.waitSeconds(), "wait_seconds");
    String projectId = request.param("id");
    // The admin sees every project; names resolve in the project the path names, as a project's own do.
    List<String> schema = request.principal().isAdmin() ? List.of(projectId) : null;
    Status submitted = statements().submit(request.principal(), new Statements.Request(
        projectId, body.sql(), body.parameters(), flavor, "rest", schema, timeout, maxRows));
    Status now = wait == 0 ? submitted
        : statements().await(request.principal(), submitted.id(), Duration.ofSeconds(wait));
    StatementView view = StatementView.of(now, Instant.now());
    return now.state().isFinal() ? ApiResponse.created(view) : ApiResponse.accepted(view);
  }

  private static Flavor flavor(String dialect) {
    if (dialect == null || dialect.equalsIgnoreCase("standard")
        || dialect.equalsIgnoreCase("postgres")) {
      return Flavor.POSTGRES;
    }
    if (dialect.equalsIgnoreCase("snowflake")) {
      return Flavor.SNOWFLAKE;
    }
    throw FloeException.invalid("dialect must be 'standard' or 'snowflake'");
  }

  private static int seconds(int value, String name) {
    if (value < 0 || value > MAX_WAIT_SECONDS) {
      throw FloeException.invalid(name + " must be between 0 and " + MAX_WAIT_SECONDS);
    }
    return value;
  }

  private ApiResponse list(ApiRequest request) {
    String projectId = request.param("id");
    engine.projects().get(request.principal(), projectId); // not found unless the caller may see it
    Instant now = Instant.now();
    return ApiResponse.ok(Map.of("statements", statements().list(request.principal()).stream()
        .filter(s -> projectId.equals(s.projectId()))
        .map(s -> StatementView.of(s, now)).toList()));
  }

  private ApiResponse get(ApiRequest request) {
    int wait = seconds(request.queryInt("wait").orElse(0), "wait");
    Status s = status(request);
    s = wait == 0 ? s
        : statements().await(request.principal(), handle(request), Duration.ofSeconds(wait));
    return ApiResponse.ok(StatementView.of(s, Instant.now()));
  }

  private ApiResponse rows(ApiRequest request) {
    long offset = request.queryInt("offset").orElse(0);
    int limit = request.queryInt("limit").orElse(100);
    if (offset < 0) {
      throw FloeException.invalid("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_PAGE_ROWS) {
      throw FloeException.invalid("limit must be between 1 and " + MAX_PAGE_ROWS);
    }
    boolean csv = switch (request.query("format").orElse("json")) {
      case "json" -> false;
      case "csv" -> true;
      default -> throw FloeException.invalid("format must be 'json' or 'csv'");
    };
    status(request);
    Statements.Page page = statements().page(request.principal(), handle(request), offset, limit);
    if (csv) {
      return ApiResponse.stream("text/csv; charset=utf-8", out -> {
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CsvWriter writer = new CsvWriter(w);
        writer.row(page.columns().stream().map(ResultColumn::label).toArray());
        for (Object[] row : page.rows()) {
          writer.row(row);
        }
        w.flush();
      });
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("columns", page.columns().stream()
        .map(c -> new ColumnView(c.label(), c.type().toString())).toList());
    body.put("offset", page.offset());
    body.put("rows", page.rows());
    body.put("last", page.last());
    return ApiResponse.ok(body);
  }

  private ApiResponse cancel(ApiRequest request) {
    status(request);
    return ApiResponse.ok(StatementView.of(
        statements().cancel(request.principal(), handle(request)), Instant.now()));
  }

  private ApiResponse close(ApiRequest request) {
    status(request);
    statements().close(request.principal(), handle(request));
    return ApiResponse.noContent();
  }

  private static String handle(ApiRequest request) {
    return request.param("statement");
  }

  /** The statement's status; not found unless it belongs to the project the path names. */
  private Status status(ApiRequest request) {
    Status s = statements().status(request.principal(), handle(request));
    if (!request.param("id").equals(s.projectId())) {
      throw new FloeException(ErrorCode.NOT_FOUND, "statement " + handle(request) + " not found");
    }
    return s;
  }
}

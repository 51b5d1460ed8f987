package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.HttpCredentials;
import io.floe.engine.api.InternalErrors;
import io.floe.engine.api.Origin;
import io.floe.engine.api.Principal;
import io.floe.snowflake.SqlApiAnswers.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Snowflake's SQL API v2 over the engine's statement handles: {@code POST /api/v2/statements}
 * submits a statement (or several, with {@code MULTI_STATEMENT_COUNT}), {@code GET
 * /api/v2/statements/{handle}[?partition=n]} answers its status or a partition of its result, and
 * {@code POST /api/v2/statements/{handle}/cancel} cancels it.
 *
 * <p>A request authenticates with {@code Authorization: Bearer <token>}: a Floe project token (or
 * the admin token) is a programmatic access token. Its {@code database} is the project (the
 * token's own; the admin names any), its {@code schema} a bucket. Statements run detached in the
 * Snowflake dialect with the token's rights, timeouts and audit; their results are held by the
 * engine in partitions ({@link io.floe.engine.api.sql.Statements}). A synchronous request waits up
 * to 45 s (or the statement's timeout) before answering 202. Answers are Snowflake's
 * ({@link SqlApiAnswers}); who may see a handle is the engine's rule, and another principal's
 * handle is answered 404.
 */
public final class SqlApiV2 extends Handler.Abstract {
  static final String PREFIX = "/api/v2/statements";
  /** Longest a POST waits for its statement before answering 202, as Snowflake's. */
  static final Duration SYNC_WAIT = Duration.ofSeconds(45);
  /** Longest a GET of a running statement waits before answering 202, so pollers do not spin. */
  static final Duration POLL_WAIT = Duration.ofSeconds(2);
  /** How long a handle and its request id are remembered (the engine drops results sooner). */
  static final Duration KEEP = Duration.ofHours(24);
  /** Most handles remembered at once; a submit past it is answered 429 until old ones are forgotten. */
  static final int MAX_HANDLES = 100_000;
  /** Largest request body, compressed or not. */
  static final int MAX_BODY = 4 << 20;
  /** Snowflake's code for a request without a {@code User-Agent} (from third-party notes). */
  static final String NO_USER_AGENT = "391903";
  /** Code of a refused or invalid bearer token. */
  static final String BAD_TOKEN = "390303";
  /** Multi-statement requests whose statements run at the same time (each waits on the engine). */
  static final int SCRIPT_THREADS = 16;
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private final Floe engine;
  private final Clock clock;
  private final SqlApiSubmissions submissions;
  private final Map<String, SqlApiStatement> handles = new ConcurrentHashMap<>();
  private final Map<String, String> byRequestId = new ConcurrentHashMap<>();
  /** Threads that run multi-statement requests, at most {@link #SCRIPT_THREADS}; more wait their turn. */
  private final ThreadPoolExecutor scripts = new ThreadPoolExecutor(SCRIPT_THREADS, SCRIPT_THREADS,
      60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
        Thread t = new Thread(r, "floe-sqlapi-multi");
        t.setDaemon(true);
        return t;
      });
  private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "floe-sqlapi-sweeper");
    t.setDaemon(true);
    return t;
  });

  public SqlApiV2(Floe engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    scripts.allowCoreThreadTimeOut(true);
    this.submissions = new SqlApiSubmissions(engine, clock, scripts, handles::put);
    sweeper.scheduleWithFixedDelay(this::forgetOld, 10, 10, TimeUnit.MINUTES);
  }

  @Override public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return false;
    }
    Answer answer;
    try {
      answer = route(request, path);
    } catch (FloeException e) {
      answer = refusal(e);
    } catch (RuntimeException e) {
      answer = SqlApiAnswers.refused(500, "000603", "XX000", InternalErrors.message(InternalErrors.log(e)));
    }
    byte[] body = answer.bytes();
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (answer.link() != null) {
      response.getHeaders().put("Link", answer.link());
    }
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  private Answer route(Request request, String path) {
    String method = request.getMethod();
    String userAgent = request.getHeaders().get(HttpHeader.USER_AGENT);
    if (userAgent == null || userAgent.isBlank()) {
      return SqlApiAnswers.refused(400, NO_USER_AGENT, null,
          "The User-Agent header is required: name your application, e.g. myapp/1.0");
    }
    String rest = path.substring(PREFIX.length());
    if (rest.isEmpty() || rest.equals("/")) {
      if (!method.equals("POST")) {
        return notAllowed(method, "POST");
      }
      Principal p = authenticate(request);
      String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        return protocol(415, "The request body must be JSON, with Content-Type: application/json "
            + "(it was " + (type == null ? "missing" : type) + ")");
      }
      return submit(request, p);
    }
    String[] parts = rest.substring(1).split("/", -1);
    if (parts.length == 1) {
      if (!method.equals("GET")) {
        return notAllowed(method, "GET");
      }
      Principal p = authenticate(request);
      return get(request, p, parts[0]);
    }
    if (parts.length == 2 && parts[1].equals("cancel")) {
      if (!method.equals("POST")) {
        return notAllowed(method, "POST");
      }
      Principal p = authenticate(request);
      return cancel(p, parts[0]);
    }
    throw new FloeException(ErrorCode.NOT_FOUND, "no such SQL API operation: " + path);
  }

  private static Answer notAllowed(String method, String allowed) {
    return protocol(405, method + " is not allowed here; use " + allowed);
  }

  /** A refusal with Floe's code for a protocol violation, under {@code status}. */
  private static Answer protocol(int status, String message) {
    SnowflakeErrors.Mapped m = SnowflakeErrors.of(new FloeException(ErrorCode.PROTOCOL_VIOLATION, message));
    return SqlApiAnswers.refused(status, m.code(), m.sqlState(), message);
  }

  // ---- authentication ---------------------------------------------------------------------------

  /**
   * The principal of {@code Authorization: Bearer <token>}. A Floe token is a programmatic access
   * token ({@code X-Snowflake-Authorization-Token-Type: PROGRAMMATIC_ACCESS_TOKEN}, or no type); a
   * key-pair JWT ({@code KEYPAIR_JWT}) is checked against the project's registered Snowflake users
   * on every request, so a deleted user is refused at once.
   */
  private Principal authenticate(Request request) {
    String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7) || h.substring(7).isBlank()) {
      throw new FloeException(ErrorCode.UNAUTHENTICATED, "Authorization: Bearer <token> is required "
          + "(a Floe project token, or the admin token)");
    }
    String token = h.substring(7).trim();
    String type = request.getHeaders().get("X-Snowflake-Authorization-Token-Type");
    String kind = type == null || type.isBlank() ? "PROGRAMMATIC_ACCESS_TOKEN" : type.trim().toUpperCase(Locale.ROOT);
    Origin origin = new Origin("snowflake", Request.getRemoteAddr(request));
    Principal p = switch (kind) {
      case "PROGRAMMATIC_ACCESS_TOKEN" -> engine.authentication()
          .authenticate(new HttpCredentials.Token(token), origin)
          .orElseThrow(() -> new FloeException(ErrorCode.UNAUTHENTICATED, "a token is required"));
      case "KEYPAIR_JWT" -> engine.authentication().authenticateSnowflakeJwt(token, null, origin).principal();
      case "OAUTH" -> throw new FloeException(ErrorCode.UNAUTHENTICATED, "Floe does not accept OAuth "
          + "tokens yet: send a Floe token as a programmatic access token (X-Snowflake-Authorization-"
          + "Token-Type: PROGRAMMATIC_ACCESS_TOKEN, or no type)");
      default -> throw new FloeException(ErrorCode.UNAUTHENTICATED, "unknown token type " + type
          + " (KEYPAIR_JWT, OAUTH or PROGRAMMATIC_ACCESS_TOKEN)");
    };
    request.setAttribute(HttpCredentials.PRINCIPAL_ATTRIBUTE, p.name());
    return p;
  }

  // ---- operations -------------------------------------------------------------------------------

  private Answer submit(Request request, Principal p) {
    Fields q = Request.extractQueryParameters(request);
    String requestId = q.getValue("requestId");
    if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
      throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "requestId must be a UUID (letters, "
          + "digits and dashes, at most 64)");
    }
    boolean async = bool(q, "async");
    boolean nullable = !"false".equalsIgnoreCase(q.getValue("nullable"));
    JsonNode body = body(request);
    SqlApiSubmissions.Parsed parsed = SqlApiSubmissions.parse(body);
    Duration wait = async ? Duration.ZERO : parsed.wait(SYNC_WAIT);
    if (handles.size() >= MAX_HANDLES) {
      throw new FloeException(ErrorCode.TOO_MANY_CONNECTIONS, "Floe holds " + MAX_HANDLES
          + " statement handles of the SQL API, its most; retry later");
    }
    SqlApiStatement s = new SqlApiStatement(java.util.UUID.randomUUID().toString(), p, requestId,
        nullable, clock.instant(), parsed.isMulti());
    handles.put(s.handle, s);
    if (requestId != null) {
      // A request id already used by this principal answers its statement again (a retry).
      String key = p.name() + "\n" + requestId;
      String earlier = byRequestId.putIfAbsent(key, s.handle);
      SqlApiStatement previous = earlier == null ? null : handles.get(earlier);
      if (previous != null) {
        handles.remove(s.handle, s);
        return answer(previous, p, wait, null);
      }
      if (earlier != null) {
        byRequestId.put(key, s.handle);
      }
    }
    try {
      submissions.start(s, p, parsed);
    } catch (FloeException e) {
      if (e.code() == ErrorCode.RESOURCE_EXHAUSTED || e.code() == ErrorCode.TOO_MANY_CONNECTIONS) {
        forget(s);
        throw e;
      }
      s.fail(e);
      s.done.complete(null);
    }
    return answer(s, p, wait, null);
  }

  private Answer get(Request request, Principal p, String handle) {
    SqlApiStatement s = visible(p, handle);
    String partition = Request.extractQueryParameters(request).getValue("partition");
    Integer index = null;
    if (partition != null) {
      try {
        index = Integer.valueOf(partition);
      } catch (NumberFormatException e) {
        index = -1;
      }
      if (index < 0) {
        throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "partition must be a number from 0");
      }
    }
    return answer(s, p, POLL_WAIT, index);
  }

  private Answer cancel(Principal p, String handle) {
    SqlApiStatement s = visible(p, handle);
    if (s.failure() != null) {
      return SqlApiAnswers.failed(s);
    }
    if (s.multi) {
      if (s.done.isDone()) {
        return notCancellable(s, "it has finished");
      }
      s.cancelled = true;
      List<SqlApiStatement> children = s.children;
      if (!children.isEmpty()) {
        SqlApiStatement current = children.get(children.size() - 1);
        try {
          engine.statements().cancel(p, current.engineId);
        } catch (FloeException finishedMeanwhile) {
          // the runner sees the cancel before it starts the next statement
        }
      }
      return SqlApiAnswers.cancelled(s);
    }
    if (s.engineId == null) {
      return notCancellable(s, "it is still being submitted; try again");
    }
    var status = engine.statements().status(p, s.engineId);
    if (status.state().isFinal()) {
      return notCancellable(s, "it has finished (" + status.state().name().toLowerCase(Locale.ROOT) + ")");
    }
    try {
      engine.statements().cancel(p, s.engineId);
    } catch (FloeException e) {
      if (e.code() != ErrorCode.INVALID_STATE) {
        throw e;
      }
      return notCancellable(s, e.getMessage());
    }
    return SqlApiAnswers.cancelled(s);
  }

  private static Answer notCancellable(SqlApiStatement s, String why) {
    return SqlApiAnswers.failed(s, new FloeException(ErrorCode.INVALID_STATE,
        "Statement " + s.handle + " cannot be canceled: " + why));
  }

  /** The handle's answer now, waiting up to {@code wait} for it to finish. */
  private Answer answer(SqlApiStatement s, Principal p, Duration wait, Integer partition) {
    if (s.failure() != null && (!s.multi || s.done.isDone())) {
      return SqlApiAnswers.failed(s);
    }
    if (s.multi) {
      if (!s.done.isDone() && !wait.isZero()) {
        try {
          s.done.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
          // answered below
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (!s.done.isDone()) {
        return SqlApiAnswers.running(s);
      }
      return s.failure() != null ? SqlApiAnswers.failed(s) : SqlApiAnswers.multi(s);
    }
    if (s.engineId == null) {
      return SqlApiAnswers.running(s); // a retry of a request still being submitted
    }
    var st = wait.isZero() ? engine.statements().status(p, s.engineId)
        : engine.statements().await(p, s.engineId, wait);
    return switch (st.state()) {
      case QUEUED, RUNNING -> SqlApiAnswers.running(s);
      case SUCCEEDED -> partition == null || partition == 0
          ? SqlApiAnswers.result(s, st, p, engine.statements())
          : SqlApiAnswers.partition(s, st, partition, p, engine.statements());
      case CANCELLED -> SqlApiAnswers.failed(s, new FloeException(ErrorCode.QUERY_CANCELLED,
          st.message() == null ? "cancelled" : st.message()));
      case FAILED -> SqlApiAnswers.failed(s, new FloeException(
          st.error() == null ? ErrorCode.INTERNAL_ERROR : st.error(),
          st.message() == null ? "the statement failed" : st.message()));
    };
  }

  /** The handle if {@code p} may see it; 404 otherwise, as for a handle that never existed. */
  private SqlApiStatement visible(Principal p, String handle) {
    SqlApiStatement s = handles.get(handle);
    if (s == null || !s.visibleTo(p)) {
      throw new FloeException(ErrorCode.NOT_FOUND, "Statement " + handle + " not found");
    }
    return s;
  }

  // ---- requests and refusals --------------------------------------------------------------------

  private static boolean bool(Fields q, String name) {
    String v = q.getValue(name);
    return v != null && v.equalsIgnoreCase("true");
  }

  /** The JSON body, gunzipped when compressed, at most {@link #MAX_BODY} bytes either way. */
  private static JsonNode body(Request request) {
    try (InputStream raw = Content.Source.asInputStream(request)) {
      byte[] bytes = raw.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is larger than "
            + MAX_BODY + " bytes");
      }
      String encoding = request.getHeaders().get(HttpHeader.CONTENT_ENCODING);
      if (encoding != null && encoding.equalsIgnoreCase("gzip")) {
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
          bytes = unzipped.readNBytes(MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
          throw new FloeException(ErrorCode.PAYLOAD_TOO_LARGE, "the request body unzips to more "
              + "than " + MAX_BODY + " bytes");
        }
      } else if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
        throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "Content-Encoding " + encoding
            + " is not supported (gzip or none)");
      }
      JsonNode body = SqlApiAnswers.JSON.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "the request body must be a JSON object");
      }
      return body;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "the request body is not JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new FloeException(ErrorCode.PROTOCOL_VIOLATION, "cannot read the request body: " + e.getMessage());
    }
  }

  /** A refused request's status and body: 401, 404, 413, 400 and so on. */
  private static Answer refusal(FloeException e) {
    SnowflakeErrors.Mapped m = SnowflakeErrors.of(e);
    return switch (e.code()) {
      case UNAUTHENTICATED, INVALID_PASSWORD, CONFLICTING_CREDENTIALS ->
          SqlApiAnswers.refused(401, BAD_TOKEN, e.code().sqlState(), e.getMessage());
      case NOT_FOUND -> SqlApiAnswers.refused(404, m.code(), m.sqlState(), e.getMessage());
      case PAYLOAD_TOO_LARGE -> SqlApiAnswers.refused(413, m.code(), m.sqlState(), e.getMessage());
      case RESOURCE_EXHAUSTED, ADMIN_SHUTDOWN -> SqlApiAnswers.refused(503, m.code(), m.sqlState(), e.getMessage());
      case TOO_MANY_CONNECTIONS -> SqlApiAnswers.refused(429, m.code(), m.sqlState(), e.getMessage());
      case INTERNAL_ERROR, IO_ERROR -> SqlApiAnswers.refused(500, m.code(), m.sqlState(), e.getMessage());
      default -> SqlApiAnswers.refused(400, m.code(), m.sqlState(), e.getMessage());
    };
  }

  // ---- lifetime ---------------------------------------------------------------------------------

  private void forget(SqlApiStatement s) {
    handles.remove(s.handle, s);
    if (s.requestId != null) {
      byRequestId.remove(s.owner.name() + "\n" + s.requestId, s.handle);
    }
    s.children.forEach(this::forget);
  }

  /** Forgets handles older than {@link #KEEP} whose statements have ended. */
  private void forgetOld() {
    Instant cutoff = clock.instant().minus(KEEP);
    for (SqlApiStatement s : List.copyOf(handles.values())) {
      if (s.createdOn.isBefore(cutoff) && (!s.multi || s.done.isDone())) {
        forget(s);
      }
    }
  }

  /** Stops the threads of multi-statement requests (Floe is stopping). */
  public void shutdown() {
    sweeper.shutdownNow();
    scripts.shutdownNow();
  }
}

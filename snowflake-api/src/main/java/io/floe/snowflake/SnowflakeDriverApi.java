package io.floe.snowflake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.FloeException;
import io.floe.engine.api.HttpCredentials;
import io.floe.engine.api.InternalErrors;
import io.floe.engine.api.Origin;
import io.floe.engine.api.Principal;
import io.floe.engine.api.catalog.VisibleBucket;
import io.floe.engine.api.sql.Flavor;
import io.floe.engine.api.sql.Session;
import io.floe.engine.api.sql.SnowflakeSessionCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The protocol Snowflake's own drivers speak (snowflake-jdbc, snowflake-connector-python,
 * snowflake-sdk), so that they connect to Floe with nothing changed but host, port and account:
 * {@code /session/v1/login-request}, {@code /queries/v1/query-request} and what goes with them
 * (results of long queries, abort, heartbeat, token renewal, session close, query monitoring).
 *
 * <p>The account a driver names is a Floe project; its password (or its OAuth or programmatic
 * access token) is a Floe token of that project, or the admin token; the user name is recorded in
 * the audit log. Every statement runs in an engine session in the Snowflake dialect, with the
 * token's rights, timeouts and audit, through the engine's statement handles (so a cancel, a
 * statement timeout or a revoked token stops it). Answers follow what the drivers read: always HTTP
 * 200 with {@code success} and a Snowflake error code (never 5xx, which drivers retry), values as
 * Snowflake's JSON result format writes them ({@link SnowflakeTypes}).
 */
public final class SnowflakeDriverApi extends Handler.Abstract {
  /** How long a query request or a result request waits before answering "still running". */
  static final Duration LONG_POLL = Duration.ofSeconds(40);
  /** A session token's lifetime; the driver renews it with its master token. */
  static final Duration TOKEN_VALIDITY = Duration.ofHours(1);
  /** A master token's lifetime, and how long an idle session lives. */
  static final Duration MASTER_VALIDITY = Duration.ofHours(4);
  /** Sessions one principal (token or key-pair user) may have open at once. */
  static final int MAX_SESSIONS_PER_USER = 100;
  /** Statements one principal may have running or waiting at once, over all its sessions. */
  static final int MAX_STATEMENTS_PER_USER = 2000;
  private static final long MAX_BODY = 64L << 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Floe engine;
  private final Clock clock;
  private final Map<String, DriverSession> byToken = new ConcurrentHashMap<>();
  private final Map<String, DriverSession> byMaster = new ConcurrentHashMap<>();
  /** Queries whose results have chunks, by query id, for the chunk downloads. */
  private final Map<String, DriverQuery> chunked = new ConcurrentHashMap<>();
  /** Statements running or waiting, by principal name. */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> statementsInFlight = new ConcurrentHashMap<>();
  private final java.nio.file.Path chunkRoot;
  private final AtomicLong sessionIds = new AtomicLong(System.currentTimeMillis() * 1000);
  private final ExecutorService queries = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "floe-snowflake-query");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "floe-snowflake-reaper");
    t.setDaemon(true);
    return t;
  });

  public SnowflakeDriverApi(Floe engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.chunkRoot = engine.config().dataDir().resolve("tmp").resolve("snowflake-results");
    deleteTree(chunkRoot); // chunks of a previous run are nobody's now
    reaper.scheduleWithFixedDelay(this::reapIdle, 1, 1, TimeUnit.MINUTES);
  }

  @Override public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    if (path.startsWith("/queries/") && path.contains("/chunks/") && method.equals("GET")) {
      chunk(request, path, response, callback);
      return true;
    }
    ObjectNode answer;
    try {
      if (path.equals("/session/v1/login-request") && method.equals("POST")) {
        answer = login(request);
      } else if (path.equals("/session/token-request") && method.equals("POST")) {
        answer = renew(request);
      } else if (path.equals("/session/heartbeat") && method.equals("POST")) {
        session(request, false);
        answer = ok(null);
      } else if (path.equals("/session") && method.equals("POST")) {
        answer = closeSession(request);
      } else if (path.equals("/queries/v1/query-request") && method.equals("POST")) {
        answer = query(request);
      } else if (path.equals("/queries/v1/abort-request") && method.equals("POST")) {
        answer = abort(request);
      } else if (path.startsWith("/queries/") && path.endsWith("/result") && method.equals("GET")) {
        answer = result(request, path.substring("/queries/".length(), path.length() - "/result".length()));
      } else if (path.startsWith("/monitoring/queries/") && method.equals("GET")) {
        answer = monitoring(request, path.substring("/monitoring/queries/".length()));
      } else if (path.equals("/telemetry/send") && method.equals("POST")) {
        session(request, false);
        answer = ok(null);
      } else {
        return false;
      }
    } catch (SessionError e) {
      answer = failure(e.code, e.getMessage(), null);
    } catch (FloeException e) {
      SnowflakeErrors.Mapped m = SnowflakeErrors.of(e);
      answer = failure(m.code(), m.message(), m.sqlState());
    } catch (RuntimeException e) {
      answer = failure("000603", InternalErrors.message(InternalErrors.log(e)), "XX000");
    }
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(answer);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  // ---- sessions ---------------------------------------------------------------------------------

  private ObjectNode login(Request request) {
    JsonNode data = body(request).path("data");
    Fields query = Request.extractQueryParameters(request);
    String account = text(data, "ACCOUNT_NAME");
    String user = text(data, "LOGIN_NAME");
    String authenticator = text(data, "AUTHENTICATOR");
    if (account == null || account.isBlank()) {
      throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "the account (a Floe project id) is missing");
    }
    Origin origin = new Origin("snowflake", Request.getRemoteAddr(request));
    Principal principal;
    if (authenticator != null && authenticator.equalsIgnoreCase("SNOWFLAKE_JWT")) {
      String jwt = text(data, "TOKEN");
      if (jwt == null || jwt.isBlank()) {
        throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "a key-pair login carries no JWT");
      }
      io.floe.engine.api.KeyPairLogin login = engine.authentication().authenticateSnowflakeJwt(jwt, account, origin);
      if (user != null && !user.equalsIgnoreCase(login.user())) {
        throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "Incorrect username or password was specified: "
            + "the key-pair token is user " + login.user() + "'s, not " + user + "'s");
      }
      principal = login.principal();
      user = login.user();
    } else {
      String secret;
      if (authenticator == null || authenticator.equalsIgnoreCase("SNOWFLAKE")
          || authenticator.equalsIgnoreCase("USERNAME_PASSWORD_MFA")) {
        secret = text(data, "PASSWORD");
      } else if (authenticator.equalsIgnoreCase("OAUTH")
          || authenticator.equalsIgnoreCase("PROGRAMMATIC_ACCESS_TOKEN")) {
        secret = text(data, "TOKEN");
      } else {
        throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "Floe does not accept the authenticator "
            + authenticator + ": log in with a Floe token as the password (or as an OAuth or "
            + "programmatic access token), or with a registered key pair (SNOWFLAKE_JWT)");
      }
      if (secret == null || secret.isBlank()) {
        throw new SessionError(SnowflakeErrors.LOGIN_REFUSED,
            "Incorrect username or password was specified: the password must be a Floe token");
      }
      principal = engine.authentication().authenticate(new HttpCredentials.Token(secret), origin)
          .orElseThrow();
    }
    String project = project(principal, account);
    String who = principal.name();
    long open = byMaster.values().stream().filter(x -> x.principal.name().equals(who)).count();
    if (open >= MAX_SESSIONS_PER_USER) {
      throw new SessionError("390102", "user " + who + " has " + MAX_SESSIONS_PER_USER
          + " sessions open, the most Floe keeps for one user; close some first");
    }
    Session session = engine.openSession(principal, user == null ? principal.name() : user,
        "snowflake", Flavor.SNOWFLAKE);
    Instant now = clock.instant();
    DriverSession s = new DriverSession(sessionIds.incrementAndGet(), principal, session, secret(),
        secret(), now.plus(TOKEN_VALIDITY), now);
    try {
      s.database = project.toUpperCase(Locale.ROOT);
      String schema = query.getValue("schemaName");
      String database = query.getValue("databaseName");
      if (database != null && !database.isBlank() && !database.equalsIgnoreCase(project)) {
        throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "database " + database
            + " is not the account's project " + project + ": a Floe project is one database");
      }
      if (schema != null && !schema.isBlank()) {
        useSchema(s, schema);
      } else {
        applySchema(s);
      }
      s.warehouse = query.getValue("warehouse");
      s.role = query.getValue("roleName");
      data.path("SESSION_PARAMETERS").fields().forEachRemaining(e -> {
        if (!e.getKey().startsWith("_")) {
          s.parameters.put(e.getKey().toUpperCase(Locale.ROOT), e.getValue().asText());
        }
      });
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    byToken.put(s.token, s);
    byMaster.put(s.masterToken, s);
    ObjectNode d = JSON.createObjectNode();
    d.put("token", s.token);
    d.put("masterToken", s.masterToken);
    d.put("validityInSeconds", TOKEN_VALIDITY.toSeconds());
    d.put("masterValidityInSeconds", MASTER_VALIDITY.toSeconds());
    d.put("sessionId", s.id);
    d.put("serverVersion", "9.0.0 (Floe " + Floe.version() + ")");
    d.put("healthCheckInterval", 45);
    d.set("parameters", sessionParameters());
    d.set("sessionInfo", sessionInfo(s));
    return ok(d);
  }

  /** The project an account names for this principal: its own, or any the admin names. */
  private String project(Principal principal, String account) {
    // Drivers may send the account upper-cased, or with a region suffix after a dot.
    String name = account.contains(".") ? account.substring(0, account.indexOf('.')) : account;
    if (principal.isAdmin()) {
      return engine.projects().list(principal).stream().map(p -> p.id())
          .filter(id -> id.equalsIgnoreCase(name)).findFirst()
          .orElseThrow(() -> new SessionError(SnowflakeErrors.LOGIN_REFUSED,
              "account " + account + " is not a Floe project"));
    }
    if (principal.projectId() == null || !principal.projectId().equalsIgnoreCase(name)) {
      throw new SessionError(SnowflakeErrors.LOGIN_REFUSED, "Incorrect username or password was "
          + "specified: the token is not one of account " + account);
    }
    return principal.projectId();
  }

  private static ArrayNode sessionParameters() {
    ArrayNode p = JSON.createArrayNode();
    Object[][] values = {
        {"AUTOCOMMIT", true}, {"TIMEZONE", "UTC"},
        {"TIMESTAMP_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM"},
        {"TIMESTAMP_NTZ_OUTPUT_FORMAT", "YYYY-MM-DD HH24:MI:SS.FF3"},
        {"TIMESTAMP_LTZ_OUTPUT_FORMAT", ""}, {"TIMESTAMP_TZ_OUTPUT_FORMAT", ""},
        {"DATE_OUTPUT_FORMAT", "YYYY-MM-DD"}, {"TIME_OUTPUT_FORMAT", "HH24:MI:SS"},
        {"BINARY_OUTPUT_FORMAT", "HEX"}, {"CLIENT_RESULT_CHUNK_SIZE", 160},
        {"CLIENT_TIMESTAMP_TYPE_MAPPING", "TIMESTAMP_NTZ"},
        {"JDBC_TREAT_TIMESTAMP_NTZ_AS_UTC", true}, {"CLIENT_SESSION_KEEP_ALIVE", false},
        {"QUERY_RESULT_FORMAT", "JSON"}, {"JDBC_QUERY_RESULT_FORMAT", "JSON"},
        {"PYTHON_CONNECTOR_QUERY_RESULT_FORMAT", "JSON"}};
    for (Object[] v : values) {
      ObjectNode n = p.addObject();
      n.put("name", (String) v[0]);
      if (v[1] instanceof Boolean b) {
        n.put("value", b);
      } else if (v[1] instanceof Integer i) {
        n.put("value", i);
      } else {
        n.put("value", (String) v[1]);
      }
    }
    return p;
  }

  private static ObjectNode sessionInfo(DriverSession s) {
    ObjectNode info = JSON.createObjectNode();
    info.put("databaseName", s.database);
    info.put("schemaName", s.schema);
    info.put("warehouseName", s.warehouse);
    info.put("roleName", s.role);
    return info;
  }

  /** Makes {@code schema} (a bucket, by Snowflake's name for it) the session's schema. */
  private void useSchema(DriverSession s, String schema) {
    String project = s.principal.isAdmin() ? s.database : s.principal.projectId();
    VisibleBucket bucket = engine.buckets().list(s.principal, projectOf(s)).stream()
        .filter(b -> b.name().equalsIgnoreCase(schema)).findFirst()
        .orElseThrow(() -> new FloeException(io.floe.engine.api.ErrorCode.NOT_FOUND,
            "Schema '" + project + "." + schema + "' does not exist or not authorized."));
    s.schema = bucket.name().toUpperCase(Locale.ROOT);
    applySchema(s);
  }

  private String projectOf(DriverSession s) {
    return s.principal.isAdmin() ? s.database.toLowerCase(Locale.ROOT) : s.principal.projectId();
  }

  /** Points the engine session's unqualified names at the database and schema in use. */
  private void applySchema(DriverSession s) {
    String project = projectOf(s);
    String bucket = s.schema == null ? null : engine.buckets().list(s.principal, project).stream()
        .map(VisibleBucket::name).filter(n -> n.equalsIgnoreCase(s.schema)).findFirst().orElse(null);
    s.session.setDefaultSchema(bucket == null ? List.of(project) : List.of(project, bucket));
  }

  private ObjectNode renew(Request request) {
    String master = sessionToken(request);
    DriverSession s = master == null ? null : byMaster.get(master);
    if (s == null || clock.instant().isAfter(s.lastUsed.plus(MASTER_VALIDITY))) {
      throw new SessionError(SnowflakeErrors.SESSION_GONE,
          "Session no longer exists. New login required to access the service.");
    }
    byToken.remove(s.token);
    s.token = secret();
    s.tokenExpires = clock.instant().plus(TOKEN_VALIDITY);
    s.lastUsed = clock.instant();
    byToken.put(s.token, s);
    ObjectNode d = JSON.createObjectNode();
    d.put("sessionToken", s.token);
    d.put("validityInSecondsST", TOKEN_VALIDITY.toSeconds());
    d.put("masterToken", s.masterToken);
    d.put("validityInSecondsMT", MASTER_VALIDITY.toSeconds());
    d.put("sessionId", s.id);
    return ok(d);
  }

  private ObjectNode closeSession(Request request) {
    Fields query = Request.extractQueryParameters(request);
    if (!"true".equalsIgnoreCase(query.getValue("delete"))) {
      throw new SessionError("390100", "unknown session request");
    }
    String token = sessionToken(request);
    DriverSession s = token == null ? null : byToken.remove(token);
    if (s != null) {
      byMaster.remove(s.masterToken);
      s.close();
    }
    return ok(null);
  }

  /** The session a request's {@code Authorization: Snowflake Token="..."} names. */
  private DriverSession session(Request request, boolean renewable) {
    String token = sessionToken(request);
    if (token == null) {
      throw new SessionError(SnowflakeErrors.NO_AUTHORIZATION, "Authorization header is missing");
    }
    DriverSession s = byToken.get(token);
    if (s == null) {
      throw new SessionError(SnowflakeErrors.SESSION_GONE,
          "Session no longer exists. New login required to access the service.");
    }
    Instant now = clock.instant();
    if (now.isAfter(s.tokenExpires)) {
      throw new SessionError(SnowflakeErrors.SESSION_EXPIRED, "Authentication token has expired. "
          + "The user must authenticate again.");
    }
    s.lastUsed = now;
    return s;
  }

  private static String sessionToken(Request request) {
    String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (h == null) {
      return null;
    }
    String prefix = "Snowflake Token=\"";
    if (h.startsWith(prefix) && h.endsWith("\"") && h.length() > prefix.length() + 1) {
      return h.substring(prefix.length(), h.length() - 1);
    }
    return null;
  }

  private void reapIdle() {
    chunked.values().removeIf(q -> q.discarded);
    Instant cutoff = clock.instant().minus(MASTER_VALIDITY);
    for (DriverSession s : List.copyOf(byMaster.values())) {
      if (s.lastUsed.isBefore(cutoff)) {
        byMaster.remove(s.masterToken);
        byToken.remove(s.token);
        s.close();
      }
    }
  }

  /** Closes every session (Floe is stopping). */
  public void shutdown() {
    reaper.shutdownNow();
    for (DriverSession s : List.copyOf(byMaster.values())) {
      s.close();
    }
    byMaster.clear();
    byToken.clear();
    queries.shutdownNow();
  }

  // ---- queries ----------------------------------------------------------------------------------

  private ObjectNode query(Request request) {
    DriverSession s = session(request, true);
    JsonNode body = body(request);
    String sql = text(body, "sqlText");
    if (sql == null || sql.isBlank()) {
      throw new FloeException(io.floe.engine.api.ErrorCode.SYNTAX_ERROR, "the statement is empty");
    }
    String requestId = Request.extractQueryParameters(request).getValue("requestId");
    org.eclipse.jetty.http.HttpURI uri = request.getHttpURI();
    DriverQuery q = new DriverQuery(UUID.randomUUID().toString(), requestId, sql, clock.instant(),
        secret(), uri.getScheme() + "://" + uri.getAuthority());
    s.queries.put(q.id, q);
    boolean async = body.path("asyncExec").asBoolean(false);
    boolean describeOnly = body.path("describeOnly").asBoolean(false);
    DriverStatements statements = new DriverStatements(engine, this);
    java.util.concurrent.atomic.AtomicInteger inFlight =
        statementsInFlight.computeIfAbsent(s.principal.name(), k -> new java.util.concurrent.atomic.AtomicInteger());
    if (inFlight.incrementAndGet() > MAX_STATEMENTS_PER_USER) {
      inFlight.decrementAndGet();
      s.queries.remove(q.id);
      throw new FloeException(io.floe.engine.api.ErrorCode.RESOURCE_EXHAUSTED, "user " + s.principal.name()
          + " has " + MAX_STATEMENTS_PER_USER + " statements running or waiting, the most Floe runs for one "
          + "user at once; wait for some to finish");
    }
    s.submit(() -> {
      try {
        ObjectNode answer = statements.run(s, q, body, describeOnly);
        if (q.chunks != null) {
          chunked.put(q.id, q);
        }
        q.answer.complete(answer);
      } finally {
        inFlight.decrementAndGet();
      }
    }, queries);
    ObjectNode done = async ? null : q.await(LONG_POLL.toMillis());
    return done != null ? done : inProgress(q, async);
  }

  private static ObjectNode inProgress(DriverQuery q, boolean async) {
    ObjectNode d = JSON.createObjectNode();
    d.put("queryId", q.id);
    d.put("getResultUrl", "/queries/" + q.id + "/result");
    ObjectNode n = JSON.createObjectNode();
    n.set("data", d);
    n.put("code", async ? "333334" : "333333");
    n.put("message", async ? "Asynchronous execution in progress. Use provided query id to perform "
        + "query monitoring and management." : "Query execution in progress");
    n.put("success", true);
    return n;
  }

  private ObjectNode result(Request request, String queryId) {
    DriverSession s = session(request, true);
    DriverQuery q = s.queries.get(queryId);
    if (q == null) {
      throw new FloeException(io.floe.engine.api.ErrorCode.NOT_FOUND,
          "Query " + queryId + " does not exist or is not this session's");
    }
    ObjectNode done = q.await(LONG_POLL.toMillis());
    return done != null ? done : inProgress(q, false);
  }

  private ObjectNode abort(Request request) {
    DriverSession s = session(request, true);
    JsonNode body = body(request);
    String requestId = text(body, "requestId");
    synchronized (s.queries) {
      for (DriverQuery q : s.queries.values()) {
        if (requestId != null && requestId.equals(q.requestId)) {
          q.cancel();
        }
      }
    }
    return ok(null);
  }

  private ObjectNode monitoring(Request request, String queryId) {
    DriverSession s = session(request, true);
    DriverQuery q = s.queries.get(queryId);
    if (q == null) {
      throw new FloeException(io.floe.engine.api.ErrorCode.NOT_FOUND,
          "Query " + queryId + " does not exist or is not this session's");
    }
    ObjectNode query = JSON.createObjectNode();
    query.put("id", q.id);
    query.put("sqlText", q.sql);
    query.put("startTime", q.startedAt.toEpochMilli());
    ObjectNode done = q.answer.getNow(null);
    if (done == null) {
      query.put("status", "RUNNING");
      query.put("errorCode", 0);
    } else if (done.path("success").asBoolean()) {
      query.put("status", "SUCCESS");
      query.put("errorCode", 0);
    } else {
      query.put("status", q.cancelled ? "ABORTED" : "FAILED_WITH_ERROR");
      query.put("errorCode", done.path("code").asText());
      query.put("errorMessage", done.path("message").asText());
    }
    ObjectNode d = JSON.createObjectNode();
    d.putArray("queries").add(query);
    return ok(d);
  }

  /** Applies a session command to the driver session; the answer's data. */
  ObjectNode apply(DriverSession s, SnowflakeSessionCommand command) {
    if (command instanceof SnowflakeSessionCommand.UseDatabase use) {
      project(s.principal, use.database());
      s.schema = null;
      applySchema(s);
    } else if (command instanceof SnowflakeSessionCommand.UseSchema use) {
      if (use.database() != null) {
        project(s.principal, use.database());
      }
      useSchema(s, use.schema());
    } else if (command instanceof SnowflakeSessionCommand.UseOther use) {
      if (use.kind().equals("WAREHOUSE")) {
        s.warehouse = use.name();
      } else {
        s.role = use.name();
      }
    } else if (command instanceof SnowflakeSessionCommand.AlterSession alter) {
      s.parameters.putAll(alter.set());
      alter.unset().forEach(s.parameters::remove);
    }
    return sessionInfo(s);
  }

  /** The directory a query's chunk files go to. */
  java.nio.file.Path chunkDir(DriverQuery q) {
    return chunkRoot.resolve(q.id);
  }

  /** Serves one chunk file: {@code /queries/<id>/chunks/<key>/<n>}, gzipped JSON rows. */
  private void chunk(Request request, String path, Response response, Callback callback) {
    String[] parts = path.split("/");
    // "", "queries", id, "chunks", key, n
    DriverQuery q = parts.length == 6 ? chunked.get(parts[2]) : null;
    ResultChunks chunks = q == null ? null : q.chunks;
    int index = -1;
    try {
      index = parts.length == 6 ? Integer.parseInt(parts[5]) : -1;
    } catch (NumberFormatException e) {
      index = -1;
    }
    boolean keyMatches = q != null && java.security.MessageDigest.isEqual(
        parts[4].getBytes(java.nio.charset.StandardCharsets.UTF_8),
        q.chunkKey.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (chunks == null || q.discarded || !keyMatches || index < 0 || index >= chunks.chunks().size()) {
      Response.writeError(request, response, callback, 404, "no such result chunk");
      return;
    }
    byte[] bytes;
    try {
      bytes = java.nio.file.Files.readAllBytes(chunks.chunks().get(index).file());
    } catch (IOException e) {
      Response.writeError(request, response, callback, 404, "the result chunk is gone");
      return;
    }
    response.setStatus(200);
    // Not application/json: a chunk is rows without the outer brackets, which the Node.js driver's
    // HTTP client would try (and fail) to parse as JSON; object storage serves them as bytes too.
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
    response.getHeaders().put(HttpHeader.CONTENT_ENCODING, "gzip");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  private static void deleteTree(java.nio.file.Path dir) {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> all = java.nio.file.Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          java.nio.file.Files.deleteIfExists(p);
        } catch (IOException e) {
          // Left for the next start.
        }
      });
    } catch (IOException e) {
      // As above.
    }
  }

  // ---- bodies and answers -----------------------------------------------------------------------

  /** A request's JSON body, gunzipped when the driver compressed it, at most 64 MB either way. */
  private static JsonNode body(Request request) {
    try (InputStream raw = Content.Source.asInputStream(request)) {
      byte[] bytes = raw.readNBytes((int) MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw FloeException.invalid("the request body is larger than " + MAX_BODY + " bytes");
      }
      InputStream in = new ByteArrayInputStream(bytes);
      if ("gzip".equalsIgnoreCase(request.getHeaders().get(HttpHeader.CONTENT_ENCODING))) {
        try (InputStream unzipped = new GZIPInputStream(in)) {
          bytes = unzipped.readNBytes((int) MAX_BODY + 1);
        }
        if (bytes.length > MAX_BODY) {
          throw FloeException.invalid("the request body unzips to more than " + MAX_BODY + " bytes");
        }
      }
      if (bytes.length == 0) {
        return JSON.createObjectNode();
      }
      return JSON.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw FloeException.invalid("the request body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw FloeException.invalid("cannot read the request body: " + e.getMessage());
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static ObjectNode ok(JsonNode data) {
    ObjectNode n = JSON.createObjectNode();
    n.set("data", data);
    n.putNull("code");
    n.putNull("message");
    n.put("success", true);
    return n;
  }

  static ObjectNode failure(String code, String message, String sqlState) {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode d = n.putObject("data");
    d.put("errorCode", code);
    if (sqlState != null) {
      d.put("sqlState", sqlState);
    }
    n.put("code", code);
    n.put("message", message);
    n.put("success", false);
    return n;
  }

  static ObjectMapper json() {
    return JSON;
  }

  private static String secret() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A refusal about the session itself (login, token), with Snowflake's session code. */
  static final class SessionError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String code;

    SessionError(String code, String message) {
      super(message);
      this.code = code;
    }
  }
}

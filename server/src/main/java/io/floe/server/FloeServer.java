package io.floe.server;

import static java.util.Objects.requireNonNull;

import io.floe.avatica.AvaticaEndpoint;
import io.floe.engine.api.ErrorCode;
import io.floe.engine.api.Floe;
import io.floe.engine.api.JobConfig;
import io.floe.http.JsonErrorHandler;
import io.floe.http.PublicError;
import io.floe.http.RestHandler;
import io.floe.pgwire.PgServer;
import io.floe.snowflake.SnowflakeDriverApi;
import io.floe.web.RestApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Floe: the engine, one HTTP listener serving the Avatica (JDBC) endpoint and the REST
 * API under distinct paths, and the PostgreSQL listener for workspaces.
 */
public final class FloeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FloeServer.class);
  private final Floe engine;
  private final Server jetty;
  private final AvaticaEndpoint avatica;
  /** The Snowflake drivers' endpoint; set once the endpoints are built. */
  private SnowflakeDriverApi snowflake;
  /** Snowflake's SQL API v2; set once the endpoints are built. */
  private io.floe.snowflake.SqlApiV2 sqlApi;
  private final ServerConnector connector;
  private final Optional<String> generatedAdminToken;
  private final PgServer pg;
  private final long startedNanos = System.nanoTime();

  private FloeServer(ServerConfig config, Clock clock) throws Exception {
    long t0 = System.nanoTime();
    // Start-up is mostly class loading, so its parts run side by side on the machine's cores: the
    // engine (catalog, DuckDB) opens while the HTTP listener starts, answering 503 until the
    // endpoints are in place; then the PostgreSQL listener starts while the endpoints are built.
    CompletableFuture<Floe> opening = inBackground("floe-start-engine",
        () -> Floe.start(config.engine(), JobConfig.defaults(), clock));
    Handler.Wrapper endpoints = new Handler.Wrapper(true, new Starting());
    this.jetty = new Server(httpThreads());
    this.connector = connector(jetty, config);
    jetty.addConnector(connector);
    jetty.setErrorHandler(new JsonErrorHandler());
    jetty.setRequestLog(new AccessLog());
    jetty.setHandler(endpoints);
    jetty.setStopTimeout(5_000);
    try {
      jetty.start();
    } catch (Throwable e) {
      jettyStopQuietly();
      closeOnceStarted(opening);
      throw StartFailure.explain(e, config.httpHost(), config.httpPort(), "HTTP", "--http-port",
          "FLOE_HTTP_PORT");
    }
    long httpReady = System.nanoTime();
    try {
      this.engine = await(opening);
    } catch (Throwable e) {
      jettyStopQuietly();
      throw StartFailure.explainEngine(e);
    }
    long engineReady = System.nanoTime();
    CompletableFuture<PgServer> pgStarting = inBackground("floe-start-pg", () -> PgServer.start(engine, config.pg()));
    AvaticaEndpoint jdbc = null;
    try {
      jdbc = AvaticaEndpoint.create(engine, config.avatica());
      jdbc.setServerAddress(config.httpHost() + ":" + connector.getLocalPort());
      snowflake = new SnowflakeDriverApi(engine, clock);
      sqlApi = new io.floe.snowflake.SqlApiV2(engine, clock);
      Handler handlers = new Handler.Sequence(jdbc.handler(), snowflake, sqlApi, new io.floe.web.ConsoleHandler(),
          RestApi.handler(engine, config.web()), new NotFound());
      long endpointsReady = System.nanoTime();
      // The endpoints answer once PostgreSQL is up too: a workspace's connection block names it.
      try {
        this.pg = await(pgStarting);
      } catch (Throwable e) {
        throw StartFailure.explain(e, config.pg().host(), config.pg().port(), "PostgreSQL",
            "--pg-port", "FLOE_PG_PORT");
      }
      // Only a start that has bound every listener stores a generated admin token, so a start
      // that fails changes nothing and the next one generates and prints a token again.
      this.generatedAdminToken = engine.ensureAdminToken(config.adminToken());
      engine.warmUpInBackground();
      endpoints.setHandler(handlers);
      if (!handlers.isStarted()) {
        handlers.start();
      }
      this.avatica = jdbc;
      LOG.info("Started in {} ms: HTTP listener {} ms beside the engine {} ms, then endpoints {} ms "
          + "beside PostgreSQL {} ms", ProcessHandle.current().info().startInstant()
              .map(started -> Duration.between(started, java.time.Instant.now()).toMillis()).orElse(-1L),
          millis(t0, httpReady), millis(t0, engineReady), millis(engineReady, endpointsReady),
          millis(engineReady, System.nanoTime()));
    } catch (Throwable e) {
      try {
        jettyStopQuietly();
        closeOnceStarted(pgStarting);
        if (jdbc != null) {
          jdbc.close();
        }
        if (snowflake != null) {
          snowflake.shutdown();
        }
        if (sqlApi != null) {
          sqlApi.shutdown();
        }
      } finally {
        engine.close();
      }
      throw e;
    }
  }

  /** Waits for a part that is still starting and closes it; nothing if it failed to start. */
  private static void closeOnceStarted(CompletableFuture<? extends AutoCloseable> part) {
    try {
      part.join().close();
    } catch (Exception e) {
      // It failed to start (reported by whoever awaited it), or fails to close: nothing to add.
    }
  }

  private static QueuedThreadPool httpThreads() {
    QueuedThreadPool threads = new QueuedThreadPool(256, 8);
    threads.setName("floe-http");
    return threads;
  }

  private static ServerConnector connector(Server jetty, ServerConfig config) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setHost(config.httpHost());
    connector.setPort(config.httpPort());
    // Longer than any statement may run: a JDBC call waits on its HTTP request meanwhile.
    connector.setIdleTimeout(config.engine().maxStatementTimeout().plus(Duration.ofMinutes(5)).toMillis());
    return connector;
  }

  /** Runs one part of start-up on its own thread. */
  private static <T> CompletableFuture<T> inBackground(String name, Callable<T> part) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(part.call());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  /** The part's result, or the exception it failed with. */
  private static <T> T await(CompletableFuture<T> part) throws Exception {
    try {
      return part.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  private void jettyStopQuietly() {
    try {
      if (jetty != null) {
        jetty.stop();
      }
    } catch (Exception e) {
      // Nothing more to do at a failed start.
    }
  }

  public static FloeServer start(ServerConfig config) throws Exception {
    return start(config, Clock.systemUTC());
  }

  /** A server whose engine reads time from {@code clock} (token and workspace expiry). */
  public static FloeServer start(ServerConfig config, Clock clock) throws Exception {
    return new FloeServer(requireNonNull(config, "config"), requireNonNull(clock, "clock"));
  }

  public Floe engine() {
    return engine;
  }

  public AvaticaEndpoint avatica() {
    return avatica;
  }

  public int httpPort() {
    return connector.getLocalPort();
  }

  public String host() {
    return connector.getHost();
  }

  public String httpUrl() {
    return "http://" + host() + ":" + httpPort();
  }

  public String jdbcUrl() {
    return "jdbc:floe://" + host() + ":" + httpPort();
  }

  /** The PostgreSQL listener's port (workspaces). */
  public int pgPort() {
    return pg.port();
  }

  public String pgHost() {
    return pg.host();
  }

  /** {@code postgresql://host:port}. */
  public String pgUrl() {
    return pg.url();
  }

  /** The admin token generated on this start (first start without a configured one). */
  public Optional<String> generatedAdminToken() {
    return generatedAdminToken;
  }

  /** Stops the listeners, then the engine (running jobs end as failed), with a line before and after. */
  @Override public void close() {
    long t0 = System.nanoTime();
    LOG.info("Floe stopping after {} s up", (t0 - startedNanos) / 1_000_000_000);
    pg.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      // Stopping a listener has nothing useful to report at shutdown.
    }
    avatica.close();
    snowflake.shutdown();
    sqlApi.shutdown();
    engine.close();
    LOG.info("Floe stopped after {} s", String.format(java.util.Locale.ROOT, "%.1f",
        (System.nanoTime() - t0) / 1e9));
  }

  /** The answer while the engine is still opening. */
  private static final class Starting extends Handler.Abstract {
    @Override public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(503);
      response.getHeaders().put("Content-Type", "application/json; charset=utf-8");
      response.getHeaders().put("Retry-After", "1");
      response.write(true, java.nio.ByteBuffer.wrap(
          "{\"error\":\"unavailable\",\"message\":\"Floe is starting\"}\n".getBytes(
              java.nio.charset.StandardCharsets.UTF_8)), callback);
      return true;
    }
  }

  /** JSON 404 for every path no endpoint serves. */
  private static final class NotFound extends Handler.Abstract {
    @Override public boolean handle(Request request, Response response, Callback callback) {
      RestHandler.writeError(response, callback,
          PublicError.of(ErrorCode.NOT_FOUND, "no such endpoint", null));
      return true;
    }
  }
}

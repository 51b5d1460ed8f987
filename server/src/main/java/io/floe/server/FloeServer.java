package io.floe.server;

import static java.util.Objects.requireNonNull;

import io.floe.avatica.AvaticaEndpoint;
import io.floe.engine.Engine;
import io.floe.engine.Warmup;
import io.floe.pgwire.PgServer;
import io.floe.web.JsonErrorHandler;
import io.floe.web.RestApi;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A running Floe: the engine, one HTTP listener serving the Avatica (JDBC) endpoint and the REST
 * API under distinct paths, and the PostgreSQL listener for workspaces.
 */
public final class FloeServer implements AutoCloseable {
  private final Engine engine;
  private final Server jetty;
  private final AvaticaEndpoint avatica;
  private final ServerConnector connector;
  private final Optional<String> generatedAdminToken;
  private final PgServer pg;

  private FloeServer(ServerConfig config) throws Exception {
    this.engine = Engine.start(config.engine());
    try {
      this.generatedAdminToken = engine.ensureAdminToken(config.adminToken());
      engine.tokens().adminPrincipal().ifPresent(admin -> Warmup.planInBackground(engine, admin));
      this.avatica = AvaticaEndpoint.create(engine, config.avatica());
      QueuedThreadPool threads = new QueuedThreadPool(256, 8);
      threads.setName("floe-http");
      this.jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      connector.setHost(config.httpHost());
      connector.setPort(config.httpPort());
      // Longer than any statement may run: a JDBC call waits on its HTTP request meanwhile.
      connector.setIdleTimeout(config.engine().maxStatementTimeout().plus(Duration.ofMinutes(5)).toMillis());
      jetty.addConnector(connector);
      jetty.setErrorHandler(new JsonErrorHandler());
      jetty.setHandler(new Handler.Sequence(
          avatica.handler(),
          RestApi.handler(engine, config.web()),
          new NotFound()));
      jetty.setStopTimeout(5_000);
      jetty.start();
      avatica.setServerAddress(config.httpHost() + ":" + connector.getLocalPort());
      this.pg = startPg(config);
    } catch (Exception e) {
      try {
        jettyStopQuietly();
      } finally {
        engine.close();
      }
      throw e;
    }
  }

  private PgServer startPg(ServerConfig config) throws java.io.IOException {
    return PgServer.start(engine, config.pg());
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
    return new FloeServer(requireNonNull(config, "config"));
  }

  public Engine engine() {
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

  @Override public void close() {
    pg.close();
    try {
      jetty.stop();
    } catch (Exception e) {
      // Stopping a listener has nothing useful to report at shutdown.
    }
    avatica.close();
    engine.close();
  }

  /** JSON 404 for every path no endpoint serves. */
  private static final class NotFound extends Handler.Abstract {
    @Override public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(404);
      response.getHeaders().put("Content-Type", "application/json; charset=utf-8");
      response.write(true, java.nio.ByteBuffer.wrap(
          "{\"error\":\"not_found\",\"message\":\"no such endpoint\"}".getBytes(
              java.nio.charset.StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}

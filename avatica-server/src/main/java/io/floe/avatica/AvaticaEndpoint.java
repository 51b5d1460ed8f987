package io.floe.avatica;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Floe;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.eclipse.jetty.server.Handler;

/**
 * The JDBC endpoint: Avatica's protocol over Floe's engine, as a Jetty 12 handler that the server
 * mounts on its one HTTP listener. Closes idle connections in the background.
 */
public final class AvaticaEndpoint implements AutoCloseable {
  private final FloeMeta meta;
  private final LocalService service;
  private final AvaticaHandler handler;
  private final ScheduledExecutorService sweeper;

  private AvaticaEndpoint(Floe engine, AvaticaConfig config) {
    this.meta = new FloeMeta(engine, config);
    this.service = new LocalService(meta);
    this.handler = new AvaticaHandler(engine, meta, service);
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "floe-avatica-idle");
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1, Math.min(60, config.connectionIdleTimeout().toSeconds() / 4));
    sweeper.scheduleAtFixedRate(meta.connections()::closeIdle, period, period, TimeUnit.SECONDS);
  }

  public static AvaticaEndpoint create(Floe engine, AvaticaConfig config) {
    return new AvaticaEndpoint(requireNonNull(engine, "engine"), requireNonNull(config, "config"));
  }

  /** Tells clients which server answered (Avatica puts it in every response). */
  public void setServerAddress(String hostAndPort) {
    Service.RpcMetadataResponse server = new Service.RpcMetadataResponse(hostAndPort);
    service.setRpcMetadata(server);
    handler.setServerAddress(server);
  }

  public Handler handler() {
    return handler;
  }

  public int openConnections() {
    return meta.connections().openConnections();
  }

  /** Statements open on the server, across connections (including those a driver keeps idle). */
  public int openStatements() {
    return meta.connections().openStatements();
  }

  /** Frames served by Floe's binary fetch since start (the frames after a result's first). */
  public long binaryFramesServed() {
    return handler.binaryFramesServed();
  }

  @Override public void close() {
    sweeper.shutdownNow();
    meta.closeAll();
  }
}

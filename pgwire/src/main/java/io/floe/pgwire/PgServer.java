package io.floe.pgwire;

import static java.util.Objects.requireNonNull;

import io.floe.engine.api.Floe;
import io.floe.engine.api.admin.PgEndpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL listener: blocking sockets, one thread per connection (DuckDB calls block anyway),
 * TLS on SSLRequest, CancelRequest routed to the connection it names, and a watcher that stops the
 * statement of a client that disconnects while it runs.
 *
 * <p>Limits, so unauthenticated clients cannot exhaust the process: at most
 * {@link PgConfig#maxConnections()} sessions (one more is refused with FATAL 53300 after its
 * start-up packet), start-up messages of at most 10 000 bytes, start-up finished within
 * {@link PgConfig#AUTHENTICATION_TIMEOUT}, and {@link PgConfig#STARTUP_RESERVE} threads beyond the
 * sessions' for connections in start-up, which is how a CancelRequest reaches a busy server. When
 * even those are taken, a new connection is refused at once. Sessions idle longer than
 * {@link PgConfig#idleSessionTimeout()} are closed.
 */
public final class PgServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PgServer.class);
  /** One line per session opened and closed (never per statement), beside HTTP's access log. */
  private static final Logger ACCESS = LoggerFactory.getLogger("floe.access.pgwire");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Floe engine;
  private final PgConfig config;
  private final ServerSocket listener;
  private final ThreadPoolExecutor connections;
  private final Semaphore sessionSlots;
  private final ScheduledExecutorService watcher;
  private final Thread acceptor;
  private final PgStartup startup;
  private final PgCatalogMirrors mirrors = new PgCatalogMirrors();
  private final Map<Integer, PgConnection> open = new ConcurrentHashMap<>();
  private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();
  private final AtomicInteger pids = new AtomicInteger(1000);
  private final PgTls.Pending tls;
  private volatile boolean closed;

  private PgServer(Floe engine, PgConfig config) throws IOException {
    this.engine = requireNonNull(engine, "engine");
    this.config = requireNonNull(config, "config");
    // Loading the key store (PBKDF2, or keytool at first start) takes hundreds of milliseconds: it
    // runs beside the listener, and only an SSLRequest waits for it.
    this.tls = PgTls.loadInBackground(config);
    this.startup = new PgStartup(engine, config, tls, PgTls.randomBytes(32));
    this.listener = new ServerSocket();
    try {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(InetAddress.getByName(config.host()), config.port()), 128);
    } catch (IOException | RuntimeException e) {
      tls.cancel();
      listener.close();
      throw e;
    }
    AtomicInteger threads = new AtomicInteger();
    // No queue: a connection either gets a thread now or is refused; sessions take at most
    // maxConnections of the threads (sessionSlots), the rest serve connections in start-up.
    this.sessionSlots = new Semaphore(config.maxConnections());
    this.connections = new ThreadPoolExecutor(0, config.maxConnections() + PgConfig.STARTUP_RESERVE,
        60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "floe-pg-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    ScheduledThreadPoolExecutor watch = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "floe-pg-watcher");
      t.setDaemon(true);
      return t;
    });
    // Start-up deadlines are cancelled far more often than they fire: drop them at once.
    watch.setRemoveOnCancelPolicy(true);
    this.watcher = watch;
    watcher.scheduleWithFixedDelay(this::probeBusy, 250, 250, TimeUnit.MILLISECONDS);
    this.acceptor = new Thread(this::acceptLoop, "floe-pg-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    engine.workspaces().setEndpoint(new PgEndpoint(config.clientHost(), port(),
        "require"));
  }

  /** Binds the listener and starts accepting connections. */
  public static PgServer start(Floe engine, PgConfig config) throws IOException {
    return new PgServer(engine, config);
  }

  public int port() {
    return listener.getLocalPort();
  }

  public String host() {
    return config.host();
  }

  /** {@code postgresql://host:port}, for the ready line. */
  public String url() {
    return "postgresql://" + host() + ":" + port();
  }

  Floe engine() {
    return engine;
  }

  PgCatalogMirrors mirrors() {
    return mirrors;
  }

  /** Connections open now (for tests and administration). */
  public int openConnections() {
    return open.size();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        socket.setTcpNoDelay(true);
        socket.setKeepAlive(true);
        sockets.put(socket, Boolean.TRUE);
        try {
          connections.execute(() -> handle(socket));
        } catch (RejectedExecutionException full) {
          refuse(socket);
        }
      } catch (SocketException e) {
        if (!closed) {
          LOG.warn("PostgreSQL listener: {}", e.getMessage());
        }
      } catch (IOException e) {
        LOG.warn("PostgreSQL listener: {}", e.getMessage());
      }
    }
  }

  /** Every thread is taken: the client hears why, without Floe reading anything from it. */
  private void refuse(Socket socket) {
    try {
      PgMessageWriter w = new PgMessageWriter(socket.getOutputStream());
      w.notice('E', PgError.fatal("53300", "sorry, too many clients already"));
      w.flush();
    } catch (IOException ignored) {
      // The client is gone.
    } finally {
      sockets.remove(socket);
      closeQuietly(socket);
    }
  }

  private void handle(Socket socket) {
    PgConnection connection = null;
    PgStartup.Client authenticated = null;
    long opened = 0;
    String ended = "closed";
    Socket current = socket;
    AtomicBoolean admitted = new AtomicBoolean();
    ScheduledFuture<?> deadline = watcher.schedule(() -> closeQuietly(socket),
        PgConfig.AUTHENTICATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      socket.setSoTimeout((int) PgConfig.AUTHENTICATION_TIMEOUT.toMillis());
      Object outcome = startup.run(socket, () -> {
        admitted.set(sessionSlots.tryAcquire());
        return admitted.get();
      });
      deadline.cancel(false);
      if (outcome instanceof PgStartup.Cancel cancel) {
        cancel(cancel.pid(), cancel.secret());
        return;
      }
      if (!(outcome instanceof PgStartup.Client client)) {
        return;
      }
      current = client.socket();
      authenticated = client;
      sockets.put(current, Boolean.TRUE);
      current.setSoTimeout((int) Math.min(Integer.MAX_VALUE, config.idleSessionTimeout().toMillis()));
      int pid = pids.incrementAndGet();
      connection = new PgConnection(this, engine, client, pid, RANDOM.nextInt());
      open.put(pid, connection);
      opened = System.nanoTime();
      ACCESS.info("open pid={} user={} database={} remote={} tls={}", pid, client.user(),
          client.parameters().getOrDefault("database", client.user()), PgStartup.remote(socket),
          client.tls());
      connection.serve();
    } catch (PgProtocolException e) {
      ended = "protocol error";
      try {
        PgMessageWriter w = new PgMessageWriter(current.getOutputStream());
        w.notice('E', PgError.fatal("08P01", e.getMessage()));
        w.flush();
      } catch (IOException ignored) {
        // The client is gone.
      }
    } catch (PgStartup.Refused e) {
      LOG.debug("Refused a PostgreSQL client: {}", e.getMessage());
    } catch (io.floe.engine.api.FloeException e) {
      ended = e.code().code();
      try {
        PgMessageWriter w = new PgMessageWriter(current.getOutputStream());
        w.notice('E', new PgError("FATAL", e.sqlState(), e.getMessage(), null, null));
        w.flush();
      } catch (IOException ignored) {
        // The client is gone.
      }
    } catch (IOException e) {
      ended = "connection lost";
      LOG.debug("PostgreSQL connection ended: {}", e.toString());
    } catch (RuntimeException e) {
      ended = "internal error";
      LOG.warn("PostgreSQL connection failed", e);
    } finally {
      deadline.cancel(false);
      if (admitted.get()) {
        sessionSlots.release();
      }
      if (connection != null) {
        open.remove(connection.pid());
        ACCESS.info("close pid={} user={} remote={} duration_ms={} end={}", connection.pid(),
            authenticated.user(), PgStartup.remote(socket), (System.nanoTime() - opened) / 1_000_000,
            ended);
      }
      sockets.remove(socket);
      sockets.remove(current);
      closeQuietly(current);
      closeQuietly(socket);
    }
  }

  /** A CancelRequest: stops the named connection's statement if the key matches. */
  void cancel(int pid, int secret) {
    PgConnection c = open.get(pid);
    if (c != null && c.matches(pid, secret)) {
      c.cancel();
    }
  }

  private void probeBusy() {
    for (PgConnection c : open.values()) {
      try {
        c.probe();
      } catch (RuntimeException e) {
        LOG.debug("Probing connection {}: {}", c.pid(), e.toString());
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Closing a socket that is already gone.
    }
  }

  @Override public void close() {
    closed = true;
    tls.cancel();
    try {
      listener.close();
    } catch (IOException ignored) {
      // Already closed.
    }
    watcher.shutdownNow();
    sockets.keySet().forEach(PgServer::closeQuietly);
    connections.shutdownNow();
    try {
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    mirrors.close();
  }
}

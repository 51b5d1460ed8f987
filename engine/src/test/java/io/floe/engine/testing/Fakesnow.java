package io.floe.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A running fakesnow server (a Snowflake emulator: Snowflake SQL on DuckDB, speaking the protocol of
 * Snowflake's drivers) on a loopback port, for tests that talk to "Snowflake" through the real
 * snowflake-jdbc driver. Close it to stop the server.
 *
 * <p>fakesnow runs from a Python virtual environment with every package pinned
 * ({@code fakesnow-requirements.txt} beside this class). {@link #start()} creates it on first use under
 * {@code ~/.cache/floe} (or {@code $XDG_CACHE_HOME/floe}; {@code FLOE_CACHE_DIR} overrides), named after
 * the fakesnow version and a digest of the pins, so every module, run and JVM shares one. Creation holds
 * a file lock, so JVMs that race wait for one another, and is complete only once its marker file is
 * written last. It needs {@code python3} (3.11 or later; {@code FLOE_PYTHON} names another) with its
 * {@code venv} module (Debian: python3-venv) and a reachable Python package index.
 *
 * <p>Data lives in memory: each server starts empty and forgets everything when closed. Connections to
 * one server share its databases.
 *
 * <p>The driver's Arrow results (fakesnow answers every query in Arrow) need the JVM option
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; the build passes it to every test JVM.
 */
public final class Fakesnow implements AutoCloseable {
  /** The pinned fakesnow release. */
  public static final String VERSION = "0.12.1";
  public static final String USER = "fake";
  public static final String PASSWORD = "snow";
  public static final String ACCOUNT = "fakesnow";

  private static final String REQUIREMENTS = "fakesnow-requirements.txt";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path workDir;
  private final Thread shutdownHook;

  private Fakesnow(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.shutdownHook = new Thread(() -> PythonEnvironments.stop(process), "fakesnow-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Makes sure the virtual environment exists, starts a fresh, empty fakesnow server on a free loopback
   * port and returns once it accepts connections.
   */
  public static Fakesnow start() {
    Path venv = environment();
    IllegalStateException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        return launch(venv);
      } catch (PortTakenException e) {
        // Another process took the free port between our probe and fakesnow's bind: try another.
        last = new IllegalStateException(e.getMessage());
      }
    }
    throw last;
  }

  /** The loopback port the server listens on. */
  /** The end of the emulator's own output (its tracebacks), for a test's failure message. */
  public String logTail() {
    return PythonEnvironments.tail(workDir.resolve("fakesnow.log"));
  }

  public int port() {
    return port;
  }

  /**
   * The snowflake-jdbc URL of this server: plain HTTP ({@code ssl=off}), the account fakesnow expects,
   * and {@code disablePlatformDetection=true}, without which the driver probes cloud metadata
   * addresses at login.
   */
  public String jdbcUrl() {
    return "jdbc:snowflake://127.0.0.1:" + port + "/?ssl=off&account=" + ACCOUNT
        + "&disablePlatformDetection=true";
  }

  /** Properties for {@link #jdbcUrl()}: user, password, account and the settings the URL carries too. */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    p.setProperty("account", ACCOUNT);
    p.setProperty("ssl", "off");
    p.setProperty("disablePlatformDetection", "true");
    return p;
  }

  /** A new connection through the real snowflake-jdbc driver, with no current database or schema. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), jdbcProperties());
  }

  /** Stops the server (and any process it started) and deletes its working directory. */
  @Override
  public void close() {
    PythonEnvironments.stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook stops the process anyway.
    }
    PythonEnvironments.deleteTree(workDir);
  }

  /**
   * The virtual environment with fakesnow installed, created first if it is missing or unfinished.
   * Safe to call from several threads and JVMs at once.
   */
  public static Path environment() {
    return PythonEnvironments.ensure("fakesnow-" + VERSION, Fakesnow.class, REQUIREMENTS);
  }




  private static Fakesnow launch(Path venv) {
    Path workDir;
    try {
      workDir = Files.createTempDirectory("fakesnow");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = workDir.resolve("fakesnow.log");
    int port = freePort();
    // No --db_path: databases stay in memory, so each server starts empty.
    ProcessBuilder builder = new ProcessBuilder(venv.resolve("bin/python").toString(), "-m", "fakesnow",
        "--server", "--host", "127.0.0.1", "--port", Integer.toString(port))
        .directory(workDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(PythonEnvironments.nullFile()));
    builder.environment().put("PYTHONUNBUFFERED", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      PythonEnvironments.deleteTree(workDir);
      throw new UncheckedIOException("cannot start fakesnow from " + venv, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = PythonEnvironments.tail(log);
        PythonEnvironments.deleteTree(workDir);
        String message = "fakesnow exited (" + process.exitValue() + ") before listening on port " + port
            + "\n" + output;
        if (output.contains("address already in use")) {
          throw new PortTakenException(message);
        }
        throw new IllegalStateException(message);
      }
      if (accepts(port)) {
        return new Fakesnow(process, port, workDir);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        PythonEnvironments.stop(process);
        PythonEnvironments.deleteTree(workDir);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fakesnow started", e);
      }
    }
    String output = PythonEnvironments.tail(log);
    PythonEnvironments.stop(process);
    PythonEnvironments.deleteTree(workDir);
    throw new IllegalStateException("fakesnow did not listen on port " + port + " within " + START_TIMEOUT
        + "\n" + output);
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }








  /** fakesnow could not bind the port it was given because another process took it first. */
  private static final class PortTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String message) {
      super(message);
    }
  }
}

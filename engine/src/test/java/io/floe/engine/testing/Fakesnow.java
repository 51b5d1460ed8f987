package io.floe.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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
  private static final String COMPLETE_MARKER = ".floe-complete";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path workDir;
  private final Thread shutdownHook;

  private Fakesnow(Process process, int port, Path workDir) {
    this.process = process;
    this.port = port;
    this.workDir = workDir;
    this.shutdownHook = new Thread(() -> stop(process), "fakesnow-stop");
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
    return tail(workDir.resolve("fakesnow.log"));
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
    stop(process);
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook stops the process anyway.
    }
    deleteTree(workDir);
  }

  /**
   * The virtual environment with fakesnow installed, created first if it is missing or unfinished.
   * Safe to call from several threads and JVMs at once.
   */
  public static synchronized Path environment() {
    String requirements = requirements();
    Path cache = cacheDir();
    Path venv = cache.resolve("fakesnow-" + VERSION + "-" + digest(requirements));
    if (isComplete(venv, requirements)) {
      return venv;
    }
    try {
      Files.createDirectories(cache);
      Path lockFile = cache.resolve(venv.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = channel.lock()) {
        if (!isComplete(venv, requirements)) {
          create(venv, requirements);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the fakesnow environment in " + venv, e);
    }
    return venv;
  }

  private static void create(Path venv, String requirements) throws IOException {
    // Whatever is there was left unfinished (no marker): start over. The environment is built in place,
    // not renamed into place, because a virtual environment's scripts name its path.
    deleteTree(venv);
    Path log = Files.createTempFile("fakesnow-install", ".log");
    try {
      run(List.of(python(), "-m", "venv", venv.toString()), log,
          "cannot create a Python virtual environment with " + python()
              + " (is its venv module installed? On Debian: apt-get install python3-venv)");
      Path requirementsFile = venv.resolve(REQUIREMENTS);
      Files.writeString(requirementsFile, requirements);
      run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--quiet",
              "--disable-pip-version-check", "--no-input", "-r", requirementsFile.toString()), log,
          "cannot install fakesnow " + VERSION + " into " + venv);
      Files.writeString(venv.resolve(COMPLETE_MARKER), requirements);
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static boolean isComplete(Path venv, String requirements) {
    Path marker = venv.resolve(COMPLETE_MARKER);
    try {
      return Files.isExecutable(venv.resolve("bin/python")) && Files.isRegularFile(marker)
          && Files.readString(marker).equals(requirements);
    } catch (IOException e) {
      return false;
    }
  }

  private static void run(List<String> command, Path log, String failure) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
    try {
      if (!p.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        stop(p);
        throw new IllegalStateException(failure + ": timed out after " + INSTALL_TIMEOUT + "\n" + tail(log));
      }
    } catch (InterruptedException e) {
      stop(p);
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure + ": interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(failure + " (exit " + p.exitValue() + ")\n" + tail(log));
    }
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
        .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
    builder.environment().put("PYTHONUNBUFFERED", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      deleteTree(workDir);
      throw new UncheckedIOException("cannot start fakesnow from " + venv, e);
    }
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = tail(log);
        deleteTree(workDir);
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
        stop(process);
        deleteTree(workDir);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while fakesnow started", e);
      }
    }
    String output = tail(log);
    stop(process);
    deleteTree(workDir);
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

  /** Ends the process and its descendants: politely first, then forcibly. */
  private static void stop(Process process) {
    List<ProcessHandle> all = new ArrayList<>();
    process.descendants().forEach(all::add);
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle h : all) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        h.onExit().get(left, TimeUnit.NANOSECONDS);
      } catch (Exception notYet) {
        h.destroyForcibly();
      }
    }
  }

  private static String requirements() {
    try (InputStream in = Fakesnow.class.getResourceAsStream(REQUIREMENTS)) {
      if (in == null) {
        throw new IllegalStateException(REQUIREMENTS + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path cacheDir() {
    String floe = System.getenv("FLOE_CACHE_DIR");
    if (floe != null && !floe.isBlank()) {
      return Path.of(floe);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("floe");
  }

  private static String python() {
    String python = System.getenv("FLOE_PYTHON");
    return python != null && !python.isBlank() ? python : "python3";
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
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

package io.floe.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Python virtual environments for third-party test peers (fakesnow, Playwright), each with its
 * pinned requirements, made on first use under {@code ~/.cache/floe} (or
 * {@code $XDG_CACHE_HOME/floe}; {@code FLOE_CACHE_DIR} overrides) and named after the requirements'
 * digest, so a changed pin makes a new one. Needs {@code python3} with its {@code venv} module
 * (Debian: python3-venv; {@code FLOE_PYTHON} names another interpreter) and a reachable package
 * index. Safe to call from several threads and JVMs at once.
 */
public final class PythonEnvironments {
  private static final String COMPLETE_MARKER = ".floe-complete";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private PythonEnvironments() {}

  /**
   * The environment {@code name} with the requirements of the class-path resource
   * {@code requirements} (beside {@code anchor}) installed; created first when missing or unfinished.
   */
  public static synchronized Path ensure(String name, Class<?> anchor, String requirementsResource) {
    String requirements = resource(anchor, requirementsResource);
    Path cache = cacheDir();
    Path venv = cache.resolve(name + "-" + digest(requirements));
    if (isComplete(venv, requirements)) {
      return venv;
    }
    try {
      Files.createDirectories(cache);
      Path lockFile = cache.resolve(venv.getFileName() + ".lock");
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = channel.lock()) {
        if (!isComplete(venv, requirements)) {
          create(venv, requirements, name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Python environment " + venv, e);
    }
    return venv;
  }

  private static void create(Path venv, String requirements, String name) throws IOException {
    // Whatever is there was left unfinished (no marker): start over. The environment is built in place,
    // not renamed into place, because a virtual environment's scripts name its path.
    deleteTree(venv);
    Path log = Files.createTempFile(name + "-install", ".log");
    try {
      run(List.of(python(), "-m", "venv", venv.toString()), log,
          "cannot create a Python virtual environment with " + python()
              + " (is its venv module installed? On Debian: apt-get install python3-venv)");
      Path requirementsFile = venv.resolve("requirements.txt");
      Files.writeString(requirementsFile, requirements);
      run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install", "--quiet",
              "--disable-pip-version-check", "--no-input", "-r", requirementsFile.toString()), log,
          "cannot install " + name + " into " + venv);
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

  /** Ends a process and its descendants: politely first, then forcibly. */
  static void stop(Process process) {
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

  private static String resource(Class<?> anchor, String name) {
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the class path");
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

  static java.io.File nullFile() {
    return new java.io.File("/dev/null");
  }

  /** The last 40 lines of a log. */
  public static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

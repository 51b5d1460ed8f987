package io.floe.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real PostgreSQL clients for end-to-end tests: psql ({@code postgresql-client}), python3 with
 * psycopg 3 and psycopg2 ({@code python3-psycopg}, {@code python3-psycopg2}), and node with
 * node-postgres, installed by npm into {@code target/node-clients}. A missing client fails the test
 * when {@code CI} is set (CI must install it, see {@code .ci/run}) and skips it otherwise.
 */
final class Clients {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final Path NODE_DIR = Path.of("target", "node-clients").toAbsolutePath();

  private Clients() {}

  /** Output of a finished process. */
  record Run(int exit, String stdout, String stderr) {
    String all() {
      return stdout + "\n" + stderr;
    }
  }

  static Run run(List<String> command, Map<String, String> env, Path dir, int timeoutSeconds) {
    try {
      Path out = Files.createTempFile("client", ".out");
      Path err = Files.createTempFile("client", ".err");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out after " + timeoutSeconds + " s: " + command);
      }
      Run run = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return run;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Fails under CI, skips elsewhere, when a client is missing. */
  static void require(boolean available, String what) {
    if (!available && System.getenv("CI") != null) {
      throw new AssertionError(what + " is missing: .ci/run must install it");
    }
    assumeTrue(available, what + " is not installed; skipping (CI installs it)");
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  static void requirePsql() {
    require(onPath("psql"), "psql (Debian package postgresql-client)");
  }

  static void requirePsycopg() {
    boolean ok = Files.isExecutable(PYTHON) && run(List.of(PYTHON.toString(), "-c",
        "import psycopg, psycopg2"), Map.of(), null, 60).exit() == 0;
    require(ok, "psycopg 3 and psycopg2 (Debian packages python3-psycopg and python3-psycopg2)");
  }

  /** The directory holding node_modules/pg, installing node-postgres there with npm if needed. */
  static Path requireNodePostgres() {
    require(onPath("node") && onPath("npm"), "node and npm");
    if (!Files.exists(NODE_DIR.resolve("node_modules/pg/package.json"))) {
      try {
        Files.createDirectories(NODE_DIR);
      } catch (IOException e) {
        throw new AssertionError(e);
      }
      Run install = run(List.of("npm", "install", "--no-audit", "--no-fund", "--silent",
          "--prefix", NODE_DIR.toString(), "pg@8"), Map.of(), NODE_DIR, 300);
      require(install.exit() == 0 && Files.exists(NODE_DIR.resolve("node_modules/pg/package.json")),
          "node-postgres (npm install pg failed: " + install.all().strip() + ")");
    }
    return NODE_DIR;
  }

  /** A test resource copied to a file (scripts run from disk). */
  static Path script(String resource, Path dir) {
    try (var in = Clients.class.getResourceAsStream("/clients/" + resource)) {
      Path file = dir.resolve(resource);
      Files.write(file, in.readAllBytes());
      return file;
    } catch (IOException | NullPointerException e) {
      throw new AssertionError("missing test script " + resource, e);
    }
  }

  static List<String> list(String... items) {
    return new ArrayList<>(List.of(items));
  }
}

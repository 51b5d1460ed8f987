package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.floe.engine.testing.TestEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shipped {@code floe.jar}, started the way the README says. */
class ServerJarIT {
  private static final Pattern READY = Pattern.compile("Floe ready: (http://\\S+) (jdbc:floe://\\S+) (postgresql://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("Admin token .*: (floe_admin_\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** A started floe process and what it printed until it was ready. */
  record Started(Process process, String httpUrl, String jdbcUrl, String adminToken, List<String> output,
      long millis) implements AutoCloseable {
    @Override public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  static Started start(Path workDir, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/floe.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    // The log goes to a file, shown when Floe does not come up.
    Path log = Files.createTempFile(workDir, "floe-stderr-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectError(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FLOE_"));
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    List<String> lines = new ArrayList<>();
    String token = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      lines.add(line);
      Matcher t = TOKEN.matcher(line);
      if (t.find()) {
        token = t.group(1);
      }
      Matcher m = READY.matcher(line);
      if (m.find()) {
        return new Started(p, m.group(1), m.group(2), token, lines,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }
    }
    p.destroyForcibly();
    throw new AssertionError("floe never became ready: " + lines + "\n" + Files.readString(log));
  }

  static HttpResponse<String> call(String method, String url, String token, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test void startsOnPortZeroPrintsTheTokenOnceAndKeepsDataAcrossRestarts() throws Exception {
    Path dir = Files.createTempDirectory("floe-jar");
    try {
      String adminToken;
      try (Started first = start(dir, Map.of(), "--data-dir", dir.resolve("data").toString(),
          "--http-port", "0", "--pg-port", "0")) {
        assertThat(first.adminToken()).isNotNull();
        assertThat(first.httpUrl()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
        assertThat(first.jdbcUrl()).isEqualTo(first.httpUrl().replace("http://", "jdbc:floe://"));
        assertThat(first.output().get(first.output().size() - 1))
            .matches("Floe ready: http://127\\.0\\.0\\.1:\\d+ jdbc:floe://127\\.0\\.0\\.1:\\d+ "
                + "postgresql://127\\.0\\.0\\.1:\\d+").doesNotEndWith(":0");
        adminToken = first.adminToken();
        assertThat(call("GET", first.httpUrl() + "/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", first.httpUrl() + "/projects", adminToken, "{\"id\":\"kept\"}").statusCode())
            .isEqualTo(201);
        System.out.println("floe.jar start to ready: " + first.millis() + " ms");
      }
      try (Started second = start(dir, Map.of("FLOE_DATA_DIR", dir.resolve("data").toString(),
          "FLOE_HTTP_PORT", "0", "FLOE_PG_PORT", "0"))) {
        assertThat(second.adminToken()).as("the token is printed only when generated").isNull();
        assertThat(String.join("\n", second.output())).doesNotContain(adminToken);
        assertThat(call("GET", second.httpUrl() + "/projects/kept", adminToken, null).statusCode()).isEqualTo(200);
      }
      String catalog = new String(Files.readAllBytes(dir.resolve("data/catalog.db")), StandardCharsets.ISO_8859_1);
      assertThat(catalog).as("tokens are stored hashed").doesNotContain(adminToken);
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  /** snowflake-jdbc's Arrow results need java.nio open: the manifest opens it for {@code java -jar}. */
  @Test void carriesTheSnowflakeDriverWithJavaNioOpen() throws IOException {
    try (JarFile jar = new JarFile("target/floe.jar")) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Add-Opens")).isEqualTo("java.base/java.nio");
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertThat(drivers).contains("net.snowflake.client.api.driver.SnowflakeDriver");
    }
  }

  @Test void configuredAdminTokenFromTheEnvironment() throws Exception {
    Path dir = Files.createTempDirectory("floe-jar");
    try (Started s = start(dir, Map.of("FLOE_ADMIN_TOKEN", "configured-admin-secret-1234",
        "FLOE_HTTP_PORT", "0", "FLOE_PG_PORT", "0"))) {
      assertThat(s.adminToken()).isNull();
      assertThat(call("GET", s.httpUrl() + "/projects", "configured-admin-secret-1234", null).statusCode())
          .isEqualTo(200);
      assertThat(dir.resolve("floe-data/catalog.db")).exists();
      String catalog = new String(Files.readAllBytes(dir.resolve("floe-data/catalog.db")), StandardCharsets.ISO_8859_1);
      assertThat(catalog).doesNotContain("configured-admin-secret-1234");
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void noArgumentsMeansEmbeddedDefaultsOn8080() throws Exception {
    for (int port : new int[] {8080, 5433}) {
      try (ServerSocket probe = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
        assertThat(probe.getLocalPort()).isEqualTo(port);
      } catch (IOException busy) {
        assumeTrue(false, "port " + port + " is taken on this machine");
      }
    }
    Path dir = Files.createTempDirectory("floe-jar");
    try (Started s = start(dir, Map.of())) {
      assertThat(s.httpUrl()).isEqualTo("http://127.0.0.1:8080");
      assertThat(String.join("\n", s.output())).contains("postgresql://127.0.0.1:5433");
      assertThat(s.adminToken()).startsWith("floe_admin_");
      assertThat(dir.resolve("floe-data/catalog.db")).exists();
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  /** A floe process that is expected to stop by itself: its exit code and what it printed. */
  record Exited(int code, String stdout, String stderr) {}

  static Exited runToExit(Path workDir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Path.of("target/floe.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "floe-stdout-", ".log");
    Path err = Files.createTempFile(workDir, "floe-stderr-", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FLOE_"));
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("floe did not stop: " + Files.readString(out) + Files.readString(err));
    }
    return new Exited(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test void aBusyPortStopsTheStartWithItsOptionAndTheTokenComesAtTheNextStart() throws Exception {
    Path dir = Files.createTempDirectory("floe-jar");
    String data = dir.resolve("data").toString();
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Exited failed = runToExit(dir, "--data-dir", data, "--http-port", "0", "--pg-port",
          String.valueOf(port));
      assertThat(failed.code()).isEqualTo(1);
      assertThat(failed.stderr())
          .contains("Floe did not start: cannot listen on 127.0.0.1:" + port + " (PostgreSQL)")
          .contains("--pg-port").contains("FLOE_PG_PORT")
          .as("no stack trace").doesNotContain("\tat ").doesNotContain("BindException");
      assertThat(failed.stdout()).doesNotContain("Admin token").doesNotContain("Floe ready");
      Exited httpFailed = runToExit(dir, "--data-dir", data, "--http-port", String.valueOf(port),
          "--pg-port", "0");
      assertThat(httpFailed.code()).isEqualTo(1);
      assertThat(httpFailed.stderr()).contains("127.0.0.1:" + port + " (HTTP)").contains("--http-port");
    }
    try (Started next = start(dir, Map.of(), "--data-dir", data, "--http-port", "0", "--pg-port", "0")) {
      assertThat(next.adminToken()).as("the failed starts stored no token").startsWith("floe_admin_");
      assertThat(call("GET", next.httpUrl() + "/projects", next.adminToken(), null).statusCode())
          .isEqualTo(200);
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void aSecondProcessOnTheSameDataDirectoryIsRefused() throws Exception {
    Path dir = Files.createTempDirectory("floe-jar");
    String data = dir.resolve("data").toString();
    try (Started first = start(dir, Map.of(), "--data-dir", data, "--http-port", "0", "--pg-port", "0")) {
      Exited second = runToExit(dir, "--data-dir", data, "--http-port", "0", "--pg-port", "0");
      assertThat(second.code()).isEqualTo(1);
      assertThat(second.stderr()).contains("Floe did not start: data directory")
          .contains("is in use by another Floe (pid " + first.process().pid())
          .contains("--data-dir").doesNotContain("\tat ");
      assertThat(call("POST", first.httpUrl() + "/projects", first.adminToken(), "{\"id\":\"still\"}")
          .statusCode()).as("the first one goes on").isEqualTo(201);
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }

  @Test void aWeakConfiguredAdminTokenIsWarnedAbout() throws Exception {
    Path dir = Files.createTempDirectory("floe-jar");
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      // The warning comes before the start, which the busy port then ends.
      Exited weak = runToExit(dir, "--admin-token", "secret", "--http-port",
          String.valueOf(taken.getLocalPort()), "--pg-port", "0");
      assertThat(weak.stderr()).contains("warning: the admin token given with --admin-token")
          .contains("is only 6 characters long").doesNotContain("secret");
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }
}

package io.floe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.floe.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Floe started as a process with {@code --log-file}: the file gets an access line per HTTP request
 * (REST and JDBC) and per PostgreSQL session, start and end lines of imports run now and as jobs,
 * and the shutdown lines; never a token or a password. {@code FLOE_LOG_LEVEL} and
 * {@code FLOE_LOG_FILE} do the same from the environment, and a restart appends.
 */
class LogFileTest {
  private static final Pattern READY = Pattern.compile("Floe ready: (http://\\S+) (jdbc:floe://\\S+) (postgresql://\\S+)");
  private static final String ADMIN = "log-test-admin-token-0123456789";
  private static final String TABLE = "/projects/logged/buckets/in_c_logs/tables";

  /** Starts {@code io.floe.server.Main} from the test class path; returns it once ready and its HTTP URL. */
  private static Process start(Path dir, Map<String, String> env, List<String> lines, String... args)
      throws Exception {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classPath,
        "io.floe.server.Main", "--data-dir", dir.resolve("data").toString(), "--http-port", "0",
        "--pg-port", "0", "--duckdb-threads", "1", "--duckdb-memory-limit", "512MB"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FLOE_"));
    pb.environment().put("FLOE_ADMIN_TOKEN", ADMIN);
    pb.environment().putAll(env);
    Process p = pb.start();
    var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        lines.add(m.group(1));
        lines.add(m.group(2));
        return p;
      }
    }
    p.destroyForcibly();
    throw new AssertionError("floe never became ready:\n" + Files.readString(dir.resolve("stderr.txt")));
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("floe did not stop on SIGTERM");
    }
  }

  private static JsonNode ok(java.net.http.HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isLessThan(300);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body().isEmpty() ? "{}" : r.body());
  }

  @Test void theLogFileHasAccessJobAndShutdownLinesAndNoSecrets() throws Exception {
    Path dir = Files.createTempDirectory("floe-log");
    Path log = dir.resolve("logs/floe.log");
    try {
      List<String> urls = new ArrayList<>();
      Process floe = start(dir, Map.of(), urls, "--log-file", log.toString(), "--log-level", "INFO");
      String key;
      String workspacePassword;
      String job;
      try {
        String http = urls.get(0);
        key = ok(ServerJarIT.call("POST", http + "/projects", ADMIN, "{\"id\":\"logged\"}"))
            .get("api_key").asText();
        ok(ServerJarIT.call("POST", http + "/projects/logged/buckets", key, "{\"name\":\"in_c_logs\"}"));
        ok(ServerJarIT.call("POST", http + TABLE, key, "{\"name\":\"t\",\"columns\":["
            + "{\"name\":\"id\",\"type\":\"INTEGER\"}]}"));
        ImportCrashIT.call("POST", http + TABLE + "/t/import", key, "text/csv",
            java.net.http.HttpRequest.BodyPublishers.ofString("id\n1\n2\n3\n"));
        job = ImportCrashIT.call("POST", http + TABLE + "/t/import?incremental=true&async=true", key,
            "text/csv", java.net.http.HttpRequest.BodyPublishers.ofString("id\n4\n")).get("id").asText();
        String status = "waiting";
        for (int i = 0; i < 500 && !status.equals("success") && !status.equals("error"); i++) {
          Thread.sleep(20);
          status = ok(ServerJarIT.call("GET", http + "/projects/logged/jobs/" + job, key, null))
              .get("status").asText();
        }
        assertThat(status).isEqualTo("success");
        // A secret in the query string never reaches the log; a bad token is logged without principal.
        ServerJarIT.call("GET", http + "/health?api_key=" + key, null, null);
        assertThat(ServerJarIT.call("GET", http + "/projects/logged", key + "x", null).statusCode())
            .isEqualTo(401);

        try (Connection c = DriverJar.connect(urls.get(1), key); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select count(*) from in_c_logs.t")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(4);
        }

        JsonNode ws = ok(ServerJarIT.call("POST", http + "/projects/logged/workspaces", key, "{}"))
            .get("connection");
        workspacePassword = ws.get("password").asText();
        Properties p = new Properties();
        p.setProperty("user", ws.get("username").asText());
        p.setProperty("password", workspacePassword);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
            + ws.get("port").asInt() + "/" + ws.get("database").asText(), p);
            Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
          assertThat(rs.next()).isTrue();
        }
      } finally {
        stop(floe);
      }

      String text = Files.readString(log);
      assertThat(text)
          .containsPattern("INFO floe.access.http - method=POST path=/projects status=201 bytes=\\d+ "
              + "duration_ms=\\d+ principal=admin remote=127.0.0.1")
          .containsPattern("method=POST path=/projects/logged/buckets status=201 .* principal=token:tok_\\w+ ")
          .containsPattern("method=GET path=/health status=200 .* principal=- remote=127.0.0.1")
          .containsPattern("method=GET path=/projects/logged status=401 .* principal=- ")
          .containsPattern("method=POST path=/avatica status=200 .* principal=token:tok_\\w+ remote=127.0.0.1")
          .containsPattern("INFO floe.access.pgwire - open pid=\\d+ user=\\w+ database=workspace_\\w+ "
              + "remote=127.0.0.1 tls=(true|false)")
          .containsPattern("INFO floe.access.pgwire - close pid=\\d+ user=\\w+ remote=127.0.0.1 "
              + "duration_ms=\\d+ end=closed")
          .containsPattern("INFO floe.jobs - import started table=logged.in_c_logs.t job=- "
              + "principal=token:tok_\\w+ format=csv incremental=false upload_bytes=9")
          .containsPattern("INFO floe.jobs - import finished table=logged.in_c_logs.t job=- rows=3 "
              + "total_rows=3 size_bytes=\\d+ duration_ms=\\d+ outcome=ok")
          .containsPattern("import started table=logged.in_c_logs.t job=" + job + " .* incremental=true")
          .containsPattern("import finished table=logged.in_c_logs.t job=" + job + " rows=1 total_rows=4 ")
          .containsPattern("INFO io.floe.server.FloeServer - Floe stopping after \\d+ s up")
          .containsPattern("INFO io.floe.server.FloeServer - Floe stopped after \\d+\\.\\d s")
          .doesNotContain(ADMIN).doesNotContain(key).doesNotContain(workspacePassword)
          .doesNotContain("api_key=");
      assertThat(Files.readString(dir.resolve("stderr.txt"))).as("stderr keeps the log too")
          .contains("Floe stopped after");

      // From the environment, at warn: nothing at info is added, and the file is appended to.
      floe = start(dir, Map.of("FLOE_LOG_LEVEL", "warn", "FLOE_LOG_FILE", log.toString()), urls = new ArrayList<>());
      try {
        assertThat(ServerJarIT.call("GET", urls.get(0) + "/health", null, null).statusCode()).isEqualTo(200);
      } finally {
        stop(floe);
      }
      String appended = Files.readString(log);
      assertThat(appended).startsWith(text);
      assertThat(appended.substring(text.length())).doesNotContain(" INFO ");
    } finally {
      TestEngine.deleteRecursively(dir);
    }
  }
}

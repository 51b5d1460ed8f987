package io.floe.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real {@code floe.jar}, run as its own process, as users run it. */
final class FloeProcess implements AutoCloseable {
  static final String ADMIN_TOKEN = "bench-admin-token-1234567890";
  private static final Pattern READY = Pattern.compile("Floe ready: (http://\\S+) (jdbc:floe://\\S+)(?: (postgresql://\\S+))?");

  final Process process;
  final String httpUrl;
  final String jdbcUrl;
  final String pgUrl;
  final long startMillis;

  private FloeProcess(Process process, String httpUrl, String jdbcUrl, String pgUrl, long startMillis) {
    this.process = process;
    this.httpUrl = httpUrl;
    this.jdbcUrl = jdbcUrl;
    this.pgUrl = pgUrl;
    this.startMillis = startMillis;
  }

  static FloeProcess start(Path floeJar, Path dataDir, int duckDbThreads, List<String> jvmOptions)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", floeJar.toString(), "--data-dir", dataDir.toString(),
        "--http-port", "0", "--admin-token", ADMIN_TOKEN, "--duckdb-threads", String.valueOf(duckDbThreads),
        "--max-sessions-per-principal", "2000", "--pg-port", "0"));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectError(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("FLOE_"));
    long t0 = System.nanoTime();
    Process p = pb.start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        Thread drain = new Thread(() -> {
          try {
            while (out.readLine() != null) {
              // keep the pipe empty
            }
          } catch (IOException ignored) {
            // process ended
          }
        }, "floe-stdout");
        drain.setDaemon(true);
        drain.start();
        return new FloeProcess(p, m.group(1), m.group(2), m.group(3), ms);
      }
    }
    throw new IOException("floe.jar exited before it was ready; see " + dataDir + "-server.log");
  }

  long pid() {
    return process.pid();
  }

  /** Heap in use after a full GC, in bytes, read with the JDK's jcmd. */
  long usedHeapAfterGc() throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    run(jcmd, String.valueOf(pid()), "GC.run");
    String info = run(jcmd, String.valueOf(pid()), "GC.heap_info");
    Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IOException("cannot read heap use from: " + info);
    }
    return Long.parseLong(m.group(2)) * 1024;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  @Override public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}

package io.floe.bench;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * A PostgreSQL server from the Debian packages, initialised in a temporary directory and started on
 * loopback for the comparison, then stopped and removed.
 */
final class PostgresServer implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  final int port;
  private final boolean asPostgresUser;

  private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.asPostgresUser = asPostgresUser;
  }

  /** The newest installed PostgreSQL's bin directory. */
  static Optional<Path> findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
          .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())));
    }
  }

  static PostgresServer start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("floe-bench-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresServer pg = new PostgresServer(bin, dir, port, root);
    if (root) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
    pg.exec(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust",
        "-U", "postgres", "-E", "UTF8", "--no-sync");
    pg.exec(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w",
        "-l", dir.resolve("server.log").toString(), "-o",
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
            + " -c fsync=off -c synchronous_commit=off -c shared_buffers=1GB -c max_connections=200",
        "start");
    return pg;
  }

  private void exec(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(List.of(command));
    run(full);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out);
    }
  }

  /** A connection whose unqualified names resolve in schema {@code tpch}, as Floe's do. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?currentSchema="
        + Bench.BUCKET, "postgres", "");
  }

  /** Creates {@code tpch.<table>} and loads a CSV file (with header) into it with COPY. */
  void load(TpchData.Table table, Path csv) throws SQLException, IOException {
    String name = Bench.BUCKET + "." + table.name();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + Bench.BUCKET);
      s.execute("DROP TABLE IF EXISTS " + name);
      s.execute(table.ddl(name));
      try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        c.unwrap(PGConnection.class).getCopyAPI()
            .copyIn("COPY " + name + " FROM STDIN WITH (FORMAT csv, HEADER true)", in);
      }
      if (!table.primaryKey().isEmpty()) {
        s.execute("ALTER TABLE " + name + " ADD PRIMARY KEY (" + String.join(", ", table.primaryKey()) + ")");
      }
      s.execute("ANALYZE " + name);
    }
  }

  @Override public void close() throws IOException, InterruptedException {
    try {
      exec(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

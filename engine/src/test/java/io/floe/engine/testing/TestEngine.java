package io.floe.engine.testing;

import io.floe.engine.Engine;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.Principal;
import io.floe.engine.api.admin.CsvOptions;
import io.floe.engine.api.admin.CsvSource;
import io.floe.engine.api.admin.TableSpec;
import io.floe.engine.api.catalog.ColumnDef;
import io.floe.engine.api.catalog.ColumnType;
import io.floe.engine.api.catalog.TableDef;
import io.floe.engine.service.ProjectService;
import io.floe.engine.service.TableService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real engine on a temporary data directory, for tests: real SQLite catalog, real DuckDB files.
 * Close it to stop the engine and delete the directory.
 */
public final class TestEngine implements AutoCloseable {
  private final Path dataDir;
  private final boolean ownsDir;
  private final Engine engine;
  private final String adminToken;

  private TestEngine(Path dataDir, boolean ownsDir, EngineConfig config, String adminToken) {
    this(dataDir, ownsDir, Engine.start(config), adminToken);
  }

  private TestEngine(Path dataDir, boolean ownsDir, Engine engine, String adminToken) {
    this.dataDir = dataDir;
    this.ownsDir = ownsDir;
    this.engine = engine;
    this.adminToken = adminToken;
    engine.ensureAdminToken(adminToken);
  }

  public static TestEngine start() {
    try {
      Path dir = Files.createTempDirectory("floe-test");
      return new TestEngine(dir, true, EngineConfig.defaults(dir).withDuckDb("1GB", 2), "test-admin-token");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An engine on a temporary directory and a clock the test moves. */
  public static TestEngine start(java.time.Clock clock) {
    try {
      Path dir = Files.createTempDirectory("floe-test");
      return new TestEngine(dir, true, Engine.start(EngineConfig.defaults(dir).withDuckDb("1GB", 2),
          io.floe.engine.api.JobConfig.defaults(), clock), "test-admin-token");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts an engine on an existing directory (for restart tests); the caller owns the directory. */
  public static TestEngine restart(Path dataDir) {
    return new TestEngine(dataDir, false, EngineConfig.defaults(dataDir).withDuckDb("1GB", 2),
        "test-admin-token");
  }

  public static TestEngine start(EngineConfig config) {
    return new TestEngine(config.dataDir(), false, config, "test-admin-token");
  }

  /** An engine on a clock the test moves (token and workspace expiry); the caller owns the directory. */
  public static TestEngine start(EngineConfig config, java.time.Clock clock) {
    return new TestEngine(config.dataDir(), false,
        Engine.start(config, io.floe.engine.api.JobConfig.defaults(), clock), "test-admin-token");
  }

  /** An engine with its own job settings; the caller owns the directory. */
  public static TestEngine start(EngineConfig config, io.floe.engine.api.JobConfig jobs) {
    return new TestEngine(config.dataDir(), false, Engine.start(config, jobs), "test-admin-token");
  }

  public Engine engine() {
    return engine;
  }

  public Path dataDir() {
    return dataDir;
  }

  public String adminToken() {
    return adminToken;
  }

  public Principal admin() {
    return engine.authenticate(adminToken).orElseThrow();
  }

  public Principal principal(String token) {
    return engine.authenticate(token).orElseThrow();
  }

  /** Creates a project; returns its master token's secret. */
  public String createProject(String id) {
    ProjectService.CreatedProject created = engine.projects().create(admin(), id, id, null);
    return created.masterToken().secret();
  }

  public void createBucket(String projectId, String bucket) {
    engine.buckets().create(admin(), projectId, bucket, "in", null);
  }

  /**
   * Creates a table from column specs like {@code "id INTEGER"}, {@code "amount DECIMAL(38,10)"};
   * a trailing {@code " PK"} puts the column in the primary key.
   */
  public TableDef createTable(String projectId, String bucket, String table, String... columns) {
    List<ColumnDef> defs = new ArrayList<>();
    List<String> pk = new ArrayList<>();
    for (String spec : columns) {
      String s = spec.trim();
      boolean isPk = s.endsWith(" PK");
      if (isPk) {
        s = s.substring(0, s.length() - 3).trim();
      }
      int space = s.indexOf(' ');
      String name = s.substring(0, space);
      defs.add(new ColumnDef(name, ColumnType.parse(s.substring(space + 1)), true));
      if (isPk) {
        pk.add(name);
      }
    }
    return engine.tables().create(admin(), projectId, bucket, new TableSpec(table, null, defs, pk));
  }

  /** Imports CSV text (with a header row) into a table. */
  public TableService.ImportResult importCsv(String projectId, String bucket, String table,
      String csv, boolean incremental) {
    Path file = writeTemp(csv);
    try {
      return engine.tables().importData(admin(), projectId, bucket, table,
          new CsvSource(file, CsvOptions.DEFAULT), incremental,
          TableService.WriteControl.NONE);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // temporary file
      }
    }
  }

  public Path writeTemp(String content) {
    try {
      Path file = Files.createTempFile(dataDir, "upload", ".csv");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CSV lines joined with newlines, header first. */
  public static String csv(String... lines) {
    return String.join("\n", Arrays.asList(lines)) + "\n";
  }

  @Override public void close() {
    engine.close();
    if (ownsDir) {
      deleteRecursively(dataDir);
    }
  }

  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }
}

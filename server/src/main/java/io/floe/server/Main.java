package io.floe.server;

import io.floe.avatica.AvaticaConfig;
import io.floe.engine.api.EngineConfig;
import io.floe.engine.api.Floe;
import io.floe.engine.api.WorkspaceConfig;
import io.floe.pgwire.PgConfig;
import io.floe.web.WebConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar floe.jar}: starts Floe. With no arguments it runs on embedded defaults: data in
 * {@code ./floe-data}, HTTP on 127.0.0.1:8080, an admin token generated and printed once. Every
 * option can also be set through the environment variable named in its description.
 */
@Command(name = "floe", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Floe: a data gateway for DuckDB storage.", sortOptions = false)
public final class Main implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "${env:FLOE_DATA_DIR:-./floe-data}",
      description = "Data directory (catalog, tables, audit). Env FLOE_DATA_DIR. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--http-host", defaultValue = "${env:FLOE_HTTP_HOST:-127.0.0.1}",
      description = "Interface to listen on. Env FLOE_HTTP_HOST. Default: ${DEFAULT-VALUE}")
  String httpHost;

  @Option(names = "--http-port", defaultValue = "${env:FLOE_HTTP_PORT:-8080}",
      description = "HTTP port; 0 picks a free one. Env FLOE_HTTP_PORT. Default: ${DEFAULT-VALUE}")
  int httpPort;

  @Option(names = "--pg-host", defaultValue = "${env:FLOE_PG_HOST}",
      description = "Interface the PostgreSQL listener (workspaces) binds to. Env FLOE_PG_HOST. "
          + "Default: the HTTP host")
  String pgHost;

  @Option(names = "--pg-port", defaultValue = "${env:FLOE_PG_PORT:-5433}",
      description = "PostgreSQL port; 0 picks a free one. Env FLOE_PG_PORT. Default: ${DEFAULT-VALUE}")
  int pgPort;

  @Option(names = "--pg-tls-keystore", defaultValue = "${env:FLOE_PG_TLS_KEYSTORE}",
      description = "PKCS#12 key store for PostgreSQL TLS; without it a self-signed certificate is "
          + "generated in the data directory. Env FLOE_PG_TLS_KEYSTORE.")
  Path pgTlsKeyStore;

  @Option(names = "--pg-tls-keystore-password", defaultValue = "${env:FLOE_PG_TLS_KEYSTORE_PASSWORD}",
      description = "Password of that key store. Env FLOE_PG_TLS_KEYSTORE_PASSWORD.")
  String pgTlsKeyStorePassword;

  @Option(names = "--pg-require-tls", defaultValue = "${env:FLOE_PG_REQUIRE_TLS:-false}",
      description = "Refuse PostgreSQL clients without TLS, also on loopback (other addresses always "
          + "need TLS). Env FLOE_PG_REQUIRE_TLS. Default: ${DEFAULT-VALUE}")
  boolean pgRequireTls;

  @Option(names = "--pg-advertised-host", defaultValue = "${env:FLOE_PG_ADVERTISED_HOST}",
      description = "Host name workspace connection blocks tell clients to connect to (a load "
          + "balancer, a DNS name). Env FLOE_PG_ADVERTISED_HOST. Default: the PostgreSQL bind host, "
          + "or this machine's name when it binds every interface")
  String pgAdvertisedHost;

  @Option(names = "--pg-allow-cleartext-over-tls",
      defaultValue = "${env:FLOE_PG_ALLOW_CLEARTEXT_OVER_TLS:-false}",
      description = "Ask TLS clients for a cleartext password instead of SCRAM-SHA-256 (for tools "
          + "that speak nothing else); never on plain connections. Env "
          + "FLOE_PG_ALLOW_CLEARTEXT_OVER_TLS. Default: ${DEFAULT-VALUE}")
  boolean pgAllowCleartextOverTls;

  @Option(names = "--pg-max-connections", defaultValue = "${env:FLOE_PG_MAX_CONNECTIONS:-256}",
      description = "PostgreSQL sessions served at once; more are refused (SQLSTATE 53300). "
          + "Env FLOE_PG_MAX_CONNECTIONS. Default: ${DEFAULT-VALUE}")
  int pgMaxConnections;

  @Option(names = "--pg-idle-timeout", defaultValue = "${env:FLOE_PG_IDLE_TIMEOUT:-1h}",
      converter = DurationConverter.class,
      description = "PostgreSQL sessions that send nothing this long are closed (SQLSTATE 57P05); "
          + "0 for never. Env FLOE_PG_IDLE_TIMEOUT. Default: ${DEFAULT-VALUE}")
  Duration pgIdleTimeout;

  @Option(names = "--admin-token", defaultValue = "${env:FLOE_ADMIN_TOKEN}",
      description = "Admin token; without it one is generated on first start and printed once. "
          + "Env FLOE_ADMIN_TOKEN.")
  String adminToken;

  @Option(names = "--duckdb-memory-limit", defaultValue = "${env:FLOE_DUCKDB_MEMORY_LIMIT}",
      description = "DuckDB memory limit, e.g. 8GB. Env FLOE_DUCKDB_MEMORY_LIMIT. Default: DuckDB's (80%% of RAM)")
  String duckDbMemoryLimit;

  @Option(names = "--duckdb-threads", defaultValue = "${env:FLOE_DUCKDB_THREADS:-0}",
      description = "DuckDB threads; 0 = one per core. Env FLOE_DUCKDB_THREADS. Default: ${DEFAULT-VALUE}")
  int duckDbThreads;

  @Option(names = "--statement-timeout", defaultValue = "${env:FLOE_STATEMENT_TIMEOUT:-5m}",
      converter = DurationConverter.class,
      description = "Default statement timeout (e.g. 30s, 5m). Env FLOE_STATEMENT_TIMEOUT. Default: ${DEFAULT-VALUE}")
  Duration statementTimeout;

  @Option(names = "--max-statement-timeout", defaultValue = "${env:FLOE_MAX_STATEMENT_TIMEOUT:-1h}",
      converter = DurationConverter.class,
      description = "Longest timeout a client may ask for. Env FLOE_MAX_STATEMENT_TIMEOUT. Default: ${DEFAULT-VALUE}")
  Duration maxStatementTimeout;

  @Option(names = "--max-sessions-per-principal", defaultValue = "${env:FLOE_MAX_SESSIONS_PER_PRINCIPAL:-64}",
      description = "Open sessions (JDBC connections, ...) per token. Env FLOE_MAX_SESSIONS_PER_PRINCIPAL. "
          + "Default: ${DEFAULT-VALUE}")
  int maxSessionsPerPrincipal;

  @Option(names = "--jdbc-idle-timeout", defaultValue = "${env:FLOE_JDBC_IDLE_TIMEOUT:-30m}",
      converter = DurationConverter.class,
      description = "JDBC connections unused this long are closed. Env FLOE_JDBC_IDLE_TIMEOUT. "
          + "Default: ${DEFAULT-VALUE}")
  Duration jdbcIdleTimeout;

  @Option(names = "--jdbc-max-rows-per-frame", defaultValue = "${env:FLOE_JDBC_MAX_ROWS_PER_FRAME:-100000}",
      description = "Most rows one JDBC fetch returns. Env FLOE_JDBC_MAX_ROWS_PER_FRAME. Default: ${DEFAULT-VALUE}")
  int jdbcMaxRowsPerFrame;

  @Option(names = "--max-upload-size", defaultValue = "${env:FLOE_MAX_UPLOAD_SIZE:-50GB}",
      converter = SizeConverter.class,
      description = "Largest import upload. Env FLOE_MAX_UPLOAD_SIZE. Default: ${DEFAULT-VALUE}")
  long maxUploadBytes;

  @Option(names = "--async-import-threshold", defaultValue = "${env:FLOE_ASYNC_IMPORT_THRESHOLD:-16MB}",
      converter = SizeConverter.class,
      description = "Imports of larger uploads run as a job (202 Accepted). Env FLOE_ASYNC_IMPORT_THRESHOLD. "
          + "Default: ${DEFAULT-VALUE}")
  long asyncImportBytes;

  @Option(names = "--workspace-max-per-project", defaultValue = "${env:FLOE_WORKSPACE_MAX_PER_PROJECT:-10}",
      description = "Workspaces one project may hold at once. Env FLOE_WORKSPACE_MAX_PER_PROJECT. "
          + "Default: ${DEFAULT-VALUE}")
  int workspaceMaxPerProject;

  @Option(names = "--workspace-default-ttl", defaultValue = "${env:FLOE_WORKSPACE_DEFAULT_TTL:-24h}",
      converter = DurationConverter.class,
      description = "Lifetime of a workspace created without ttl_hours. Env FLOE_WORKSPACE_DEFAULT_TTL. "
          + "Default: ${DEFAULT-VALUE}")
  Duration workspaceDefaultTtl;

  @Option(names = "--workspace-max-ttl", defaultValue = "${env:FLOE_WORKSPACE_MAX_TTL:-168h}",
      converter = DurationConverter.class,
      description = "Longest lifetime a client may ask for. Env FLOE_WORKSPACE_MAX_TTL. Default: ${DEFAULT-VALUE}")
  Duration workspaceMaxTtl;

  @Option(names = "--workspace-default-size-limit", defaultValue = "${env:FLOE_WORKSPACE_DEFAULT_SIZE_LIMIT:-10GB}",
      converter = SizeConverter.class,
      description = "Size limit of a workspace created without size_limit_gb. "
          + "Env FLOE_WORKSPACE_DEFAULT_SIZE_LIMIT. Default: ${DEFAULT-VALUE}")
  long workspaceDefaultSizeLimit;

  @Option(names = "--workspace-max-size-limit", defaultValue = "${env:FLOE_WORKSPACE_MAX_SIZE_LIMIT:-100GB}",
      converter = SizeConverter.class,
      description = "Largest size limit a client may ask for. Env FLOE_WORKSPACE_MAX_SIZE_LIMIT. "
          + "Default: ${DEFAULT-VALUE}")
  long workspaceMaxSizeLimit;

  @Option(names = "--workspace-reaper-interval", defaultValue = "${env:FLOE_WORKSPACE_REAPER_INTERVAL:-1m}",
      converter = DurationConverter.class,
      description = "How often expired workspaces are looked for and dropped. "
          + "Env FLOE_WORKSPACE_REAPER_INTERVAL. Default: ${DEFAULT-VALUE}")
  Duration workspaceReaperInterval;

  @Option(names = "--log-level", defaultValue = "${env:FLOE_LOG_LEVEL:-info}",
      converter = LogLevelConverter.class,
      description = "Least severe log lines written: error, warn, info, debug or trace. "
          + "Env FLOE_LOG_LEVEL. Default: ${DEFAULT-VALUE}")
  LogSettings.Level logLevel;

  @Option(names = "--log-file", defaultValue = "${env:FLOE_LOG_FILE}",
      description = "Also append the log to this file. Env FLOE_LOG_FILE. Default: stderr only")
  String logFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final PrintStream out;

  Main(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    Main main = new Main(System.out);
    CommandLine cli = new CommandLine(main);
    cli.setExecutionStrategy(parsed -> {
      if (!parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested()) {
        // Nothing may log before this: slf4j-simple reads its settings when the first logger is made.
        main.applyLogSettings();
        Floe.preload();
      }
      return new CommandLine.RunLast().execute(parsed);
    });
    int code = cli.execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  LogSettings logSettings() {
    return new LogSettings(logLevel == null ? LogSettings.Level.INFO : logLevel,
        blankToNull(logFile) == null ? null : Path.of(logFile.strip()));
  }

  private void applyLogSettings() {
    LogSettings settings = logSettings();
    try {
      settings.apply();
    } catch (java.io.IOException | RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "cannot write the log file " + settings.file() + ": " + e.getMessage(), e);
    }
  }

  ServerConfig config() {
    EngineConfig engine = EngineConfig.defaults(dataDir.toAbsolutePath().normalize())
        .withDuckDb(blankToNull(duckDbMemoryLimit), duckDbThreads)
        .withStatementTimeouts(statementTimeout, maxStatementTimeout)
        .withMaxSessionsPerPrincipal(maxSessionsPerPrincipal)
        .withWorkspaces(workspaces());
    AvaticaConfig avatica = new AvaticaConfig(jdbcMaxRowsPerFrame,
        Math.min(AvaticaConfig.defaults().defaultRowsPerFrame(), jdbcMaxRowsPerFrame), jdbcIdleTimeout,
        AvaticaConfig.defaults().maxConnections());
    String pgBind = blankToNull(pgHost) == null ? httpHost : pgHost.strip();
    PgConfig pg = new PgConfig(pgBind, pgPort, pgMaxConnections, engine.dataDir().resolve("tls"),
        pgTlsKeyStore, blankToNull(pgTlsKeyStorePassword), pgRequireTls, pgAllowCleartextOverTls,
        pgIdleTimeout, blankToNull(pgAdvertisedHost));
    return new ServerConfig(engine, httpHost, httpPort, blankToNull(adminToken), avatica,
        new WebConfig(maxUploadBytes, asyncImportBytes), pg);
  }

  @Override public Integer call() throws Exception {
    ServerConfig config = config();
    AdminTokens.weakness(config.adminToken()).ifPresent(weakness -> System.err.println(
        "warning: the admin token given with --admin-token / FLOE_ADMIN_TOKEN " + weakness
            + "; anyone who guesses it owns every project. Use 32 or more random characters, "
            + "e.g. from `openssl rand -hex 32`."));
    FloeServer server;
    try {
      server = FloeServer.start(config);
    } catch (StartFailure e) {
      System.err.println("Floe did not start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "floe-shutdown"));
    server.generatedAdminToken().ifPresent(token -> {
      out.println("Admin token (shown once; it is stored hashed, keep it safe): " + token);
    });
    out.println("Floe ready: " + server.httpUrl() + " " + server.jdbcUrl() + " " + server.pgUrl());
    out.flush();
    stopped.await();
    return 0;
  }

  private WorkspaceConfig workspaces() {
    try {
      return new WorkspaceConfig(workspaceDefaultTtl, workspaceMaxTtl, workspaceDefaultSizeLimit,
          workspaceMaxSizeLimit, workspaceMaxPerProject, workspaceReaperInterval);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec == null ? new CommandLine(this) : spec.commandLine(),
          e.getMessage(), e);
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Durations as {@code 300ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT5M}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (v.startsWith("pt") || v.startsWith("p")) {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      }
      var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?").matcher(v);
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("not a duration: " + value);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
  }

  /** {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}, in any case. */
  static final class LogLevelConverter implements CommandLine.ITypeConverter<LogSettings.Level> {
    @Override public LogSettings.Level convert(String value) {
      try {
        return LogSettings.Level.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Sizes as {@code 512MB}, {@code 50GB} or a number of bytes. */
  static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
    @Override public Long convert(String value) {
      var m = java.util.regex.Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?")
          .matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new CommandLine.TypeConversionException("not a size: " + value);
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
      return switch (unit) {
        case "k" -> n << 10;
        case "m" -> n << 20;
        case "g" -> n << 30;
        case "t" -> n << 40;
        default -> n;
      };
    }
  }

  /** Prints the version. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override public String[] getVersion() {
      return new String[] {"floe " + Floe.version()};
    }
  }
}

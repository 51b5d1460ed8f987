package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Engine settings, each declared once here with its default and validated on construction.
 *
 * @param dataDir where the catalog, table files, audit log and temporary files live
 * @param duckDbMemoryLimit DuckDB {@code memory_limit} ({@code 4GB}); null for DuckDB's default
 * @param duckDbThreads DuckDB worker threads; 0 for one per core
 * @param defaultStatementTimeout timeout of a statement unless the client sets a lower one
 * @param maxStatementTimeout the most a client may ask for
 * @param maxSessionsPerPrincipal open sessions one principal may hold across all front-ends
 * @param planCacheSize plans kept for reuse
 * @param auditMaxFileBytes size at which the audit log rotates
 * @param auditKeepFiles rotated audit files kept
 * @param workspaces workspace lifetimes, sizes and counts
 * @param statements partitions, memory and retention of detached statements' results
 * @param secretsKeyFile the AES key file stored credentials are sealed with; null for
 *     {@code <data-dir>/secrets.key}, created on first start
 */
public record EngineConfig(Path dataDir, String duckDbMemoryLimit, int duckDbThreads,
    Duration defaultStatementTimeout, Duration maxStatementTimeout, int maxSessionsPerPrincipal,
    int planCacheSize, long auditMaxFileBytes, int auditKeepFiles,
    WorkspaceConfig workspaces,
    StatementConfig statements,
    Path secretsKeyFile) {

  public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration MAX_STATEMENT_TIMEOUT = Duration.ofHours(1);

  public EngineConfig(Path dataDir, String duckDbMemoryLimit, int duckDbThreads,
      Duration defaultStatementTimeout, Duration maxStatementTimeout, int maxSessionsPerPrincipal,
      int planCacheSize, long auditMaxFileBytes, int auditKeepFiles) {
    this(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout, maxStatementTimeout,
        maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles,
        WorkspaceConfig.defaults(),
        StatementConfig.defaults(), null);
  }

  public EngineConfig {
    requireNonNull(dataDir, "dataDir");
    requireNonNull(workspaces, "workspaces");
    requireNonNull(statements, "statements");
    requireNonNull(defaultStatementTimeout, "defaultStatementTimeout");
    requireNonNull(maxStatementTimeout, "maxStatementTimeout");
    if (defaultStatementTimeout.isNegative() || defaultStatementTimeout.isZero()) {
      throw new IllegalArgumentException("statement timeout must be positive");
    }
    if (maxStatementTimeout.compareTo(defaultStatementTimeout) < 0) {
      throw new IllegalArgumentException("the maximum statement timeout " + maxStatementTimeout
          + " is below the default " + defaultStatementTimeout);
    }
    if (duckDbThreads < 0 || maxSessionsPerPrincipal < 1 || planCacheSize < 0
        || auditMaxFileBytes < 1024 || auditKeepFiles < 1) {
      throw new IllegalArgumentException("engine limits must be positive");
    }
  }

  /** Defaults for everything but the data directory. */
  public static EngineConfig defaults(Path dataDir) {
    return new EngineConfig(dataDir, null, 0, DEFAULT_STATEMENT_TIMEOUT, MAX_STATEMENT_TIMEOUT, 64,
        5_000, 64L << 20, 20, WorkspaceConfig.defaults(),
        StatementConfig.defaults(), null);
  }

  public EngineConfig withDuckDb(String memoryLimit, int threads) {
    return new EngineConfig(dataDir, memoryLimit, threads, defaultStatementTimeout,
        maxStatementTimeout, maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles, workspaces,
        statements, secretsKeyFile);
  }

  public EngineConfig withStatementTimeouts(Duration defaultTimeout, Duration maxTimeout) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultTimeout, maxTimeout,
        maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles, workspaces,
        statements, secretsKeyFile);
  }

  public EngineConfig withMaxSessionsPerPrincipal(int max) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout,
        maxStatementTimeout, max, planCacheSize, auditMaxFileBytes, auditKeepFiles, workspaces,
        statements, secretsKeyFile);
  }

  public EngineConfig withWorkspaces(WorkspaceConfig config) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout,
        maxStatementTimeout, maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles,
        config, statements, secretsKeyFile);
  }

  public EngineConfig withAudit(long maxFileBytes, int keepFiles) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout,
        maxStatementTimeout, maxSessionsPerPrincipal, planCacheSize, maxFileBytes, keepFiles, workspaces,
        statements, secretsKeyFile);
  }

  public EngineConfig withStatements(StatementConfig config) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout,
        maxStatementTimeout, maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles,
        workspaces, config, secretsKeyFile);
  }

  /** Secrets (Snowflake credentials) sealed under the key in {@code file}. */
  public EngineConfig withSecretsKeyFile(Path file) {
    return new EngineConfig(dataDir, duckDbMemoryLimit, duckDbThreads, defaultStatementTimeout,
        maxStatementTimeout, maxSessionsPerPrincipal, planCacheSize, auditMaxFileBytes, auditKeepFiles,
        workspaces, statements, file);
  }

  /** The key file secrets are sealed under: the configured one, or one in the data directory. */
  public Path secretsKey() {
    return secretsKeyFile != null ? secretsKeyFile : dataDir.resolve("secrets.key");
  }
}

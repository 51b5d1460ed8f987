package io.floe.engine.storage;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * DuckDB instance settings.
 *
 * @param dataDir root of all table files
 * @param memoryLimit DuckDB {@code memory_limit}, e.g. {@code 4GB}; null leaves DuckDB's default
 *     (80% of RAM)
 * @param threads DuckDB worker threads; 0 leaves DuckDB's default (one per core)
 */
public record StorageConfig(Path dataDir, String memoryLimit, int threads) {
  public StorageConfig {
    requireNonNull(dataDir, "dataDir");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0");
    }
    if (memoryLimit != null && !memoryLimit.matches("(?i)\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)")) {
      throw new IllegalArgumentException("memory limit must look like 4GB or 512MiB, got " + memoryLimit);
    }
  }
}

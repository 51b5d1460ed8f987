package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How detached statements hold their results.
 *
 * @param partitionRows rows per partition of a held result
 * @param maxHeldBytes estimated bytes all held results may take together
 * @param retention how long a result stays readable after its statement finished
 */
public record StatementConfig(int partitionRows, long maxHeldBytes, Duration retention) {
  public StatementConfig {
    requireNonNull(retention, "retention");
    if (partitionRows < 1 || maxHeldBytes < 1 || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("partition rows, held bytes and retention must be positive");
    }
  }

  public static StatementConfig defaults() {
    return new StatementConfig(10_000, 256L << 20, Duration.ofHours(1));
  }
}

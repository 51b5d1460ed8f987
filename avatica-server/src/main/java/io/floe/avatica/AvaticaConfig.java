package io.floe.avatica;

import java.time.Duration;

/**
 * Limits of the Avatica endpoint.
 *
 * @param maxRowsPerFrame the most rows one fetch returns, whatever the client asks
 * @param defaultRowsPerFrame rows per frame when the client does not say
 * @param connectionIdleTimeout connections unused this long are closed
 * @param maxConnections open connections across all principals
 */
public record AvaticaConfig(int maxRowsPerFrame, int defaultRowsPerFrame,
    Duration connectionIdleTimeout, int maxConnections) {
  public AvaticaConfig {
    if (maxRowsPerFrame < 1 || defaultRowsPerFrame < 1 || defaultRowsPerFrame > maxRowsPerFrame) {
      throw new IllegalArgumentException("frame sizes must be positive, default <= max");
    }
    if (connectionIdleTimeout.isNegative() || connectionIdleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive");
    }
  }

  public static AvaticaConfig defaults() {
    return new AvaticaConfig(100_000, 10_000, Duration.ofMinutes(30), 1_000);
  }
}

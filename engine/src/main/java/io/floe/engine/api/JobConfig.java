package io.floe.engine.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Settings of background jobs, each declared once here with its default.
 *
 * @param workers jobs that run at the same time
 * @param queueCapacity jobs that may wait; more are refused with 503
 * @param timeout longest a job may run before it is stopped
 * @param fileRetention how long files a job produced (exports) stay downloadable
 */
public record JobConfig(int workers, int queueCapacity, Duration timeout, Duration fileRetention) {
  public JobConfig {
    requireNonNull(timeout, "timeout");
    requireNonNull(fileRetention, "fileRetention");
    if (workers < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("job workers and queue capacity must be positive");
    }
    if (timeout.isNegative() || timeout.isZero() || fileRetention.isNegative()) {
      throw new IllegalArgumentException("job timeout must be positive, file retention not negative");
    }
  }

  public static JobConfig defaults() {
    return new JobConfig(2, 100, Duration.ofHours(6), Duration.ofHours(24));
  }
}

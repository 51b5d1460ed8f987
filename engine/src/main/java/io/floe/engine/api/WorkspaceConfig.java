package io.floe.engine.api;

import java.time.Duration;

/**
 * Workspace limits, each declared once here with its default (the seed's values) and validated on
 * construction.
 *
 * @param defaultTtl lifetime of a workspace created without {@code ttl_hours}
 * @param maxTtl the longest lifetime a client may ask for
 * @param defaultSizeLimitBytes size limit of a workspace created without {@code size_limit_gb}
 * @param maxSizeLimitBytes the largest size limit a client may ask for
 * @param maxWorkspacesPerProject workspaces one project may hold at once
 * @param reaperInterval how often expired workspaces are looked for and dropped
 */
public record WorkspaceConfig(Duration defaultTtl, Duration maxTtl, long defaultSizeLimitBytes,
    long maxSizeLimitBytes, int maxWorkspacesPerProject, Duration reaperInterval) {
  public static final long GB = 1L << 30;

  public WorkspaceConfig {
    if (defaultTtl.isNegative() || defaultTtl.isZero() || maxTtl.compareTo(defaultTtl) < 0) {
      throw new IllegalArgumentException("workspace TTLs must be positive, default <= maximum");
    }
    if (defaultSizeLimitBytes < 1 || maxSizeLimitBytes < defaultSizeLimitBytes) {
      throw new IllegalArgumentException("workspace size limits must be positive, default <= maximum");
    }
    if (maxWorkspacesPerProject < 1 || reaperInterval.isNegative() || reaperInterval.isZero()) {
      throw new IllegalArgumentException("workspace limits must be positive");
    }
  }

  /**
   * The seed's limits: 24 h default TTL (at most 168 h), 10 GB default size, 10 workspaces per
   * project; a client may ask for up to 100 GB, and expired workspaces are looked for every minute.
   */
  public static WorkspaceConfig defaults() {
    return new WorkspaceConfig(Duration.ofHours(24), Duration.ofHours(168), 10 * GB, 100 * GB, 10,
        Duration.ofMinutes(1));
  }

  public WorkspaceConfig withMaxWorkspacesPerProject(int max) {
    return new WorkspaceConfig(defaultTtl, maxTtl, defaultSizeLimitBytes, maxSizeLimitBytes, max,
        reaperInterval);
  }

  public WorkspaceConfig withReaperInterval(Duration interval) {
    return new WorkspaceConfig(defaultTtl, maxTtl, defaultSizeLimitBytes, maxSizeLimitBytes,
        maxWorkspacesPerProject, interval);
  }
}

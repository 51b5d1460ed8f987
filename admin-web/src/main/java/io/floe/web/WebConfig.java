package io.floe.web;

/**
 * Limits of the REST API.
 *
 * @param maxUploadBytes largest import body accepted (413 above it)
 */
public record WebConfig(long maxUploadBytes) {
  public WebConfig {
    if (maxUploadBytes < 1024) {
      throw new IllegalArgumentException("maxUploadBytes must be at least 1 KiB");
    }
  }

  public static WebConfig defaults() {
    return new WebConfig(50L << 30);
  }
}
